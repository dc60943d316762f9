import { suggest, UserError } from '@chartforge/core';
import type { CommandEntry } from './command.js';
import { commands } from './commands/index.js';
import { EXIT_OK, EXIT_USAGE, printableLine, unexpectedErrorLine, UnknownFlagError, type CliIO } from './io.js';
import { VERSION } from './version.js';

export type { CliIO } from './io.js';
export type { Command, CommandEntry } from './command.js';
export { colorEnabled, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, unexpectedErrorLine, UsageError } from './io.js';
export { VERSION } from './version.js';
export { deferOptimization, enableLinearRegExps } from './optimizer.js';

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
    'Options:',
    '  -h, --help     this list; `chartforge <command> --help` or `chartforge help <command>` for a command',
    '  -v, --version  the version and the embedded Kubernetes schemas',
    '',
    'Every command: -o/--output FORMAT is the report format; text output is coloured only on a terminal,',
    'never when NO_COLOR is set, always when FORCE_COLOR is set.',
    'Exit codes: 0 success, 1 findings or invalid input, 2 usage or I/O error.',
    '',
  ].join('\n');
}

/** "unknown command" with the closest command name, by the did-you-mean every package uses. */
function unknownCommand(argv: readonly string[]): string {
  const names = commands.map((c) => c.name.join(' '));
  // A right first word of a two-word command (`values chek`) is judged with the word after it.
  const typed = commands.some((c) => c.name.length > 1 && c.name[0] === argv[0]) ? argv.slice(0, 2).join(' ') : (argv[0] ?? '');
  const hint = suggest(typed, names) ?? names.find((name) => name.split(' ')[0] === suggest(typed, commands.map((c) => c.name[0]!)));
  return `unknown command "${printableLine(typed)}"${hint ? ` (did you mean "${hint}"?)` : ''}`;
}

/** A user error's one line: `file:line:column: problem`, with the closest flag for an unknown one. */
function userErrorLine(error: UserError): string {
  if (!(error instanceof UnknownFlagError)) return printableLine(error.message);
  const hint = suggest(error.flag, error.known);
  return printableLine(`${error.message}${hint ? ` (did you mean "${hint}"?)` : ''}`);
}

/** Runs the CLI and returns its exit code. Never throws for user error. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  if (argv.length === 0 || ((argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') && argv.length === 1)) {
    io.stdout.write(help());
    return argv.length === 0 ? EXIT_USAGE : EXIT_OK;
  }
  if (argv[0] === '--version' || argv[0] === '-v' || argv[0] === 'version') {
    const { EMBEDDED_KUBERNETES_VERSION, EMBEDDED_SCHEMA_SOURCE } = await import('@chartforge/validator/core');
    io.stdout.write(`chartforge ${VERSION} (embedded Kubernetes schemas: ${EMBEDDED_SCHEMA_SOURCE}; default ${EMBEDDED_KUBERNETES_VERSION})\n`);
    return EXIT_OK;
  }
  // `chartforge help <command>` is `chartforge <command> --help`.
  const helpAsked = argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h';
  const words = helpAsked ? argv.slice(1) : argv;
  const found = findCommand(words);
  if (!found) {
    io.stderr.write(`chartforge: ${unknownCommand(words)}; run \`chartforge --help\` for the list\n`);
    return EXIT_USAGE;
  }
  const command = await found.command.load();
  // `-help` too: kubeconform's (Go's) spelling, which users of `validate`'s one-dash flags type.
  if (helpAsked || found.rest.some((arg) => arg === '--help' || arg === '-h' || arg === '-help')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return EXIT_OK;
  }
  const name = found.command.name.join(' ');
  try {
    return await command.run(found.rest, io);
  } catch (error) {
    // Every package's user errors are UserErrors: the one place they become a line and an exit code.
    if (error instanceof UserError) {
      io.stderr.write(`chartforge ${name}: ${userErrorLine(error)}\n`);
      return error.exitCode;
    }
    io.stderr.write(`chartforge ${name}: ${unexpectedErrorLine(error)}\n`);
    return EXIT_USAGE;
  }
}
