// Turning what a user names into files: globs (matched by picomatch, with Bash semantics) and
// kubeconform's --ignore-filename-pattern.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandPaths } from '../src/resource/paths.js';
import { validate } from '../src/index.js';

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
