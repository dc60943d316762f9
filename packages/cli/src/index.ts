import type { CommandEntry } from './command.js';
import { commands } from './commands/index.js';
import { EXIT_OK, EXIT_USAGE, printableLine, unexpectedErrorLine, UsageError, type CliIO } from './io.js';
import { VERSION } from './version.js';

export type { CliIO } from './io.js';
export type { Command, CommandEntry } from './command.js';
export { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, unexpectedErrorLine, UsageError } from './io.js';
export { VERSION } from './version.js';

function findCommand(argv: string[]): { command: CommandEntry; rest: string[] } | undefined {
  let best: { command: CommandEntry; rest: string[] } | undefined;
  for (const command of commands) {
    const words = command.name;
    if (words.every((word, i) => argv[i] === word) && (!best || words.length > best.command.name.length)) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.join(' ').length), 8);
  const lines = commands.map((c) => `  ${c.name.join(' ').padEnd(width)}  ${c.summary}`);
  return [
    'chartforge — Helm charts for ML serving, training and migration, and a Kubernetes manifest validator',
    '',
    'Usage: chartforge <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `chartforge <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

/** Runs the CLI and returns its exit code. Never throws for user error. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(help());
    return argv.length === 0 ? EXIT_USAGE : EXIT_OK;
  }
  if (argv[0] === '--version' || argv[0] === '-v' || argv[0] === 'version') {
    const { EMBEDDED_KUBERNETES_VERSION, EMBEDDED_SCHEMA_SOURCE } = await import('@chartforge/validator/core');
    io.stdout.write(`chartforge ${VERSION} (embedded Kubernetes schemas: ${EMBEDDED_SCHEMA_SOURCE}; default ${EMBEDDED_KUBERNETES_VERSION})\n`);
    return EXIT_OK;
  }
  const found = findCommand(argv);
  if (!found) {
    io.stderr.write(`chartforge: unknown command "${argv[0]}"\n\n${help()}`);
    return EXIT_USAGE;
  }
  const command = await found.command.load();
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(found.rest, io);
  } catch (error) {
    const name = found.command.name.join(' ');
    if (error instanceof UsageError) {
      io.stderr.write(`chartforge ${name}: ${printableLine(error.message)}\n`);
      return error.exitCode;
    }
    io.stderr.write(`chartforge ${name}: ${unexpectedErrorLine(error)}\n`);
    return EXIT_USAGE;
  }
}
