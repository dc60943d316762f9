import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { mkdtempSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_KUBERNETES_RELEASES, validate, ValidateError } from '../src/index.js';
import { upstreamDefinitions, upstreamDefinitionsDirectory } from './helpers.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
`;
const hpa = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {scaleTargetRef: {kind: Deployment, name: web}, minReplicas: 1, maxReplicas: 3}\n`;

const run = (text: string, options: Parameters<typeof validate>[1]) => validate({ files: [{ name: 'in.yaml', text }] }, options);
const definitions135 = () => upstreamDefinitions('1.35');

describe('the embedded schemas', () => {
  it('validate against every Kubernetes minor from 1.22 to 1.37 offline, by minor, patch or v-prefixed version', async () => {
    expect(EMBEDDED_KUBERNETES_RELEASES.map((r) => r.slice(0, r.lastIndexOf('.')))).toEqual(Array.from({ length: 16 }, (_, i) => `v1.${22 + i}`));
    for (const release of EMBEDDED_KUBERNETES_RELEASES) {
      const minor = release.slice(1, release.lastIndexOf('.'));
      for (const version of [minor, `${minor}.4`, `v${minor}.0`]) {
        const report = await run(deployment.replace('image: nginx', 'image: nginx, tty: "yes"'), { kubernetesVersion: version });
        expect([version, report.findings.map((f) => f.message)]).toEqual([version, ['expected a boolean, got string "yes"']]);
      }
    }
  });

  it('know which API versions each release serves, and name the ones that replace a removed one', async () => {
    expect((await run(hpa('autoscaling/v2beta2'), { kubernetesVersion: '1.22' })).summary.valid).toBe(1);
    const report = await run(hpa('autoscaling/v2beta2'), { kubernetesVersion: '1.26' });
    expect(report.findings.map((f) => [f.line, f.column, f.path, f.message])).toEqual([
      [2, 7, 'kind', 'no schema for autoscaling/v2beta2 HorizontalPodAutoscaler in Kubernetes v1.26.0: HorizontalPodAutoscaler is served as autoscaling/v1, autoscaling/v2'],
    ]);
    const typo = await run(deployment.replace('kind: Deployment', 'kind: Deploymnet'), { kubernetesVersion: '1.35' });
    expect(typo.findings.map((f) => f.message)).toEqual(['no schema for apps/v1 Deploymnet in Kubernetes v1.35.0 (did you mean "Deployment"?)']);
  });

  it('say which versions they cover when asked for another; ignoring missing schemas runs without them', async () => {
    await expect(run(deployment, { kubernetesVersion: '1.21' })).rejects.toThrow(new ValidateError('the embedded schemas cover Kubernetes 1.22 to 1.37; for v1.21.0 give a schema location (a directory of vX.Y.Z.definitions.json[.gz] files, kubeconform schemas or a URL template), or ignore missing schemas (--ignore-missing-schemas) to run only the lint rules'));
    await expect(run(deployment, { kubernetesVersion: '1.38' })).rejects.toThrow('the embedded schemas cover Kubernetes 1.22 to 1.37; for v1.38.0');
    const skipped = await run(deployment, { kubernetesVersion: '1.16', ignoreMissingSchemas: true });
    expect([skipped.kubernetesVersion, skipped.summary.skipped]).toEqual(['v1.16.0', 1]);
  });
});

describe('a directory of upstream definitions', () => {
  it('validates against each version it has', async () => {
    const dir = upstreamDefinitionsDirectory();
    for (const version of EMBEDDED_KUBERNETES_RELEASES) {
      const report = await run(deployment, { kubernetesVersion: version, schemaLocations: [dir] });
      expect([version, report.kubernetesVersion, report.summary.valid]).toEqual([version, version, 1]);
    }
  });

  it('takes the newest patch of the minor when the exact patch is missing, and reads plain .json too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-defs-'));
    writeFileSync(join(dir, 'v1.35.0.definitions.json'), JSON.stringify(definitions135()));
    const report = await run(deployment, { kubernetesVersion: '1.35.7', schemaLocations: [dir] });
    expect(report.summary.valid).toBe(1);
    expect(report.kubernetesVersion).toBe('v1.35.7');
  });

  it('rejects bad versions and missing locations as usage errors', async () => {
    const dir = upstreamDefinitionsDirectory();
    await expect(run(deployment, { kubernetesVersion: 'latest', schemaLocations: [dir] })).rejects.toThrow(new ValidateError('invalid Kubernetes version "latest": expected X.Y or X.Y.Z, e.g. 1.35.0'));
    await expect(run(deployment, { kubernetesVersion: '1.35', schemaLocations: ['/nonexistent/schemas'] })).rejects.toThrow('schema location /nonexistent/schemas: no such file or directory');
    await expect(run(deployment, { kubernetesVersion: '1.40', schemaLocations: [dir] })).rejects.toThrow(`${dir} has no definitions for Kubernetes v1.40.0 (it has 1.22.17, 1.23.17,`);
    await expect(run(deployment, { kubernetesVersion: '1.35', schemaLocations: ['/tmp/{{ .Kind }}.json'] })).rejects.toThrow('schema location /tmp/{{ .Kind }}.json: unknown variable {{ .Kind }} (known: {{ .NormalizedKubernetesVersion }}');
  });
});

