// The fast path: js-yaml builds plain data about ten times faster than `yaml` builds a document
// with positions. Positions are only needed for documents that have findings, so they come from
// a second, lazy parse with `yaml` (documents.ts). Both parsers must read every scalar the same
// way, so this schema copies the YAML 1.1 resolution rules of `yaml`'s `yaml-1.1` schema (minus
// timestamps and sexagesimal numbers, as documents.ts configures it) regex for regex.

import jsyaml from 'js-yaml';

const { Type, Schema } = jsyaml;
// js-yaml exports its built-in types; @types/js-yaml does not declare them.
const types = (jsyaml as unknown as { types: Record<'str' | 'seq' | 'map' | 'merge' | 'binary' | 'omap' | 'pairs' | 'set', InstanceType<typeof Type>> }).types;

function scalar(tag: string, test: RegExp, construct: (source: string) => unknown): InstanceType<typeof Type> {
  return new Type(tag, { kind: 'scalar', resolve: (data: unknown) => typeof data === 'string' && test.test(data), construct: (data: string) => construct(data) });
}

const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;

function signed(source: string, radix: number, prefix: number): number {
  const negative = source.startsWith('-');
  const body = source.replace(/^[-+]/, '').slice(prefix).replace(/_/g, '');
  const value = parseInt(body, radix);
  return negative ? -value : value;
}

function special(source: string): number {
  if (/nan$/i.test(source)) return NaN;
  return source.startsWith('-') ? -Infinity : Infinity;
}

// Order matters where patterns overlap (an octal `0755` also looks decimal): as in `yaml`.
const YAML_11_SCALARS = [
  scalar('tag:yaml.org,2002:null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
  scalar('tag:yaml.org,2002:bool', new RegExp(`${TRUE.source}|${FALSE.source}`), (s) => TRUE.test(s)),
  scalar('tag:yaml.org,2002:int', /^[-+]?0b[0-1_]+$|^[-+]?0[0-7_]+$|^[-+]?[0-9][0-9_]*$|^[-+]?0x[0-9a-fA-F_]+$/, (s) => {
    if (/^[-+]?0b/.test(s)) return signed(s, 2, 2);
    if (/^[-+]?0x/.test(s)) return signed(s, 16, 2);
    if (/^[-+]?0[0-7_]+$/.test(s)) return signed(s, 8, 1);
    return Number(s.replace(/_/g, ''));
  }),
  // A mantissa needs a digit before or after the point, as in go-yaml: `e0` and `.` are strings.
  scalar('tag:yaml.org,2002:float', /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$|^(?=[-+]?(?:[0-9]|\.[0-9]))(?:[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+|[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*)$/, (s) =>
    /inf|nan/i.test(s) ? special(s) : parseFloat(s.replace(/_/g, '')),
  ),
];

const KUBERNETES_YAML = new Schema({
  implicit: [...YAML_11_SCALARS, types.merge],
  explicit: [types.str, types.seq, types.map, types.binary, types.omap, types.pairs, types.set],
});

/** A YAML alias (`*name`) outside quotes, roughly: documents with aliases take the guarded slow path. */
const ALIAS = /(?:^|[\s[{,:-])\*[^\s,\]}]/;

export type FastResult = { value: unknown } | { failed: true };

/**
 * Parses one document quickly, or says it could not. Any doubt (aliases that could be a YAML
 * bomb, syntax errors, duplicate keys, unknown tags) sends the document to the `yaml` path, which
 * reports the problem with its exact position.
 */
export function parseFast(source: string): FastResult {
  if (ALIAS.test(source)) return { failed: true };
  try {
    return { value: jsyaml.load(source, { schema: KUBERNETES_YAML, json: false }) };
  } catch {
    return { failed: true };
  }
}
