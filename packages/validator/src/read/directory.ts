// Creating an output directory one level at a time. Node's `mkdirSync(…, { recursive: true })`
// loops for ever where a parent exists but refuses children (`-o /proc/self/x`: ENOENT for the
// child, EEXIST for the parent, again and again); this walks up once and down once.
import { lstatSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '@chartforge/core';
import { describeIoError } from './file.js';

/** An output directory that cannot be created, with the path and why. */
export class OutputDirectoryError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'OutputDirectoryError';
  }
}

/** Makes `path` (absolute) and any missing parents a directory; throws OutputDirectoryError naming the part that failed. */
export function ensureDirectory(path: string): void {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    const stats = lstatSync(current, { throwIfNoEntry: false });
    if (stats) {
      // A symbolic link to a directory is a directory to write into, as for mkdir -p.
      if (!(stats.isDirectory() || (stats.isSymbolicLink() && statSync(current, { throwIfNoEntry: false })?.isDirectory()))) {
        throw new OutputDirectoryError(`cannot create ${path}: ${current} exists and is not a directory`);
      }
      break;
    }
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const directory of missing.reverse()) {
    try {
      mkdirSync(directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(directory, { throwIfNoEntry: false })?.isDirectory()) continue;
      throw new OutputDirectoryError(`cannot create ${directory}: ${describeIoError(error)}`);
    }
  }
}
