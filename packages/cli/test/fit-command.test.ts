import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'chartforge-fit-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const NODES = `pools:
  - name: gpu
    count: 2
    allocatable: {cpu: "32", memory: 256Gi, nvidia.com/gpu: 4}
    taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]
`;

const DEPLOYMENT = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: llm, namespace: ml}
spec:
  replicas: ${replicas}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}
  selector: {matchLabels: {app: llm}}
  template:
    metadata: {labels: {app: llm}}
    spec:
      tolerations: [{key: nvidia.com/gpu, operator: Exists}]
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.6.3
          resources: {requests: {cpu: "8", memory: 64Gi}, limits: {nvidia.com/gpu: 2, memory: 64Gi}}
`;

// Each case starts the CLI (a Node process); on a loaded CI machine that takes seconds.
describe('chartforge fit', { timeout: 60_000 }, () => {
  it('exits 0 and prints pool utilization when everything fits', () => {
    const dir = workspace({ 'nodes.yaml': NODES, 'llm.yaml': DEPLOYMENT(4) });
    const { code, stdout } = runCli(['fit', '--nodes', 'nodes.yaml', 'llm.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('Scheduled 4 of 4 pods (most-allocated scoring).');
    expect(stdout).toMatch(/^gpu\s+2\s+4\/220\s+32\/64 \(50\.0%\)\s+256Gi\/512Gi \(50\.0%\)\s+8\/8 \(100\.0%\)$/m);
  });

  it('exits 1 and names the pod that does not fit, reading standard input', () => {
    const dir = workspace({ 'nodes.yaml': NODES });
    const { code, stdout } = runCli(['fit', '--nodes', 'nodes.yaml', '-'], { cwd: dir, input: DEPLOYMENT(5) });
    expect(code).toBe(1);
    expect(stdout).toContain('Unschedulable pods (1):\n  ml/Deployment/llm#5: 0/2 nodes are available: 2 Insufficient nvidia.com/gpu.\n');
  });

  it('--output json is machine-readable', () => {
    const dir = workspace({ 'nodes.yaml': NODES, 'llm.yaml': DEPLOYMENT(5) });
    const { stdout } = runCli(['fit', '--nodes', 'nodes.yaml', '-o', 'json', 'llm.yaml'], { cwd: dir });
    const result = JSON.parse(stdout) as { unschedulable: { pod: string }[]; pools: { pool: string; requested: Record<string, number> }[] };
    expect(result.unschedulable.map((p) => p.pod)).toEqual(['Deployment/llm#5']);
    expect(result.pools[0]).toMatchObject({ pool: 'gpu', requested: { 'nvidia.com/gpu': 8 } });
  });

  it('reports a bad nodes file at its line and column with exit 2', () => {
    const dir = workspace({ 'nodes.yaml': 'pools:\n  - name: gpu\n    allocatable: {cpu: 4}\n', 'llm.yaml': DEPLOYMENT(1) });
    const { code, stdout, stderr } = runCli(['fit', '--nodes', 'nodes.yaml', 'llm.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`chartforge fit: nodes.yaml:3:18: pools.0.allocatable: missing required key "memory"\n`);
  });

  it('reports unreadable manifests with file:line:column and exit 1', () => {
    const dir = workspace({ 'nodes.yaml': NODES, 'bad.yaml': 'kind: Pod\nmetadata: {name: x\n' });
    const { code, stderr } = runCli(['fit', '--nodes', 'nodes.yaml', 'bad.yaml'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^bad\.yaml:\d+:\d+: /);
  });

  it('requires --nodes', () => {
    expect(runCli(['fit', 'x.yaml'])).toMatchObject({ code: 2, stderr: 'chartforge fit: --nodes FILE is required (the node pools to schedule onto)\n' });
  });
});
