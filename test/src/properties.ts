// Property testing for every chart kind: random valid specs are derived from the kind's own
// schema (so a new key is covered the moment it exists), random invalid specs are derived from
// valid ones by one mutation each. A kind joins by adding a KindProperties entry below.
//
// Free-form values (Kubernetes passthrough objects, maps, lists, strings without a pattern) keep
// their defaults unless the kind's `overrides` supplies an arbitrary for their dotted path, because
// random text there is not a spec a user could write for a working chart.
import fc from 'fast-check';
import type { JsonSchema, KindName, SchemaNode } from '@chartforge/kinds';
import { migrationProperties } from './properties/migration.js';
import { servingProperties } from './properties/serving.js';
import { trainingProperties } from './properties/training.js';

export type Values = Record<string, unknown>;

export interface InjectionTarget {
  /** What the payload is written into, for test names. */
  name: string;
  /** Values (over the chart's defaults) that put the payload there. */
  set(payload: string): Values;
  /** Every rendered value that must be exactly the payload (at least one). */
  get(documents: Values[]): unknown[];
}

export interface KindProperties {
  overrides: Record<string, fc.Arbitrary<unknown>>;
  injectionTargets: InjectionTarget[];
}

export const kindProperties: { readonly [K in KindName]?: KindProperties } = {
  serving: servingProperties,
  training: trainingProperties,
  migration: migrationProperties,
};

function boundedInteger(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? 0;
  const max = Math.min(schema.maximum ?? min + 16, min + 16);
  return fc.integer({ min, max });
}

function stringFrom(schema: JsonSchema): fc.Arbitrary<string> | undefined {
  if (!schema.pattern) return undefined;
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 253;
  return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length >= min && text.length <= max);
}

/** An arbitrary of values valid against `schema`, keeping free-form parts at their defaults. */
export function valuesArbitrary(node: SchemaNode<unknown>, overrides: Record<string, fc.Arbitrary<unknown>>, path = ''): fc.Arbitrary<unknown> {
  const override = overrides[path];
  if (override) return override;
  const { schema } = node;
  if (node.properties) {
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [key, child] of Object.entries(node.properties)) record[key] = valuesArbitrary(child, overrides, path ? `${path}.${key}` : key);
    return fc.record(record);
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.type === 'boolean') return fc.boolean();
  if (schema.type === 'integer') return boundedInteger(schema);
  if (schema.type === 'string') return stringFrom(schema) ?? fc.constant(schema.default);
  return fc.constant(structuredClone(schema.default));
}

export interface LeafPath {
  path: string[];
  schema: JsonSchema;
}

/** Paths of every typed scalar (and enum) the schema declares, for mutations. */
export function scalarPaths(node: SchemaNode<unknown>, path: string[] = []): LeafPath[] {
  if (node.properties) return Object.entries(node.properties).flatMap(([key, child]) => scalarPaths(child, [...path, key]));
  const type = node.schema.type;
  return type === 'string' || type === 'integer' || type === 'boolean' || node.schema.enum ? [{ path, schema: node.schema }] : [];
}

/** Paths of every object with declared keys, where an unknown key is a typo. */
export function objectPaths(node: SchemaNode<unknown>, path: string[] = []): string[][] {
  if (!node.properties) return [];
  return [path, ...Object.entries(node.properties).flatMap(([key, child]) => objectPaths(child, [...path, key]))];
}

export function setIn(values: Values, path: string[], value: unknown): Values {
  const copy: Values = structuredClone(values);
  let cursor = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof cursor[key] !== 'object' || cursor[key] === null) cursor[key] = {};
    cursor = cursor[key] as Values;
  }
  cursor[path[path.length - 1]!] = value;
  return copy;
}

/** A value of the wrong kind for a scalar schema. */
export function wrongValueFor(schema: JsonSchema): unknown {
  if (schema.enum) return 'not-a-listed-value';
  if (schema.type === 'integer') return schema.minimum !== undefined ? schema.minimum - 1 : 'forty-two';
  if (schema.type === 'boolean') return 'maybe';
  return { unexpected: 'map' };
}
