import type { Readable, Writable } from 'node:stream';
import { EXIT_USAGE, UserError } from '@chartforge/core';

/** Everything a command touches of the outside world, so tests can run the CLI in-process too. */
export interface CliIO {
  stdin: Readable & { isTTY?: boolean };
  /** `columns`: a terminal's width, which text reports fit their lines to (see reportWidth). */
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '@chartforge/core';

/** A misused command line (exit 2 unless said otherwise); `main` prints it as every UserError. */
export class UsageError extends UserError {
  constructor(message: string, exitCode: number = EXIT_USAGE) {
    super(message, { exitCode });
    this.name = 'UsageError';
  }
}

/** A flag the command does not have; `main` adds the closest spelling it does have. */
export class UnknownFlagError extends UsageError {
  constructor(readonly flag: string, readonly known: readonly string[]) {
    super(`unknown flag "${flag}"`);
    this.name = 'UnknownFlagError';
  }
}

/**
 * Whether text written to `stream` may be coloured: never when NO_COLOR is set to anything but
 * the empty string (no-color.org), always when FORCE_COLOR is set (except to 0 or false, which
 * turn colour off, as chalk and Node read it), else only on a terminal.
 */
export function colorEnabled(io: Pick<CliIO, 'env'>, stream: { isTTY?: boolean }): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

/**
 * The width a text report fits its lines to: the terminal's, when stdout is one; undefined (one
 * finding to a line, however long) when it is piped, so scripts and files get the same bytes.
 */
export function reportWidth(io: Pick<CliIO, 'stdout'>): number | undefined {
  return io.stdout.isTTY === true && io.stdout.columns !== undefined && io.stdout.columns > 0 ? io.stdout.columns : undefined;
}

/** One line of text safe for a terminal: control characters shown as `\\u{…}`, lines joined. */
export function printableLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => (c === '\n' ? ' ' : `\\u{${c.charCodeAt(0).toString(16)}}`));
}

/**
 * The one line printed for an error: a user error (a file error of the hardened reader names the
 * file, position and limit) as it is, a system error by its path and cause, anything else by its
 * first line. Never a stack trace.
 */
export function unexpectedErrorLine(error: unknown): string {
  if (!(error instanceof Error)) return printableLine(String(error));
  if (error instanceof UserError) return printableLine(error.message);
  const errno = error as NodeJS.ErrnoException;
  if (errno.code && errno.path) return printableLine(`${errno.path}: ${errno.code} (${errno.syscall ?? 'I/O'} failed)`);
  if (error instanceof RangeError) return printableLine(`input too large or too deeply nested to process (${error.message})`);
  return printableLine(error.message.split('\n')[0] ?? error.name);
}
