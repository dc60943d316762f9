// The validator's usage-level error, thrown where options, inputs or schema locations are bad.
import { UserError } from '@chartforge/core';

/** A usage-level failure: bad options, unreadable inputs or schema locations (exit 2 in the CLI). */
export class ValidateError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'ValidateError';
  }
}
