// Turning what the user named (files, directories, globs, "-") into a sorted list of sources.

import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

function hasGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/** A glob (`*`, `**`, `?`, `[abc]`, `{a,b}`) as a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end === -1) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end === -1) out += '\\{';
      else {
        out += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map((part) => part.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
          .join('|')})`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
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
export function expandPaths(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
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
    const matcher = globToRegExp(parts.join('/'));
    const files: string[] = [];
    try {
      walk(root, files);
    } catch {
      throw new InputError(`${path}: no such file or directory`);
    }
    const matches = files.filter((file) => matcher.test(file.split(sep).join('/')));
    if (matches.length === 0) throw new InputError(`${path}: no files match`);
    for (const file of matches) add(shown(file));
  }
  return out;
}
