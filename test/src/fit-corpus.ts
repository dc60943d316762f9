// The corpus on which `chartforge fit` is measured against kube-scheduler: each case is a set of
// manifests and the node pools (in `fit --nodes` format) they are scheduled onto. Each case's
// outcome does not depend on the order in which the controllers create the pods, so the scheduler's
// answer is the same on every run: pods compete for room only within one workload, or the
// workloads are kept apart by their node selection.

export interface FitCase {
  readonly name: string;
  readonly nodes: string;
  /** Objects of the case; namespaced ones get the case's namespace. */
  readonly objects: readonly Record<string, unknown>[];
  /**
   * Objects applied once the scheduler has settled `objects`: `fit` places pods in manifest order,
   * the cluster in the order the controllers create them, so two workloads whose outcome depends
   * on which comes first (symmetric anti-affinity) come one after the other. `fit` reads them
   * after `objects`.
   */
  readonly later?: readonly Record<string, unknown>[];
}

type Requests = Record<string, string | number>;

/** A container asking for `requests`; extended resources (GPUs) are also its limits, as the API server requires. */
function container(name: string, requests: Requests, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const limits = Object.fromEntries(Object.entries(requests).filter(([resource]) => resource.includes('/')));
  return {
    name,
    image: 'registry.example.com/app:1.0.0',
    resources: { requests, ...(Object.keys(limits).length > 0 ? { limits } : {}) },
    ...extra,
  };
}

/** Pod spec with one container `main`; `spec` adds to or overrides it. */
function podSpec(requests: Requests, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return { containers: [container('main', requests)], ...spec };
}

/**
 * A Deployment of `replicas` pods. Recreate: `fit` counts a rolling update's surge pods (the peak of
 * a rollout), which do not exist right after install; the `surge` case measures that on its own.
 */
function deployment(name: string, replicas: number, spec: Record<string, unknown>, strategy: Record<string, unknown> = { type: 'Recreate' }): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, strategy, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } },
  };
}

/** kwok completes a Job's pods after a second; this keeps them running while the case is compared. */
const KEEP_RUNNING = { 'pod-complete.stage.kwok.x-k8s.io/delay': '24h', 'pod-complete.stage.kwok.x-k8s.io/jitter-delay': '24h' };

function job(name: string, job: Record<string, unknown>, spec: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { ...job, template: { metadata: { labels: { app: name }, annotations: KEEP_RUNNING }, spec: { restartPolicy: 'Never', ...spec } } },
  };
}

function daemonSet(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } },
  };
}

function pod(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec };
}

/** A pool named after its zone (topology.kubernetes.io/zone), as YAML; `taints` is a flow sequence. */
function zonePool(zone: string, count: number, cpu = '16', taints?: string): string {
  return [`  - name: ${zone}`, `    count: ${count}`, `    allocatable: { cpu: "${cpu}", memory: 64Gi }`, `    labels: { topology.kubernetes.io/zone: ${zone} }`, ...(taints ? [`    taints: ${taints}`] : [])].join('\n');
}

function zonePools(...pools: string[]): string {
  return `pools:\n${pools.join('\n')}\n`;
}

