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

/** Compiles `pattern` with RE2 syntax; throws for a pattern RE2 rejects (lookaround, backreferences). */
export function compileLinearPattern(pattern: string): LinearPattern {
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
