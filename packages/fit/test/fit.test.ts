import { describe, expect, it } from 'vitest';
import { podTemplateOf } from '@chartforge/validator/workload';
import { formatFitJson, formatFitText, parseNodePools, simulateFit } from '../src/index.js';
import { podRequests } from '../src/pods.js';
import { parseManifests } from './parse.js';

const gpuPod = (name: string, gpus: number) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers:
    - name: main
      image: example.com/worker:1.0
      resources:
        limits: {nvidia.com/gpu: ${gpus}}
`;

const THREE_GPU_NODES = parseNodePools(`pools:
  - name: gpu
    count: 3
    allocatable: {cpu: "32", memory: 256Gi, nvidia.com/gpu: 4}
`, 'nodes.yaml');

describe('fit: bin-packing', () => {
  // 3 nodes x 4 GPUs, pods asking 2, 3, 1, 2, 4 GPUs in that order (12 of 12 GPUs).
  // First-fit: 2→n1, 3→n2, 1→n1, 2→n3, then 4 finds n1=1, n2=1, n3=2 free: fails.
  // Best-fit (most-allocated): 2→n1, 3→n2, 1→n2 (fills it), 2→n1 (fills it), 4→n3: fits.
  const manifests = parseManifests([['a', 2], ['b', 3], ['c', 1], ['d', 2], ['e', 4]].map(([n, g]) => gpuPod(String(n), Number(g))).join('---\n'));

  it('places all five pods where first-fit would strand the last one', () => {
    const result = simulateFit(manifests, THREE_GPU_NODES);
    expect(result.unschedulable).toEqual([]);
    expect(result.nodes.map((n) => [n.name, n.pods])).toEqual([
      ['gpu-1', ['Pod/a#1', 'Pod/d#1']],
      ['gpu-2', ['Pod/b#1', 'Pod/c#1']],
      ['gpu-3', ['Pod/e#1']],
    ]);
    expect(result.pools[0]).toMatchObject({ pool: 'gpu', nodes: 3, pods: 5, requested: { 'nvidia.com/gpu': 12 } });
  });

  it('with spreading (least-allocated, the default scheduler profile) the 4-GPU pod does not fit', () => {
    // 2→n1, 3→n2, 1→n3 (emptiest), 2→n3 (n3 at 3/4 beats n1 at 4/4), then 4 GPUs: n1=0, n2=1, n3=1 free.
    const result = simulateFit(manifests, THREE_GPU_NODES, { strategy: 'least-allocated' });
    expect(result.unschedulable).toEqual([
      expect.objectContaining({ pod: 'Pod/e#1', reason: '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.' }),
    ]);
  });

  it('is deterministic', () => {
    expect(formatFitJson(simulateFit(manifests, THREE_GPU_NODES))).toBe(formatFitJson(simulateFit(manifests, THREE_GPU_NODES)));
  });
});

const CLUSTER = parseNodePools(`pools:
  - name: cpu
    count: 2
    allocatable: {cpu: "8", memory: 32Gi}
    labels: {pool: cpu}
  - name: a100
    count: 2
    allocatable: {cpu: "64", memory: 512Gi, nvidia.com/gpu: "8", pods: 20}
    labels: {pool: gpu, nvidia.com/gpu.present: "true"}
    taints:
      - {key: nvidia.com/gpu, value: present, effect: NoSchedule}
`, 'nodes.yaml');

describe('fit: filters', () => {
  it('keeps untolerating pods off tainted GPU nodes and explains why the rest do not fit', () => {
    const manifests = parseManifests(`apiVersion: apps/v1
kind: Deployment
metadata: {name: llm}
spec:
  replicas: 1
  strategy: {type: Recreate}
  selector: {matchLabels: {app: llm}}
  template:
    metadata: {labels: {app: llm}}
    spec:
      containers:
        - name: server
          image: example.com/vllm:1
          resources: {limits: {nvidia.com/gpu: 1, memory: 64Gi}, requests: {cpu: "4"}}
`);
    expect(simulateFit(manifests, CLUSTER).unschedulable).toEqual([
      expect.objectContaining({
        pod: 'Deployment/llm#1',
        reason: '0/4 nodes are available: 2 Insufficient memory, 2 Insufficient nvidia.com/gpu, 2 node(s) had untolerated taint {nvidia.com/gpu: present}.',
      }),
    ]);
  });

  it('honours tolerations, nodeSelector and required node affinity', () => {
    const manifests = parseManifests(`apiVersion: v1
