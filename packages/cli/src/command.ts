import type { CliIO } from './io.js';

export interface Command {
  /** Full help text shown by `chartforge <command> --help`. */
  readonly usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/**
 * A command as `chartforge --help` lists it. The module behind it is imported only when the
 * command runs, so starting the CLI for one command never loads the others' dependencies.
 */
export interface CommandEntry {
  /** Words that select the command, e.g. ['values', 'check']. */
  readonly name: readonly string[];
  readonly summary: string;
  load(): Promise<Command>;
}
