// Turning what a user names into files: globs (matched by picomatch, with Bash semantics) and
// kubeconform's --ignore-filename-pattern; and reading them, whole and never past the size limit.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandPaths } from '../src/resource/paths.js';
import { validate } from '../src/index.js';
import { readInputFile } from '../src/read/file.js';
import { readLimits } from '../src/read/limits.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chartforge-inputs-'));
  mkdirSync(join(dir, 'x', 'sub'), { recursive: true });
  for (const name of ['a.yaml', 'ab.yaml', 'ac.yaml', 'zz.yaml', 'z.yaml', 'a?.yaml', 'sub/ab.yaml', '.hidden.yaml']) {
    writeFileSync(join(dir, 'x', name), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n`);
  }
});

describe('globs', () => {
  it.each([
    ['x/{a?,zz}.yaml', ['x/a?.yaml', 'x/ab.yaml', 'x/ac.yaml', 'x/zz.yaml']],
    ['x/a[bc].yaml', ['x/ab.yaml', 'x/ac.yaml']],
    ['x/*.yaml', ['x/a.yaml', 'x/a?.yaml', 'x/ab.yaml', 'x/ac.yaml', 'x/z.yaml', 'x/zz.yaml']],
    ['x/**/ab.yaml', ['x/ab.yaml', 'x/sub/ab.yaml']],
  ])('%s matches what Bash would', (glob, expected) => {
    expect(expandPaths([glob], dir)).toEqual(expected);
  });
});

describe('--ignore-filename-pattern', () => {
  it('leaves out files whose path matches any of the regular expressions, in directories, globs and named files', async () => {
    const report = await validate({ paths: ['x', 'x/z.yaml'] }, { cwd: dir, ignoreFilenamePatterns: ['/sub/', 'z\\.yaml$'] });
    expect(report.resources.map((r) => r.file)).toEqual(['x/.hidden.yaml', 'x/a.yaml', 'x/a?.yaml', 'x/ab.yaml', 'x/ac.yaml']);
  });

  it('a pattern that is not a regular expression is a usage error', async () => {
    await expect(validate({ paths: ['x'] }, { cwd: dir, ignoreFilenamePatterns: ['('] })).rejects.toThrow(/--ignore-filename-pattern \(: Invalid regular expression/);
  });
});

describe('kubeconform\'s schema location "default"', () => {
  it('names the embedded schemas', async () => {
    const report = await validate({ paths: ['x/a.yaml'] }, { cwd: dir, schemaLocations: ['default'] });
    expect(report.summary).toMatchObject({ resources: 1, valid: 1 });
  });
});

describe('reading an input file', () => {
  const limits = (maxInputBytes: number) => ({ ...readLimits({}), maxInputBytes });

  it('reads a file whole, an empty one too', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\n'.repeat(5000);
    writeFileSync(join(dir, 'big.yaml'), text);
    writeFileSync(join(dir, 'empty.yaml'), '');
    expect(readInputFile(join(dir, 'big.yaml')).toString('utf8')).toBe(text);
    expect(readInputFile(join(dir, 'empty.yaml')).length).toBe(0);
  });

  it('reads on past the size its stat gave (a file that grew, or one of /proc, which says 0), and stops one byte past the limit', () => {
    const status = readFileSync('/proc/self/status');
    expect(readInputFile('/proc/self/status').subarray(0, 40)).toEqual(status.subarray(0, 40));
    expect(readInputFile('/proc/self/status').length).toBeGreaterThan(100);
    expect(() => readInputFile('/proc/self/status', 'status', limits(100))).toThrow(/^status:1:1: file is over 100 bytes/);
    writeFileSync(join(dir, 'over.yaml'), 'x'.repeat(101));
    expect(() => readInputFile(join(dir, 'over.yaml'), 'over.yaml', limits(100))).toThrow(/^over\.yaml:1:1: file is 101 bytes/);
    expect(readInputFile(join(dir, 'over.yaml'), 'over.yaml', limits(101)).length).toBe(101);
  });
});
