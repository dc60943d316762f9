// Child processes (helm, gpg, git) with a deadline, and clean-ups that run however chartforge
// ends: normally, on an error, or on SIGINT/SIGTERM/SIGHUP (Ctrl-C, a CI job's timeout). A signing
// run must never leave the imported private key in a temporary GnuPG home, nor a gpg-agent behind.
import { spawnSync } from 'node:child_process';
import { PublishIOError } from './errors.js';

/** Seconds a child process may run: CHARTFORGE_CHILD_TIMEOUT, default 300 (a large chart's helm lint). */
export function childTimeoutSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.CHARTFORGE_CHILD_TIMEOUT);
  return Number.isFinite(value) && value > 0 ? value : 300;
}

export interface ChildRun {
  /** Exit status; null when the child was killed (by the deadline or a signal). */
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface ChildOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  maxBuffer?: number;
  /** What the program is, for messages ("helm", "gpg"); default: its path. */
  what?: string;
  /** Turns "not found" into a message saying how to get the program. */
  missing?: string;
}

/**
 * Runs `command` to completion or to the deadline (then SIGKILL, a PublishIOError naming the limit).
 * A program that cannot be started is a PublishIOError; a non-zero exit is returned.
 */
export function runChild(command: string, args: readonly string[], options: ChildOptions = {}): ChildRun {
  const seconds = childTimeoutSeconds(options.env ?? process.env);
  const run = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
    timeout: seconds * 1000,
    killSignal: 'SIGKILL',
  });
  const what = options.what ?? command;
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    if (code === 'ETIMEDOUT') throw new PublishIOError(`${what} did not finish within ${seconds} s and was stopped (raise the limit with CHARTFORGE_CHILD_TIMEOUT=SECONDS)`);
    if (code === 'ENOENT' && options.missing) throw new PublishIOError(options.missing);
    throw new PublishIOError(`cannot run ${what}: ${code ?? run.error.message}`);
  }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const cleanups = new Set<() => void>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Record<(typeof SIGNALS)[number], number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

function runCleanups(): void {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // A clean-up that fails must not stop the others.
    }
  }
}

function onSignal(signal: (typeof SIGNALS)[number]): void {
  runCleanups();
  process.stderr.write(`chartforge: stopped by ${signal}; temporary files removed\n`);
  process.exit(128 + SIGNAL_NUMBERS[signal]);
}

/**
 * Runs `body` with `cleanup` registered: it runs when `body` ends (returns or throws) and, if a
 * signal stops chartforge first, before the process exits. A child run synchronously holds the
 * signal until it ends, which its deadline bounds; Ctrl-C reaches the child too, so it is quick.
 */
export function withCleanup<T>(cleanup: () => void, body: () => T): T {
  if (cleanups.size === 0) for (const signal of SIGNALS) process.on(signal, onSignal);
  cleanups.add(cleanup);
  try {
    return body();
  } finally {
    if (cleanups.delete(cleanup)) cleanup();
    if (cleanups.size === 0) for (const signal of SIGNALS) process.off(signal, onSignal);
  }
}
