// Where the pod lives in each pod-bearing kind, so every pod rule covers every kind the same way.
import type { JsonPath, Resource } from '../../types.js';
import { integerAt, isObject, objectAt, objectsIn, stringMap, type JsonObject } from './objects.js';
import { isKubernetesApiVersion } from './kinds.js';
import type { Labels } from './selectors.js';

/** Path of the pod template (metadata + spec) in each kind that carries one (a Pod is its own). */
export const TEMPLATE_PATHS: Readonly<Record<string, JsonPath>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
  Pod: [],
};

export const POD_BEARING_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS);
/** Own keys only: a kind such as `constructor` is no pod-bearing kind, whatever Object.prototype holds. */
const POD_BEARING = new Set(POD_BEARING_KINDS);

export interface PodTemplate {
  readonly resource: Resource;
  /** Path of the pod spec (`spec` of a Pod, `spec.template.spec` of a Deployment, …). */
  readonly specPath: JsonPath;
  readonly spec: JsonObject;
  /** Path of the pod metadata (labels, annotations). */
  readonly metadataPath: JsonPath;
  readonly labels: Labels;
  readonly annotations: Labels;
}

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  readonly container: JsonObject;
  readonly path: JsonPath;
  readonly list: ContainerList;
  readonly name: string;
}

const templates = new WeakMap<Resource, PodTemplate | null>();

/** The pod template of a pod-bearing resource, or undefined for other kinds or a missing spec. */
export function podTemplateOf(resource: Resource): PodTemplate | undefined {
  // Every pod rule asks, of every resource: other kinds are answered before the cache is looked at.
  if (!POD_BEARING.has(resource.kind)) return undefined;
  // Read once per resource.
  let template = templates.get(resource);
  if (template === undefined) {
    template = readPodTemplate(resource) ?? null;
    templates.set(resource, template);
  }
  return template ?? undefined;
}

function readPodTemplate(resource: Resource): PodTemplate | undefined {
  const base = TEMPLATE_PATHS[resource.kind];
  // A custom resource named like a pod-bearing kind (Volcano's Job) has no pod template there.
  if (!base || !isKubernetesApiVersion(resource.apiVersion)) return undefined;
  const specPath = [...base, 'spec'];
  const spec = objectAt(resource.object, specPath);
  if (!spec) return undefined;
  const metadataPath = [...base, 'metadata'];
  const metadata = objectAt(resource.object, metadataPath);
  return {
    resource,
    specPath,
    spec,
    metadataPath,
    labels: stringMap(metadata?.labels),
    annotations: stringMap(metadata?.annotations),
  };
}

const ALL_CONTAINER_LISTS: readonly ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers'];
/** Per pod, its containers by the lists asked for, keyed by listsKey. */
const containersByLists = new WeakMap<PodTemplate, Map<number, readonly ContainerRef[]>>();
const LIST_CODES: Readonly<Record<ContainerList, number>> = { initContainers: 1, containers: 2, ephemeralContainers: 3 };

/** The lists, in order, as one number (base 4): a key that costs no string per call. */
function listsKey(lists: readonly ContainerList[]): number {
  let key = 0;
  for (const list of lists) key = key * 4 + LIST_CODES[list];
  return key;
}

/** Containers of a pod spec, in the order of `lists` (all three by default). */
export function containersOf(pod: PodTemplate, lists: readonly ContainerList[] = ALL_CONTAINER_LISTS): readonly ContainerRef[] {
  // Every pod rule asks, with one of a few list combinations: each is read once per pod.
  let cached = containersByLists.get(pod);
  if (!cached) containersByLists.set(pod, (cached = new Map()));
  const key = listsKey(lists);
  let containers = cached.get(key);
  if (!containers) cached.set(key, (containers = readContainers(pod, lists)));
  return containers;
}

function readContainers(pod: PodTemplate, lists: readonly ContainerList[]): readonly ContainerRef[] {
  const result: ContainerRef[] = [];
  for (const list of lists) {
    for (const { value, path } of objectsIn(pod.spec, [list])) {
      result.push({ container: value, path: [...pod.specPath, ...path], list, name: typeof value.name === 'string' ? value.name : `#${String(path[1])}` });
    }
  }
  return result;
}

/** Containers that keep running with the pod: regular containers and restartable (sidecar) init containers. */
export function longRunningContainers(pod: PodTemplate): ContainerRef[] {
  return containersOf(pod, ['initContainers', 'containers']).filter(
    (ref) => ref.list === 'containers' || ref.container.restartPolicy === 'Always',
  );
}

export function isWindowsPod(pod: PodTemplate): boolean {
  return objectAt(pod.spec, ['os'])?.name === 'windows';
}

/**
 * The ServiceAccount a pod runs as: serviceAccountName, else the deprecated serviceAccount (the API
 * server copies it over when serviceAccountName is unset), else "default".
 */
export function serviceAccountOf(pod: PodTemplate): string {
  for (const field of ['serviceAccountName', 'serviceAccount']) {
    const name = pod.spec[field];
    if (typeof name === 'string' && name !== '') return name;
  }
  return 'default';
}

/** Human name of a container for messages: `container "app"`, `init container "setup"`. */
export function describeContainer(ref: ContainerRef): string {
  const label = ref.list === 'containers' ? 'container' : ref.list === 'initContainers' ? 'init container' : 'ephemeral container';
  return `${label} "${ref.name}"`;
}

/** Kinds whose `spec.replicas` sets a pod count (default 1). */
const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** Declared replica count of a workload, or undefined for kinds without replicas. */
export function declaredReplicas(resource: Resource): number | undefined {
  if (!REPLICATED_KINDS.has(resource.kind) || !isKubernetesApiVersion(resource.apiVersion)) return undefined;
  return integerAt(resource.object, ['spec', 'replicas']) ?? 1;
}

/** The resource value of a container's `resources.<section>.<name>`, raw. */
export function containerResource(ref: ContainerRef, section: 'requests' | 'limits', name: string): unknown {
  const resources = isObject(ref.container.resources) ? ref.container.resources : undefined;
  const values = resources && isObject(resources[section]) ? resources[section] : undefined;
  return values?.[name];
}
