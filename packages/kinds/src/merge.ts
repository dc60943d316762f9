// Helm's coalescing of values: maps merge key by key, anything else (lists, scalars) is replaced,
// and an explicit null deletes the key. The spec is merged over the kind's defaults the same way,
// so a spec file means exactly what the same file passed with `helm install -f` would mean.

export type Values = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergeValues(base: Values, override: Values): Values {
  const merged: Values = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) {
      delete merged[key];
    } else if (isPlainObject(value) && isPlainObject(merged[key])) {
      merged[key] = mergeValues(merged[key] as Values, value);
    } else {
      merged[key] = value;
    }
  }
  return merged;
}
