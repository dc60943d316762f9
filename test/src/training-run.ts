// A release of charts/training as the cluster tests look at it: its training Job and that Job's
// pods. kwok plays the kubelet; RUNNING_FOR_AN_HOUR keeps a run's pods Running until a test ends it.
import type { KubeObject } from './lifecycle.js';
import { kubectlOn } from './lifecycle.js';
import type { Plane } from './plane.js';

/** `count` nodes of 8 GPUs each, in the `chartforge fit --nodes` format. */
export function gpuNodes(count: number): string {
  return `pools:\n  - name: gpu\n    count: ${count}\n    allocatable: { cpu: "64", memory: 512Gi, nvidia.com/gpu: 8, pods: 110 }\n`;
}

/** Keeps every pod of the run Running (kwok completes a Job's pod after this delay). */
export const RUNNING_FOR_AN_HOUR = [
  '--set-string',
  'podAnnotations.pod-complete\\.stage\\.kwok\\.x-k8s\\.io/delay=1h,podAnnotations.pod-complete\\.stage\\.kwok\\.x-k8s\\.io/jitter-delay=1h',
];

/** The claim the chart's default values mount datasets from. */
export const DATASETS: KubeObject = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'datasets' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
} as KubeObject;

export interface Pod {
  metadata: { name: string; uid: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: { hostname?: string; subdomain?: string; containers: { name: string; resources?: { requests?: Record<string, string> } }[] };
  status: { phase: string };
}
export interface Job {
  metadata: { name: string; uid: string; generation?: number; labels: Record<string, string>; ownerReferences?: { kind: string; name: string; uid: string }[] };
  spec: { suspend?: boolean };
  status: { active?: number; failed?: number; conditions?: { type: string; status: string }[] };
}

export async function listOf<T>(plane: Plane, kind: string, namespace: string, selector: string): Promise<T[]> {
  const result = await kubectlOn(plane, ['get', kind, '-n', namespace, '-l', selector, '-o', 'json']);
  if (result.status !== 0) throw new Error(result.stderr);
  return (JSON.parse(result.stdout) as { items: T[] }).items;
}

/** The release's training Job and its pods. */
export async function trainingRun(plane: Plane, namespace: string, release: string): Promise<{ job: Job; pods: Pod[] }> {
  const [job] = await listOf<Job>(plane, 'jobs', namespace, `app.kubernetes.io/instance=${release},app.kubernetes.io/component=training`);
  if (!job) throw new Error(`${namespace}: no training Job of release ${release}`);
  const pods = await listOf<Pod>(plane, 'pods', namespace, `batch.kubernetes.io/job-name=${job.metadata.name}`);
  return { job, pods };
}

export async function isRunning(plane: Plane, namespace: string, release: string): Promise<boolean> {
  const { pods } = await trainingRun(plane, namespace, release);
  return pods.length > 0 && pods.every((pod) => pod.status.phase === 'Running');
}
