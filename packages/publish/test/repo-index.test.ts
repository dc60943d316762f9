import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildChartArchive, buildRepoIndex, compareSemVer, parseSemVer, provenanceMessage, urlJoin } from '../src/index.js';

function packaged(dir: string, name: string, version: string, epoch: number, sub = ''): string {
  const chart = mkdtempSync(join(tmpdir(), 'chartforge-chart-'));
  writeFileSync(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "1.0"\ndescription: ${name} chart\n`);
  const built = buildChartArchive(chart, { sourceDateEpoch: epoch });
  mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, sub, built.fileName), built.bytes);
  return built.digest;
}

describe('semver', () => {
  it('orders versions by SemVer 2 precedence, tolerating Helm’s loose forms', () => {
    const sorted = ['1.0.0', '1.0.0-rc.1', '1.0.0-alpha', '1.0.0-alpha.10', '1.0.0-alpha.2', '0.9.9', 'v2', '1.10.0']
      .map((v) => parseSemVer(v)!)
      .sort(compareSemVer)
      .map((v) => v.raw);
    expect(sorted).toEqual(['0.9.9', '1.0.0-alpha', '1.0.0-alpha.2', '1.0.0-alpha.10', '1.0.0-rc.1', '1.0.0', '1.10.0', 'v2']);
    expect(compareSemVer(parseSemVer('1.0.0+build.1')!, parseSemVer('1.0.0')!)).toBe(0);
    expect(parseSemVer('1.0.0.0')).toBeUndefined();
    expect(parseSemVer('01.0.0')).toBeUndefined();
  });
});

describe('repository index', () => {
  it('joins URLs like Helm’s urlutil', () => {
    expect(urlJoin('https://example.com/charts', 'a-1.0.0.tgz')).toBe('https://example.com/charts/a-1.0.0.tgz');
    expect(urlJoin('https://example.com/charts/', 'sub', 'a-1.0.0.tgz')).toBe('https://example.com/charts/sub/a-1.0.0.tgz');
    expect(urlJoin('https://example.com', 'a.tgz')).toBe('https://example.com/a.tgz');
  });

  it('indexes archives and one level of folders, newest version first, times from the archives', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-repo-'));
    const d1 = packaged(dir, 'alpha', '1.0.0', 1_700_000_000);
    const d2 = packaged(dir, 'alpha', '1.10.0', 1_700_000_100, 'more');
    packaged(dir, 'beta', '0.1.0', 1_600_000_000);
    writeFileSync(join(dir, 'broken.tgz'), 'not gzip');
    const result = buildRepoIndex({ dir, url: 'https://charts.example.com/stable' });
    const index = parse(result.text) as { entries: Record<string, Array<Record<string, unknown>>>; generated: string; apiVersion: string };
    expect(index.apiVersion).toBe('v1');
    expect(Object.keys(index.entries)).toEqual(['alpha', 'beta']);
    expect(index.entries.alpha!.map((e) => [e.version, e.digest, e.urls, e.created])).toEqual([
      ['1.10.0', d2, ['https://charts.example.com/stable/more/alpha-1.10.0.tgz'], '2023-11-14T22:15:00Z'],
      ['1.0.0', d1, ['https://charts.example.com/stable/alpha-1.0.0.tgz'], '2023-11-14T22:13:20Z'],
    ]);
    expect(index.generated).toBe('2023-11-14T22:15:00Z');
    expect(result.skipped.map((s) => s.file)).toEqual(['broken.tgz']);
    expect(result.text).toContain('created: "2023-11-14T22:15:00Z"');
    expect(buildRepoIndex({ dir, url: 'https://charts.example.com/stable' }).text).toBe(result.text);
  });

  it('merges an existing index, the directory winning for versions it has', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-repo-'));
    packaged(dir, 'alpha', '2.0.0', 1_700_000_000);
    const old = join(dir, 'old-index.yaml');
    const STALE = 'b'.repeat(64);
    writeFileSync(old, `apiVersion: v1\nentries:\n  alpha:\n  - name: alpha\n    version: 2.0.0\n    digest: ${STALE}\n    urls: [x]\n    created: "2020-01-01T00:00:00Z"\n  - name: alpha\n    version: 1.0.0\n    digest: ${'c'.repeat(64)}\n    urls: [https://old/alpha-1.0.0.tgz]\n    created: "2020-01-01T00:00:00+01:00"\ngenerated: "2020-01-01T00:00:00Z"\n`);
    const result = buildRepoIndex({ dir, merge: old });
    const alpha = (parse(result.text) as { entries: { alpha: Array<{ version: string; digest: string; urls: string[] }> } }).entries.alpha;
    expect(alpha.map((e) => [e.version, e.digest === STALE, e.urls[0]])).toEqual([
      ['2.0.0', false, 'alpha-2.0.0.tgz'],
      ['1.0.0', false, 'https://old/alpha-1.0.0.tgz'],
    ]);
    expect(result.kept).toBe(1);
  });

  it('refuses two archives of the same chart version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-repo-'));
    packaged(dir, 'alpha', '1.0.0', 1);
    packaged(dir, 'alpha', '1.0.0', 2, 'copy');
    expect(() => buildRepoIndex({ dir })).toThrow(/both alpha 1\.0\.0/);
  });
});