kind: Pod
metadata: {name: train}
spec:
  nodeSelector: {pool: gpu}
  tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
          - matchFields: [{key: metadata.name, operator: In, values: [a100-2]}]
  containers:
    - {name: t, image: t:1, resources: {limits: {nvidia.com/gpu: 8}}}
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  nodeSelector: {pool: gpu}
  containers:
    - {name: w, image: w:1, resources: {requests: {cpu: "1"}}}
`);
    const result = simulateFit(manifests, CLUSTER);
    expect(result.placements.find((p) => p.pod === 'Pod/train#1')?.node).toBe('a100-2');
    expect(result.unschedulable.map((p) => [p.pod, p.reason])).toEqual([
      ['Pod/web#1', "0/4 nodes are available: 2 node(s) didn't match Pod's node affinity/selector, 2 node(s) had untolerated taint {nvidia.com/gpu: present}."],
    ]);
  });

  it('enforces required pod anti-affinity per hostname', () => {
    const manifests = parseManifests(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 3
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector: {matchLabels: {app: db}}
      containers:
        - {name: db, image: db:1, resources: {requests: {cpu: 100m, memory: 1Gi}}}
`);
    const result = simulateFit(manifests, CLUSTER);
    expect(result.placements.map((p) => p.node ?? p.reason)).toEqual([
      'cpu-1', 'cpu-2',
      "0/4 nodes are available: 2 node(s) didn't match pod anti-affinity rules, 2 node(s) had untolerated taint {nvidia.com/gpu: present}.",
    ]);
  });
});

describe('fit: what the cluster adds to nodes and pods', () => {
  // Both found by test/cluster/fit-scheduler.test.ts, where kube-scheduler placed these pods.
  it('gives every node the labels the kubelet sets (kubernetes.io/os, kubernetes.io/arch), which a pool may override', () => {
    const manifests = parseManifests(`apiVersion: v1
kind: Pod
metadata: {name: linux}
spec:
  nodeSelector: {kubernetes.io/os: linux, kubernetes.io/arch: amd64}
  containers:
    - {name: main, image: main:1, resources: {requests: {cpu: "1"}}}
`);
    const pools = parseNodePools(`pools:
  - name: arm
    allocatable: {cpu: "8", memory: 32Gi}
    labels: {kubernetes.io/arch: arm64}
  - name: x86
    allocatable: {cpu: "8", memory: 32Gi}
`, 'nodes.yaml');
    expect(simulateFit(manifests, pools).placements.map((p) => p.node)).toEqual(['x86-1']);
  });

  it("applies a RuntimeClass of the input as admission does: its overhead, node selector and tolerations join the pod's", () => {
    const manifests = parseManifests(`apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: kata}
handler: kata
overhead: {podFixed: {cpu: "1", memory: 1Gi}}
scheduling:
  nodeSelector: {runtime: kata}
  tolerations: [{key: runtime, operator: Equal, value: kata, effect: NoSchedule}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: sandboxed}
spec:
  replicas: 3
  strategy: {type: Recreate}
  selector: {matchLabels: {app: sandboxed}}
  template:
    metadata: {labels: {app: sandboxed}}
    spec:
      runtimeClassName: kata
      containers:
        - {name: main, image: main:1, resources: {requests: {cpu: 1500m, memory: 1Gi}}}
`);
    const pools = parseNodePools(`pools:
  - name: kata
    count: 2
    allocatable: {cpu: "4", memory: 16Gi}
    labels: {runtime: kata}
    taints: [{key: runtime, value: kata, effect: NoSchedule}]
  - name: runc
    count: 2
    allocatable: {cpu: "4", memory: 16Gi}
`, 'nodes.yaml');
    const result = simulateFit(manifests, pools);
    // 1.5 cpu + 1 cpu overhead: one pod per 4-cpu kata node, never on runc.
    expect(result.placements.map((p) => p.node ?? p.reason)).toEqual([
      'kata-1', 'kata-2',
      "0/4 nodes are available: 2 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.",
    ]);
    expect(result.placements[0]?.requests).toMatchObject({ cpu: 2.5 });
  });
});

