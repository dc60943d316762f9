// Node pools: the cluster `chartforge fit` schedules onto, read from a small YAML file.
import { parseQuantity } from '@chartforge/core';
import { readInputText } from '@chartforge/validator/read';
import { readYamlAgainstSchema } from '@chartforge/validator/workload';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

export interface NodePool {
  readonly name: string;
  readonly count: number;
  /** Allocatable amounts as numbers: cores, bytes, devices, pod slots. */
  readonly allocatable: Readonly<Record<string, number>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
}

/** Pod slots per node when the file does not say (the kubelet's default maxPods). */
export const DEFAULT_MAX_PODS = 110;

const QUANTITY = { 'x-expected': 'a quantity such as 8, 500m, 64Gi', oneOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: '^[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$' }] };

export const NODE_POOLS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'chartforge fit node pools',
  type: 'object',
  additionalProperties: false,
  required: ['pools'],
  properties: {
    pools: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'allocatable'],
        properties: {
          name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', description: 'Pool name; nodes are named <pool>-1 … <pool>-<count>.' },
          count: { type: 'integer', minimum: 1, default: 1, description: 'Number of identical nodes.' },
          allocatable: {
            type: 'object',
            required: ['cpu', 'memory'],
            additionalProperties: QUANTITY,
            properties: { cpu: QUANTITY, memory: QUANTITY, pods: { type: 'integer', minimum: 1 } },
            description: 'Allocatable resources of one node: cpu, memory, pods and extended resources such as nvidia.com/gpu.',
          },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          taints: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['key', 'effect'],
              properties: { key: { type: 'string', minLength: 1 }, value: { type: 'string' }, effect: { enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] } },
            },
          },
        },
      },
    },
  },
} as const;

interface RawPool {
  name: string;
  count?: number;
  allocatable: Record<string, string | number>;
  labels?: Record<string, string>;
  taints?: Taint[];
}

/** Most nodes `fit` builds by default (each pod is tried on each); raised with `--max-nodes`. */
export const DEFAULT_MAX_SIMULATED_NODES = 1_000;

/** Parses a node pools file; throws InputFileError with file:line:column on any problem. */
export function parseNodePools(text: string, file: string, maxNodes = DEFAULT_MAX_SIMULATED_NODES): NodePool[] {
  const read = readYamlAgainstSchema(text, file, NODE_POOLS_SCHEMA);
  const data = read.data as { pools: RawPool[] };
  const seen = new Set<string>();
  let nodes = 0;
  return data.pools.map((pool, index) => {
    nodes += pool.count ?? 1;
    if (nodes > maxNodes) throw read.errorAt(['pools', index, 'count'], `pools.${index}.count: ${nodes} nodes in all, more than the limit of ${maxNodes} simulated nodes (raise it with --max-nodes N)`);
    if (seen.has(pool.name)) throw read.errorAt(['pools', index, 'name'], `pools.${index}.name: pool "${pool.name}" is defined twice`);
    seen.add(pool.name);
    const allocatable: Record<string, number> = { pods: DEFAULT_MAX_PODS };
    for (const [name, value] of Object.entries(pool.allocatable)) allocatable[name] = parseQuantity(value) ?? 0;
    return {
      name: pool.name,
      count: pool.count ?? 1,
      allocatable,
      labels: pool.labels ?? {},
      taints: pool.taints ?? [],
    };
  });
}

/** Reads and checks a node pools file; problems name it as `displayName` (the path as the user typed it). */
export function readNodePools(file: string, maxNodes = DEFAULT_MAX_SIMULATED_NODES, displayName = file): NodePool[] {
  return parseNodePools(readInputText(file, displayName, undefined, 'the node pools file'), displayName, maxNodes);
}
