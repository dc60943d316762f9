// Spec file → typed values. Every problem comes back at once, each with file:line:column, the
// value's path and what was expected; a spec with any problem produces no values at all.
import { Ajv, type ErrorObject } from 'ajv';
import { chartMetadataSchema, COMPUTED_ANNOTATIONS, type SpecChartMetadata } from './chart-metadata.js';
import type { ChartKind, ValueProblem } from './kind.js';
import { isPlainObject, mergeValues, type Values } from './merge.js';
import { pointerToPath, suggest } from '@chartforge/core';
import { formatSpecPath, type ValuePath } from './path.js';
import { checkRules } from './rules/table.js';
import { withKubernetesDefinitions, type JsonSchema, type SchemaNode } from './schema.js';
import { readSpecSource, type SpecSource } from './source.js';

export interface SpecError {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the offending value, e.g. `autoscaling.maxReplicas`. */
  path: string;
  message: string;
}

export interface LoadedSpec<V> {
  kind: ChartKind<V>;
  values: V;
  chart: SpecChartMetadata;
}

export type LoadResult<V> = { ok: true; spec: LoadedSpec<V> } | { ok: false; errors: SpecError[] };

export function formatSpecError(error: SpecError): string {
  return `${error.file}:${error.line}:${error.column} ${error.path}: ${error.message}`;
}

const CHART_KEY = 'chart';

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();

