import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildChartArchive, createTar, gzipDeterministic, loadChartDir, parseHelmignore, readTarGz } from '../src/index.js';
import { crc32 } from '../src/archive.js';

function chartDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'chartforge-archive-'));
  for (const [name, text] of Object.entries({ 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.0.0\n', ...files })) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('tar and gzip', () => {
  it('round-trips entries, sorted, including paths too long for ustar', () => {
    const long = `demo/${'deep/'.repeat(40)}file.yaml`;
    const tar = createTar(
      [
        { path: 'demo/values.yaml', data: Buffer.from('a: 1\n') },
        { path: long, data: Buffer.from('x') },
        { path: 'demo/Chart.yaml', data: Buffer.from('name: demo\n') },
        { path: 'demo/templates/ünïcode.yaml', data: Buffer.from('u') },
      ],
      1_700_000_000,
    );
    const entries = readTarGz(gzipDeterministic(tar));
    expect(entries.map((e) => e.path)).toEqual(['demo/Chart.yaml', long, 'demo/templates/ünïcode.yaml', 'demo/values.yaml'].sort());
    expect(entries.every((e) => e.mtime === 1_700_000_000)).toBe(true);
    expect(Buffer.from(entries.find((e) => e.path === long)!.data).toString()).toBe('x');
  });

  it('is read back by GNU tar with fixed owner, mode and time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-tar-'));
    writeFileSync(join(dir, 'a.tgz'), gzipDeterministic(createTar([{ path: 'demo/Chart.yaml', data: Buffer.from('name: demo\n') }], 0)));
    const listing = execFileSync('tar', ['--numeric-owner', '-tvzf', join(dir, 'a.tgz')], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(listing).toMatch(/^-rw-r--r-- 0\/0 +11 1970-01-01 00:00 demo\/Chart.yaml$/m);
  });

  it('writes a gzip header with no name, no time and OS unknown, and a correct trailer', () => {
    const data = Buffer.from('hello chart');
    const gz = gzipDeterministic(data);
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
    expect(gunzipSync(gz).toString()).toBe('hello chart');
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

describe('.helmignore as Helm applies it', () => {
  const ignores = (rules: string, path: string, dir = false) => parseHelmignore(rules).rules.ignores(path, dir);

  it('matches base names, anchored paths, directories only and Helm default rule', () => {
    expect(ignores('*.bak', 'templates/x.bak')).toBe(true);
    expect(ignores('/secret.txt', 'secret.txt')).toBe(true);
    expect(ignores('/secret.txt', 'sub/secret.txt')).toBe(false);
    expect(ignores('docs/*.md', 'docs/a.md')).toBe(true);
    expect(ignores('docs/*.md', 'docs/deep/a.md')).toBe(false);
    expect(ignores('build/', 'build', true)).toBe(true);
    expect(ignores('build/', 'build', false)).toBe(false);
    expect(ignores('', 'templates/.hidden.yaml')).toBe(true);
    expect(ignores('[a-c]?.yaml', 'b1.yaml')).toBe(true);
    expect(ignores('/ci/default-values.yaml', 'ci/default-values.yaml')).toBe(true);
    expect(ignores('[!a]x', '!x')).toBe(true);
    expect(ignores('[^a]x', 'bx')).toBe(true);
    expect(ignores('[^a]x', 'ax')).toBe(false);
    expect(ignores('a*b*c', 'axxbyyc')).toBe(true);
    expect(ignores('a*b*c', 'axxbyyc/d')).toBe(false);
  });

  it('matches a backtracking-prone glob in time linear in the name (Go filepath.Match, not a RegExp)', () => {
    const rules = parseHelmignore('*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\n').rules;
    // A RegExp built from this glob backtracks for minutes on these names; Go's matcher does not.
    for (let length = 100; length <= 2000; length *= 2) expect(rules.ignores('a'.repeat(length), false)).toBe(false);
    expect(rules.ignores(`${'a'.repeat(2000)}b`, false)).toBe(true);
  });

  it("keeps Helm's negation quirk: a path a negated rule does not match is ignored", () => {
    expect(ignores('!keep.txt', 'keep.txt')).toBe(false);
    expect(ignores('!keep.txt', 'values.yaml')).toBe(true);
  });

  it('rejects ** and malformed globs with the line', () => {
    expect(parseHelmignore('ok\n**/x\n').findings).toEqual([expect.objectContaining({ line: 2, message: 'double-star (**) syntax is not supported' })]);
    expect(parseHelmignore('[abc\n').findings[0]?.line).toBe(1);
    // Go (so Helm: "syntax error in pattern") refuses a `-` that ends a class.
    expect(parseHelmignore('[!-]x\n').findings[0]?.line).toBe(1);
  });
});

describe('loading and packaging a chart directory', () => {
  it('applies .helmignore, follows links, and prefixes entries with the chart name', () => {
    const dir = chartDir({ '.helmignore': 'NOTES.local.md\n*.tmp\n', 'values.yaml': 'a: 1\n', 'NOTES.local.md': 'x', 'templates/a.yaml': 'kind: A\n', 'templates/b.tmp': 'x', 'templates/.swap': 'x' });
    symlinkSync(join(dir, 'values.yaml'), join(dir, 'linked.yaml'));
    const built = buildChartArchive(dir);
    expect(built.fileName).toBe('demo-1.0.0.tgz');
    expect(built.entries).toEqual(['demo/.helmignore', 'demo/Chart.yaml', 'demo/linked.yaml', 'demo/templates/a.yaml', 'demo/values.yaml']);
  });

  it('is byte-identical whatever the files’ timestamps and creation order', () => {
    const a = chartDir({ 'values.yaml': 'a: 1\n', 'templates/z.yaml': 'z', 'templates/a.yaml': 'a' });
    const b = chartDir({ 'templates/a.yaml': 'a', 'templates/z.yaml': 'z', 'values.yaml': 'a: 1\n' });
    execFileSync('touch', ['-d', '2001-02-03', join(b, 'values.yaml')]);
    expect(buildChartArchive(a).digest).toBe(buildChartArchive(b).digest);
    expect(buildChartArchive(a, { sourceDateEpoch: 1 }).digest).not.toBe(buildChartArchive(a).digest);
    expect(buildChartArchive(a, { env: { SOURCE_DATE_EPOCH: '1' } }).digest).toBe(buildChartArchive(a, { sourceDateEpoch: 1 }).digest);
  });

  it('refuses charts Helm would refuse, naming the file', () => {
    expect(() => loadChartDir(chartDir({ 'Chart.yaml': 'apiVersion: v2\nname: demo\n' }))).toThrow(/version is required/);
    expect(() => loadChartDir(chartDir({ 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.0\n' }))).toThrow(/"version" must be a string/);
    expect(() => loadChartDir(chartDir({ 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: one\n' }))).toThrow(/not a valid SemVer/);
    expect(() => loadChartDir(chartDir({ 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 1.x\n' }))).toThrow(/dependencies missing from charts\/: redis/);
    expect(() => loadChartDir(chartDir({ '.helmignore': '**/x\n' }))).toThrow(/\.helmignore:1:1: double-star/);
    expect(() => buildChartArchive(chartDir({}), { env: { SOURCE_DATE_EPOCH: 'yesterday' } })).toThrow(/SOURCE_DATE_EPOCH/);
  });
});
