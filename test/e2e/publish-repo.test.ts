import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartforge } from '../src/cli.js';
import { helm, HELM_MAJORS } from '../src/helm.js';
import { copyChart, isolatedHelmHome, MODEL_API_CHART, serveDirectory, sha256File, startRegistry, temporaryDir, type Registry } from '../src/publish.js';

interface IndexFile {
  apiVersion: string;
  generated: string;
  entries: Record<string, Array<{ version: string; digest: string; urls: string[]; created: string; appVersion?: string; name: string }>>;
}

/** A repository folder with model-api 1.2.0 and 1.3.0, packaged reproducibly with fixed dates. */
function buildRepository(): string {
  const repo = temporaryDir('chartforge-repo-');
  expect(chartforge(['package', MODEL_API_CHART, '-d', repo, '--source-date-epoch', '1700000000']).status).toBe(0);
  const next = copyChart();
  writeFileSync(join(next, 'Chart.yaml'), readFileSync(join(next, 'Chart.yaml'), 'utf8').replace('version: 1.2.0', 'version: 1.3.0'));
  mkdirSync(join(repo, 'next'));
  expect(chartforge(['package', next, '-d', join(repo, 'next'), '--source-date-epoch', '1710000000']).status).toBe(0);
  return repo;
}

describe('chartforge index', () => {
  it('writes an index like helm repo index, deterministically', () => {
    const repo = buildRepository();
    const result = chartforge(['index', repo, '--url', 'https://charts.example.com/ml']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${join(repo, 'index.yaml')}: 2 chart versions (2 from ${repo})\n`);
    const text = readFileSync(join(repo, 'index.yaml'), 'utf8');
    const index = parse(text) as IndexFile;
    expect(index.apiVersion).toBe('v1');
    expect(index.generated).toBe('2024-03-09T16:00:00Z');
    expect(index.entries['model-api']!.map((e) => [e.version, e.urls[0], e.created, e.digest])).toEqual([
      ['1.3.0', 'https://charts.example.com/ml/next/model-api-1.3.0.tgz', '2024-03-09T16:00:00Z', sha256File(join(repo, 'next', 'model-api-1.3.0.tgz'))],
      ['1.2.0', 'https://charts.example.com/ml/model-api-1.2.0.tgz', '2023-11-14T22:13:20Z', sha256File(join(repo, 'model-api-1.2.0.tgz'))],
    ]);
    expect(chartforge(['index', repo, '--url', 'https://charts.example.com/ml']).status).toBe(0);
    expect(readFileSync(join(repo, 'index.yaml'), 'utf8')).toBe(text);
  });

  it('has the same shape as helm repo index for the same archives (apart from the clock)', () => {
    const repo = buildRepository();
    expect(chartforge(['index', repo, '--url', 'https://charts.example.com/ml', '--index-file', join(repo, 'ours.yaml')]).status).toBe(0);
    for (const major of HELM_MAJORS) {
      const indexed = helm(major, ['repo', 'index', repo, '--url', 'https://charts.example.com/ml'], { env: isolatedHelmHome() });
      expect(indexed.status, indexed.stderr).toBe(0);
      const withoutTimes = (file: string) => {
        const index = parse(readFileSync(join(repo, file), 'utf8')) as IndexFile;
        for (const versions of Object.values(index.entries)) for (const version of versions) version.created = 'T';
        return { ...index, generated: 'T' };
      };
      expect(withoutTimes('ours.yaml'), `helm ${major}`).toEqual(withoutTimes('index.yaml'));
    }
  });

  it('--merge keeps versions published earlier, the directory winning for its own versions', () => {
    const repo = buildRepository();
    const published = join(temporaryDir(), 'index.yaml');
    writeFileSync(
      published,
      `apiVersion: v1\nentries:\n  model-api:\n  - apiVersion: v2\n    name: model-api\n    version: 1.2.0\n    digest: ${'b'.repeat(64)}\n    urls: [https://old.example.com/model-api-1.2.0.tgz]\n    created: "2020-01-01T00:00:00Z"\n  - apiVersion: v2\n    name: model-api\n    version: 1.0.0\n    digest: ${'d'.repeat(64)}\n    urls: [https://old.example.com/model-api-1.0.0.tgz]\n    created: "2020-01-01T00:00:00Z"\ngenerated: "2020-01-01T00:00:00Z"\n`,
    );
    const result = chartforge(['index', repo, '--merge', published]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`(2 from ${repo}, 1 kept from ${published})`);
    const entries = (parse(readFileSync(join(repo, 'index.yaml'), 'utf8')) as IndexFile).entries['model-api']!;
    expect(entries.map((e) => [e.version, e.urls[0]])).toEqual([
      ['1.3.0', 'next/model-api-1.3.0.tgz'],
      ['1.2.0', 'model-api-1.2.0.tgz'],
      ['1.0.0', 'https://old.example.com/model-api-1.0.0.tgz'],
    ]);
  });

  it('reports a broken existing index or directory clearly', () => {
    const repo = buildRepository();
    const broken = join(temporaryDir(), 'index.yaml');
    writeFileSync(broken, 'entries: [\n');
    const result = chartforge(['index', repo, '--merge', broken]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^chartforge index: .*index\.yaml:2:1: not a valid index: Flow sequence in block collection must be sufficiently indented and end with a \]\n/);
    expect(chartforge(['index', join(repo, 'missing')]).status).toBe(2);
    expect(chartforge(['index', repo, '--url', 'charts.example.com']).stderr).toContain('--url must be an absolute URL');
  });
});

