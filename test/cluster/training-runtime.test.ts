// charts/training on a real control plane: what issue 16 (items 3 and 4) found once a release
// lives in a cluster (items 1 and 2, under the real Kueue: kueue.test.ts). kwok plays the kubelet; a training pod keeps running for an hour (kwok's
// pod-complete delay, set through podAnnotations) until the test ends it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartDir } from '../src/charts.js';
import { HELM_MAJORS } from '../src/helm.js';
import { createPrerequisites, helmOk, kubectlOn } from '../src/lifecycle.js';
import { startPlane, waitUntil, type Plane } from '../src/plane.js';
import { DATASETS, gpuNodes, isRunning as isRunningOn, listOf as listOfOn, RUNNING_FOR_AN_HOUR, trainingRun as trainingRunOn, type Job, type Pod } from '../src/training-run.js';

const dir = chartDir('training');

let plane: Plane;

beforeAll(async () => {
  plane = await startPlane({ nodes: gpuNodes(2) });
});
afterAll(async () => {
  await plane?.stop();
});

const listOf = <T>(kind: string, namespace: string, selector: string) => listOfOn<T>(plane, kind, namespace, selector);
const trainingRun = (namespace: string, release: string) => trainingRunOn(plane, namespace, release);
const isRunning = (namespace: string, release: string) => isRunningOn(plane, namespace, release);

