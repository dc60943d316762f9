// Reading an input file so that no file can hang or exhaust a command: regular files only (a FIFO
// would block until a writer comes, /dev/zero never ends), their size checked before a byte is
// read, and every failure a one-line message naming the file.

import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { InputFileError } from './error.js';
import { overLimit, readLimits, type ReadLimits } from './limits.js';

/** Why an I/O error happened, in words (the errno code is kept for the curious). */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file (or a broken symbolic link)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return code ? `${code}` : (error as Error).message.split('\n')[0]!;
  }
}

/**
 * The bytes of the regular file at `path`. `display` is how the file is named in messages, `what`
 * what it is ("the config file") in "cannot read …".
 * Throws InputFileError (at 1:1) for a missing, unreadable, non-regular or too large file.
 */
export function readInputFile(path: string, display: string = path, limits: ReadLimits = readLimits(), what = ''): Buffer {
  const fail = (problem: string) => new InputFileError(display, 1, 1, what && problem.startsWith('cannot read') ? problem.replace('cannot read', `cannot read ${what}`) : problem);
  let size: number;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw fail('is a directory, expected a file');
    if (!stats.isFile()) throw fail('is not a regular file (a FIFO, socket or device is never read)');
    size = stats.size;
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw fail(`cannot read: ${describeIoError(error)}`);
  }
  if (size > limits.maxInputBytes) throw fail(`file is ${size} bytes, ${overLimit('maxInputBytes', limits)}`);
  let fd: number;
  try {
    // O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening it does not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw fail(`cannot read: ${describeIoError(error)}`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw fail('is not a regular file (a FIFO, socket or device is never read)');
    // Into one buffer of the size the stat gave and a byte more, so a file read whole is never
    // copied; a file that grew since the stat is read on in chunks, and never past one byte over
    // the limit: caught, not slurped.
    const first = Buffer.allocUnsafe(Math.min(size, limits.maxInputBytes) + 1);
    let total = 0;
    for (;;) {
      const read = readSync(fd, first, total, first.length - total, null);
      total += read;
      if (read === 0 || total === first.length) break;
    }
    if (total < first.length) return first.subarray(0, total);
    const chunks: Buffer[] = [first];
    for (;;) {
      if (total > limits.maxInputBytes) throw fail(`file is over ${limits.maxInputBytes} bytes, ${overLimit('maxInputBytes', limits)}`);
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limits.maxInputBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw fail(`cannot read: ${describeIoError(error)}`);
  } finally {
    closeSync(fd);
  }
}

/** The text of a regular file, read as `readInputFile` does (UTF-8; a leading BOM dropped). */
export function readInputText(path: string, display: string = path, limits: ReadLimits = readLimits(), what = ''): string {
  const text = readInputFile(path, display, limits, what).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Everything on a stream (standard input), stopping with an error once past the byte limit. */
export async function readInputStream(stream: Readable, display = '<stdin>', limits: ReadLimits = readLimits()): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    if (total > limits.maxInputBytes) {
      stream.destroy();
      throw new InputFileError(display, 1, 1, `input is over ${limits.maxInputBytes} bytes, ${overLimit('maxInputBytes', limits)}`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}
