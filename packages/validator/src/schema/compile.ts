// A compiler from the JSON-Schema subset Kubernetes uses (OpenAPI definitions, kubeconform's
// per-kind files, CRD openAPIV3Schema) to plain validation closures.
//
// Why not ajv: Kubernetes semantics differ from JSON Schema in ways every finding depends on —
// an optional field set to null means "unset", strictness means "no unknown fields where the
// schema lists properties", and users want one precise message per problem (with a did-you-mean)
// rather than ajv's oneOf/anyOf fan-out. Closures are compiled lazily, once per schema node, so a
// run that sees three kinds compiles three kinds.

import type { JsonPath, Severity } from '../types.js';
import { compileLinearPattern, type LinearPattern } from '../read/pattern.js';
import { checkFormat } from './formats.js';
import { suggest } from '@chartforge/core';

export type JsonSchema = { readonly [key: string]: unknown };

export interface SchemaViolation {
  path: JsonPath;
  message: string;
  severity: Severity;
  /** The finding is about the key at `path` (an unknown field), not its value. */
  atKey?: boolean;
}

/**
 * Where validation is and what it found. `path` is one mutable stack (keys are pushed on the way
 * down and popped on the way up) and is copied only when a violation is reported, so validating
 * a valid object allocates nothing.
 */
interface Sink {
  violations: SchemaViolation[];
  path: Array<string | number>;
}

type Check = (value: unknown, sink: Sink) => void;

/** Resolves a `$ref` found in `base` to the schema it names (and the document it lives in). */
export type RefResolver = (ref: string, base: SchemaDocument) => { schema: JsonSchema; document: SchemaDocument } | undefined;

/** A schema document: refs inside it resolve relative to `uri`. */
export interface SchemaDocument {
  readonly uri: string;
  readonly root: JsonSchema;
}

export interface CompileOptions {
  /** Unknown fields are errors where a schema lists properties (kubectl --validate=strict). */
  strict: boolean;
  resolve: RefResolver;
  /** Extra checks keyed by normalised definition name (see definitionKey), e.g. ObjectMeta label syntax; paths relative to the value. */
  definitionChecks?: ReadonlyMap<string, (value: unknown) => SchemaViolation[]>;
  /** Extra checks a schema node asks for by its own keywords (CRD validation rules); paths relative to the value. */
  nodeChecks?: (schema: JsonSchema) => ((value: unknown) => SchemaViolation[]) | undefined;
}

export type CompiledSchema = (value: unknown) => SchemaViolation[];

const TYPE_NAMES: Record<string, string> = { object: 'an object', array: 'an array', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', null: 'null' };

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function describe(value: unknown): string {
  const type = typeOf(value);
  if (type === 'string') return `string ${JSON.stringify(value).length > 40 ? `${JSON.stringify(value).slice(0, 37)}..."` : JSON.stringify(value)}`;
  if (type === 'integer' || type === 'number' || type === 'boolean') return `${type} ${String(value)}`;
  return type;
}

function listOf(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Compiled patterns by source (CRDs repeat the same few), null for syntax RE2 does not know. */
const linearPatterns = new Map<string, LinearPattern | null>();

/** The RE2 program of `pattern`, or null when RE2 rejects its syntax: the API server is the judge of those. */
function linearPattern(pattern: string): LinearPattern | null {
  let compiled = linearPatterns.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = compileLinearPattern(pattern);
    } catch {
      compiled = null;
    }
    linearPatterns.set(pattern, compiled);
  }
  return compiled;
}

/**
 * Upstream and generated definition names differ only in separators and case
 * (`io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`, `IoK8sApimachineryPkgApisMetaV1ObjectMeta`).
 */
