// Turning what the user named (files, directories, globs, "-") into a sorted list of sources.

import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '@chartforge/core';

export const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;

export class InputError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

function hasGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/**
 * A matcher for a glob (`*`, `**`, `?`, `[abc]`, `{a,b}`, `{1..3}`, extglobs) over `/`-separated
 * paths, by picomatch (Bash semantics, maintained and widely used), loaded only when a glob is given.
 */
function globMatcher(glob: string): (path: string) => boolean {
  const picomatch = createRequire(import.meta.url)('picomatch') as typeof import('picomatch');
  return picomatch(glob, { dot: false });
}

/** Every file under `dir` (recursive, sorted, skipping hidden directories and node_modules). */
function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      walk(full, out);
    } else if (entry.isFile() || entry.isSymbolicLink()) out.push(full);
  }
}

/**
 * Expands paths: a file is taken as is (whatever its extension), a directory gives its
 * `*.yaml|*.yml|*.json` files recursively, a glob gives its matches. `-` stays `-` (stdin).
 * Paths are returned as given (relative stays relative to `cwd`), in a stable order.
 */
export function expandPaths(paths: readonly string[], cwd: string, ignored?: (path: string) => boolean): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (file !== '-' && ignored?.(file)) return;
    if (!seen.has(file)) {
      seen.add(file);
      out.push(file);
    }
  };
  for (const path of paths) {
    if (path === '-') {
      add('-');
      continue;
    }
    const absolute = isAbsolute(path) ? path : resolve(cwd, path);
    const shown = (file: string) => (isAbsolute(path) ? file : relative(cwd, file) || file);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      stats = undefined;
    }
    if (stats?.isDirectory()) {
      const files: string[] = [];
      walk(absolute, files);
      for (const file of files) if (MANIFEST_EXTENSIONS.test(file)) add(shown(file));
      continue;
    }
    if (stats) {
      add(path);
      continue;
    }
    if (!hasGlob(path)) throw new InputError(`${path}: no such file or directory`);
    // The glob's fixed leading directories are where the walk starts.
    const parts = absolute.split(sep);
    const firstGlob = parts.findIndex(hasGlob);
    const root = parts.slice(0, firstGlob).join(sep) || sep;
    const isMatch = globMatcher(parts.join('/'));
    const files: string[] = [];
    try {
      walk(root, files);
    } catch {
      throw new InputError(`${path}: no such file or directory`);
    }
    const matches = files.filter((file) => isMatch(file.split(sep).join('/')));
    if (matches.length === 0) throw new InputError(`${path}: no files match`);
    for (const file of matches) add(shown(file));
  }
  return out;
}
