// The serving chart's runtime presets as a pod runs them: images, probes and health checks
// and the paths they write (issue #16 items 10, 11 and 16), rendered under Helm 3 and 4.
import { RUNTIME_PRESET_NAMES, RUNTIME_PRESETS, type RuntimePresetName } from '@chartforge/kinds';
import { describe, expect, it } from 'vitest';
import { chartDir } from '../src/charts.js';
import { HELM_MAJORS, helmTemplate } from '../src/helm.js';
import { documentsOf, renderedPods, type Json } from '../src/pods.js';

const dir = chartDir('serving');

function render(major: (typeof HELM_MAJORS)[number], sets: string[]): { server: Json; testPod: Json; documents: Json[] } {
  const rendered = helmTemplate(major, dir, sets.flatMap((set) => ['--set', set]));
  const pods = renderedPods(rendered);
  const server = ((pods.find((pod) => !pod.test)!.spec.containers as Json[])[0])!;
  const testPod = pods.find((pod) => pod.test)!.spec;
  return { server, testPod, documents: documentsOf(rendered) };
}

function testUrl(testPod: Json): string {
  return ((testPod.containers as Json[])[0]!.args as string[]).find((arg) => arg.startsWith('http://'))!;
}

describe.each(HELM_MAJORS)('serving runtime presets, helm %s', (major) => {
  it('item 11: TorchServe runs its GPU image when GPUs are requested, its CPU image otherwise, and a set tag wins', () => {
    expect(render(major, ['runtime.preset=torchserve']).server.image).toBe('pytorch/torchserve:0.12.0-cpu');
    expect(render(major, ['runtime.preset=torchserve', 'gpu.count=1']).server.image).toBe('pytorch/torchserve:0.12.0-gpu');
    expect(render(major, ['runtime.preset=torchserve', 'gpu.count=1', 'image.tag=0.11.1-gpu']).server.image).toBe('pytorch/torchserve:0.11.1-gpu');
  });

  it('item 11: the custom preset waits for runtime.healthPath over HTTP when given, else for the http port to accept connections', () => {
    const custom = ['runtime.preset=custom', 'image.repository=registry.example.com/server', 'image.tag=1.0', 'runtime.ports[0].name=http', 'runtime.ports[0].containerPort=9000'];
    const tcp = render(major, custom);
    expect(tcp.server.readinessProbe).toMatchObject({ tcpSocket: { port: 'http' } });
    const http = render(major, [...custom, 'runtime.healthPath=/ready']);
    for (const probe of ['startupProbe', 'readinessProbe'] as const) {
      expect(http.server[probe], probe).toMatchObject({ httpGet: { path: '/ready', port: 'http' } });
      expect(http.server[probe], probe).not.toHaveProperty('tcpSocket');
    }
    expect(http.server.livenessProbe).toMatchObject({ tcpSocket: { port: 'http' } });
    expect(testUrl(http.testPod)).toMatch(/:9000\/ready$/);
  });

  it('item 16: TorchServe takes a slowly loading model out of rotation without killing it (liveness differs from readiness)', () => {
    const { server } = render(major, ['runtime.preset=torchserve']);
    expect(server.readinessProbe).toMatchObject({ httpGet: { path: '/ping', port: 'http' } });
    const handler = (probe: unknown) => JSON.stringify({ ...(probe as Json), periodSeconds: 0, failureThreshold: 0, timeoutSeconds: 0 });
    expect(handler(server.livenessProbe)).not.toBe(handler(server.readinessProbe));
  });
});

/** Why `path` is not writable in the container (undefined when it is): the deepest mount holding it must be a writable volume. */
function notWritable(pod: Json, container: Json, path: string): string | undefined {
  const mounts = ((container.volumeMounts as Json[] | undefined) ?? []).filter((mount) => {
    const at = String(mount.mountPath).replace(/\/$/, '');
    return path === at || path.startsWith(`${at}/`);
  });
  const mount = mounts.sort((a, b) => String(b.mountPath).length - String(a.mountPath).length)[0];
  if (!mount) return `${path} is on the read-only root filesystem`;
  if (mount.readOnly === true) return `${path} is on the read-only mount ${String(mount.mountPath)}`;
  const volume = ((pod.volumes as Json[]) ?? []).find((v) => v.name === mount.name);
  if (!volume?.emptyDir) return `${path} is on ${String(mount.mountPath)}, which is not an emptyDir`;
  return undefined;
}

const PRESET_SETS: Record<RuntimePresetName, string[]> = {
  vllm: [],
  triton: ['runtime.preset=triton'],
  tfserving: ['runtime.preset=tfserving'],
  torchserve: ['runtime.preset=torchserve'],
  custom: ['runtime.preset=custom', 'image.repository=registry.example.com/server', 'image.tag=1.0', 'runtime.ports[0].name=http', 'runtime.ports[0].containerPort=9000'],
};

// Running the real server images is not possible here (no container engine, no registry): what
// this shows is that every path each runtime's documentation says it writes, and every directory
// the preset's environment points it at, is on a writable emptyDir of the rendered pod under the
// chart's read-only root filesystem, and that HOME and USER are set for a UID without a passwd entry.
describe.each(HELM_MAJORS)('item 10: writable paths of every runtime preset, helm %s', (major) => {
  it.each(RUNTIME_PRESET_NAMES)('%s: every path it writes is on a writable volume, and HOME and USER are set', (preset) => {
    const rendered = helmTemplate(major, dir, PRESET_SETS[preset].flatMap((set) => ['--set', set]));
    const pod = renderedPods(rendered).find((p) => !p.test)!.spec;
    const server = (pod.containers as Json[])[0]!;
    expect((server.securityContext as Json).readOnlyRootFilesystem).toBe(true);
    const env = new Map(((server.env as Json[]) ?? []).map((e) => [String(e.name), String(e.value)]));
    const paths = [
      ...RUNTIME_PRESETS[preset].writes.map((write) => write.path),
      ...[...env.entries()].filter(([name, value]) => name !== 'MODEL_PATH' && value.startsWith('/')).map(([, value]) => value),
    ];
    expect(RUNTIME_PRESETS[preset].writes.length).toBeGreaterThan(0);
    const problems = paths.map((path) => notWritable(pod, server, path)).filter((problem) => problem !== undefined);
    if (!env.get('HOME')?.startsWith('/')) problems.push('HOME is not set to a directory');
    if (!/^[a-z][-a-z0-9]*$/.test(env.get('USER') ?? '')) problems.push('USER is not set (getpass.getuser() fails for a UID without a passwd entry)');
    expect(problems).toEqual([]);
  });
});

describe.each(HELM_MAJORS)('item 16: a model fetched into an emptyDir requests its ephemeral storage, helm %s', (major) => {
  const uri = ['model.source.type=uri', 'model.source.uri.location=s3://models/opt', 'model.source.uri.cacheSizeLimit=30Gi'];

  it('requests model.source.uri.cacheSizeLimit of ephemeral storage unless resources.requests sets it', () => {
    expect((render(major, uri).server.resources as Json).requests).toMatchObject({ 'ephemeral-storage': '30Gi' });
    expect((render(major, [...uri, 'resources.requests.ephemeral-storage=50Gi']).server.resources as Json).requests).toMatchObject({ 'ephemeral-storage': '50Gi' });
    expect((render(major, []).server.resources as Json).requests).not.toHaveProperty('ephemeral-storage');
  });
});
