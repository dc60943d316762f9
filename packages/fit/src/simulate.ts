// `chartforge fit`: places every pod the manifests create onto the node pools, the way the
// scheduler would (filters, then the best-scoring node), and reports what does not fit.
import type { Resource } from '@chartforge/validator/core';
import { integerAt } from '@chartforge/validator/workload';
import type { NodePool } from './nodes.js';
import { expandPods, type PodToPlace } from './pods.js';
import { bind, buildNodes, filterNode, Placed, priorityOf, scoreNode, type ScoringStrategy, type SimNode } from './scheduler.js';

export interface FitOptions {
  /** `most-allocated` packs pods tightly (bin-packing); `least-allocated` spreads them (kube-scheduler's default profile). */
  readonly strategy?: ScoringStrategy;
  /** Most pods simulated (DEFAULT_MAX_SIMULATED_PODS); past it simulateFit throws FitLimitError. */
  readonly maxPods?: number;
}

export interface PodPlacement {
  /** `Deployment/llm#2` */
  readonly pod: string;
  readonly workload: string;
  readonly namespace?: string;
  readonly role: PodToPlace['role'];
  readonly requests: Readonly<Record<string, number>>;
  /** Node the pod was placed on; absent when it does not fit. */
  readonly node?: string;
  /** Why it does not fit, as kube-scheduler says it (`0/3 nodes are available: …`). */
  readonly reason?: string;
}

export interface PoolUsage {
  readonly pool: string;
  readonly nodes: number;
  readonly pods: number;
  /** Sum over the pool's nodes, per resource. */
  readonly allocatable: Readonly<Record<string, number>>;
  readonly requested: Readonly<Record<string, number>>;
}

/** A workload whose pods must all run at once (an Indexed Job of distributed training) but do not all fit. */
export interface IncompleteGang {
  readonly workload: string;
  readonly namespace?: string;
  readonly required: number;
  readonly placed: number;
}

export interface FitResult {
  readonly strategy: ScoringStrategy;
  readonly placements: readonly PodPlacement[];
  readonly unschedulable: readonly PodPlacement[];
  /** Gangs that cannot start: their placed pods would hold nodes (and GPUs) waiting for the rest. */
  readonly incompleteGangs: readonly IncompleteGang[];
  readonly pools: readonly PoolUsage[];
  readonly nodes: readonly { name: string; pool: string; pods: readonly string[]; requested: Readonly<Record<string, number>> }[];
}

/** Priority of well-known system classes; others come from PriorityClass objects in the input. */
const SYSTEM_PRIORITIES: ReadonlyArray<[string, number]> = [['system-node-critical', 2000001000], ['system-cluster-critical', 2000000000]];

function podName(pod: { workload: string; ordinal?: number; role: string }, node?: SimNode): string {
  return pod.role === 'daemon' ? `${pod.workload}@${node?.name ?? '?'}` : `${pod.workload}#${pod.ordinal ?? 1}`;
}

/** "0/3 nodes are available: 2 Insufficient nvidia.com/gpu, 1 node(s) had untolerated taint {…}." */
function unavailableMessage(reasonsByNode: readonly string[][], total: number): string {
  const counts = new Map<string, number>();
  for (const reasons of reasonsByNode) for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const parts = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([reason, count]) => `${count} ${reason}`);
  return `0/${total} nodes are available: ${parts.join(', ')}.`;
}

function placement(pod: PodToPlace | Omit<PodToPlace, 'ordinal'>, name: string, node?: SimNode, reason?: string): PodPlacement {
  return {
    pod: name,
    workload: pod.workload,
    ...(pod.namespace !== undefined ? { namespace: pod.namespace } : {}),
    role: pod.role,
    requests: pod.requests,
    ...(node ? { node: node.name } : {}),
    ...(reason ? { reason } : {}),
  };
}

