import type { CliIO } from './io.js';

export interface Command {
  /** Words that select the command, e.g. ['values', 'check']. */
  readonly name: readonly string[];
  readonly summary: string;
  /** Full help text shown by `chartforge <command> --help`. */
  readonly usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}
