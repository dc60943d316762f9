// The serving chart's runtime presets as a pod runs them: images, probes and health checks
// (issue #16 items 11 and 16), rendered under Helm 3 and 4.
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
