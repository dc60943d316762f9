import type { Readable, Writable } from 'node:stream';

/** Everything a command touches of the outside world, so tests can run the CLI in-process too. */
export interface CliIO {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Exit codes shared by every command: 0 clean, 1 findings/invalid input, 2 usage or I/O error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A user-caused failure: printed as one clear message, never as a stack trace. */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT_USAGE) {
    super(message);
    this.name = 'UsageError';
  }
}
