// Errors the publishing commands raise for the user to fix; the CLI prints the message and exits 2
// (unreadable input) or 1 (a chart that is not valid), never with a stack trace.
import { lstatSync } from 'node:fs';
import { EXIT_FINDINGS, UserError } from '@chartforge/core';
import { InputFileError, readInputFile, readInputText } from '@chartforge/validator/read';

/** A file or directory that cannot be read or written (exit 2). */
export class PublishIOError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'PublishIOError';
  }
}

/** A chart that cannot be packaged, signed or indexed (exit 1); the message names the file and the fault. */
export class ChartError extends UserError {
  constructor(message: string) {
    super(message, { exitCode: EXIT_FINDINGS });
    this.name = 'ChartError';
  }
}

/**
 * Reads a text file through the hardened reader (regular files only, size-capped), turning a
 * missing or unreadable file into a PublishIOError naming it.
 */
export function readText(path: string, what: string, displayName = path): string {
  if (!existsWithoutFollowing(path)) throw new PublishIOError(`${what} ${displayName} does not exist`);
  try {
    return readInputText(path, displayName);
  } catch (error) {
    if (error instanceof InputFileError) throw new PublishIOError(`${what} ${error.message}`);
    throw error;
  }
}

/** Reads a text file that may be absent (undefined); other read failures are PublishIOErrors. */
export function readOptionalText(path: string, displayName = path): string | undefined {
  if (!existsWithoutFollowing(path)) return undefined;
  try {
    return readInputText(path, displayName);
  } catch (error) {
    if (error instanceof InputFileError) throw new PublishIOError(error.message);
    throw error;
  }
}

/** The bytes of a regular file (an archive) through the hardened reader; failures are PublishIOErrors. */
export function readBytes(path: string, displayName = path): Buffer {
  try {
    return readInputFile(path, displayName);
  } catch (error) {
    if (error instanceof InputFileError) throw new PublishIOError(error.message);
    throw error;
  }
}

/** Whether anything, a broken symbolic link included, is at `path` (a broken link is an error, not absence). */
function existsWithoutFollowing(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
