#!/usr/bin/env node
// Benchmark of the lint rules and the fit simulation on a synthetic input the size of a large
// platform repository: N workloads, each a Deployment + Service + HPA + PDB + ConfigMap.
// Prints figures; it asserts nothing (timings vary by machine).
import { performance } from 'node:perf_hooks';
import { parseManifestText, runRules } from '@chartforge/validator';
import { parseNodePools, simulateFit } from '../dist/index.js';

const WORKLOADS = Number(process.env.BENCH_WORKLOADS ?? 1000);

function workload(i) {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}, namespace: team-${i % 20}}
spec:
  replicas: 2
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      automountServiceAccountToken: false
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: server
          image: example.com/app:${i}.0
          ports: [{name: http, containerPort: 8080}]
          envFrom: [{configMapRef: {name: app-${i}}}]
          readinessProbe: {httpGet: {path: /ready, port: http}}
          livenessProbe: {httpGet: {path: /live, port: http}}
          resources: {requests: {cpu: 250m, memory: 512Mi}, limits: {memory: 512Mi${i % 10 === 0 ? ', nvidia.com/gpu: 1' : ''}}}
          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
---
apiVersion: v1
kind: Service
metadata: {name: app-${i}, namespace: team-${i % 20}}
spec:
  selector: {app: app-${i}}
  ports: [{port: 80, targetPort: http}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: app-${i}, namespace: team-${i % 20}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app-${i}}
  minReplicas: 2
  maxReplicas: 4
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: app-${i}, namespace: team-${i % 20}}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: app-${i}}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-${i}, namespace: team-${i % 20}}
data: {MODE: production}
`;
}

const text = Array.from({ length: WORKLOADS }, (_, i) => workload(i)).join('---\n');
let start = performance.now();
const { resources } = parseManifestText('bench.yaml', text);
const parseMs = performance.now() - start;

start = performance.now();
const findings = runRules(resources, { kubernetesVersion: '1.36', pss: 'restricted' });
const rulesMs = performance.now() - start;

const pools = parseNodePools(`pools:
  - {name: cpu, count: 200, allocatable: {cpu: "32", memory: 128Gi}}
  - {name: gpu, count: 20, allocatable: {cpu: "96", memory: 1000Gi, nvidia.com/gpu: 8}}
`, 'nodes.yaml');
start = performance.now();
const fit = simulateFit(resources, pools);
const fitMs = performance.now() - start;

console.log(`input: ${WORKLOADS} workloads, ${resources.length} resources (parsed in ${parseMs.toFixed(0)} ms)`);
console.log(`rules (53, --pss restricted): ${rulesMs.toFixed(0)} ms, ${(resources.length / (rulesMs / 1000)).toFixed(0)} resources/s, ${findings.length} findings`);
console.log(`fit: ${fit.placements.length} pods on 220 nodes in ${fitMs.toFixed(0)} ms (${fit.unschedulable.length} unschedulable)`);