describe.each(HELM_MAJORS)('charts/training on a control plane (helm %s)', (major) => {
  // Issue 16 item 3: workers' pods fail mid-run. Losing worker 0 takes the c10d rendezvous store
  // with it, so every survivor's torchrun agent exits too: all three workers fail once; later one
  // worker is lost again. Counted for the whole Job (backoffLimit 3, the chart before) the fourth
  // failure failed the run; counted per index it does not, and each replacement gets its worker's
  // index and host name, so the rendezvous on <job>-0.<job> takes it back in.
  it('replaces lost workers, worker 0 included, with the same index and host name without failing the run', async () => {
    const release = `elastic-${major}`;
    const namespace = `training-elastic-${major}`;
    plane.createRestrictedNamespace(namespace);
    await createPrerequisites(plane, namespace, [DATASETS]);
    await helmOk(plane, major, ['install', release, dir, '-n', namespace, '--set', 'mode=distributed,workers=3', ...RUNNING_FOR_AN_HOUR, '--wait', '--timeout', '3m']);
    const running = async () => (await trainingRun(namespace, release)).pods.filter((pod) => pod.status.phase === 'Running');
    await waitUntil('workers running', async () => (await running()).length === 3);
    const indexOf = (pod: Pod) => pod.metadata.annotations['batch.kubernetes.io/job-completion-index'];
    const crashed = { status: { phase: 'Failed', containerStatuses: [{ name: 'train', image: 'train', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } }] } };
    for (const lost of [['0', '1', '2'], ['2']]) {
      const { job } = await trainingRun(namespace, release);
      const workers = (await running()).filter((pod) => lost.includes(indexOf(pod)!));
      for (const worker of workers) {
        const result = await kubectlOn(plane, ['patch', 'pod', worker.metadata.name, '-n', namespace, '--subresource=status', '--type=merge', '-p', JSON.stringify(crashed)]);
        expect(result.status, result.stderr).toBe(0);
      }
      const lostUids = new Set(workers.map((pod) => pod.metadata.uid));
      await waitUntil(`replacements for workers ${lost.join(', ')}`, async () => {
        const { job: current } = await trainingRun(namespace, release);
        const failed = current.status.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
        if (failed) throw new Error(`the run failed after losing workers ${lost.join(', ')}: ${JSON.stringify(failed)}`);
        return (await running()).filter((pod) => !lostUids.has(pod.metadata.uid)).length === 3;
      });
      const after = await trainingRun(namespace, release);
      for (const index of lost) {
        const replacement = after.pods.find((pod) => indexOf(pod) === index && pod.status.phase === 'Running')!;
        expect(replacement.spec.hostname).toBe(`${job.metadata.name}-${index}`);
        expect(replacement.spec.subdomain).toBe(job.metadata.name);
      }
      expect(after.job.status.conditions?.filter((c) => c.status === 'True').map((c) => c.type) ?? []).not.toContain('Failed');
    }
    expect((await trainingRun(namespace, release)).job.status.failed).toBe(4);
    await helmOk(plane, major, ['uninstall', release, '-n', namespace, '--wait', '--timeout', '3m']);
  });

  // Issue 16 item 4: no evaluation GPU while training runs; after it, the gate (run here as a local
  // process with its own ServiceAccount's token, since kwok runs no containers) creates the
  // evaluation Job through the real API server and RBAC, and it goes away with the release.
  it('requests no evaluation GPU during training; after it the gate creates the evaluation Job, deleted on uninstall', async () => {
    const release = `evaluated-${major}`;
    const namespace = `training-evaluated-${major}`;
    plane.createRestrictedNamespace(namespace);
    await createPrerequisites(plane, namespace, [DATASETS]);
    const values = ['--set', 'evaluation.enabled=true,evaluation.gpus=1,evaluation.pollSeconds=1', ...RUNNING_FOR_AN_HOUR];
    await helmOk(plane, major, ['install', release, dir, '-n', namespace, ...values, '--wait', '--timeout', '3m']);
    await waitUntil('training pod running', () => isRunning(namespace, release));
    const instance = `app.kubernetes.io/instance=${release}`;
    const gpuPods = async () =>
      (await listOf<Pod>('pods', namespace, instance)).filter((pod) => pod.spec.containers.some((c) => Number(c.resources?.requests?.['nvidia.com/gpu'] ?? 0) > 0));
    expect(await listOf<Job>('jobs', namespace, `${instance},app.kubernetes.io/component=evaluation`)).toEqual([]);
    expect(await gpuPods()).toEqual([]);

    // Training ends: its pod succeeds (as kwok would after the delay) and the Job completes.
    const { job: training, pods } = await trainingRun(namespace, release);
    for (const pod of pods) {
      const succeeded = { status: { phase: 'Succeeded', containerStatuses: [{ name: 'train', image: 'train', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] } };
      const result = await kubectlOn(plane, ['patch', 'pod', pod.metadata.name, '-n', namespace, '--subresource=status', '--type=merge', '-p', JSON.stringify(succeeded)]);
      expect(result.status, result.stderr).toBe(0);
    }
    await waitUntil('training Job complete', async () => (await trainingRun(namespace, release)).job.status.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ?? false);

    const gate = await runGate(namespace, release);
    expect(gate.code, gate.stderr).toBe(0);
    const [evaluation] = await listOf<Job>('jobs', namespace, `${instance},app.kubernetes.io/component=evaluation`);
    expect(evaluation?.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Job', name: training.metadata.name, uid: training.metadata.uid })]);
    await waitUntil('evaluation pod scheduled', async () => (await gpuPods()).length === 1);

    await helmOk(plane, major, ['uninstall', release, '-n', namespace, '--wait', '--timeout', '3m']);
    await waitUntil('evaluation Job collected with its run', async () => (await listOf<Job>('jobs', namespace, instance)).length === 0);
  });
});

/** Runs the rendered gate Job's container with python3, as its ServiceAccount, against the plane's API server. */
async function runGate(namespace: string, release: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [gateJob] = await listOf<{ spec: { template: { spec: { serviceAccountName: string; containers: { command: string[]; args: string[]; env: { name: string; value: string }[] }[] } } } }>(
    'jobs',
    namespace,
    `app.kubernetes.io/instance=${release},app.kubernetes.io/component=evaluation-gate`,
  );
  const pod = gateJob!.spec.template.spec;
  const [container] = pod.containers;
  const token = await kubectlOn(plane, ['create', 'token', pod.serviceAccountName, '-n', namespace]);
  expect(token.status, token.stderr).toBe(0);
  const serviceAccount = mkdtempSync(join(tmpdir(), 'cf-gate-sa-'));
  writeFileSync(join(serviceAccount, 'namespace'), namespace);
  writeFileSync(join(serviceAccount, 'token'), token.stdout.trim());
  // The API server's self-signed serving certificate and its CA, as a pod's ca.crt would be.
  writeFileSync(join(serviceAccount, 'ca.crt'), readFileSync(join(plane.dir, 'pki', 'apiserver.crt')));
  const env = Object.fromEntries(container!.env.map((e) => [e.name, e.value]));
  return new Promise((resolve, reject) => {
    const child = spawn(container!.command[0]!, [...container!.command.slice(1), ...container!.args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env, KUBERNETES_API: plane.server, SERVICE_ACCOUNT_DIR: serviceAccount },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
