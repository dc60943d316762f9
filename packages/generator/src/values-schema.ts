// The values.schema.json of a kind, with `examples` for the blocks whose shape a default does not
// show well. The examples come from the kind's ci/ values files (each block as the first ci file by
// name sets it, over the kind's defaults), so an example is a value the tests render and lint; the
// images and resources take the defaults when no ci file sets them. Kind-level, never from a
// user's spec: a chart's schema and the published schemas/ stay one schema.
import { defaultSpec, isPlainObject, mergeValues, toValuesSchema, type ChartKind, type JsonSchema, type Values } from '@chartforge/kinds';
import { kindGenerators } from './kinds/index.js';

/** Blocks an example is given for even when no ci/ file sets them: what users write first. */
const ALWAYS_EXAMPLED = new Set(['image', 'images', 'resources']);

function ciOverlays(kind: ChartKind<unknown>, defaults: Values): [string, Values][] {
  const generator = kindGenerators[kind.name];
  if (!generator) return [];
  const overlays = typeof generator.ciValues === 'function' ? generator.ciValues(defaults) : generator.ciValues;
  return Object.entries(overlays as Record<string, Values>).sort(([a], [b]) => a.localeCompare(b));
}

/** One example per top-level block that a ci/ file sets to a map or a list, or that ALWAYS_EXAMPLED names. */
export function valuesExamples(kind: ChartKind<unknown>): Map<string, unknown> {
  const defaults = defaultSpec(kind).values as Values;
  const overlays = ciOverlays(kind, defaults);
  const examples = new Map<string, unknown>();
  for (const key of Object.keys(kind.values.properties ?? {})) {
    const set = overlays.find(([, overlay]) => isPlainObject(overlay[key]) || (Array.isArray(overlay[key]) && overlay[key].length > 0))?.[1][key];
    if (set !== undefined) examples.set(key, isPlainObject(set) && isPlainObject(defaults[key]) ? mergeValues(defaults[key], set) : set);
    else if (ALWAYS_EXAMPLED.has(key) && defaults[key] !== undefined) examples.set(key, defaults[key]);
  }
  return examples;
}

/** The kind's values schema (as toValuesSchema writes it) with its examples. */
export function valuesSchemaWithExamples(kind: ChartKind<unknown>, title: string): JsonSchema {
  const schema = toValuesSchema(kind.values, title);
  const examples = valuesExamples(kind);
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, examples.has(key) ? { ...property, examples: [examples.get(key)] } : property]));
  return { ...schema, properties };
}
