// The control plane itself: what the chart lifecycle tests rely on it to do.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { kubernetesVersion } from '../../scripts/control-plane.mjs';
import { startPlane, waitUntil, type Plane } from '../src/plane.js';

const NODES = `
pools:
  - name: gpu
    count: 2
    allocatable: { cpu: "32", memory: 256Gi, nvidia.com/gpu: 8 }
    labels: { nvidia.com/gpu.present: "true" }
    taints: [{ key: nvidia.com/gpu, value: present, effect: NoSchedule }]
  - name: cpu
    count: 1
    allocatable: { cpu: "8", memory: 32Gi, pods: 50 }
`;

const RESTRICTED_CONTAINER = {
  name: 'main',
  image: 'registry.example.com/app:1.0.0',
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
  resources: { requests: { cpu: '100m', memory: '64Mi' } },
};

let plane: Plane;
const namespace = 'smoke';

beforeAll(async () => {
  plane = await startPlane({ nodes: NODES, storageClasses: ['shared-fs'] });
  plane.createRestrictedNamespace(namespace);
});
afterAll(async () => {
  await plane?.stop();
});

function apply(object: object): void {
  plane.kubectlOk(['apply', '-n', namespace, '-f', '-'], stringify(object));
}

function jsonOf<T>(args: string[]): T {
  return JSON.parse(plane.kubectlOk([...args, '-o', 'json'])) as T;
}

describe('control plane', () => {
  it('reports the Kubernetes version it was built from', () => {
    const version = jsonOf<{ serverVersion: { gitVersion: string } }>(['version']);
    expect(version.serverVersion.gitVersion).toBe(kubernetesVersion());
  });

  it('has the nodes of the pools, Ready, with their labels, taints and allocatable resources', () => {
    const nodes = jsonOf<{ items: { metadata: { name: string; labels: Record<string, string> }; spec: { taints?: { key: string }[] }; status: { allocatable: Record<string, string> } }[] }>(['get', 'nodes']);
    expect(nodes.items.map((node) => node.metadata.name).sort()).toEqual(['cpu-1', 'gpu-1', 'gpu-2']);
    const gpu = nodes.items.find((node) => node.metadata.name === 'gpu-1')!;
    expect(gpu.metadata.labels['nvidia.com/gpu.present']).toBe('true');
    expect(gpu.status.allocatable['nvidia.com/gpu']).toBe('8');
    expect(gpu.spec.taints?.map((taint) => taint.key)).toEqual(['nvidia.com/gpu']);
    expect(nodes.items.find((node) => node.metadata.name === 'cpu-1')!.status.allocatable.pods).toBe('50');
  });

  it('enforces Pod Security restricted in chart namespaces', () => {
    // Allowed by the baseline level, refused by restricted: no seccomp profile, may run as root, keeps its capabilities.
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'unrestricted' }, spec: { containers: [{ name: 'main', image: 'busybox' }] } };
    const result = plane.kubectl(['apply', '-n', namespace, '-f', '-'], stringify(pod));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('violates PodSecurity "restricted:latest"');
  });

  it('runs workloads: a Deployment becomes available, a Job completes, a bare pod succeeds', async () => {
    const podSpec = { securityContext: { runAsNonRoot: true }, containers: [RESTRICTED_CONTAINER] };
    apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: podSpec } } });
    apply({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' }, spec: { template: { spec: { ...podSpec, restartPolicy: 'Never' } } } });
    apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'test-hook' }, spec: { ...podSpec, restartPolicy: 'Never' } });
    await waitUntil('Deployment web available', () => jsonOf<{ status: { availableReplicas?: number } }>(['get', 'deployment', 'web', '-n', namespace]).status.availableReplicas === 2);
    await waitUntil('Job once complete', () => jsonOf<{ status: { succeeded?: number } }>(['get', 'job', 'once', '-n', namespace]).status.succeeded === 1);
    await waitUntil('pod test-hook Succeeded', () => jsonOf<{ status: { phase: string } }>(['get', 'pod', 'test-hook', '-n', namespace]).status.phase === 'Succeeded');
  });

  it('schedules GPU pods only onto nodes with free GPUs whose taint they tolerate', async () => {
    const spec = {
      securityContext: { runAsNonRoot: true },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
      containers: [{ ...RESTRICTED_CONTAINER, resources: { limits: { 'nvidia.com/gpu': '8' } } }],
    };
    for (const name of ['gpu-a', 'gpu-b', 'gpu-c']) apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
    const boundNodes = () =>
      ['gpu-a', 'gpu-b', 'gpu-c'].map((name) => jsonOf<{ spec: { nodeName?: string } }>(['get', 'pod', name, '-n', namespace]).spec.nodeName).filter(Boolean).sort();
    await waitUntil('two GPU pods bound', () => boundNodes().length === 2);
    // The third stays Pending: each node's 8 GPUs are taken.
    const nodes = boundNodes();
    expect(nodes).toEqual(['gpu-1', 'gpu-2']);
    // A failure message says why it waited: the pod, its state and the scheduler's events for it.
    await waitUntil('trouble report names the unschedulable pod and its event', () =>
      /event smoke\/Pod\/gpu-c: Warning FailedScheduling: 0\/3 nodes are available/.test(plane.trouble()),
    );
    expect(plane.trouble()).toMatch(/pod smoke\/gpu-c: Pending on no node, \d+ s old \(Unschedulable: 0\/3 nodes are available: .*Insufficient nvidia\.com\/gpu/);
  });

  it('gives a LoadBalancer Service an address and binds claims of the default and the extra StorageClasses', async () => {
    apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'public' }, spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] } });
    apply({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'default-class' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    apply({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'shared' }, spec: { storageClassName: 'shared-fs', accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } } } });
    await waitUntil('LoadBalancer address', () => jsonOf<{ status: { loadBalancer: { ingress?: unknown[] } } }>(['get', 'service', 'public', '-n', namespace]).status.loadBalancer.ingress?.length === 1);
    for (const claim of ['default-class', 'shared']) {
      await waitUntil(`claim ${claim} Bound`, () => jsonOf<{ status: { phase: string } }>(['get', 'pvc', claim, '-n', namespace]).status.phase === 'Bound');
    }
  });
});

