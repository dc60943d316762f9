import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OUTPUT_FORMATS, suggest, type OutputFormat } from '@chartforge/core';
import { UnknownFlagError, UsageError, type CliIO } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>;

/** The spellings a command accepts (`--name`, `-x`), which `main` offers as a did-you-mean. */
function flagSpellings(options: Options): string[] {
  return Object.entries(options).flatMap(([name, option]) => [`--${name}`, ...(option.short ? [`-${option.short}`] : [])]);
}

/** node:util parseArgs, with its errors turned into usage errors (exit 2, no stack trace). */
export function parseCommandArgs<T extends Options>(args: string[], options: T): { values: Parsed<T>['values']; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (error) {
    const unknown = /^Unknown option '([^']+)'/.exec(error instanceof Error ? error.message : '');
    if ((error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) throw new UnknownFlagError(unknown[1]!, flagSpellings(options));
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The report format of a check command's `-o/--output` (text when not given). Every check command
 * reads the flag here, so a mistyped format gets one answer: the closest format, as an unknown flag
 * gets the closest flag, or the list of formats when none is close.
 */
export function outputFormat(value: string | undefined): OutputFormat {
  const format = value ?? 'text';
  if ((OUTPUT_FORMATS as readonly string[]).includes(format)) return format as OutputFormat;
  const hint = suggest(format, OUTPUT_FORMATS);
  throw new UsageError(`unknown --output format "${format}" (${hint ? `did you mean "${hint}"?` : `expected one of ${OUTPUT_FORMATS.join(', ')}`})`);
}

/**
 * A flag renamed to follow the CLI's convention (`-o/--output` is the report format; directories
 * and files have flags of their own): the old spelling still works, with one warning on stderr.
 * Returns the value of whichever spelling was given.
 */
export function renamedFlag(io: CliIO, command: string, value: { current: string | undefined; deprecated: string | undefined }, spelling: { current: string; deprecated: string }): string | undefined {
  if (value.deprecated === undefined) return value.current;
  if (value.current !== undefined) throw new UsageError(`give ${spelling.current}, not both it and the deprecated ${spelling.deprecated}`);
  io.stderr.write(`chartforge ${command}: ${spelling.deprecated} is deprecated, use ${spelling.current}\n`);
  return value.deprecated;
}
