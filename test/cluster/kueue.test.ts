// charts/training under the real Kueue (issue 16 item 1): Kueue's manager runs beside the plane, its
// webhook suspends the queued Job on creation and its controller admits it within the ClusterQueue's
// quota. Before the fix the chart rendered suspend: true, so Helm 3's upgrade set it back (killing
// the pods) and Helm 4's server-side apply failed on the conflict with Kueue's field manager; a
// new chart version alone renamed the run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartDir } from '../src/charts.js';
import { HELM_MAJORS } from '../src/helm.js';
import { createLocalQueue, GPU_QUOTA, startPlaneWithKueue } from '../src/kueue.js';
import { chartWithVersion, createPrerequisites, helmOk, kubectlOn } from '../src/lifecycle.js';
import { waitUntil, type Plane } from '../src/plane.js';
import { DATASETS, gpuNodes, isRunning, RUNNING_FOR_AN_HOUR, trainingRun } from '../src/training-run.js';

const dir = chartDir('training');

interface Workload {
  metadata: { ownerReferences?: { kind: string; name: string }[] };
  status?: { conditions?: { type: string; status: string; reason?: string }[] };
}

let plane: Plane;

beforeAll(async () => {
  plane = await startPlaneWithKueue(gpuNodes(4));
});
afterAll(async () => {
  await plane?.stop();
});

async function workloadOf(namespace: string, jobName: string): Promise<Workload | undefined> {
  const result = await kubectlOn(plane, ['get', 'workloads.kueue.x-k8s.io', '-n', namespace, '-o', 'json']);
  if (result.status !== 0) throw new Error(result.stderr);
  return (JSON.parse(result.stdout) as { items: Workload[] }).items.find((workload) => workload.metadata.ownerReferences?.some((owner) => owner.kind === 'Job' && owner.name === jobName));
}

const condition = (workload: Workload | undefined, type: string) => workload?.status?.conditions?.find((c) => c.type === type)?.status;

describe.each(HELM_MAJORS)('charts/training under Kueue v0.17.0 (helm %s)', (major) => {
  it('Kueue admits the queued run; unchanged, mutable-only and chart-version-only upgrades and a rollback leave it admitted and its pods alive', async () => {
    const release = `kueue-${major}`;
    const namespace = `training-kueue-${major}`;
    plane.createRestrictedNamespace(namespace);
    createLocalQueue(plane, namespace, 'team-a');
    await createPrerequisites(plane, namespace, [DATASETS]);
    const values = ['--set', 'kueue.queueName=team-a', ...RUNNING_FOR_AN_HOUR];
    // No --wait for the Job: a queued run waits for its admission.
    await helmOk(plane, major, ['install', release, dir, '-n', namespace, ...values]);
    await waitUntil('Kueue admits the run and its pods run', async () => (await isRunning(plane, namespace, release).catch(() => false)));
    const admitted = await trainingRun(plane, namespace, release);
    expect(condition(await workloadOf(namespace, admitted.job.metadata.name), 'Admitted')).toBe('True');

    let generation = admitted.job.metadata.generation;
    // `specChanges`: the step changes the Job's spec (a new generation). Any other step leaving a new
    // generation wrote the spec anyway: Helm 3 setting suspend back, which Kueue then undoes.
    const expectRunUntouched = async (step: string, specChanges = false) => {
      const { job, pods } = await trainingRun(plane, namespace, release);
      expect(job.metadata.uid, `${step}: the Job`).toBe(admitted.job.metadata.uid);
      if (!specChanges) expect(job.metadata.generation, `${step}: the Job's spec was written`).toBe(generation);
      generation = job.metadata.generation;
      expect(job.spec.suspend ?? false, `${step}: suspend`).toBe(false);
      expect(pods.map((pod) => `${pod.metadata.uid} ${pod.status.phase}`), `${step}: the pods`).toEqual(admitted.pods.map((pod) => `${pod.metadata.uid} Running`));
      expect(condition(await workloadOf(namespace, job.metadata.name), 'Admitted'), `${step}: Kueue's admission`).toBe('True');
    };
    await helmOk(plane, major, ['upgrade', release, dir, '-n', namespace, ...values, '--timeout', '3m']);
    await expectRunUntouched('upgrade with unchanged values');
    const mutated = [...values, '--set', 'activeDeadlineSeconds=700000'];
    await helmOk(plane, major, ['upgrade', release, dir, '-n', namespace, ...mutated, '--timeout', '3m']);
    await expectRunUntouched('upgrade of a mutable field', true);
    await helmOk(plane, major, ['upgrade', release, chartWithVersion(dir, '0.1.1'), '-n', namespace, ...mutated, '--timeout', '3m']);
    await expectRunUntouched('upgrade to a new chart version alone');
    await helmOk(plane, major, ['rollback', release, '1', '-n', namespace, '--timeout', '3m']);
    await expectRunUntouched('rollback', true);
    await helmOk(plane, major, ['uninstall', release, '-n', namespace, '--wait', '--timeout', '3m']);
  });

  it(`keeps a run that asks for more than the queue's ${GPU_QUOTA} GPUs suspended, with no pod`, async () => {
    const release = `over-quota-${major}`;
    const namespace = `training-over-quota-${major}`;
    plane.createRestrictedNamespace(namespace);
    createLocalQueue(plane, namespace, 'team-a');
    await createPrerequisites(plane, namespace, [DATASETS]);
    await helmOk(plane, major, ['install', release, dir, '-n', namespace, '--set', `kueue.queueName=team-a,mode=distributed,workers=2,gpu.count=${GPU_QUOTA}`, ...RUNNING_FOR_AN_HOUR]);
    // Kueue has seen the run when its Workload reports why it is not admitted.
    let jobName = '';
    await waitUntil('Kueue evaluates the run', async () => {
      const { job } = await trainingRun(plane, namespace, release);
      jobName = job.metadata.name;
      return condition(await workloadOf(namespace, jobName), 'QuotaReserved') === 'False';
    });
    const { job, pods } = await trainingRun(plane, namespace, release);
    expect(job.spec.suspend).toBe(true);
    expect(pods).toEqual([]);
    expect(condition(await workloadOf(namespace, jobName), 'Admitted')).not.toBe('True');
    await helmOk(plane, major, ['uninstall', release, '-n', namespace, '--wait', '--timeout', '3m']);
  });
});