describe('kubeconform layouts', () => {
  let dir: string;
  beforeAll(() => {
    // kubeconform's `-local` variant: per-kind files whose $refs point into _definitions.json.
    dir = mkdtempSync(join(tmpdir(), 'chartforge-kubeconform-'));
    for (const suffix of ['', '-strict']) {
      const versionDir = join(dir, `v1.35.0-standalone${suffix}`);
      mkdirSync(versionDir, { recursive: true });
      writeFileSync(join(versionDir, '_definitions.json'), JSON.stringify(definitions135()));
      writeFileSync(join(versionDir, 'deployment-apps-v1.json'), JSON.stringify({ $ref: '_definitions.json#/definitions/io.k8s.api.apps.v1.Deployment' }));
    }
  });

  it('reads a directory of per-kind schema files', async () => {
    const report = await run(deployment.replace('replicas', 'x').replace('spec:\n  selector', 'spec:\n  replica: 2\n  selector'), { kubernetesVersion: '1.35.0', schemaLocations: [dir] });
    expect(report.findings.map((f) => [f.line, f.column, f.path, f.message])).toEqual([[5, 3, 'spec.replica', 'unknown field (did you mean "replicas"?)']]);
    const missing = await run(hpa('autoscaling/v2'), { kubernetesVersion: '1.35.0', schemaLocations: [dir] });
    expect(missing.findings.map((f) => f.message)).toEqual(['no schema for autoscaling/v2 HorizontalPodAutoscaler in Kubernetes v1.35.0']);
  });

  it('tries locations in order, first hit wins', async () => {
    const override = mkdtempSync(join(tmpdir(), 'chartforge-override-'));
    writeFileSync(join(override, 'deployment.json'), JSON.stringify({ type: 'object', required: ['status'] }));
    const template = join(override, '{{ .ResourceKind }}.json');
    const first = await run(deployment, { kubernetesVersion: '1.35.0', schemaLocations: [template, 'embedded'] });
    expect(first.findings.map((f) => f.message)).toEqual(['missing required field "status"']);
    const second = await run(deployment, { kubernetesVersion: '1.35.0', schemaLocations: ['embedded', template] });
    expect(second.findings).toEqual([]);
    // A location without the kind moves on to the next one.
    const service = await run('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n', { kubernetesVersion: '1.35.0', schemaLocations: [template, 'embedded'] });
    expect(service.summary.valid).toBe(1);
  });

  it('reads the CRDs-catalog layout {{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json', async () => {
    const catalog = mkdtempSync(join(tmpdir(), 'chartforge-catalog-'));
    mkdirSync(join(catalog, 'example.com'));
    writeFileSync(join(catalog, 'example.com', 'widget_v1.json'), JSON.stringify({ type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: { type: 'object', properties: { size: { type: 'integer' } } } } }));
    const report = await run('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: big, colour: red}\n', {
      kubernetesVersion: '1.35.0',
      schemaLocations: ['embedded', join(catalog, '{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json')],
    });
    expect(report.findings.map((f) => [f.line, f.column, f.path, f.message])).toEqual([
      [4, 14, 'spec.size', 'expected an integer, got string "big"'],
      [4, 19, 'spec.colour', 'unknown field'],
    ]);
  });
});