export function definitionKey(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

/** Compiles schemas of one source; compiled closures are shared by every kind that references them. */
export class SchemaCompiler {
  private readonly compiled = new WeakMap<object, Check>();

  constructor(private readonly options: CompileOptions) {}

  compile(schema: JsonSchema, document: SchemaDocument): CompiledSchema {
    const check = this.node(schema, document);
    return (value) => {
      const sink: Sink = { violations: [], path: [] };
      check(value, sink);
      return sink.violations;
    };
  }

  private node(schema: JsonSchema, document: SchemaDocument): Check {
    const cached = this.compiled.get(schema);
    if (cached) return cached;
    // Recursive schemas (JSONSchemaProps) reach themselves: hand out a forwarder first.
    let target: Check | undefined;
    const forward: Check = (v, s) => target!(v, s);
    this.compiled.set(schema, forward);
    target = this.build(schema, document);
    this.compiled.set(schema, target);
    return target;
  }

  private build(schema: JsonSchema, document: SchemaDocument): Check {
    const checks: Check[] = [];
    const ref = schema.$ref;
    if (typeof ref === 'string') {
      const resolved = this.options.resolve(ref, document);
      if (!resolved) {
        return (_v, s) => {
          s.violations.push({ path: s.path.slice(), message: `schema reference ${ref} cannot be resolved`, severity: 'error' });
        };
      }
      let inner: Check | undefined;
      const extra = this.options.definitionChecks?.get(definitionKey(ref.slice(ref.lastIndexOf('/') + 1)));
      const refCheck: Check = (v, s) => {
        (inner ??= this.node(resolved.schema, resolved.document))(v, s);
        if (extra && v !== null && v !== undefined) {
          const found = extra(v);
          if (found.length > 0) {
            const prefix = s.path.slice();
            for (const violation of found) s.violations.push({ ...violation, path: [...prefix, ...violation.path] });
          }
        }
      };
      // Siblings of $ref (description, and in kubeconform files sometimes type) still apply.
      const siblings = Object.keys(schema).filter((k) => k !== '$ref' && k !== 'description');
      if (siblings.length === 0) return refCheck;
      const rest: Record<string, unknown> = {};
      for (const k of siblings) rest[k] = schema[k];
      const restCheck = this.build(rest, document);
      return (v, s) => {
        refCheck(v, s);
        restCheck(v, s);
      };
    }

    const nullable = schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null'));
    const intOrString = schema['x-kubernetes-int-or-string'] === true;
    const preserveUnknown = schema['x-kubernetes-preserve-unknown-fields'] === true;
    const embedded = schema['x-kubernetes-embedded-resource'] === true;
    const types: string[] = intOrString ? ['integer', 'string'] : Array.isArray(schema.type) ? (schema.type as string[]).filter((t) => t !== 'null') : typeof schema.type === 'string' ? [schema.type] : [];

    // A type mismatch makes every other keyword of the node meaningless: it is the only finding.
    let typeCheck: ((value: unknown, sink: Sink) => boolean) | undefined;
    if (types.length > 0) {
      const expected = listOf(types.map((t) => TYPE_NAMES[t] ?? t));
      const mismatch = (v: unknown, s: Sink): false => {
        if (v !== null || !nullable) s.violations.push({ path: s.path.slice(), message: `expected ${expected}, got ${describe(v)}`, severity: 'error' });
        return false;
      };
      // Nearly every node has one type, and most are objects or strings: those get a check of
      // their own (a type test V8 inlines), the rest the general one.
      const only = types.length === 1 ? types[0] : undefined;
      if (only === 'object') typeCheck = (v, s) => (v !== null && typeof v === 'object' && !Array.isArray(v)) || mismatch(v, s);
      else if (only === 'string') typeCheck = (v, s) => typeof v === 'string' || mismatch(v, s);
      else
        typeCheck = (v, s) => {
          if (v === null && nullable) return false;
          for (const t of types) if (matchesType(v, t)) return true;
          return mismatch(v, s);
        };
    }

    if (Array.isArray(schema.enum)) {
      const allowed = schema.enum as unknown[];
      const scalar = allowed.every((x) => x === null || typeof x !== 'object');
      const set = new Set(allowed);
      checks.push((v, s) => {
        if (v === null && nullable) return;
        if (scalar ? set.has(v) : allowed.some((x) => deepEqual(x, v))) return;
        const shown = allowed.slice(0, 12).map((x) => JSON.stringify(x));
        const hint = typeof v === 'string' ? suggest(v, allowed.filter((x): x is string => typeof x === 'string')) : undefined;
        s.violations.push({
          path: s.path.slice(),
          message: `unsupported value ${JSON.stringify(v)}: expected one of ${shown.join(', ')}${allowed.length > 12 ? ', …' : ''}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`,
          severity: 'error',
        });
      });
    }
    if (hasOwn.call(schema, 'const')) {
      const constant = schema.const;
      checks.push((v, s) => {
        if (!deepEqual(v, constant)) s.violations.push({ path: s.path.slice(), message: `must be ${JSON.stringify(constant)}`, severity: 'error' });
      });
    }

    if (typeof schema.format === 'string') {
      const format = schema.format;
      checks.push((v, s) => {
        const problem = checkFormat(format, v);
        if (problem) s.violations.push({ path: s.path.slice(), message: problem, severity: 'error' });
      });
    }

    this.addStringChecks(schema, checks);
    this.addNumberChecks(schema, checks);
    this.addObjectChecks(schema, document, checks, { preserveUnknown, embedded });
    this.addArrayChecks(schema, document, checks);
    this.addCombinators(schema, document, checks);
    const extra = this.options.nodeChecks?.(schema);
    if (extra) {
      checks.push((v, s) => {
        for (const violation of extra(v)) s.violations.push({ ...violation, path: [...s.path, ...violation.path] });
      });
    }

    const guard = typeCheck;
    if (checks.length === 0) return guard ? (v, s) => void guard(v, s) : () => {};
    if (checks.length === 1) {
      const only = checks[0]!;
      return guard ? (v, s) => void (guard(v, s) && only(v, s)) : only;
    }
    return (v, s) => {
      if (guard && !guard(v, s)) return;
      for (const check of checks) check(v, s);
    };
  }

  private addStringChecks(schema: JsonSchema, checks: Check[]): void {
    if (typeof schema.pattern === 'string') {
      // RE2, in linear time, as the API server (Go's regexp) evaluates it: a CRD in the input can
      // carry a pattern that backtracks for ever in JavaScript's engine. Compiled when a value
      // first meets it: a CRD carries hundreds of patterns for fields a manifest never sets.
      const pattern = schema.pattern;
      checks.push((v, s) => {
        if (typeof v !== 'string') return;
        const regex = linearPattern(pattern);
        if (regex && !regex.test(v)) s.violations.push({ path: s.path.slice(), message: `${JSON.stringify(v)} does not match pattern ${pattern}`, severity: 'error' });
      });
    }
    const minLength = typeof schema.minLength === 'number' ? schema.minLength : undefined;
    const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
    if (minLength !== undefined || maxLength !== undefined) {
      checks.push((v, s) => {
        if (typeof v !== 'string') return;
        const length = [...v].length;
        if (minLength !== undefined && length < minLength) s.violations.push({ path: s.path.slice(), message: `must be at least ${minLength} characters long`, severity: 'error' });
        if (maxLength !== undefined && length > maxLength) s.violations.push({ path: s.path.slice(), message: `must be at most ${maxLength} characters long, got ${length}`, severity: 'error' });
      });
    }
  }

  private addNumberChecks(schema: JsonSchema, checks: Check[]): void {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
    if (typeof minimum === 'number') {
      const exclusive = exclusiveMinimum === true;
      checks.push((v, s) => {
        if (typeof v === 'number' && (exclusive ? v <= minimum : v < minimum)) s.violations.push({ path: s.path.slice(), message: `must be ${exclusive ? 'greater than' : 'at least'} ${minimum}, got ${v}`, severity: 'error' });
      });
    }
    if (typeof maximum === 'number') {
      const exclusive = exclusiveMaximum === true;
      checks.push((v, s) => {
        if (typeof v === 'number' && (exclusive ? v >= maximum : v > maximum)) s.violations.push({ path: s.path.slice(), message: `must be ${exclusive ? 'less than' : 'at most'} ${maximum}, got ${v}`, severity: 'error' });
      });
    }
    if (typeof exclusiveMinimum === 'number') {
      checks.push((v, s) => {
        if (typeof v === 'number' && v <= exclusiveMinimum) s.violations.push({ path: s.path.slice(), message: `must be greater than ${exclusiveMinimum}, got ${v}`, severity: 'error' });
      });
    }
    if (typeof exclusiveMaximum === 'number') {
      checks.push((v, s) => {
        if (typeof v === 'number' && v >= exclusiveMaximum) s.violations.push({ path: s.path.slice(), message: `must be less than ${exclusiveMaximum}, got ${v}`, severity: 'error' });
      });
    }
    if (typeof multipleOf === 'number' && multipleOf > 0) {
      checks.push((v, s) => {
        if (typeof v === 'number' && Math.abs(v / multipleOf - Math.round(v / multipleOf)) > 1e-9) s.violations.push({ path: s.path.slice(), message: `must be a multiple of ${multipleOf}`, severity: 'error' });
      });
    }
  }

  private addObjectChecks(schema: JsonSchema, document: SchemaDocument, checks: Check[], flags: { preserveUnknown: boolean; embedded: boolean }): void {
    const properties = (schema.properties ?? undefined) as Record<string, JsonSchema> | undefined;
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const additional = schema.additionalProperties;
    const propertyNames = properties ? Object.keys(properties) : [];
    // Every declared property, with its check once compiled (null until then): one lookup per field tells both.
    const propertyChecks = new Map<string, Check | null>();
    for (const name of propertyNames) propertyChecks.set(name, null);
    let additionalCheck: Check | undefined;
    const closed = additional === false || (this.options.strict && properties !== undefined && additional === undefined && !flags.preserveUnknown);
    const additionalSchema = additional !== null && typeof additional === 'object' ? (additional as JsonSchema) : undefined;
    const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : undefined;
    const maxProperties = typeof schema.maxProperties === 'number' ? schema.maxProperties : undefined;
    if (!properties && !additionalSchema && !closed && required.length === 0 && minProperties === undefined && maxProperties === undefined && !flags.embedded) return;
    const requiredSet = new Set(required);
    checks.push((v, s) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
      const object = v as Record<string, unknown>;
      for (const name of required) {
        const value = object[name];
        if (value === undefined || !hasOwn.call(object, name)) {
          s.violations.push({ path: s.path.slice(), message: `missing required field "${name}"`, severity: 'error' });
        }
      }
      if (flags.embedded) {
        for (const name of ['apiVersion', 'kind'] as const) {
          if (typeof object[name] !== 'string') s.violations.push({ path: s.path.slice(), message: `embedded resource is missing "${name}"`, severity: 'error' });
        }
      }
      let count = 0;
      const path = s.path;
      for (const key in object) {
        count++;
        const value = object[key];
        let check = propertyChecks.get(key);
        if (check !== undefined) {
          if (value === null && !requiredSet.has(key)) continue; // An optional field set to null is unset.
          path.push(key);
          if (value === null) s.violations.push({ path: path.slice(), message: 'required field must not be null', severity: 'error' });
          else {
            if (check === null) {
              check = this.node(properties![key]!, document);
              propertyChecks.set(key, check);
            }
            check(value, s);
          }
          path.pop();
        } else if (additionalSchema) {
          // A null map value is the zero value to the API server (Go decodes `key: null` into a
          // map[string]string as ""), and a CRD's pruning drops it: never an error.
          if (value === null) continue;
          path.push(key);
          (additionalCheck ??= this.node(additionalSchema, document))(value, s);
          path.pop();
        } else if (closed) {
          const hint = suggest(key, propertyNames);
          s.violations.push({ path: [...path, key], message: `unknown field${hint ? ` (did you mean "${hint}"?)` : ''}`, severity: 'error', atKey: true });
        }
      }
      if (minProperties !== undefined && count < minProperties) s.violations.push({ path: s.path.slice(), message: `must have at least ${minProperties} fields`, severity: 'error' });
      if (maxProperties !== undefined && count > maxProperties) s.violations.push({ path: s.path.slice(), message: `must have at most ${maxProperties} fields`, severity: 'error' });
    });
  }

  private addArrayChecks(schema: JsonSchema, document: SchemaDocument, checks: Check[]): void {
    const items = schema.items;
    const itemSchema = items !== null && typeof items === 'object' && !Array.isArray(items) ? (items as JsonSchema) : undefined;
    const minItems = typeof schema.minItems === 'number' ? schema.minItems : undefined;
    const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : undefined;
    const unique = schema.uniqueItems === true;
    const listType = schema['x-kubernetes-list-type'];
    const mapKeys = listType === 'map' && Array.isArray(schema['x-kubernetes-list-map-keys']) ? (schema['x-kubernetes-list-map-keys'] as string[]) : undefined;
    if (!itemSchema && minItems === undefined && maxItems === undefined && !unique && listType !== 'set' && !mapKeys) return;
    let itemCheck: Check | undefined;
    const itemsNullable = itemSchema ? itemSchema.nullable === true || (Array.isArray(itemSchema.type) && itemSchema.type.includes('null')) : true;
    checks.push((v, s) => {
      if (!Array.isArray(v)) return;
      if (minItems !== undefined && v.length < minItems) s.violations.push({ path: s.path.slice(), message: `must have at least ${minItems} items`, severity: 'error' });
      if (maxItems !== undefined && v.length > maxItems) s.violations.push({ path: s.path.slice(), message: `must have at most ${maxItems} items, got ${v.length}`, severity: 'error' });
      if (itemSchema) {
        itemCheck ??= this.node(itemSchema, document);
        const path = s.path;
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          path.push(i);
          if (item === null && !itemsNullable) s.violations.push({ path: path.slice(), message: 'list item must not be null', severity: 'error' });
          else itemCheck(item, s);
          path.pop();
        }
      }
      if (unique || listType === 'set') {
        for (let i = 1; i < v.length; i++) {
          for (let j = 0; j < i; j++) {
            if (deepEqual(v[i], v[j])) {
              s.violations.push({ path: [...s.path, i], message: `duplicate item (same as item ${j})`, severity: 'error' });
              break;
            }
          }
        }
      }
      if (mapKeys && v.length > 1) {
        const seen = new Map<string, number>();
        v.forEach((item, i) => {
          if (item === null || typeof item !== 'object') return;
          const key = JSON.stringify(mapKeys.map((k) => (item as Record<string, unknown>)[k] ?? null));
          const previous = seen.get(key);
          if (previous !== undefined) {
            const shown = mapKeys.map((k) => `${k}=${JSON.stringify((item as Record<string, unknown>)[k] ?? null)}`).join(', ');
            s.violations.push({ path: [...s.path, i], message: `duplicate entry with ${shown} (same as item ${previous})`, severity: 'error' });
          } else seen.set(key, i);
        });
      }
    });
  }

  private addCombinators(schema: JsonSchema, document: SchemaDocument, checks: Check[]): void {
    const branches = (key: string): JsonSchema[] | undefined => (Array.isArray(schema[key]) ? (schema[key] as JsonSchema[]) : undefined);
    const allOf = branches('allOf');
    if (allOf) for (const branch of allOf) {
      let c: Check | undefined;
      checks.push((v, s) => (c ??= this.node(branch, document))(v, s));
    }
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const list = branches(keyword);
      if (!list || list.length === 0) continue;
      const compiled: Array<Check | undefined> = list.map(() => undefined);
      const simpleTypes = list.every((b) => typeof b.type === 'string' && Object.keys(b).every((k) => k === 'type' || k === 'format' || k === 'description'));
      const expected = simpleTypes ? listOf(list.map((b) => TYPE_NAMES[b.type as string] ?? String(b.type))) : undefined;
      const branchTypes = simpleTypes ? list.map((b) => b.type as string) : undefined;
      checks.push((v, s) => {
        if (v === null && schema.nullable === true) return;
        let best: SchemaViolation[] | undefined;
        let passed = 0;
        for (let i = 0; i < list.length; i++) {
          // IntOrString and Quantity: a branch of the wrong type is not tried (a trial would build a message to throw away).
          if (branchTypes && !matchesType(v, branchTypes[i]!)) continue;
          const check = (compiled[i] ??= this.node(list[i]!, document));
          const trial: Sink = { violations: [], path: s.path };
          check(v, trial);
          if (trial.violations.length === 0) {
            passed++;
            if (keyword === 'anyOf') return;
          } else if (!best || trial.violations.length < best.length) best = trial.violations;
        }
        // Kubernetes' own oneOf (IntOrString, Quantity) has overlapping branches only for values both accept.
        if (passed > 0) return;
        if (expected) s.violations.push({ path: s.path.slice(), message: `expected ${expected}, got ${describe(v)}`, severity: 'error' });
        else for (const violation of best ?? []) s.violations.push(violation);
      });
    }
    const not = schema.not;
    if (not !== null && typeof not === 'object') {
      let c: Check | undefined;
      checks.push((v, s) => {
        const trial: Sink = { violations: [], path: s.path };
        (c ??= this.node(not as JsonSchema, document))(v, trial);
        if (trial.violations.length === 0) s.violations.push({ path: s.path.slice(), message: 'must not match the excluded schema', severity: 'error' });
      });
    }
  }
}