describe('fit: topology spread domains', () => {
  const zones = parseNodePools(`pools:
  - name: zone-a
    count: 2
    allocatable: {cpu: "16", memory: 64Gi}
    labels: {topology.kubernetes.io/zone: zone-a}
  - name: zone-b
    allocatable: {cpu: "16", memory: 64Gi}
    labels: {topology.kubernetes.io/zone: zone-b}
  - name: zone-c
    allocatable: {cpu: "16", memory: 64Gi}
    labels: {topology.kubernetes.io/zone: zone-c}
    taints: [{key: dedicated, value: batch, effect: NoSchedule}]
`, 'nodes.yaml');
  const spreading = (replicas: number, policies: string, nodeSelector = '{}') => parseManifests(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  strategy: {type: Recreate}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeSelector: ${nodeSelector}
      topologySpreadConstraints:
        - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}${policies}}
      containers:
        - {name: main, image: main:1, resources: {requests: {cpu: 100m}}}
`);
  const placedIn = (replicas: number, policies: string, nodeSelector?: string, pools = zones) =>
    simulateFit(spreading(replicas, policies, nodeSelector), pools).placements.filter((p) => p.node).length;

  // The cases kube-scheduler settled in test/cluster/fit-scheduler.test.ts (spread-policies).
  it('counts a tainted zone the pods cannot use (nodeTaintsPolicy Ignore, the default), so it holds the others back', () => {
    expect(placedIn(4, '')).toBe(2);
  });
  it('leaves out the zones of untolerated taints with nodeTaintsPolicy Honor', () => {
    expect(placedIn(4, ', nodeTaintsPolicy: Honor')).toBe(4);
  });
  it('takes the global minimum as 0 while there are fewer eligible domains than minDomains', () => {
    const zonesAAndB = zones.slice(0, 2);
    expect(placedIn(3, ', minDomains: 3', '{}', zonesAAndB)).toBe(2);
    expect(placedIn(3, '', '{}', zonesAAndB)).toBe(3);
  });
  it('counts zones outside the node selection with nodeAffinityPolicy Ignore', () => {
    expect(placedIn(3, ', nodeAffinityPolicy: Ignore', '{topology.kubernetes.io/zone: zone-a}')).toBe(1);
    expect(placedIn(3, '', '{topology.kubernetes.io/zone: zone-a}')).toBe(3);
  });
});

describe('fit: which pods exist', () => {
  it('counts HPA maxReplicas and rolling-update surge, Job parallelism and one DaemonSet pod per eligible node', () => {
    const manifests = parseManifests(`apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: a, image: a:1, resources: {requests: {cpu: 500m, memory: 1Gi}}}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 2
  maxReplicas: 6
---
apiVersion: batch/v1
kind: Job
metadata: {name: shard}
spec:
  parallelism: 8
  completions: 3
  template:
    spec:
      restartPolicy: Never
      containers: [{name: s, image: s:1, resources: {requests: {cpu: "1", memory: 1Gi}}}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: logs}
spec:
  selector: {matchLabels: {app: logs}}
  template:
    metadata: {labels: {app: logs}}
    spec:
      containers: [{name: l, image: l:1, resources: {requests: {cpu: 100m, memory: 128Mi}}}]
---
apiVersion: v1
kind: Pod
metadata:
  name: api-test
  annotations: {helm.sh/hook: test}
spec:
  containers: [{name: t, image: t:1}]
