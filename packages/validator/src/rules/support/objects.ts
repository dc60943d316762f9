// Safe reads from parsed YAML: manifests are untrusted input, so every access checks its type.
import type { JsonPath } from '../../types.js';

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path`, or undefined when any step is missing or of the wrong type. */
export function getPath(root: unknown, path: JsonPath): unknown {
  let current: unknown = root;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (!isObject(current)) return undefined;
      current = current[step];
    }
  }
  return current;
}

export function objectAt(root: unknown, path: JsonPath): JsonObject | undefined {
  const value = getPath(root, path);
  return isObject(value) ? value : undefined;
}

export function arrayAt(root: unknown, path: JsonPath): readonly unknown[] {
  const value = getPath(root, path);
  return Array.isArray(value) ? value : [];
}

export function stringAt(root: unknown, path: JsonPath): string | undefined {
  const value = getPath(root, path);
  return typeof value === 'string' ? value : undefined;
}

/** Each element of the array at `path` that is an object, with its full path. */
export function* objectsIn(root: unknown, path: JsonPath): Generator<{ value: JsonObject; path: JsonPath }> {
  const items = arrayAt(root, path);
  for (let i = 0; i < items.length; i++) {
    const value = items[i];
    if (isObject(value)) yield { value, path: [...path, i] };
  }
}

/** A string-to-string map such as labels or annotations; non-string values are dropped. */
export function stringMap(value: unknown): Readonly<Record<string, string>> {
  const result: Record<string, string> = {};
  if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string') result[key] = item;
    }
  }
  return result;
}

/** Integer value of a field that YAML may hold as a number or a numeric string. */
export function integerAt(root: unknown, path: JsonPath): number | undefined {
  const value = getPath(root, path);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}