function validatorFor(node: SchemaNode<unknown>) {
  let validate = compiled.get(node);
  if (!validate) {
    validate = ajv.compile(withKubernetesDefinitions(node.schema));
    compiled.set(node, validate);
  }
  return validate;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

const ARTICLE: Record<string, string> = { object: 'a map', array: 'a list', integer: 'an integer', number: 'a number', string: 'a string', boolean: 'true or false', null: 'null' };

function expectedOf(schema: JsonSchema): string {
  // A title says in words what a value is (a Kubernetes quantity, a label value): see schema.ts.
  if (schema.title) return schema.title;
  if (schema.enum) {
    // Kubernetes' optional enum fields also take null (unset), which is no value to suggest.
    const named = schema.enum.filter((v) => v !== null);
    return `one of ${named.map((v) => JSON.stringify(v)).join(', ')}${named.length < schema.enum.length ? ' (or null to unset)' : ''}`;
  }
  if (schema.anyOf) return schema.anyOf.map(expectedOf).join(' or ');
  if (schema.pattern && schema.type === 'string' && schema.pattern.endsWith('%$')) return 'a percentage such as "25%"';
  if (schema.type === 'integer' && schema.minimum !== undefined) return `an integer ≥ ${schema.minimum}`;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.map((t) => ARTICLE[t] ?? t).join(' or ') || 'a valid value';
}

interface PositionedProblem {
  path: ValuePath;
  at: 'key' | 'value';
  message: string;
}

/** Turns ajv's errors into one message per problem, worded for people, not for schema authors. */
function problemsFromAjv(errors: ErrorObject[]): PositionedProblem[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const problems: PositionedProblem[] = [];
  for (const error of errors) {
    const base = pointerToPath(error.instancePath);
    // Errors inside a failed anyOf are the reasons each alternative failed: report the anyOf once.
    if (error.keyword !== 'anyOf' && anyOfPaths.has(error.instancePath) && error.schemaPath.includes('/anyOf/')) continue;
    const parent = error.parentSchema as JsonSchema | undefined;
    switch (error.keyword) {
      case 'additionalProperties': {
        const key = String((error.params as { additionalProperty: string }).additionalProperty);
        const known = Object.keys(parent?.properties ?? {});
        const suggestion = suggest(key, known);
        problems.push({
          path: [...base, key],
          at: 'key',
          message: `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : known.length ? `; expected one of ${known.join(', ')}` : ''}`,
        });
        break;
      }
      case 'required': {
        const key = String((error.params as { missingProperty: string }).missingProperty);
        problems.push({ path: [...base, key], at: 'value', message: 'is required and must not be null' });
        break;
      }
      case 'type':
        problems.push({ path: base, at: 'value', message: `must be ${expectedOf(parent ?? {})}, got ${describeType(error.data)}` });
        break;
      case 'enum': {
        const suggestion = typeof error.data === 'string' ? suggest(error.data, (parent?.enum ?? []).filter((v) => v !== null).map(String)) : undefined;
        problems.push({
          path: base,
          at: 'value',
          message: `must be ${expectedOf(parent ?? {})}; got ${JSON.stringify(error.data)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
        });
        break;
      }
      case 'anyOf':
        problems.push({ path: base, at: 'value', message: `must be ${expectedOf(parent ?? {})}; got ${describeType(error.data)}` });
        break;
      case 'minimum':
      case 'exclusiveMinimum':
        problems.push({ path: base, at: 'value', message: `must be ${error.keyword === 'minimum' ? '≥' : '>'} ${(error.params as { limit: number }).limit}; got ${String(error.data)}` });
        break;
      case 'maximum':
        problems.push({ path: base, at: 'value', message: `must be ≤ ${(error.params as { limit: number }).limit}; got ${String(error.data)}` });
        break;
      case 'pattern':
        if ('propertyName' in error && typeof error.propertyName === 'string') {
          problems.push({
            path: [...base, error.propertyName],
            at: 'key',
            message: `invalid key: must be ${parent?.title ?? `a string matching /${String((error.params as { pattern: string }).pattern)}/`}`,
          });
          break;
        }
        problems.push({
          path: base,
          at: 'value',
          message: `must be ${parent?.title ?? `a string matching /${String((error.params as { pattern: string }).pattern)}/`}; got ${JSON.stringify(error.data)}`,
        });
        break;
      case 'minLength':
        problems.push({ path: base, at: 'value', message: (error.params as { limit: number }).limit === 1 ? 'must not be empty' : `must be at least ${(error.params as { limit: number }).limit} characters` });
        break;
      case 'maxLength':
        problems.push({ path: base, at: 'value', message: `must be at most ${(error.params as { limit: number }).limit} characters` });
        break;
      case 'minItems':
        problems.push({ path: base, at: 'value', message: `must have at least ${(error.params as { limit: number }).limit} item(s)` });
        break;
      case 'maxItems':
        problems.push({ path: base, at: 'value', message: `must have at most ${(error.params as { limit: number }).limit} item(s)` });
        break;
      case 'uniqueItems':
        problems.push({ path: base, at: 'value', message: 'must not contain duplicates' });
        break;
      case 'propertyNames':
        break; // reported through the pattern error of the offending key
      default:
        problems.push({ path: base, at: 'value', message: error.message ?? `fails ${error.keyword}` });
    }
  }
  return problems;
}

function positioned(source: SpecSource, problems: PositionedProblem[], prefix: ValuePath = []): SpecError[] {
  return problems.map((problem) => {
    const path = [...prefix, ...problem.path];
    return { file: source.file, ...source.locate(path, problem.at), path: formatSpecPath(path), message: problem.message };
  });
}

function byPosition(a: SpecError, b: SpecError): number {
  return a.line - b.line || a.column - b.column || a.path.localeCompare(b.path);
}

function defaultsOf(node: SchemaNode<unknown>): Values {
  return structuredClone(node.schema.default as Values);
}

export function chartMetadataFor(kind: ChartKind<unknown>) {
  return chartMetadataSchema({ name: kind.name, description: kind.summary, keywords: kind.keywords, kubeVersion: kind.kubeVersion });
}

/** Validates values (already merged with the kind's defaults) and runs the kind's cross-value checks. */
export function checkKindValues<V>(kind: ChartKind<V>, values: Values): { path: ValuePath; at: 'key' | 'value'; message: string }[] {
  const validate = validatorFor(kind.values);
  const problems = validate(values) ? [] : problemsFromAjv(validate.errors ?? []);
  let crossValue: ValueProblem[] = [];
  try {
    crossValue = checkRules(kind.rules, values);
  } catch (error) {
    // Cross-value rules assume well-typed values; when the schema already failed they may not
    // apply, and the schema problems are what the user must fix first.
    if (problems.length === 0) throw error;
  }
  // A value the schema refuses is reported once, by the schema: a rule's message about the same
  // value (a step's deadline, required by both), or about what lies under it (the fields of a step
  // that is not even a map), would only repeat it or make no sense.
  const refused = problems.map((problem) => problem.path.map(String));
  const underRefused = (path: ValuePath) => refused.some((parent) => parent.length <= path.length && parent.every((key, index) => key === String(path[index])));
  return [...problems, ...crossValue.filter((problem) => !underRefused(problem.path)).map((problem) => ({ ...problem, at: 'value' as const }))];
}

/** Parses, merges and validates a spec file of the given kind. */
export function loadSpec<V>(kind: ChartKind<V>, text: string, file: string): LoadResult<V> {
  const read = readSpecSource(text, file);
  if ('problems' in read) {
    return { ok: false, errors: read.problems.map((p) => ({ ...p, path: '(syntax)' })) };
  }
  const { source } = read;
  if (!isPlainObject(source.data)) {
    return { ok: false, errors: [{ file, ...source.locate([]), path: '(root)', message: `a spec must be a map of values; got ${describeType(source.data)}` }] };
  }
  const { [CHART_KEY]: chartOverrides, ...valueOverrides } = source.data;
  const errors: SpecError[] = [];

  const metadataNode = chartMetadataFor(kind as ChartKind<unknown>);
  let chart: Values = defaultsOf(metadataNode);
  if (chartOverrides !== undefined && chartOverrides !== null) {
    if (!isPlainObject(chartOverrides)) {
      errors.push({ file, ...source.locate([CHART_KEY]), path: CHART_KEY, message: `must be a map of chart metadata; got ${describeType(chartOverrides)}` });
    } else {
      chart = mergeValues(chart, chartOverrides);
      const validate = validatorFor(metadataNode);
      if (!validate(chart)) errors.push(...positioned(source, problemsFromAjv(validate.errors ?? []), [CHART_KEY]));
      const annotations = isPlainObject(chartOverrides.annotations) ? Object.keys(chartOverrides.annotations) : [];
      for (const key of annotations.filter((name) => (COMPUTED_ANNOTATIONS as readonly string[]).includes(name))) {
        const path = [CHART_KEY, 'annotations', key];
        errors.push({ file, ...source.locate(path, 'key'), path: formatSpecPath(path), message: 'is computed by chartforge from the spec; remove it' });
      }
    }
  }

  const values = mergeValues(defaultsOf(kind.values), valueOverrides);
  errors.push(...positioned(source, checkKindValues(kind, values)));

  if (errors.length > 0) return { ok: false, errors: errors.sort(byPosition) };
  return { ok: true, spec: { kind, values: values as V, chart: chart as SpecChartMetadata } };
}

/** The defaults of a kind as a loaded spec: what `charts/<kind>` is generated from. */
export function defaultSpec<V>(kind: ChartKind<V>): LoadedSpec<V> {
  const result = loadSpec(kind, '', `<${kind.name} defaults>`);
  if (!result.ok) throw new Error(`the ${kind.name} defaults are invalid: ${result.errors.map(formatSpecError).join('; ')}`);
  return result.spec;
}
