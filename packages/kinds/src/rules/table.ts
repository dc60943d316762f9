// A chart kind's rules across values as one table: each row is checked by the spec check
// (`checkRules`) and written as the chart's `validateValues` define (`validateValuesTemplate`),
// with the same path and message, so the two cannot drift apart.
import type { ValueProblem } from '../kind.js';
import { duplicateNames, imageProblems, requestsWithinLimits } from '../kinds/common.js';
import { evaluate, goString, toGo, type Expression, type GoSetup } from './expression.js';

/** A message: text, and expressions whose value is written in its place (`${…}` in TypeScript, `%v` in Go). */
export type MessagePart = string | Expression;

/** One rule across values. `id` names it in tests and READMEs; `path` is the dotted value it reports at. */
export type ValueRule =
  /** `message` at `path` when `when` holds. */
  | { id: string; rule: 'when'; path: string; when: Expression; message: readonly MessagePart[] }
  /** An image block: a repository (unless a preset supplies one) and a tag or digest with it. */
  | { id: string; rule: 'image'; path: string; fromPreset?: boolean }
  /** A resources block: no request above its limit. */
  | { id: string; rule: 'requestsWithinLimits'; path: string }
  /** A list of `{name: …}` entries: each name once. */
  | { id: string; rule: 'uniqueNames'; path: string }
  /**
   * A rule beyond the expressions (state carried across a list, data from generation time), written
   * twice side by side: `check` in TypeScript, `go` the template lines (`$v` is .Values, `$` the
   * root, `<CHARTNAME>` the chart's name). The parity test holds the two to the same messages.
   */
  | { id: string; rule: 'custom'; path: string; check: (values: never) => ValueProblem[]; go: readonly string[] };

function at(values: unknown, path: string): unknown {
  return evaluate({ op: 'value', path: path.split('.') }, values);
}

function messageText(parts: readonly MessagePart[], values: unknown): string {
  return parts.map((part) => (typeof part === 'string' ? part : String(evaluate(part, values)))).join('');
}

/** The spec check: the problems the rules find in `values` (merged with the chart's defaults), in table order. */
export function checkRules(rules: readonly ValueRule[], values: unknown): ValueProblem[] {
  return rules.flatMap((rule): ValueProblem[] => {
    const path = rule.path.split('.');
    switch (rule.rule) {
      case 'when':
        return evaluate(rule.when, values) ? [{ path, message: messageText(rule.message, values) }] : [];
      case 'image':
        return imageProblems(at(values, rule.path) as Parameters<typeof imageProblems>[0], path, rule.fromPreset);
      case 'requestsWithinLimits':
        return requestsWithinLimits(at(values, rule.path) as Parameters<typeof requestsWithinLimits>[0], path);
      case 'uniqueNames':
        return duplicateNames(at(values, rule.path) as { name?: unknown }[], path);
      case 'custom':
        return rule.check(values as never);
    }
  });
}

/** A `fail` with `path: message`: printf when the message has values in it. */
function goFail(path: string, parts: readonly MessagePart[], setup: GoSetup): string {
  const format = `${path}: ${parts.map((part) => (typeof part === 'string' ? part.replaceAll('%', '%%') : '%v')).join('')}`;
  const args = parts.filter((part): part is Expression => typeof part !== 'string').map((part) => toGo(part, setup));
  return args.length === 0 ? `{{- fail ${goString(format.replaceAll('%%', '%'))} }}` : `{{- fail (printf ${goString(format)} ${args.join(' ')}) }}`;
}

function goRule(rule: ValueRule, chartName: string): string[] {
  const values = `$v.${rule.path}`;
  switch (rule.rule) {
    case 'when': {
      const setup: GoSetup = { lines: [], variables: new Map() };
      const condition = toGo(rule.when, setup);
      const fail = goFail(rule.path, rule.message, setup);
      return [...setup.lines, `{{- if ${condition.replace(/^\((.*)\)$/, '$1')} }}`, fail, '{{- end }}'];
    }
    case 'image':
      return [`{{- include "${chartName}.validateImage" (dict "image" ${values} "path" ${goString(rule.path)}${rule.fromPreset ? ' "fromPreset" true' : ''}) }}`];
    case 'requestsWithinLimits':
      return [`{{- include "${chartName}.validateRequestsWithinLimits" (dict "resources" ${values} "path" ${goString(rule.path)}) }}`];
    case 'uniqueNames':
      return [
        '{{- $seen := dict }}',
        `{{- range $index, $item := ${values} }}`,
        '{{- $name := toString $item.name }}',
        '{{- if hasKey $seen $name }}',
        `{{- fail (printf ${goString(`${rule.path}[%d].name: duplicate name %q (also ${rule.path}[%v])`)} $index $name (get $seen $name)) }}`,
        '{{- end }}',
        '{{- $_ := set $seen $name $index }}',
        '{{- end }}',
      ];
    case 'custom':
      return rule.go.map((line) => line.replaceAll('<CHARTNAME>', () => chartName));
  }
}

/** The chart's `_validate.tpl`: the `validateValues` define the chart's templates include before rendering. */
export function validateValuesTemplate(kindTitle: string, chartName: string, rules: readonly ValueRule[]): string {
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
    ...rules.flatMap((rule) => [`{{- /* ${rule.id} */}}`, ...goRule(rule, chartName)]),
    '{{- end }}',
    '',
  ].join('\n');
}
