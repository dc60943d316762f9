// The one error type for failures the user can fix (a bad flag, a missing file, a spec that cannot
// become a chart). Every package's user errors are UserErrors, so the CLI catches them in one place
// and prints one line with one exit code, instead of translating each package's classes.

/** Exit codes of every chartforge command: 0 clean, 1 findings or invalid input, 2 usage or I/O error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Where in which file a user error is, when it is about a place in a file (1-based). */
export interface UserErrorLocation {
  file?: string;
  line?: number;
  column?: number;
}

export interface UserErrorOptions extends UserErrorLocation {
  /** The exit code the CLI ends with; EXIT_USAGE (2) unless the input itself is invalid (1). */
  exitCode?: number;
}

/** `file:line:column: ` for the parts of a location that are known, else nothing. */
function locationPrefix({ file, line, column }: UserErrorLocation): string {
  if (file === undefined) return '';
  return `${[file, line, line === undefined ? undefined : column].filter((part) => part !== undefined).join(':')}: `;
}

/**
 * A failure the user can fix. `message` is the whole line the CLI prints, `file:line:column: problem`
 * when the error has a location; `problem` is the text without it.
 */
export class UserError extends Error {
  readonly problem: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly exitCode: number;

  constructor(problem: string, options: UserErrorOptions = {}) {
    super(`${locationPrefix(options)}${problem}`);
    this.name = 'UserError';
    this.problem = problem;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.exitCode = options.exitCode ?? EXIT_USAGE;
  }
}