export function simulateFit(resources: readonly Resource[], pools: readonly NodePool[], options: FitOptions = {}): FitResult {
  const strategy = options.strategy ?? 'most-allocated';
  const nodes = buildNodes(pools);
  const { pods, daemons } = expandPods(resources, options.maxPods);
  const priorities = new Map<string, number>(SYSTEM_PRIORITIES);
  for (const resource of resources) {
    if (resource.kind === 'PriorityClass') priorities.set(resource.name, integerAt(resource.object, ['value']) ?? 0);
  }
  const placements: PodPlacement[] = [];
  const placed = new Placed();

  // DaemonSet pods are bound to their node by the controller's node affinity: one per eligible node.
  for (const daemon of daemons) {
    for (const node of nodes) {
      const asPod = { ...daemon, ordinal: 0 };
      const reasons = filterNode(asPod, node, nodes, placed);
      const selectionOnly = reasons.length === 1 && (reasons[0]?.startsWith('node(s) had untolerated taint') || reasons[0]?.startsWith("node(s) didn't match Pod's node affinity"));
      if (selectionOnly) continue; // not an eligible node: the DaemonSet does not run there
      if (reasons.length === 0) {
        bind(asPod, node, placed);
        placements.push(placement(daemon, podName(daemon, node), node));
      } else {
        placements.push(placement(daemon, podName(daemon, node), undefined, unavailableMessage([reasons], 1).replace('0/1 nodes are available', `does not fit on ${node.name}`)));
      }
    }
  }

  // Then the rest, highest priority first, in manifest order otherwise (a stable sort).
  const queue = pods.map((pod, order) => ({ pod, order, priority: priorityOf(pod, priorities) }));
  queue.sort((a, b) => b.priority - a.priority || a.order - b.order);
  for (const { pod } of queue) {
    const reasonsByNode: string[][] = [];
    let best: { node: SimNode; score: number } | undefined;
    for (const node of nodes) {
      const reasons = filterNode(pod, node, nodes, placed);
      if (reasons.length > 0) {
        reasonsByNode.push(reasons);
        continue;
      }
      const score = scoreNode(pod, node, strategy);
      if (!best || score > best.score + 1e-12) best = { node, score };
    }
    if (best) {
      bind(pod, best.node, placed);
      placements.push(placement(pod, podName(pod), best.node));
    } else {
      placements.push(placement(pod, podName(pod), undefined, unavailableMessage(reasonsByNode, nodes.length)));
    }
  }

  const usage = pools.map((pool): PoolUsage => {
    const poolNodes = nodes.filter((node) => node.pool === pool.name);
    const allocatable: Record<string, number> = {};
    const requested: Record<string, number> = {};
    for (const node of poolNodes) {
      for (const [name, amount] of Object.entries(node.allocatable)) allocatable[name] = (allocatable[name] ?? 0) + amount;
      for (const [name, amount] of Object.entries(node.requested)) requested[name] = (requested[name] ?? 0) + amount;
    }
    return { pool: pool.name, nodes: poolNodes.length, pods: poolNodes.reduce((n, node) => n + node.pods.length, 0), allocatable, requested };
  });

  const gangs = new Map<string, IncompleteGang>();
  for (const pod of pods) {
    if (!pod.gang) continue;
    const key = `${pod.namespace ?? ''}/${pod.workload}`;
    if (gangs.has(key)) continue;
    const placedCount = placements.filter((p) => p.workload === pod.workload && p.namespace === pod.namespace && p.node !== undefined).length;
    if (placedCount < pod.gang) gangs.set(key, { workload: pod.workload, ...(pod.namespace !== undefined ? { namespace: pod.namespace } : {}), required: pod.gang, placed: placedCount });
  }

  return {
    strategy,
    placements,
    unschedulable: placements.filter((p) => p.node === undefined),
    incompleteGangs: [...gangs.values()],
    pools: usage,
    nodes: nodes.map((node) => ({ name: node.name, pool: node.pool, pods: node.pods.map((pod) => podName(pod, node)), requested: { ...node.requested } })),
  };
}
