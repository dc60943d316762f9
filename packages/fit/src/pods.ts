// The pods a set of manifests makes the cluster run at its peak: every replica (an HPA's
// maxReplicas when one scales the workload), the extra pods of a rolling update (maxSurge), a
// Job's parallelism, and one DaemonSet pod per eligible node.
import { parseQuantity, UserError } from '@chartforge/core';
import type { Resource } from '@chartforge/validator/core';
import {
  autoscalersOf,
  containersOf,
  declaredReplicas,
  getPath,
  integerAt,
  isObject,
  maxReplicas,
  podTemplateOf,
  ResourceIndex,
  stringMap,
  type JsonObject,
  type PodTemplate,
} from '@chartforge/validator/workload';

export interface PodToPlace {
  /** `Deployment/llm` */
  readonly workload: string;
  readonly resource: Resource;
  /** 1-based replica number among the workload's pods. */
  readonly ordinal: number;
  /** Why the pod exists: a replica, a rolling-update surge pod, a Job worker, a DaemonSet pod. */
  readonly role: 'replica' | 'surge' | 'job' | 'daemon' | 'pod';
  /** Requested amounts per resource (cpu in cores, memory in bytes, extended resources in units). */
  readonly requests: Readonly<Record<string, number>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly namespace?: string;
  readonly spec: JsonObject;
  /**
   * Pods of the workload that must all run at once: an Indexed Job whose parallelism equals its
   * completions (distributed training, one pod per rank) cannot make progress with fewer.
   */
  readonly gang?: number;
}

/** Requests of one container: requests, with limits standing in when only a limit is set (as the API server defaults). */
function containerRequests(container: JsonObject): Record<string, number> {
  const result: Record<string, number> = {};
  const resources = isObject(container.resources) ? container.resources : {};
  for (const section of ['limits', 'requests'] as const) {
    const values = resources[section];
    if (!isObject(values)) continue;
    for (const [name, value] of Object.entries(values)) {
      const amount = parseQuantity(value);
      if (amount !== undefined) result[name] = amount;
    }
  }
  return result;
}

function add(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [name, amount] of Object.entries(from)) into[name] = (into[name] ?? 0) + amount;
}

/**
 * The pod's effective request, as the scheduler computes it: the larger of (regular containers +
 * sidecars) and each init container (+ the sidecars started before it), plus pod overhead.
 */
export function podRequests(pod: PodTemplate): Record<string, number> {
  const running: Record<string, number> = {};
  const sidecars: Record<string, number> = {};
  const peak: Record<string, number> = {};
  for (const ref of containersOf(pod, ['initContainers'])) {
    const requests = containerRequests(ref.container);
    if (ref.container.restartPolicy === 'Always') {
      add(sidecars, requests);
      continue;
    }
    const atThisStep = { ...sidecars };
    add(atThisStep, requests);
    for (const [name, amount] of Object.entries(atThisStep)) peak[name] = Math.max(peak[name] ?? 0, amount);
  }
  add(running, sidecars);
  for (const ref of containersOf(pod, ['containers'])) add(running, containerRequests(ref.container));
  for (const [name, amount] of Object.entries(peak)) running[name] = Math.max(running[name] ?? 0, amount);
  const overhead = getPath(pod.spec, ['overhead']);
  if (isObject(overhead)) add(running, containerRequests({ resources: { requests: overhead } }));
  return running;
}

/** maxSurge of a Deployment's rolling update, resolved against `replicas` (percentages round up). */
export function surgePods(resource: Resource, replicas: number): number {
  if (resource.kind !== 'Deployment') return 0;
  const strategy = getPath(resource.object, ['spec', 'strategy', 'type']);
  if (strategy === 'Recreate') return 0;
  const surge = getPath(resource.object, ['spec', 'strategy', 'rollingUpdate', 'maxSurge']) ?? '25%';
  if (typeof surge === 'number') return surge;
  const percent = /^(\d+)%$/.exec(String(surge));
  if (percent) return Math.ceil((replicas * Number(percent[1])) / 100);
  return Number.parseInt(String(surge), 10) || 0;
}

/** Ranks of an Indexed Job that runs every index at once (parallelism = completions > 1). */
function gangSize(jobSpec: unknown): number | undefined {
  if (getPath(jobSpec, ['completionMode']) !== 'Indexed') return undefined;
  const parallelism = integerAt(jobSpec, ['parallelism']) ?? 1;
  const completions = integerAt(jobSpec, ['completions']);
  return completions !== undefined && completions === parallelism && parallelism > 1 ? parallelism : undefined;
}

/** A Job's concurrently running pods: parallelism (default 1), at most completions. */
function jobPods(jobSpec: unknown): number {
  const parallelism = integerAt(jobSpec, ['parallelism']) ?? 1;
  const completions = integerAt(jobSpec, ['completions']);
  return completions === undefined ? parallelism : Math.min(parallelism, completions);
}

