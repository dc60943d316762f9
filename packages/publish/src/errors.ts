// Errors the publishing commands raise for the user to fix; the CLI prints the message and exits 2
// (unreadable input) or 1 (a chart that is not valid), never with a stack trace.
import { readFileSync } from 'node:fs';

/** A file or directory that cannot be read or written. */
export class PublishIOError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublishIOError';
  }
}

/** A chart that cannot be packaged, signed or indexed; the message names the file and the fault. */
export class ChartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartError';
  }
}

/** Reads a text file, turning a missing or unreadable file into a PublishIOError naming it. */
export function readText(path: string, what: string, displayName = path): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PublishIOError(code === 'ENOENT' ? `${what} ${displayName} does not exist` : `cannot read ${what} ${displayName}: ${(error as Error).message}`);
  }
}

/** Reads a text file that may be absent (undefined); other read failures are PublishIOErrors. */
export function readOptionalText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PublishIOError(`cannot read ${path}: ${(error as Error).message}`);
  }
}
