// How chartforge writes the place of a value inside a document (a spec, a values file, a manifest,
// a finding's `path`), and reads it back. Every package formats and parses paths here, so a path
// a report prints is a path `lint` and the output formats can follow back to the value.

/** A value's place in a document: map keys and list indexes from the root. */
export type ValuePath = ReadonlyArray<string | number>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Dotted path with `[index]` for lists, the way users write it: `spec.containers[0].image`; keys
 * that are not identifiers are bracketed and quoted: `metadata.labels["app.kubernetes.io/name"]`.
 * The root is the empty string.
 */
export function formatPath(path: ValuePath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** The segments of a path `formatPath` wrote (`a.b[0]["c.d"]`). */
export function parsePath(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  const pattern = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(Number(match[1]));
    else if (match[2] !== undefined) segments.push(JSON.parse(match[2]) as string);
    else if (match[3] !== undefined) segments.push(match[3]);
  }
  return segments;
}

/** RFC 6901 JSON Pointer of a path `formatPath` wrote (`spec.containers[0]` → `/spec/containers/0`), as kubeconform reports paths. */
export function pathToPointer(path: string): string {
  return parsePath(path)
    .map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

/**
 * The segments of a JSON Pointer (RFC 6901, ajv's `instancePath`): `/spec/containers/0` →
 * `spec`, `containers`, `0` as a number. A pointer does not say whether `0` is a list index or a
 * map key; every caller here reads pointers into values where digits index lists.
 */
export function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}