describe('remote schema locations', () => {
  let server: Server;
  let base: string;
  const requests: string[] = [];
  let failWith500 = false;
  beforeAll(async () => {
    const files: Record<string, unknown> = {
      '/schemas/v1.35.0-standalone-strict/deployment-apps-v1.json': { $ref: '_definitions.json#/definitions/io.k8s.api.apps.v1.Deployment' },
      '/schemas/v1.35.0-standalone-strict/_definitions.json': definitions135(),
    };
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (failWith500) {
        res.writeHead(500).end('boom');
        return;
      }
      const body = files[req.url ?? ''];
      if (body === undefined) res.writeHead(404).end('not found');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('downloads schemas by URL template, resolves their $refs, caches them on disk and then works offline', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'chartforge-cache-'));
    const location = `${base}/schemas/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
    const bad = deployment.replace('containers: [{name: web, image: nginx}]', 'containers: [{name: web, image: nginx, ports: [{containerPort: http}]}]');
    const first = await run(bad, { kubernetesVersion: '1.35.0', schemaLocations: [location], cacheDir });
    expect(first.findings.map((f) => [f.line, f.column, f.path, f.message])).toEqual([[9, 70, 'spec.template.spec.containers[0].ports[0].containerPort', 'expected an integer, got string "http"']]);
    expect(requests).toEqual(['/schemas/v1.35.0-standalone-strict/deployment-apps-v1.json', '/schemas/v1.35.0-standalone-strict/_definitions.json']);
    expect(readdirSync(cacheDir)).toHaveLength(2);

    // 404 moves on to the next location; the server is now down for everything else.
    requests.length = 0;
    const fallback = await run('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n', { kubernetesVersion: '1.35.0', schemaLocations: [location, 'embedded'], cacheDir });
    expect(fallback.summary.valid).toBe(1);
    expect(requests).toEqual(['/schemas/v1.35.0-standalone-strict/service-v1.json']);

    failWith500 = true;
    requests.length = 0;
    const cached = await run(bad, { kubernetesVersion: '1.35.0', schemaLocations: [location], cacheDir });
    expect(cached.findings).toHaveLength(1);
    expect(requests).toEqual([]);

    // Any other HTTP failure is an error, never a silent pass.
    await expect(run(bad, { kubernetesVersion: '1.35.0', schemaLocations: [location], cacheDir: false })).rejects.toThrow(`could not download ${base}/schemas/v1.35.0-standalone-strict/deployment-apps-v1.json: HTTP 500 Internal Server Error`);
    failWith500 = false;
  });

  it("caches in kubeconform's layout (sha256 of the URL, no extension), downloads again once expired, and keeps a stale copy for when that fails", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'chartforge-cache-'));
    const location = `${base}/schemas/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
    const urls = [`${base}/schemas/v1.35.0-standalone-strict/deployment-apps-v1.json`, `${base}/schemas/v1.35.0-standalone-strict/_definitions.json`];
    await run(deployment, { kubernetesVersion: '1.35.0', schemaLocations: [location], cacheDir });
    expect(readdirSync(cacheDir).sort()).toEqual(urls.map((url) => createHash('sha256').update(url).digest('hex')).sort());

    // Fresh: read from the cache. Older than the maximum age: downloaded again.
    requests.length = 0;
    await run(deployment, { kubernetesVersion: '1.35.0', schemaLocations: [location], cacheDir, cacheMaxAgeMs: 60_000 });
    expect(requests).toEqual([]);
    const old = new Date(Date.now() - 120_000);
    for (const file of readdirSync(cacheDir)) utimesSync(join(cacheDir, file), old, old);
    await run(deployment, { kubernetesVersion: '1.35.0', schemaLocations: [location], cacheDir, cacheMaxAgeMs: 60_000 });
    expect(requests).toEqual(urls.map((url) => url.slice(base.length)));

    // Expired and the server fails: the stale copy validates.
    for (const file of readdirSync(cacheDir)) utimesSync(join(cacheDir, file), old, old);
    failWith500 = true;
    try {
      const stale = await run(deployment, { kubernetesVersion: '1.35.0', schemaLocations: [location], cacheDir, cacheMaxAgeMs: 60_000 });
      expect(stale.summary).toMatchObject({ resources: 1, valid: 1 });
    } finally {
      failWith500 = false;
    }
  });

  it('downloads through HTTP(S)_PROXY, and straight for hosts in NO_PROXY', async () => {
    const proxied: string[] = [];
    // A tunnelling proxy on loopback, as HTTPS proxies work: CONNECT host:port, then bytes both ways.
    const proxy = createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
      proxied.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host!, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const location = `${base}/schemas/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
      const options = { kubernetesVersion: '1.35.0', schemaLocations: [location], cacheDir: false as const };
      const viaProxy = await run(deployment, { ...options, env: { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl } });
      expect(viaProxy.summary.valid).toBe(1);
      expect(proxied.length).toBeGreaterThan(0);
      expect(new Set(proxied)).toEqual(new Set([base.slice('http://'.length)]));
      expect(requests.slice(-2)).toEqual(['/schemas/v1.35.0-standalone-strict/deployment-apps-v1.json', '/schemas/v1.35.0-standalone-strict/_definitions.json']);
      proxied.length = 0;
      requests.length = 0;
      const direct = await run(deployment, { ...options, env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' } });
      expect(direct.summary.valid).toBe(1);
      expect(proxied).toEqual([]);
      expect(requests).toHaveLength(2);
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('kubeconform template variables', async () => {
    const { templateVariables } = await import('../src/schema/locations.js');
    expect(templateVariables({ group: 'monitoring.coreos.com', version: 'v1', kind: 'ServiceMonitor' }, '1.35', true)).toEqual({
      NormalizedKubernetesVersion: 'v1.35.0',
      StrictSuffix: '-strict',
      ResourceKind: 'servicemonitor',
      ResourceAPIVersion: 'v1',
      Group: 'monitoring.coreos.com',
      KindSuffix: '-monitoring-v1',
    });
    expect(templateVariables({ group: '', version: 'v1', kind: 'Service' }, 'master', false)).toMatchObject({ NormalizedKubernetesVersion: 'master', StrictSuffix: '', KindSuffix: '-v1' });
  });
});
