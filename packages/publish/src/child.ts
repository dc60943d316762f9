// Child processes (helm, gpg, git) with a deadline, and clean-ups that run however chartforge
// ends: normally, on an error, or on SIGINT/SIGTERM/SIGHUP (Ctrl-C, a CI job's timeout). A signing
// run must never leave the imported private key in a temporary GnuPG home, nor a gpg-agent behind.
import { spawn, spawnSync } from 'node:child_process';
import { PublishIOError } from './errors.js';

/** Seconds a child process may run: CHARTFORGE_CHILD_TIMEOUT, default 300 (a large chart's helm lint). */
export function childTimeoutSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.CHARTFORGE_CHILD_TIMEOUT);
  return Number.isFinite(value) && value > 0 ? value : 300;
}

/** Output a child may write before it is stopped (ENOBUFS): a large chart's helm template. */
const DEFAULT_MAX_BUFFER = 256 * 1024 * 1024;

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
    maxBuffer: options.maxBuffer ?? DEFAULT_MAX_BUFFER,
    timeout: seconds * 1000,
    killSignal: 'SIGKILL',
  });
  if (run.error) throw childError(run.error, command, seconds, options);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Why a child could not run or finish, in one line (runChild's and startChild's words alike). */
function childError(error: Error, command: string, seconds: number, options: ChildOptions): PublishIOError {
  const what = options.what ?? command;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ETIMEDOUT') return new PublishIOError(`${what} did not finish within ${seconds} s and was stopped (raise the limit with CHARTFORGE_CHILD_TIMEOUT=SECONDS)`);
  if (code === 'ENOENT' && options.missing) return new PublishIOError(options.missing);
  return new PublishIOError(`cannot run ${what}: ${code ?? error.message}`);
}

/** An error with an errno-style code, as spawnSync reports a deadline or a full buffer. */
function coded(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/**
 * runChild without waiting: the child runs beside this process's work (and beside other
 * children), under the same deadline and output limit, and its run or error is the promise's.
 * Aborting `signal` kills it. The promise is marked handled: a run nobody awaits any more (the
 * caller failed first, and aborted) never surfaces as an unhandled rejection.
 */
export function startChild(command: string, args: readonly string[], options: ChildOptions & { signal?: AbortSignal } = {}): Promise<ChildRun> {
  const seconds = childTimeoutSeconds(options.env ?? process.env);
  const maxBuffer = options.maxBuffer ?? DEFAULT_MAX_BUFFER;
  const signal = options.signal;
  const run = new Promise<ChildRun>((resolve, reject) => {
    if (signal?.aborted) {
      reject(childError(coded('ABORT_ERR'), command, seconds, options));
      return;
    }
    // Not spawn's own `signal` option: it kills on abort even a child whose spawn failed (a
    // missing program) before Node has noticed, and Node then sends the signal to process id 0,
    // which is this process's whole group — chartforge and whatever started it. A child is killed
    // here only between its 'spawn' and 'exit' events.
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let running = false;
    let failure: NodeJS.ErrnoException | undefined;
    const stop = (error: NodeJS.ErrnoException) => {
      failure ??= error;
      if (running) child.kill('SIGKILL');
    };
    const onAbort = () => stop(coded('ABORT_ERR'));
    signal?.addEventListener('abort', onAbort, { once: true });
    child.once('spawn', () => {
      running = true;
      if (failure) child.kill('SIGKILL');
    });
    child.once('exit', () => {
      running = false;
    });
    const deadline = setTimeout(() => stop(coded('ETIMEDOUT')), seconds * 1000);
    const output = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    let buffered = 0;
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream]!.on('data', (chunk: Buffer) => {
        buffered += chunk.length;
        if (buffered > maxBuffer) stop(coded('ENOBUFS'));
        else output[stream].push(chunk);
      });
    }
    // A child that never started or stopped reading is reported by its own events, not by its stdin's.
    child.stdin?.on('error', () => undefined);
    if (options.input !== undefined) child.stdin!.end(options.input);
    const settled = () => {
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error) => {
      settled();
      reject(childError(failure ?? error, command, seconds, options));
    });
    child.on('close', (status) => {
      settled();
      if (failure) reject(childError(failure, command, seconds, options));
      else resolve({ status, stdout: Buffer.concat(output.stdout).toString('utf8'), stderr: Buffer.concat(output.stderr).toString('utf8') });
    });
  });
  run.catch(() => undefined);
  return run;
}

/** Children started through it run at most `size` at a time; the others wait their turn, in order. */
export class ChildSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(start: () => Promise<T>): Promise<T> {
    // A slot that frees goes straight to the first waiting, so the count never dips below what runs.
    if (this.running < this.size) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await start();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
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
