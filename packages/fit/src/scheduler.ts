// A model of kube-scheduler's filter and score phases, enough to answer "does it fit": node
// selection (nodeSelector, required node affinity), taints and tolerations, resources and pod
// slots, required pod (anti-)affinity and hard topology spread; then a resource score.
import { arrayAt, getPath, isObject, labelSelectorMatches, objectsIn, stringMap, type JsonObject } from '@chartforge/validator/workload';
import type { NodePool, Taint } from './nodes.js';
import type { PodToPlace } from './pods.js';

export type ScoringStrategy = 'most-allocated' | 'least-allocated';

export interface SimNode {
  readonly name: string;
  readonly pool: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly allocatable: Readonly<Record<string, number>>;
  readonly requested: Record<string, number>;
  readonly pods: PodToPlace[];
}

/** Labels the kubelet puts on every node; a pool's own labels override them (an arm64 pool says so). */
const KUBELET_LABELS: Readonly<Record<string, string>> = { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' };

export function buildNodes(pools: readonly NodePool[]): SimNode[] {
  return pools.flatMap((pool) =>
    Array.from({ length: pool.count }, (_, i) => {
      const name = `${pool.name}-${i + 1}`;
      const labels = { ...KUBELET_LABELS, ...pool.labels, 'kubernetes.io/hostname': name };
      return { name, pool: pool.name, labels, taints: pool.taints, allocatable: pool.allocatable, requested: { pods: 0 }, pods: [] };
    }),
  );
}

// ---------------------------------------------------------------- taints and tolerations

/** Taints the DaemonSet controller tolerates on every DaemonSet pod. */
const DAEMONSET_TOLERATED = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable', 'node.kubernetes.io/disk-pressure', 'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/pid-pressure', 'node.kubernetes.io/unschedulable', 'node.kubernetes.io/network-unavailable'];

function tolerates(toleration: JsonObject, taint: Taint): boolean {
  if (typeof toleration.effect === 'string' && toleration.effect !== '' && toleration.effect !== taint.effect) return false;
  const key = typeof toleration.key === 'string' ? toleration.key : '';
  if (toleration.operator === 'Exists') return key === '' || key === taint.key;
  return key === taint.key && (typeof toleration.value === 'string' ? toleration.value : '') === (taint.value ?? '');
}

function untoleratedTaint(pod: PodToPlace, node: SimNode): Taint | undefined {
  const tolerations = [...objectsIn(pod.spec, ['tolerations'])].map(({ value }) => value);
  return node.taints.find((taint) =>
    taint.effect !== 'PreferNoSchedule'
    && !(pod.role === 'daemon' && DAEMONSET_TOLERATED.includes(taint.key))
    && !tolerations.some((toleration) => tolerates(toleration, taint)));
}

// ---------------------------------------------------------------- node selection

function requirementMatches(requirement: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (!isObject(requirement) || typeof requirement.key !== 'string') return false;
  const actual = labels[requirement.key];
  const values = arrayAt(requirement, ['values']).map(String);
  switch (requirement.operator) {
    case 'In': return actual !== undefined && values.includes(actual);
    case 'NotIn': return actual === undefined || !values.includes(actual);
    case 'Exists': return actual !== undefined;
    case 'DoesNotExist': return actual === undefined;
    case 'Gt': return actual !== undefined && Number(actual) > Number(values[0]);
    case 'Lt': return actual !== undefined && Number(actual) < Number(values[0]);
    default: return false;
  }
}

function matchesNodeSelection(pod: PodToPlace, node: SimNode): boolean {
  for (const [key, value] of Object.entries(stringMap(pod.spec.nodeSelector))) if (node.labels[key] !== value) return false;
  const terms = arrayAt(pod.spec, ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms']);
  if (terms.length === 0) return true;
  // Terms are ORed; within a term, expressions and fields are ANDed.
  return terms.some((term) => {
    const expressions = arrayAt(term, ['matchExpressions']);
    const fields = arrayAt(term, ['matchFields']);
    if (expressions.length === 0 && fields.length === 0) return false;
    return expressions.every((e) => requirementMatches(e, node.labels))
      && fields.every((f) => requirementMatches(f, { 'metadata.name': node.name }));
  });
}

// ---------------------------------------------------------------- pod (anti-)affinity and spread

interface PodTerm {
  readonly selector: unknown;
  readonly topologyKey: string;
  readonly namespaces: readonly string[];
}

/** Pods of one workload share their spec object, so terms are read once per workload. */
const termCache = new WeakMap<object, Record<'podAffinity' | 'podAntiAffinity', PodTerm[]>>();

function podTerms(pod: PodToPlace, kind: 'podAffinity' | 'podAntiAffinity'): PodTerm[] {
  let terms = termCache.get(pod.spec);
  if (!terms) {
    const read = (which: 'podAffinity' | 'podAntiAffinity') =>
      [...objectsIn(pod.spec, ['affinity', which, 'requiredDuringSchedulingIgnoredDuringExecution'])].map(({ value }) => ({
        selector: value.labelSelector,
        topologyKey: typeof value.topologyKey === 'string' ? value.topologyKey : '',
        namespaces: arrayAt(value, ['namespaces']).map(String),
      }));
    terms = { podAffinity: read('podAffinity'), podAntiAffinity: read('podAntiAffinity') };
    termCache.set(pod.spec, terms);
  }
  return terms[kind];
}

/** Where every pod went so far; the pods with anti-affinity are kept apart because every newcomer is checked against them. */
export class Placed {
  readonly all: { pod: PodToPlace; node: SimNode }[] = [];
  readonly withAntiAffinity: { pod: PodToPlace; node: SimNode }[] = [];

  add(pod: PodToPlace, node: SimNode): void {
    this.all.push({ pod, node });
    if (podTerms(pod, 'podAntiAffinity').length > 0) this.withAntiAffinity.push({ pod, node });
  }
}

function inTermNamespaces(term: PodTerm, owner: PodToPlace, other: PodToPlace): boolean {
  const namespaces = term.namespaces.length > 0 ? term.namespaces : [owner.namespace];
  return other.namespace === undefined || owner.namespace === undefined || namespaces.includes(other.namespace);
}

function termMatches(term: PodTerm, owner: PodToPlace, other: PodToPlace): boolean {
  return inTermNamespaces(term, owner, other) && labelSelectorMatches(term.selector, other.labels);
}

function sameDomain(a: SimNode, b: SimNode, topologyKey: string): boolean {
  const value = a.labels[topologyKey];
  return value !== undefined && value === b.labels[topologyKey];
}

function violatesAntiAffinity(pod: PodToPlace, node: SimNode, placed: Placed): boolean {
  const own = podTerms(pod, 'podAntiAffinity');
  if (own.length > 0) {
    for (const other of placed.all) {
      if (own.some((term) => sameDomain(node, other.node, term.topologyKey) && termMatches(term, pod, other.pod))) return true;
    }
  }
  // Symmetry: existing pods' anti-affinity keeps the newcomer away too.
  return placed.withAntiAffinity.some((other) => podTerms(other.pod, 'podAntiAffinity').some((term) => sameDomain(node, other.node, term.topologyKey) && termMatches(term, other.pod, pod)));
}

function violatesAffinity(pod: PodToPlace, node: SimNode, placed: Placed): boolean {
  return podTerms(pod, 'podAffinity').some((term) => {
    const matching = placed.all.filter((other) => termMatches(term, pod, other.pod));
    // The first pod of a group that selects itself may go anywhere (kube-scheduler's special case).
    if (matching.length === 0) return !termMatches(term, pod, pod);
    return !matching.some((other) => sameDomain(node, other.node, term.topologyKey));
  });
}

function violatesTopologySpread(pod: PodToPlace, node: SimNode, nodes: readonly SimNode[]): boolean {
  for (const { value: constraint } of objectsIn(pod.spec, ['topologySpreadConstraints'])) {
    if (constraint.whenUnsatisfiable !== 'DoNotSchedule' || typeof constraint.topologyKey !== 'string') continue;
    const key = constraint.topologyKey;
    const maxSkew = typeof constraint.maxSkew === 'number' ? constraint.maxSkew : 1;
    const domain = node.labels[key];
    if (domain === undefined) return true;
    // Domains are those of nodes the pod could be placed on by node selection (unless
    // nodeAffinityPolicy is Ignore), tainted ones included (unless nodeTaintsPolicy is Honor).
    const honourSelection = constraint.nodeAffinityPolicy !== 'Ignore';
    const honourTaints = constraint.nodeTaintsPolicy === 'Honor';
    const counts = new Map<string, number>();
    for (const other of nodes) {
      const value = other.labels[key];
      if (value === undefined || (honourSelection && !matchesNodeSelection(pod, other)) || (honourTaints && untoleratedTaint(pod, other))) continue;
      const matching = other.pods.filter((p) => p.namespace === pod.namespace && labelSelectorMatches(constraint.labelSelector, p.labels)).length;
      counts.set(value, (counts.get(value) ?? 0) + matching);
    }
    // Fewer eligible domains than minDomains: the global minimum is taken as 0.
    const minDomains = typeof constraint.minDomains === 'number' ? constraint.minDomains : 1;
    const min = counts.size < minDomains ? 0 : Math.min(...counts.values());
    if ((counts.get(domain) ?? 0) + 1 - min > maxSkew) return true;
  }
  return false;
}

// ---------------------------------------------------------------- resources and scoring

function insufficient(pod: PodToPlace, node: SimNode): string[] {
  const short: string[] = [];
  for (const [name, amount] of Object.entries(pod.requests)) {
    if (amount <= 0) continue;
    if ((node.requested[name] ?? 0) + amount > (node.allocatable[name] ?? 0) + 1e-9) short.push(`Insufficient ${name}`);
  }
  if ((node.requested.pods ?? 0) + 1 > (node.allocatable.pods ?? 0)) short.push('Too many pods');
  return short;
}

/** Why `pod` cannot go on `node`, in kube-scheduler's words; empty when it can. */
export function filterNode(pod: PodToPlace, node: SimNode, nodes: readonly SimNode[], placed: Placed): string[] {
  const taint = untoleratedTaint(pod, node);
  if (taint) return [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`];
  if (!matchesNodeSelection(pod, node)) return ["node(s) didn't match Pod's node affinity/selector"];
  const resources = insufficient(pod, node);
  if (resources.length > 0) return resources;
  if (violatesAntiAffinity(pod, node, placed)) return ["node(s) didn't match pod anti-affinity rules"];
  if (violatesAffinity(pod, node, placed)) return ["node(s) didn't match pod affinity rules"];
  if (violatesTopologySpread(pod, node, nodes)) return ["node(s) didn't match pod topology spread constraints"];
  return [];
}

/** Score of placing `pod` on `node`: share of the node's resources in use afterwards (or left free). */
export function scoreNode(pod: PodToPlace, node: SimNode, strategy: ScoringStrategy): number {
  const names = new Set(['cpu', 'memory', ...Object.keys(pod.requests).filter((n) => n !== 'pods' && (node.allocatable[n] ?? 0) > 0)]);
  let total = 0;
  let counted = 0;
  for (const name of names) {
    const capacity = node.allocatable[name] ?? 0;
    if (capacity <= 0) continue;
    const used = Math.min(1, ((node.requested[name] ?? 0) + (pod.requests[name] ?? 0)) / capacity);
    total += strategy === 'most-allocated' ? used : 1 - used;
    counted++;
  }
  return counted === 0 ? 0 : total / counted;
}

export function bind(pod: PodToPlace, node: SimNode, placed: Placed): void {
  placed.add(pod, node);
  for (const [name, amount] of Object.entries(pod.requests)) node.requested[name] = (node.requested[name] ?? 0) + amount;
  node.requested.pods = (node.requested.pods ?? 0) + 1;
  node.pods.push(pod);
}

export function priorityOf(pod: PodToPlace, priorities: ReadonlyMap<string, number>): number {
  const name = getPath(pod.spec, ['priorityClassName']);
  return typeof name === 'string' ? priorities.get(name) ?? 0 : 0;
}
