import { UserError } from '@chartforge/core';

/** An input file that cannot be used, at a 1-based line and column: `file:line:column: problem`. */
export class InputFileError extends UserError {
  declare readonly file: string;
  declare readonly line: number;
  declare readonly column: number;

  constructor(file: string, line: number, column: number, problem: string) {
    super(problem, { file, line, column });
    this.name = 'InputFileError';
  }
}