const GPU_TOLERATION = { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' };
const ON_POOL = (pool: string) => ({ nodeSelector: { pool } });

export const FIT_CASES: readonly FitCase[] = [
  {
    // GPUs are an extended resource: 2 nodes × 8 GPUs hold four 4-GPU replicas, and CPU pods stay
    // off the tainted GPU nodes.
    name: 'gpus',
    nodes: `
pools:
  - name: a100
    count: 2
    allocatable: { cpu: "64", memory: 512Gi, nvidia.com/gpu: 8 }
    labels: { pool: a100 }
    taints: [{ key: nvidia.com/gpu, value: present, effect: NoSchedule }]
  - name: cpu
    count: 2
    allocatable: { cpu: "16", memory: 64Gi }
    labels: { pool: cpu }
`,
    objects: [
      deployment('llm', 5, podSpec({ cpu: '8', memory: '64Gi', 'nvidia.com/gpu': 4 }, { tolerations: [GPU_TOLERATION] })),
      deployment('web', 3, podSpec({ cpu: '2', memory: '4Gi' })),
      deployment('gpu-untolerated', 1, podSpec({ cpu: '1', memory: '1Gi', 'nvidia.com/gpu': 1 })),
    ],
  },
  {
    // Taints with each effect and tolerations of each form.
    name: 'taints',
    nodes: `
pools:
  - name: dedicated
    allocatable: { cpu: "8", memory: 32Gi }
    labels: { pool: dedicated }
    taints: [{ key: dedicated, value: ml, effect: NoSchedule }]
  - name: draining
    allocatable: { cpu: "8", memory: 32Gi }
    labels: { pool: draining }
    taints: [{ key: maintenance, effect: NoExecute }]
  - name: soft
    allocatable: { cpu: "8", memory: 32Gi }
    labels: { pool: soft }
    taints: [{ key: spot, value: "true", effect: PreferNoSchedule }]
`,
    objects: [
      deployment('equal', 1, podSpec({ cpu: '1' }, { ...ON_POOL('dedicated'), tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }] })),
      deployment('wrong-value', 1, podSpec({ cpu: '1' }, { ...ON_POOL('dedicated'), tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }] })),
      deployment('wrong-effect', 1, podSpec({ cpu: '1' }, { ...ON_POOL('dedicated'), tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }] })),
      deployment('untolerated', 1, podSpec({ cpu: '1' }, ON_POOL('dedicated'))),
      deployment('tolerates-all', 1, podSpec({ cpu: '1' }, { ...ON_POOL('draining'), tolerations: [{ operator: 'Exists' }] })),
      deployment('no-execute', 1, podSpec({ cpu: '1' }, { ...ON_POOL('draining'), tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 3600 }] })),
      deployment('draining-untolerated', 1, podSpec({ cpu: '1' }, ON_POOL('draining'))),
      deployment('prefer-no-schedule', 2, podSpec({ cpu: '1' }, ON_POOL('soft'))),
    ],
  },
  {
    // nodeSelector on the pool's own labels and on the labels every kubelet sets.
    name: 'node-selector',
    nodes: `
pools:
  - name: big
    count: 2
    allocatable: { cpu: "32", memory: 128Gi }
    labels: { node.example.com/size: big, topology.kubernetes.io/zone: zone-a }
  - name: small
    count: 2
    allocatable: { cpu: "4", memory: 16Gi }
    labels: { node.example.com/size: small, topology.kubernetes.io/zone: zone-b }
`,
    objects: [
      deployment('on-big', 3, podSpec({ cpu: '8' }, { nodeSelector: { 'node.example.com/size': 'big' } })),
      deployment('on-small-too-big', 2, podSpec({ cpu: '8' }, { nodeSelector: { 'node.example.com/size': 'small' } })),
      deployment('no-such-label', 1, podSpec({ cpu: '1' }, { nodeSelector: { 'node.example.com/size': 'huge' } })),
      deployment('linux', 2, podSpec({ cpu: '1' }, { nodeSelector: { 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': 'zone-b' } })),
      deployment('one-host', 2, podSpec({ cpu: '1' }, { nodeSelector: { 'kubernetes.io/hostname': 'small-2' } })),
    ],
  },
  {
    // Required node affinity: operators, ORed terms, ANDed expressions, matchFields.
    name: 'node-affinity',
    nodes: `
pools:
  - name: h100
    count: 2
    allocatable: { cpu: "32", memory: 256Gi }
    labels: { gpu.example.com/generation: "9", gpu.example.com/model: h100 }
  - name: a10
    count: 2
    allocatable: { cpu: "32", memory: 256Gi }
    labels: { gpu.example.com/generation: "8", gpu.example.com/model: a10 }
  - name: plain
    allocatable: { cpu: "32", memory: 256Gi }
`,
    objects: [
      deployment('in', 2, podSpec({ cpu: '1' }, nodeAffinity([[{ key: 'gpu.example.com/model', operator: 'In', values: ['h100'] }]]))),
      deployment('not-in', 2, podSpec({ cpu: '1' }, nodeAffinity([[{ key: 'gpu.example.com/model', operator: 'NotIn', values: ['h100', 'a10'] }]]))),
      deployment('exists-and-gt', 2, podSpec({ cpu: '1' }, nodeAffinity([[{ key: 'gpu.example.com/model', operator: 'Exists' }, { key: 'gpu.example.com/generation', operator: 'Gt', values: ['8'] }]]))),
      deployment('lt', 2, podSpec({ cpu: '1' }, nodeAffinity([[{ key: 'gpu.example.com/generation', operator: 'Lt', values: ['9'] }]]))),
      deployment('does-not-exist', 1, podSpec({ cpu: '1' }, nodeAffinity([[{ key: 'gpu.example.com/model', operator: 'DoesNotExist' }]]))),
      deployment('ored-terms', 2, podSpec({ cpu: '1' }, nodeAffinity([[{ key: 'gpu.example.com/model', operator: 'In', values: ['tpu'] }], [{ key: 'gpu.example.com/model', operator: 'In', values: ['a10'] }]]))),
      deployment('match-fields', 1, podSpec({ cpu: '1' }, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a10-2'] }] }] } } } })),
      deployment('impossible', 1, podSpec({ cpu: '1' }, nodeAffinity([[{ key: 'gpu.example.com/model', operator: 'In', values: ['h100'] }, { key: 'gpu.example.com/generation', operator: 'Lt', values: ['9'] }]]))),
    ],
  },
  {
    // Required pod anti-affinity: one replica per node or per zone, and against another workload.
    name: 'pod-anti-affinity',
    nodes: zonePools(zonePool('zone-a', 2), zonePool('zone-b', 1)),
    objects: [
      deployment('per-node', 5, podSpec({ cpu: '1' }, antiAffinity('per-node', 'kubernetes.io/hostname'))),
      deployment('per-zone', 3, podSpec({ cpu: '1' }, antiAffinity('per-zone', 'topology.kubernetes.io/zone'))),
    ],
    later: [deployment('away-from-per-zone', 2, podSpec({ cpu: '1' }, antiAffinity('per-zone', 'topology.kubernetes.io/zone')))],
  },
  {
    // Required pod affinity: next to a pinned workload, to a workload that does not exist, and to itself.
    name: 'pod-affinity',
    nodes: zonePools(zonePool('zone-a', 2), zonePool('zone-b', 2)),
    objects: [
      deployment('cache', 1, podSpec({ cpu: '1' }, { nodeSelector: { 'topology.kubernetes.io/zone': 'zone-b' } })),
      deployment('near-cache', 3, podSpec({ cpu: '1' }, podAffinity('cache', 'topology.kubernetes.io/zone'))),
      deployment('same-node-as-cache', 2, podSpec({ cpu: '1' }, podAffinity('cache', 'kubernetes.io/hostname'))),
      deployment('near-nothing', 2, podSpec({ cpu: '1' }, podAffinity('no-such-app', 'kubernetes.io/hostname'))),
      deployment('together', 3, podSpec({ cpu: '1' }, { ...podAffinity('together', 'kubernetes.io/hostname'), nodeSelector: { 'topology.kubernetes.io/zone': 'zone-a' } })),
    ],
  },
  {
    // DoNotSchedule topology spread: zone-c holds one pod, so maxSkew 1 lets zone-a and zone-b take
    // two each, and the sixth replica waits.
    name: 'topology-spread',
    nodes: zonePools(zonePool('zone-a', 2), zonePool('zone-b', 2), zonePool('zone-c', 1, '3')),
    objects: [
      deployment('spread', 6, podSpec({ cpu: '2' }, spread('spread', 'topology.kubernetes.io/zone', 1))),
      deployment('spread-skew-2', 4, podSpec({ cpu: '100m' }, { ...spread('spread-skew-2', 'topology.kubernetes.io/zone', 2), nodeSelector: { 'topology.kubernetes.io/zone': 'zone-a' } })),
      deployment('per-host', 7, podSpec({ cpu: '100m' }, { ...spread('per-host', 'kubernetes.io/hostname', 1), nodeSelector: { 'topology.kubernetes.io/zone': 'zone-b' } })),
    ],
  },
  {
    // Which domains a spread counts: by default tainted nodes count (nodeTaintsPolicy: Ignore) and
    // nodes outside the pod's node selection do not (nodeAffinityPolicy: Honor); with fewer
    // eligible domains than minDomains the global minimum is 0.
    name: 'spread-policies',
    nodes: zonePools(zonePool('zone-a', 2), zonePool('zone-b', 1), zonePool('zone-c', 1, '16', '[{ key: dedicated, value: batch, effect: NoSchedule }]')),
    objects: [
      deployment('taints-counted', 4, podSpec({ cpu: '100m' }, spread('taints-counted', 'topology.kubernetes.io/zone', 1))),
      deployment('taints-honoured', 4, podSpec({ cpu: '100m' }, spread('taints-honoured', 'topology.kubernetes.io/zone', 1, { nodeTaintsPolicy: 'Honor' }))),
      deployment('min-domains', 3, podSpec({ cpu: '100m' }, spread('min-domains', 'topology.kubernetes.io/zone', 1, { nodeTaintsPolicy: 'Honor', minDomains: 3 }))),
      deployment('selection-ignored', 3, podSpec({ cpu: '100m' }, { ...spread('selection-ignored', 'topology.kubernetes.io/zone', 1, { nodeAffinityPolicy: 'Ignore' }), nodeSelector: { 'topology.kubernetes.io/zone': 'zone-a' } })),
    ],
  },
  {
    // DaemonSets: one pod per node whose taints and selection allow it, and one that does not fit a small node.
    name: 'daemonsets',
    nodes: `
pools:
  - name: gpu
    count: 2
    allocatable: { cpu: "32", memory: 128Gi, nvidia.com/gpu: 8 }
    labels: { nvidia.com/gpu.present: "true" }
    taints: [{ key: nvidia.com/gpu, value: present, effect: NoSchedule }]
  - name: cpu
    count: 2
    allocatable: { cpu: "8", memory: 32Gi }
  - name: tiny
    allocatable: { cpu: "1", memory: 4Gi }
`,
    objects: [
      daemonSet('logs', podSpec({ cpu: '100m', memory: '128Mi' })),
      daemonSet('everywhere', podSpec({ cpu: '100m', memory: '128Mi' }, { tolerations: [{ operator: 'Exists' }] })),
      daemonSet('gpu-exporter', podSpec({ cpu: '100m', memory: '128Mi' }, { tolerations: [GPU_TOLERATION], nodeSelector: { 'nvidia.com/gpu.present': 'true' } })),
      daemonSet('heavy', podSpec({ cpu: '2', memory: '1Gi' })),
    ],
  },
  {
    // Jobs: parallel workers and distributed training ranks (an Indexed gang) of 8 GPUs each.
    name: 'jobs',
    nodes: `
pools:
  - name: h100
    count: 3
    allocatable: { cpu: "96", memory: 1000Gi, nvidia.com/gpu: 8 }
    labels: { pool: h100 }
    taints: [{ key: nvidia.com/gpu, value: present, effect: NoSchedule }]
  - name: cpu
    count: 2
    allocatable: { cpu: "8", memory: 32Gi }
    labels: { pool: cpu }
`,
    objects: [
      job('train', { completionMode: 'Indexed', completions: 4, parallelism: 4 }, podSpec({ cpu: '32', memory: '256Gi', 'nvidia.com/gpu': 8 }, { tolerations: [GPU_TOLERATION], subdomain: 'train' })),
      job('preprocess', { completions: 20, parallelism: 6 }, podSpec({ cpu: '3', memory: '4Gi' }, ON_POOL('cpu'))),
    ],
  },
  {
    // Requests no node can hold, and pod slots running out.
    name: 'too-big',
    nodes: `
pools:
  - name: node
    count: 2
    allocatable: { cpu: "8", memory: 32Gi, nvidia.com/gpu: 2, pods: 3 }
`,
    objects: [
      pod('cpu-hog', podSpec({ cpu: '9' })),
      pod('memory-hog', podSpec({ cpu: '1', memory: '33Gi' })),
      pod('gpu-hog', podSpec({ cpu: '1', 'nvidia.com/gpu': 4 })),
      pod('unknown-device', podSpec({ cpu: '1', 'example.com/fpga': 1 })),
      deployment('many-small', 8, podSpec({ cpu: '10m' })),
    ],
  },
  {
    // Many replicas filling a pool: 4 cpu per node holds two 1.5-cpu replicas.
    name: 'fill-pool',
    nodes: `
pools:
  - name: workers
    count: 3
    allocatable: { cpu: "4", memory: 16Gi }
`,
    objects: [deployment('api', 10, podSpec({ cpu: '1500m', memory: '1Gi' }))],
  },
  {
    // The pod's effective request: init containers run one at a time before the others, sidecars
    // (restartPolicy Always) keep running beside them.
    name: 'init-and-sidecars',
    nodes: `
pools:
  - name: n1
    allocatable: { cpu: "4", memory: 16Gi }
  - name: n2
    allocatable: { cpu: "4", memory: 16Gi }
  - name: n3
    allocatable: { cpu: "4", memory: 16Gi }
  - name: n4
    allocatable: { cpu: "4", memory: 16Gi }
  - name: n5
    allocatable: { cpu: "4", memory: 16Gi }
`,
    objects: [
      pod('init-heavy', { ...podSpec({ cpu: '1' }), initContainers: [container('setup', { cpu: '5' })], nodeSelector: { 'kubernetes.io/hostname': 'n1-1' } }),
      pod('init-light', { ...podSpec({ cpu: '1' }), initContainers: [container('setup', { cpu: '3500m' })], nodeSelector: { 'kubernetes.io/hostname': 'n2-1' } }),
      pod('sidecar-adds', { ...podSpec({ cpu: '2500m' }), initContainers: [container('proxy', { cpu: '2' }, { restartPolicy: 'Always' })], nodeSelector: { 'kubernetes.io/hostname': 'n3-1' } }),
      pod('sidecar-during-init', {
        ...podSpec({ cpu: '1' }),
        initContainers: [container('proxy', { cpu: '1500m' }, { restartPolicy: 'Always' }), container('migrate', { cpu: '3' })],
        nodeSelector: { 'kubernetes.io/hostname': 'n4-1' },
      }),
      pod('init-before-sidecar', {
        ...podSpec({ cpu: '1' }),
        initContainers: [container('migrate', { cpu: '3' }), container('proxy', { cpu: '1500m' }, { restartPolicy: 'Always' })],
        nodeSelector: { 'kubernetes.io/hostname': 'n5-1' },
      }),
    ],
  },
  {
    // A RuntimeClass adds its overhead to every pod that names it (kube-apiserver's RuntimeClass
    // admission writes it into spec.overhead) and its scheduling constraints to the pod's own.
    name: 'runtime-class',
    nodes: `
pools:
  - name: kata
    count: 2
    allocatable: { cpu: "4", memory: 16Gi }
    labels: { runtime: kata }
    taints: [{ key: runtime, value: kata, effect: NoSchedule }]
  - name: runc
    count: 2
    allocatable: { cpu: "4", memory: 16Gi }
`,
    objects: [
      {
        apiVersion: 'node.k8s.io/v1',
        kind: 'RuntimeClass',
        metadata: { name: 'fit-kata' },
        handler: 'kata',
        overhead: { podFixed: { cpu: '1', memory: '1Gi' } },
        scheduling: { nodeSelector: { runtime: 'kata' }, tolerations: [{ key: 'runtime', operator: 'Equal', value: 'kata', effect: 'NoSchedule' }] },
      },
      deployment('sandboxed', 3, podSpec({ cpu: '1500m', memory: '1Gi' }, { runtimeClassName: 'fit-kata' })),
      deployment('plain', 3, podSpec({ cpu: '1500m', memory: '1Gi' })),
    ],
  },
  {
    // Priority: pods of a higher PriorityClass arrive at a full pool and kube-scheduler preempts
    // lower ones to make room. `fit` does not preempt, but it places higher priorities first, so
    // it ends where the preemption does.
    name: 'priority',
    nodes: `
pools:
  - name: workers
    allocatable: { cpu: "4", memory: 16Gi }
`,
    objects: [
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'fit-low' }, value: 100 },
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'fit-high' }, value: 1000 },
      // A preempted pod is gone only after its grace period (kwok ends it then): none, to keep the case short.
      deployment('batch', 4, podSpec({ cpu: '1' }, { priorityClassName: 'fit-low', terminationGracePeriodSeconds: 0 })),
    ],
    later: [deployment('serving', 2, podSpec({ cpu: '1' }, { priorityClassName: 'fit-high' }))],
  },
  {
    // A rolling update's surge pods: `fit` counts them (the peak of a rollout), the scheduler has
    // none right after install, so the pod behind them fits in the cluster but not in `fit`.
    name: 'surge',
    nodes: `
pools:
  - name: workers
    count: 1
    allocatable: { cpu: "5", memory: 16Gi }
`,
    objects: [
      deployment('rolling', 4, podSpec({ cpu: '1' }), { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }),
      deployment('after-rolling', 1, podSpec({ cpu: '1' })),
    ],
  },
];

function nodeAffinity(terms: Record<string, unknown>[][]): Record<string, unknown> {
  return { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.map((matchExpressions) => ({ matchExpressions })) } } } };
}

function antiAffinity(app: string, topologyKey: string): Record<string, unknown> {
  return { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey }] } } };
}

function podAffinity(app: string, topologyKey: string): Record<string, unknown> {
  return { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey }] } } };
}

function spread(app: string, topologyKey: string, maxSkew: number, policies: Record<string, unknown> = {}): Record<string, unknown> {
  return { topologySpreadConstraints: [{ maxSkew, topologyKey, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app } }, ...policies }] };
}