describe('provenance message', () => {
  it('is the metadata as sorted YAML, the end marker and the files block, as helm package --sign writes', () => {
    const message = provenanceMessage({ apiVersion: 'v2', name: 'demo', version: '0.1.0', appVersion: '1.16.0', description: 'A Helm chart for Kubernetes', type: 'application' }, 'demo-0.1.0.tgz', 'ab'.repeat(32));
    expect(message).toBe(`apiVersion: v2\nappVersion: 1.16.0\ndescription: A Helm chart for Kubernetes\nname: demo\ntype: application\nversion: 0.1.0\n\n...\nfiles:\n  demo-0.1.0.tgz: sha256:${'ab'.repeat(32)}\n`);
  });
});

describe('repository index from hostile input', () => {
  const digest = 'a'.repeat(64);
  const entry = (name: string, extra: Record<string, unknown> = {}) => ({ name, version: '1.0.0', urls: [`${name}-1.0.0.tgz`], digest, created: '2024-01-01T00:00:00Z', ...extra });

  it('indexes and merges charts named constructor, __proto__ and toString like any other', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-repo-'));
    for (const name of ['constructor', '__proto__', 'toString']) packaged(dir, name, '1.0.0', 1_700_000_000);
    const merge = join(dir, 'old.json');
    // Written as text: in a JavaScript object literal `__proto__` would set the prototype, not a key.
    writeFileSync(merge, `{"apiVersion": "v1", "entries": {"constructor": [${JSON.stringify(entry('constructor', { version: '0.9.0' }))}], "__proto__": [${JSON.stringify(entry('__proto__', { version: '0.9.0' }))}]}}`);
    const result = buildRepoIndex({ dir, merge });
    const entries = (parse(result.text) as { entries: Record<string, Array<{ version: string }>> }).entries;
    expect(Object.keys(entries).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(entries['constructor' as string]!.map((e) => e.version)).toEqual(['1.0.0', '0.9.0']);
    expect(result.kept).toBe(2);
  });

  it('leaves out merged entries with script URLs, control characters or bad digests, saying why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-repo-'));
    const merge = join(dir, 'old.yaml');
    const bad = [entry('a', { urls: ['javascript:alert(1)'] }), entry('a', { version: '1.0.1', urls: ['https://x/a.tgz\r\nSet-Cookie: x'] }), entry('a', { version: '1.0.2', digest: 'x' }), entry('a', { version: '1.0.3' })];
    writeFileSync(merge, JSON.stringify({ apiVersion: 'v1', entries: { a: bad } }));
    const result = buildRepoIndex({ dir, merge });
    expect(result.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/not http, https or oci/), expect.stringMatching(/control character/), expect.stringMatching(/digest "x"/)]);
    expect(result.kept).toBe(1);
  });

  it('refuses archives with entries outside the chart (../)', async () => {
    const { createTar, gzipDeterministic } = await import('../src/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-repo-'));
    writeFileSync(join(dir, 'evil-1.0.0.tgz'), gzipDeterministic(createTar([{ path: 'evil/Chart.yaml', data: Buffer.from('apiVersion: v2\nname: evil\nversion: 1.0.0\n') }, { path: 'evil/../../x', data: Buffer.from('x') }], 0)));
    const result = buildRepoIndex({ dir });
    expect(result.skipped).toEqual([{ file: 'evil-1.0.0.tgz', reason: expect.stringMatching(/points outside the chart/) }]);
  });
});
