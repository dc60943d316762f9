/** An input file that cannot be used; `line`/`column` are 1-based. */
export class InputFileError extends Error {
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly problem: string) {
    super(`${file}:${line}:${column}: ${problem}`);
    this.name = 'InputFileError';
  }
}