/** Pods `helm test` alone creates; they are not part of the running release. */
function isHelmTestHook(resource: Resource): boolean {
  const hook = stringMap(getPath(resource.object, ['metadata', 'annotations']))['helm.sh/hook'] ?? '';
  return hook.split(',').some((h) => h.trim() === 'test' || h.trim() === 'test-success');
}

export interface Expansion {
  /** Pods placed on any fitting node. */
  readonly pods: PodToPlace[];
  /** DaemonSets: one pod per eligible node, placed by the scheduler on that node. */
  readonly daemons: Omit<PodToPlace, 'ordinal'>[];
}

/**
 * Most pods `fit` simulates by default: every pod is tried on every node, so a valid int32
 * `replicas` would run for hours. Far above one chart's workloads; raised with `--max-pods`.
 */
export const DEFAULT_MAX_SIMULATED_PODS = 10_000;

/** A workload asks for more pods than `fit` simulates. */
export class FitLimitError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'FitLimitError';
  }
}

/**
 * The pod as kube-apiserver admits it when it names a RuntimeClass of the input (the RuntimeClass
 * admission plugin): the class's `overhead.podFixed` becomes the pod's overhead, its
 * `scheduling.nodeSelector` joins the pod's and its `scheduling.tolerations` are added. A class
 * that is not in the input is unknown here, and the pod is taken as written.
 */
export function admittedPod(pod: PodTemplate, index: ResourceIndex): PodTemplate {
  const name = pod.spec.runtimeClassName;
  const runtimeClass = typeof name === 'string' ? index.find('RuntimeClass', name, pod.resource) : undefined;
  if (!runtimeClass) return pod;
  const overhead = getPath(runtimeClass.object, ['overhead', 'podFixed']);
  const nodeSelector = stringMap(getPath(runtimeClass.object, ['scheduling', 'nodeSelector']));
  const tolerations = getPath(runtimeClass.object, ['scheduling', 'tolerations']);
  const spec: JsonObject = {
    ...pod.spec,
    ...(isObject(overhead) && pod.spec.overhead === undefined ? { overhead } : {}),
    ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector: { ...stringMap(pod.spec.nodeSelector), ...nodeSelector } } : {}),
    ...(Array.isArray(tolerations) ? { tolerations: [...(Array.isArray(pod.spec.tolerations) ? pod.spec.tolerations : []), ...tolerations] } : {}),
  };
  return { ...pod, spec };
}

export function expandPods(resources: readonly Resource[], maxPods = DEFAULT_MAX_SIMULATED_PODS): Expansion {
  const index = new ResourceIndex(resources);
  const pods: PodToPlace[] = [];
  const daemons: Omit<PodToPlace, 'ordinal'>[] = [];
  for (const resource of resources) {
    const template = podTemplateOf(resource);
    if (!template || resource.kind === 'PodTemplate' || isHelmTestHook(resource)) continue;
    const pod = admittedPod(template, index);
    const base = {
      workload: `${resource.kind}/${resource.name}`,
      resource,
      requests: podRequests(pod),
      labels: pod.labels,
      spec: pod.spec,
      ...(resource.namespace !== undefined ? { namespace: resource.namespace } : {}),
    };
    if (resource.kind === 'DaemonSet') {
      daemons.push({ ...base, role: 'daemon' });
      continue;
    }
    let count: number;
    let role: PodToPlace['role'];
    let surge = 0;
    let gang: number | undefined;
    if (resource.kind === 'Job' || resource.kind === 'CronJob') {
      const jobSpec = getPath(resource.object, resource.kind === 'Job' ? ['spec'] : ['spec', 'jobTemplate', 'spec']);
      count = jobPods(jobSpec);
      gang = gangSize(jobSpec);
      role = 'job';
    } else if (resource.kind === 'Pod') {
      count = 1;
      role = 'pod';
    } else {
      const hpaMax = autoscalersOf(resource, index).map(maxReplicas).filter((n): n is number => n !== undefined);
      count = hpaMax.length > 0 ? Math.max(...hpaMax) : declaredReplicas(resource) ?? 1;
      role = 'replica';
      surge = surgePods(resource, count);
    }
    if (pods.length + count + surge > maxPods) {
      const at = resource.locate([]);
      throw new FitLimitError(
        `${resource.file}:${at.line}:${at.column}: ${base.workload} asks for ${count + surge} pods, which makes more than the limit of ${maxPods} simulated pods (raise it with --max-pods N)`,
      );
    }
    for (let i = 1; i <= count; i++) pods.push({ ...base, ordinal: i, role, ...(gang ? { gang } : {}) });
    for (let i = 1; i <= surge; i++) pods.push({ ...base, ordinal: count + i, role: 'surge' });
  }
  return { pods, daemons };
}