describe.each(HELM_MAJORS)('a chart repository served on 127.0.0.1, used by helm %s', (major) => {
  let server: Awaited<ReturnType<typeof serveDirectory>>;
  let repo: string;
  beforeAll(async () => {
    repo = buildRepository();
    server = await serveDirectory(repo);
    expect(chartforge(['index', repo, '--url', `${server.url}/charts`]).status).toBe(0);
    // The index names /charts/…: serve the same folder under that prefix too.
    mkdirSync(join(repo, 'charts', 'next'), { recursive: true });
    copyFileSync(join(repo, 'model-api-1.2.0.tgz'), join(repo, 'charts', 'model-api-1.2.0.tgz'));
    copyFileSync(join(repo, 'next', 'model-api-1.3.0.tgz'), join(repo, 'charts', 'next', 'model-api-1.3.0.tgz'));
  });
  afterAll(async () => server.close());

  it('helm repo add, search, pull (digest intact) and template', async () => {
    const env = isolatedHelmHome();
    const added = helm(major, ['repo', 'add', 'ml', server.url], { env });
    expect(added.status, added.stderr).toBe(0);
    const search = helm(major, ['search', 'repo', 'ml/model-api', '--versions', '-o', 'json'], { env });
    expect(search.status, search.stderr).toBe(0);
    expect((JSON.parse(search.stdout) as Array<{ version: string }>).map((c) => c.version)).toEqual(['1.3.0', '1.2.0']);
    const out = temporaryDir();
    const pulled = helm(major, ['pull', 'ml/model-api', '--version', '1.2.0', '-d', out], { env });
    expect(pulled.status, pulled.stderr).toBe(0);
    expect(sha256File(join(out, 'model-api-1.2.0.tgz'))).toBe(sha256File(join(repo, 'model-api-1.2.0.tgz')));
    const rendered = helm(major, ['template', 'release', 'ml/model-api', '--version', '1.3.0'], { env });
    expect(rendered.status, rendered.stderr).toBe(0);
    expect(rendered.stdout).toContain('helm.sh/chart: model-api-1.3.0');
    // The server's request log arrives over a pipe the blocked event loop could not read until now.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.requests).toContain('/index.yaml');
    expect(server.requests).toContain('/charts/next/model-api-1.3.0.tgz');
  });
});

describe('an OCI registry (CNCF Distribution) on 127.0.0.1', () => {
  let registry: Registry;
  let archive: string;
  beforeAll(async () => {
    registry = await startRegistry();
    const out = temporaryDir();
    expect(chartforge(['package', MODEL_API_CHART, '-d', out]).status).toBe(0);
    archive = join(out, 'model-api-1.2.0.tgz');
  });
  afterAll(async () => registry.stop());

  it.each(HELM_MAJORS)('helm %s push, pull and show chart: the registry keeps the reproducible archive byte for byte', (major) => {
    const env = isolatedHelmHome();
    const repository = `oci://${registry.host}/${major}/charts`;
    const pushed = helm(major, ['push', archive, repository, '--plain-http'], { env });
    expect(pushed.status, pushed.stderr).toBe(0);
    expect(pushed.stdout + pushed.stderr).toMatch(/Digest: sha256:[0-9a-f]{64}/);
    const out = temporaryDir();
    const pulled = helm(major, ['pull', `${repository}/model-api`, '--version', '1.2.0', '--plain-http', '-d', out], { env });
    expect(pulled.status, pulled.stderr).toBe(0);
    expect(sha256File(join(out, 'model-api-1.2.0.tgz'))).toBe(sha256File(archive));
    const shown = helm(major, ['show', 'chart', `${repository}/model-api`, '--version', '1.2.0', '--plain-http'], { env });
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^name: model-api$/m);
    expect(shown.stdout).toMatch(/^appVersion: 2\.4\.1$/m);
  });

  it('stores the archive as the chart layer, so the layer digest is the package sha256', async () => {
    const env = isolatedHelmHome();
    const pushed = helm('v4', ['push', archive, `oci://${registry.host}/layers`, '--plain-http'], { env });
    expect(pushed.status, pushed.stderr).toBe(0);
    const manifest = (await (await fetch(`http://${registry.host}/v2/layers/model-api/manifests/1.2.0`, { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } })).json()) as { layers: Array<{ digest: string; mediaType: string }> };
    const layer = manifest.layers.find((l) => l.mediaType === 'application/vnd.cncf.helm.chart.content.v1.tar+gzip');
    expect(layer?.digest).toBe(`sha256:${sha256File(archive)}`);
  });
});