describe('control plane supervision', () => {
  it('starts a component that exits again, says so, and keeps working', async () => {
    const scheduler = plane.processGroups()['kube-scheduler']!;
    process.kill(-scheduler, 'SIGKILL');
    await waitUntil('kube-scheduler started again', () => plane.processGroups()['kube-scheduler'] !== scheduler);
    expect(plane.trouble()).toMatch(/kube-scheduler exited \(SIGKILL\) \d+ s after the plane started/);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'after-restart' }, spec: { restartPolicy: 'Never', containers: [RESTRICTED_CONTAINER] } };
    apply(pod);
    await waitUntil('pod after-restart scheduled by the new kube-scheduler', () => Boolean(jsonOf<{ spec: { nodeName?: string } }>(['get', 'pod', 'after-restart', '-n', namespace]).spec.nodeName));
  });

  it('listens on ports below the ephemeral range, which outgoing connections never take', async () => {
    const port = Number(new URL(plane.server).port);
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    expect(port).toBeLessThan(low!);
  });
});

describe('control plane teardown', () => {
  it('leaves no process behind and removes its directory', async () => {
    const second = await startPlane({ nodes: NODES });
    const groups = Object.values(second.processGroups());
    expect(groups.length).toBeGreaterThanOrEqual(5);
    await second.stop();
    for (const pgid of groups) expect(() => process.kill(-pgid, 0), `process group ${pgid}`).toThrow();
    expect(existsSync(second.dir)).toBe(false);
  });
});
