// The fast path: js-yaml builds plain data about ten times faster than `yaml` builds a document
// with positions. Positions are only needed for documents that have findings, so they come from
// a second, lazy parse with `yaml` (documents.ts). Both parsers must read every scalar the same
// way, so this schema copies the YAML 1.1 resolution rules of `yaml`'s `yaml-1.1` schema (minus
// timestamps and sexagesimal numbers, as documents.ts configures it) regex for regex.

import jsyaml from 'js-yaml';

const { Type, Schema } = jsyaml;
// js-yaml exports its built-in types; @types/js-yaml does not declare them.
const types = (jsyaml as unknown as { types: Record<'str' | 'seq' | 'map' | 'merge' | 'binary' | 'omap' | 'pairs' | 'set', InstanceType<typeof Type>> }).types;

const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const INT = /^[-+]?0b[0-1_]+$|^[-+]?0[0-7_]+$|^[-+]?[0-9][0-9_]*$|^[-+]?0x[0-9a-fA-F_]+$/;
const FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$|^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$|^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/;

function signed(source: string, radix: number, prefix: number): number {
  const negative = source.startsWith('-');
  const body = source.replace(/^[-+]/, '').slice(prefix).replace(/_/g, '');
  const value = parseInt(body, radix);
  return negative ? -value : value;
}

function integer(s: string): number {
  if (/^[-+]?0b/.test(s)) return signed(s, 2, 2);
  if (/^[-+]?0x/.test(s)) return signed(s, 16, 2);
  if (/^[-+]?0[0-7_]+$/.test(s)) return signed(s, 8, 1);
  return Number(s.replace(/_/g, ''));
}

function float(s: string): number {
  if (/nan$/i.test(s)) return NaN;
  if (/inf$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  return parseFloat(s.replace(/_/g, ''));
}

const STRING = Symbol('string');

/**
 * What a plain scalar means, in `yaml`'s order where patterns overlap (null, bool, int — an
 * octal `0755` also looks decimal — then float), or STRING. Most plain scalars in manifests are
 * names: a look at the first character spares them the regular expressions.
 */
function resolvePlain(s: string): unknown {
  if (s.length === 0) return null;
  const c = s.charCodeAt(0);
  if ((c === 126 || c === 110 || c === 78) && NULL.test(s)) return null; // ~ n N
  if ('yYnNtTfFoO'.includes(s[0]!)) {
    if (TRUE.test(s)) return true;
    if (FALSE.test(s)) return false;
  }
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
    if (INT.test(s)) return integer(s);
    if (FLOAT.test(s)) return float(s);
  }
  return STRING;
}

// js-yaml asks `resolve` and then `construct` for the same scalar: remember the last answer.
let lastSource: string | undefined;
let lastValue: unknown;

/** One implicit type for all of YAML 1.1's plain-scalar resolution (one call per scalar instead of four). */
const PLAIN_SCALAR = new Type('tag:yaml.org,2002:plain', {
  kind: 'scalar',
  resolve: (data: unknown) => {
    if (typeof data !== 'string') return false;
    const value = resolvePlain(data);
    if (value === STRING) return false;
    lastSource = data;
    lastValue = value;
    return true;
  },
  construct: (data: string) => (data === lastSource ? lastValue : resolvePlain(data)),
});

/** Explicitly tagged scalars (`!!int "3"`) use the same rules. */
function tagged(tag: string, test: RegExp, construct: (source: string) => unknown): InstanceType<typeof Type> {
  return new Type(tag, { kind: 'scalar', resolve: (data: unknown) => typeof data === 'string' && test.test(data), construct });
}

const KUBERNETES_YAML = new Schema({
  implicit: [PLAIN_SCALAR, types.merge],
  explicit: [
    types.str,
    types.seq,
    types.map,
    tagged('tag:yaml.org,2002:null', NULL, () => null),
    tagged('tag:yaml.org,2002:bool', new RegExp(`${TRUE.source}|${FALSE.source}`), (s) => TRUE.test(s)),
    tagged('tag:yaml.org,2002:int', INT, integer),
    tagged('tag:yaml.org,2002:float', FLOAT, float),
    types.binary,
    types.omap,
    types.pairs,
    types.set,
  ],
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
