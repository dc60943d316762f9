// A chart kind's rules across values as one table: each row is checked by the spec check
// (`checkRules`) and written as the chart's `validateValues` define (`validateValuesTemplate`),
// with the same path and message, so the two cannot drift apart.
import type { ValueProblem } from '../problem.js';
import { duplicateNames, imageProblems, requestsWithinLimits } from '../kinds/common.js';
import { dataLines, evaluate, goString, item, newGoSetup, toGo, type Expression, type GoSetup, type ItemScope } from './expression.js';
import type { ItemRule, MessagePart, ValueRule } from './rule.js';

type Row = ValueRule | ItemRule;

/** The dotted path as keys (`''` is no key: the item itself). */
const keys = (path: string): string[] => (path === '' ? [] : path.split('.'));

function at(values: unknown, path: string): unknown {
  return evaluate({ op: 'value', path: keys(path) }, values);
}

function messageText(parts: readonly MessagePart[], values: unknown, scope?: ItemScope): string {
  return parts.map((part) => (typeof part === 'string' ? part : String(evaluate(part, values, scope)))).join('');
}

/** Every row's id, the rows inside `forEach` rows included (a `forEach` row only groups them). */
export function ruleIds(rules: readonly ValueRule[]): string[] {
  return rules.flatMap((rule) => (rule.rule === 'forEach' ? rule.rules.map((inner) => inner.id) : [rule.id]));
}

/** The block at a row's path: in the values, or within the item of a `forEach` row (`''`: the item itself). */
function blockAt(path: string, values: unknown, scope?: ItemScope): unknown {
  if (!scope) return at(values, path);
  return path === '' ? scope.item : evaluate(item(path), values, scope);
}

/** One row at the top (no scope) or for one item of a `forEach` row (`scope`, reported under `prefix`). */
function checkRow(rule: Row, values: unknown, scope?: ItemScope, prefix: string[] = []): ValueProblem[] {
  const path = [...prefix, ...keys(rule.path)];
  switch (rule.rule) {
    case 'when':
      return evaluate(rule.when, values, scope) ? [{ path, message: messageText(rule.message, values, scope) }] : [];
    case 'image': {
      const image = (blockAt(rule.path, values, scope) ?? {}) as { repository?: string; tag?: string; digest?: string };
      return imageProblems({ repository: image.repository ?? '', tag: image.tag ?? '', digest: image.digest ?? '' }, path, rule.fromPreset);
    }
    case 'requestsWithinLimits':
      return requestsWithinLimits(at(values, rule.path) as Parameters<typeof requestsWithinLimits>[0], path);
    case 'uniqueNames':
      return duplicateNames(at(values, rule.path) as { name?: unknown }[], path);
    case 'custom':
      return scope ? (rule.check as (values: unknown, name: string, item: unknown) => ValueProblem[])(values, scope.name, scope.item) : (rule.check as (values: unknown) => ValueProblem[])(values);
    case 'forEach': {
      const map = (at(values, rule.path) ?? {}) as Record<string, unknown>;
      const names = rule.names ? rule.names.check(values as never) : Object.keys(map).sort();
      return names.flatMap((name) => rule.rules.flatMap((inner) => checkRow(inner, values, { name, item: map[name] }, [...keys(rule.path), name])));
    }
  }
}

/**
 * The spec check: the problems the rules find in `values` (merged with the chart's defaults), in
 * table order, each once (two mounts of one volume would otherwise report its claim twice).
 */
