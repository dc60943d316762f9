// V8's optimizing compiler (TurboFan) recompiles hot functions on a background thread. The CPU
// time of a run counts that thread, and a lint of a chart or two is over before optimized code pays
// for its compilation: on the charts' 15 ci renders (0.3 MB) TurboFan was a quarter of
// `chartforge validate`'s CPU time (0.41 s with it, 0.31 s without). On larger input it wins
// (2 MB: 1.50 s with it, 1.88 s without; 4 MB: 2.4 s against 3.6 s), so the lint path starts
// without it and turns it back on once its input passes OPTIMIZE_ABOVE_BYTES.
import { setFlagsFromString } from 'node:v8';

/** Where TurboFan starts paying on the lint path (measured crossover: between 1 and 2 MB). */
export const OPTIMIZE_ABOVE_BYTES = 1024 * 1024;

/** The commands whose small runs are faster without TurboFan. */
const DEFERRING_COMMANDS: ReadonlySet<string> = new Set(['validate', 'lint']);

let deferred = false;
let inputBytes = 0;

/**
 * Called by the CLI's executable (never by the library, whose host process decides its own V8
 * flags): turns TurboFan off for the lint-path commands until their input is large.
 */
export function deferOptimization(argv: readonly string[]): void {
  if (!DEFERRING_COMMANDS.has(argv[0] ?? '')) return;
  setFlagsFromString('--no-turbofan');
  deferred = true;
}

/** Counts `bytes` of input about to be validated; turns TurboFan back on past the threshold. */
export function inputSeen(bytes: number): void {
  if (!deferred) return;
  inputBytes += bytes;
  if (inputBytes <= OPTIMIZE_ABOVE_BYTES) return;
  setFlagsFromString('--turbofan');
  deferred = false;
}

/**
 * Called by the CLI's executable: lets the validator run the usual CRD and values-schema patterns
 * on V8's linear-time engine (the `l` flag) instead of loading RE2 (read/pattern.ts). The flag
 * only makes the `l` flag available; no other regular expression changes.
 */
export function enableLinearRegExps(): void {
  setFlagsFromString('--enable-experimental-regexp-engine');
}
