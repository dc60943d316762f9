// Compiling a chart's values.schema.json the way Helm validates with it.
//
// Helm ≤ 3.17 used gojsonschema (draft-04/06/07); Helm ≥ 3.18 and Helm 4 use
// santhosh-tekuri/jsonschema, which picks the draft from `$schema`. Both assert `format` for
// draft-07 (an `email` that is not one fails `helm install`) and both ignore unknown formats.
// ajv with ajv-formats reproduces that: the draft comes from `$schema` (draft-07 when absent, the
// draft every Helm release supports), formats are asserted, unknown formats and keywords ignored.
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { linearRegExpEngine } from '@chartforge/validator/read';
import { formatPath, jsonNestingBreach, MAX_DEPTH_CEILING, positionAt, suggest } from '@chartforge/core';
import type { CheckFinding, CheckRule } from './findings.js';

type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

export interface SchemaCompilation {
  validate: ValidateFunction;
  findings: CheckFinding[];
}

// `pattern` runs on RE2 in linear time, as Helm's Go validators run it: a chart's schema is input
// too, and `^(a+)+$` would take JavaScript's engine minutes on a 30-character value.
const OPTIONS: Options = { allErrors: true, verbose: true, strict: false, logger: false, validateFormats: true, allowUnionTypes: true, code: { regExp: linearRegExpEngine } };

function ajvFor(schemaUri: unknown): { ajv: Ajv; note?: string } {
  const uri = typeof schemaUri === 'string' ? schemaUri : '';
  if (uri.includes('2020-12')) return { ajv: new Ajv2020(OPTIONS) as unknown as Ajv };
  if (uri.includes('2019-09')) return { ajv: new Ajv2019(OPTIONS) as unknown as Ajv };
  const ajv = new Ajv(OPTIONS);
  if (uri.includes('draft-04')) {
    return { ajv, note: 'draft-04 schemas are checked with draft-07 rules (boolean exclusiveMinimum/exclusiveMaximum and "id" are not understood)' };
  }
  return { ajv };
}

/** Compiles the schema text; a schema that cannot be parsed or compiled comes back as a finding. */
export const VALUES_SCHEMA_INVALID_RULE: CheckRule = {
  id: 'values-schema-invalid',
  summary: "The chart's values schema is usable",
  description: "The chart's values.schema.json must be a JSON object that compiles as a JSON Schema of a draft Helm supports, or no values file can be checked against it.",
};

export function compileSchema(file: string, text: string): Partial<SchemaCompilation> & { findings: CheckFinding[] } {
  let schema: unknown;
  // Compiling a schema recurses once per level: one nested past the ceiling is refused before it is read.
  const breach = jsonNestingBreach(text, MAX_DEPTH_CEILING);
  if (breach) return { findings: [{ file, ...positionAt(text, breach.offset), severity: 'error', rule: VALUES_SCHEMA_INVALID_RULE.id, message: `values.schema.json nests deeper than the limit of ${breach.limit} levels` }] };
  try {
    schema = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const { line, column } = positionAt(text, offset);
    return { findings: [{ file, line, column, severity: 'error', rule: VALUES_SCHEMA_INVALID_RULE.id, message: `values.schema.json is not valid JSON: ${message}` }] };
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    if (typeof schema === 'boolean') return compileParsed(file, schema);
    return { findings: [{ file, line: 1, column: 1, severity: 'error', rule: VALUES_SCHEMA_INVALID_RULE.id, message: 'values.schema.json must be a JSON object' }] };
  }
  return compileParsed(file, schema as Record<string, unknown>);
}

function compileParsed(file: string, schema: Record<string, unknown> | boolean): Partial<SchemaCompilation> & { findings: CheckFinding[] } {
  const { ajv, note } = ajvFor(typeof schema === 'object' ? schema.$schema : undefined);
  addFormats(ajv);
  const findings: CheckFinding[] = [];
  if (note) findings.push({ file, line: 1, column: 1, severity: 'warning', rule: VALUES_SCHEMA_INVALID_RULE.id, message: note });
  try {
    // The draft is already chosen by the Ajv class; ajv would otherwise insist on the meta-schema.
    const schemaForAjv = typeof schema === 'object' ? Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')) : schema;
    const validate = ajv.compile(schemaForAjv);
    return { validate, findings };
  } catch (error) {
    findings.push({ file, line: 1, column: 1, severity: 'error', rule: VALUES_SCHEMA_INVALID_RULE.id, message: `values.schema.json cannot be used: ${(error as Error).message}` });
    return { findings };
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A message that says what was expected and what was found, for one ajv error. */
export function describeSchemaError(error: ErrorObject, value: unknown, path: ReadonlyArray<string | number>): string {
  const params = error.params as Record<string, unknown>;
  const where = path.length > 0 ? `${formatPath(path)}: ` : '';
  switch (error.keyword) {
    case 'type':
      return `${where}expected ${String(params.type).replace(/,/g, ' or ')}, got ${typeOf(value)}${value === null || typeof value === 'object' ? '' : ` ${show(value)}`}`;
    case 'required':
      return `${where}missing required value`;
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
      const name = String(params.additionalProperty);
      const hint = suggest(name, allowed);
      return `${where}unknown key${hint ? ` (did you mean "${hint}"?)` : allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : ''}`;
    }
    case 'enum': {
      // Kubernetes' optional enum fields also take null (unset), which is no value to suggest.
      const allowed = params.allowedValues as unknown[];
      const named = allowed.filter((candidate) => candidate !== null);
      const hint = typeof value === 'string' ? suggest(value, named.filter((candidate): candidate is string => typeof candidate === 'string')) : undefined;
      return `${where}must be one of ${named.map(show).join(', ')}${named.length < allowed.length ? ' (or null to unset)' : ''}, got ${show(value)}${hint ? ` (did you mean "${hint}"?)` : ''}`;
    }
    case 'const':
      return `${where}must be ${show(params.allowedValue)}, got ${show(value)}`;
    case 'pattern': {
      // chartforge's schemas say in words what a pattern means (a Kubernetes quantity, a label value):
      // in the title of the schema holding the pattern, or `x-pattern-description` in charts that
      // chartforge generated before strict JSON Schema tools were to accept its schemas.
      const holder = error.parentSchema as { title?: unknown; 'x-pattern-description'?: unknown } | undefined;
      const meaning = holder?.['x-pattern-description'] ?? holder?.title;
      if (typeof meaning === 'string') return `${where}must be ${meaning}, got ${show(value)}`;
      return `${where}${show(value)} does not match the pattern ${String(params.pattern)}`;
    }
    case 'format':
      return `${where}${show(value)} is not a valid ${String(params.format)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'multipleOf':
      return `${where}${error.message ?? 'out of range'}, got ${show(value)}`;
    case 'minLength':
    case 'maxLength':
      return `${where}${error.message ?? 'wrong length'}, got ${show(value)}`;
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return `${where}${error.message ?? 'wrong size'}, got ${Array.isArray(value) ? value.length : typeof value === 'object' && value ? Object.keys(value).length : 0}`;
    default:
      return `${where}${error.message ?? `fails "${error.keyword}"`}`;
  }
}