`);
    const result = simulateFit(manifests, CLUSTER);
    const byWorkload = (w: string) => result.placements.filter((p) => p.workload === w).map((p) => p.role);
    // 6 replicas (HPA max) + ceil(25% of 6) = 2 surge pods.
    expect(byWorkload('Deployment/api')).toEqual(['replica', 'replica', 'replica', 'replica', 'replica', 'replica', 'surge', 'surge']);
    expect(byWorkload('Job/shard')).toEqual(['job', 'job', 'job']);
    // The DaemonSet does not tolerate the GPU taint: it runs on the two CPU nodes only.
    expect(result.placements.filter((p) => p.workload === 'DaemonSet/logs').map((p) => p.node)).toEqual(['cpu-1', 'cpu-2']);
    expect(result.placements.some((p) => p.workload === 'Pod/api-test')).toBe(false);
    expect(result.unschedulable).toEqual([]);
  });

  it('computes the effective pod request like the scheduler (init containers, sidecars, limits-only)', () => {
    const [resource] = parseManifests(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: download, image: d:1, resources: {requests: {cpu: "4", memory: 1Gi}}}
    - {name: proxy, image: p:1, restartPolicy: Always, resources: {requests: {cpu: 500m, memory: 256Mi}}}
  containers:
    - {name: a, image: a:1, resources: {requests: {cpu: "1"}, limits: {memory: 2Gi}}}
    - {name: b, image: b:1, resources: {requests: {cpu: 500m, memory: 512Mi}}}
`);
    const pod = resource && podTemplateOf(resource);
    // cpu: max(4 [download, before the sidecar starts], 0.5 + 1 + 0.5) = 4; memory: 0.25 + 2 + 0.5 GiB.
    expect(pod && podRequests(pod)).toEqual({ cpu: 4, memory: 2.75 * 2 ** 30 });
  });
});

describe('fit: distributed training', () => {
  it('reports an Indexed Job whose ranks do not all fit as a run that cannot start', () => {
    const job = (name: string, ranks: number, completions: number) => `apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:
  completionMode: Indexed
  parallelism: ${ranks}
  completions: ${completions}
  template:
    spec:
      restartPolicy: Never
      containers: [{name: rank, image: t:1, resources: {limits: {nvidia.com/gpu: 4}}}]
`;
    // 3 nodes x 4 GPUs: a 4-rank gang of 4 GPUs each places 3 ranks and cannot start.
    const result = simulateFit(parseManifests(job('ddp', 4, 4)), THREE_GPU_NODES);
    expect(result.incompleteGangs).toEqual([{ workload: 'Job/ddp', required: 4, placed: 3 }]);
    expect(formatFitText(result)).toContain('Distributed runs that cannot start (every rank must run at once):\n  Job/ddp: 3 of 4 pods fit; the 3 placed would hold their nodes waiting for the rest\n');
    // A work queue (completions above parallelism) is no gang: its pods run as capacity allows.
    expect(simulateFit(parseManifests(job('queue', 4, 100)), THREE_GPU_NODES).incompleteGangs).toEqual([]);
  });
});

describe('fit: report', () => {
  it('prints a utilization table per pool and lists unschedulable pods', () => {
    const manifests = parseManifests(`${gpuPod('big', 16)}---\n${gpuPod('small', 2)}`);
    const text = formatFitText(simulateFit(manifests, THREE_GPU_NODES));
    expect(text).toBe([
      'Scheduled 1 of 2 pods (most-allocated scoring).',
      '',
      'POOL  NODES  PODS   CPU          MEMORY            NVIDIA.COM/GPU',
      'gpu   3      1/330  0/96 (0.0%)  0Mi/768Gi (0.0%)  2/12 (16.7%)',
      '',
      'Unschedulable pods (1):',
      '  Pod/big#1: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu.',
      '',
    ].join('\n'));
  });
});

describe('fit: node pools file', () => {
  it.each([
    ['pools: []\n', 1, 8, 'pools: must NOT have fewer than 1 items'],
    ['pools:\n  - name: gpu\n    allocatable: {cpu: 8}\n', 3, 18, 'missing required key "memory"'],
    ['pools:\n  - name: gpu\n    allocatable: {cpu: 8, memory: lots}\n', 3, 35, 'pools.0.allocatable.memory: expected a quantity such as 8, 500m, 64Gi'],
    ['pools:\n  - name: a\n    allocatable: {cpu: 1, memory: 1Gi}\n  - name: a\n    allocatable: {cpu: 1, memory: 1Gi}\n', 4, 11, 'pool "a" is defined twice'],
    ['pools:\n  - name: a\n    allocatable: {cpu: 1, memory: 1Gi}\n    taints: [{key: x, effect: Never}]\n', 4, 31, 'expected one of NoSchedule, PreferNoSchedule, NoExecute'],
  ])('rejects %j at %i:%i', (text, line, column, problem) => {
    expect(() => parseNodePools(text, 'nodes.yaml')).toThrow(expect.objectContaining({ file: 'nodes.yaml', line, column, problem: expect.stringContaining(problem) }));
  });
});
