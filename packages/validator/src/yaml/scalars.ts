// YAML 1.1 plain-scalar resolution as `yaml`'s `yaml-1.1` schema does it (minus timestamps and
// sexagesimal numbers, as Kubernetes' go-yaml leaves those strings), shared by the fast parsers.

export const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
export const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
export const NULL = /^(?:~|[Nn]ull|NULL)?$/;
export const INT = /^[-+]?0b[0-1_]+$|^[-+]?0[0-7_]+$|^[-+]?[0-9][0-9_]*$|^[-+]?0x[0-9a-fA-F_]+$/;
// A mantissa needs a digit before or after the point, as in go-yaml: `e0` and `.` are strings.
export const FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$|^(?=[-+]?(?:[0-9]|\.[0-9]))(?:[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+|[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*)$/;

function signed(source: string, radix: number, prefix: number): number {
  const negative = source.startsWith('-');
  const body = source.replace(/^[-+]/, '').slice(prefix).replace(/_/g, '');
  const value = parseInt(body, radix);
  return negative ? -value : value;
}

export function integer(s: string): number {
  if (isPlainDecimal(s)) return Number(s);
  if (/^[-+]?0b/.test(s)) return signed(s, 2, 2);
  if (/^[-+]?0x/.test(s)) return signed(s, 16, 2);
  if (/^[-+]?0[0-7_]+$/.test(s)) return signed(s, 8, 1);
  return Number(s.replace(/_/g, ''));
}

/** Digits only, not starting with 0 unless alone (a leading 0 makes YAML 1.1 read octal): most integers in manifests (`8080`, `2`). */
function isPlainDecimal(s: string): boolean {
  if (s.charCodeAt(0) === 48 && s.length > 1) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function float(s: string): number {
  if (/nan$/i.test(s)) return NaN;
  if (/inf$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  return parseFloat(s.replace(/_/g, ''));
}

export const STRING = Symbol('string');

/** go-yaml reads a float literal that overflows float64 (`4e12345678901234`) as a string. */
export function finiteFloat(s: string): number | typeof STRING {
  const value = float(s);
  return Number.isFinite(value) || /(?:inf|nan)$/i.test(s) ? value : STRING;
}

/**
 * What a plain scalar means, in `yaml`'s order where patterns overlap (null, bool, int — an
 * octal `0755` also looks decimal — then float), or STRING. Most plain scalars in manifests are
 * names: a look at the first character spares them the regular expressions.
 */
export function resolvePlain(s: string): unknown {
  if (s.length === 0) return null;
  const c = s.charCodeAt(0);
  if ((c === 126 || c === 110 || c === 78) && NULL.test(s)) return null; // ~ n N
  if ('yYnNtTfFoO'.includes(s[0]!)) {
    if (TRUE.test(s)) return true;
    if (FALSE.test(s)) return false;
  }
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
    if (INT.test(s)) return integer(s);
    if (FLOAT.test(s)) return finiteFloat(s);
  }
  return STRING;
}

