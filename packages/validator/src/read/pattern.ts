// Regular expressions that come with the input — a values schema's `pattern`, a CRD's — run on a
// linear-time engine (RE2, as Go's regexp, which is what Helm and the API server evaluate them
// with). JavaScript's backtracking engine takes exponential time on `^(a+)+$` against a long run
// of `a`s ending in `b`; RE2 cannot.
import { createRequire } from 'node:module';
import type { RE2JS as RE2 } from 're2js';

// Loaded on first use: only input that brings its own patterns (a values schema, a CRD) needs it.
let re2: typeof RE2 | undefined;
const RE2JS = (): typeof RE2 => (re2 ??= (createRequire(import.meta.url)('re2js') as typeof import('re2js')).RE2JS);

/** A compiled pattern: `test` searches (unanchored, as JSON Schema's `pattern` does). */
export interface LinearPattern {
  test(text: string): boolean;
  toString(): string;
}

/**
 * Patterns that mean the same to Go's regexp and to JavaScript's (no flags) on text without astral
 * characters: printable ASCII; escapes of punctuation only (no `\d`, `\s`, `\z`, `\Q` …, whose
 * meanings differ or do not exist); no `.` (JavaScript's also refuses `\r`, U+2028 and U+2029),
 * `(?` (flags, named groups), `[:` (POSIX classes), `[]` or `[^]` (Go reads the `]` as a member),
 * and at most one repeat count, below Go's limit of 1000. What JavaScript refuses goes to RE2, which
 * answers as Go does.
 */
const SHARED_SYNTAX = /^(?:[ !"#%&',\-/0-9:;<=>@A-Z_`a-z~^$*+?()|[\]{}]|\\[!-/:-@[-`{-~])*$/;
const MISREAD_SYNTAX = /(?<!\\)(?:\\\\)*(?:\(\?|\[:|\[\^?\])/;
const REPEAT_COUNT = /\{(\d*)(?:,(\d*))?\}/g;
const ASTRAL = /[\uD800-\uDFFF]/;

/**
 * V8's linear-time engine for `pattern` (the `l` flag), when the process enabled it
 * (`--enable-experimental-regexp-engine`, as the CLI does) and the pattern is in the shared syntax
 * and within what that engine runs; else undefined.
 */
function nativeLinear(pattern: string): RegExp | undefined {
  if (!SHARED_SYNTAX.test(pattern) || MISREAD_SYNTAX.test(pattern)) return undefined;
  const counts = [...pattern.matchAll(REPEAT_COUNT)];
  if (counts.length > 1 || counts.some(([, low, high]) => Number(low) > 999 || Number(high ?? 0) > 999)) return undefined;
  try {
    return new RegExp(pattern, 'l');
  } catch {
    return undefined;
  }
}

/** Compiles `pattern` with RE2 syntax; throws for a pattern RE2 rejects (lookaround, backreferences). */
export function compileLinearPattern(pattern: string): LinearPattern {
  // Loading and first running RE2 costs a small lint 20-30 ms; V8's own engine answers the usual
  // CRD and values patterns (`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`) alike in linear time. Text with
  // astral characters goes to RE2 (Go counts them as one character, JavaScript as two).
  const native = nativeLinear(pattern);
  if (native) {
    let compiled: ReturnType<ReturnType<typeof RE2JS>['compile']> | undefined;
    return { test: (text) => (ASTRAL.test(text) ? (compiled ??= RE2JS().compile(pattern)).test(text) : native.test(text)), toString: () => pattern };
  }
  const compiled = RE2JS().compile(pattern);
  return { test: (text) => compiled.test(text), toString: () => pattern };
}

/**
 * The engine in the form ajv's `code.regExp` option takes. `code` names it for ajv's standalone
 * code generation, which chartforge does not use.
 */
export const linearRegExpEngine: ((pattern: string) => LinearPattern) & { code: string } = Object.assign((pattern: string) => compileLinearPattern(pattern), {
  code: '@chartforge/validator/read',
});