export function checkRules(rules: readonly ValueRule[], values: unknown): ValueProblem[] {
  const seen = new Set<string>();
  return rules
    .flatMap((rule) => checkRow(rule, values))
    .filter((problem) => {
      const key = `${problem.path.join('.')}\u0000${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Where a Go `fail` reports: a printf format and its arguments (an item's name inside `forEach`). */
interface GoPath {
  format: string;
  args: string[];
}

const goPath = (path: string, within?: string): GoPath =>
  within === undefined ? { format: path, args: [] } : { format: [within, '%s', ...keys(path)].join('.'), args: ['$name'] };

/** A `fail` with `path: message`: printf when the message has values in it. */
function goFail(path: GoPath, parts: readonly MessagePart[], setup: GoSetup): string {
  const format = `${path.format}: ${parts.map((part) => (typeof part === 'string' ? part.replaceAll('%', '%%') : '%v')).join('')}`;
  const args = [...path.args, ...parts.filter((part): part is Expression => typeof part !== 'string').map((part) => toGo(part, setup))];
  return args.length === 0 ? `{{- fail ${goString(format.replaceAll('%%', '%'))} }}` : `{{- fail (printf ${goString(format)} ${args.join(' ')}) }}`;
}

/** The printf argument that names a path for a helper (a plain string at the top). */
const goPathArgument = (path: GoPath): string => (path.args.length === 0 ? goString(path.format) : `(printf ${goString(path.format)} ${path.args.join(' ')})`);

/** A row's template lines; `within` is the `forEach` path when the row is inside one (`$item`, `$name` in scope). */
function goRule(rule: Row, chartName: string, data: Map<string, string>, within?: string): string[] {
  const named = (lines: readonly string[]) => lines.map((line) => line.replaceAll('<CHARTNAME>', () => chartName));
  const path = goPath(rule.path, within);
  // The block a helper checks: inside `forEach` the item's (an empty map when it has none, as `item` reads it).
  const block = within === undefined ? `$v.${rule.path}` : rule.path === '' ? '$item' : `(dig ${keys(rule.path).map(goString).join(' ')} (dict) $item)`;
  switch (rule.rule) {
    case 'when': {
      const setup = newGoSetup(data);
      const condition = toGo(rule.when, setup);
      const fail = goFail(path, rule.message, setup);
      return [...setup.lines, `{{- if ${condition.replace(/^\((.*)\)$/, '$1')} }}`, fail, '{{- end }}'];
    }
    case 'image':
      return [`{{- include "${chartName}.validateImage" (dict "image" ${block} "path" ${goPathArgument(path)}${rule.fromPreset ? ' "fromPreset" true' : ''}) }}`];
    case 'requestsWithinLimits':
      return [`{{- include "${chartName}.validateRequestsWithinLimits" (dict "resources" ${block} "path" ${goString(rule.path)}) }}`];
    case 'uniqueNames':
      return [
        '{{- $seen := dict }}',
        `{{- range $index, $item := ${block} }}`,
        '{{- $name := toString $item.name }}',
        '{{- if hasKey $seen $name }}',
        `{{- fail (printf ${goString(`${rule.path}[%d].name: duplicate name %q (also ${rule.path}[%v])`)} $index $name (get $seen $name)) }}`,
        '{{- end }}',
        '{{- $_ := set $seen $name $index }}',
        '{{- end }}',
      ];
    case 'custom':
      return named(rule.go);
    case 'forEach':
      return [
        `{{- range $name := ${rule.names ? named([rule.names.go])[0] : `keys $v.${rule.path} | sortAlpha`} }}`,
        `{{- $item := get $v.${rule.path} $name }}`,
        ...rule.rules.flatMap((inner) => [`{{- /* ${inner.id} */}}`, ...goRule(inner, chartName, data, rule.path)]),
        '{{- end }}',
      ];
  }
}

/** The chart's `_validate.tpl`: the `validateValues` define the chart's templates include before rendering. */
export function validateValuesTemplate(kindTitle: string, chartName: string, rules: readonly ValueRule[]): string {
  const data = new Map<string, string>();
  const body = rules.flatMap((rule) => [`{{- /* ${rule.id} */}}`, ...goRule(rule, chartName, data)]);
  return [
    '{{/*',
    `${kindTitle}: rules across values, checked when the chart renders.`,
    'Generated by chartforge from the kind\'s rule table (packages/kinds): change the table and regenerate',
    'rather than editing this file.',
    '*/}}',
    '',
    '{{/*',
    'Rules across values that values.schema.json cannot express; `helm install --set` cannot bypass them.',
    'The messages are the ones `chartforge generate` reports for the same mistakes.',
    '*/}}',
    `{{- define "${chartName}.validateValues" -}}`,
    '{{- $v := .Values }}',
    ...dataLines(data).map((line) => line.replaceAll('<CHARTNAME>', () => chartName)),
    ...body,
    '{{- end }}',
    '',
  ].join('\n');
}
