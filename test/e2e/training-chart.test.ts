import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '@chartforge/validator';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { chartDir, ciValuesFiles, filesOnDisk, regenerate } from '../src/charts.js';
import { helm, HELM_MAJORS, helmTemplate, type HelmMajor } from '../src/helm.js';
import { expectSchemaRejection } from '../src/chart-assertions.js';
import { kubernetesProblems } from '../src/kube.js';

const dir = chartDir('training');

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: any;
  data?: Record<string, string>;
  rules?: unknown[];
  subjects?: { name: string }[];
};

function render(args: string[] = [], release = 'release', major: HelmMajor = 'v4', chart = dir): Manifest[] {
  return parseAllDocuments(helmTemplate(major, chart, args, release))
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((doc): doc is Manifest => doc !== null);
}

function only(manifests: Manifest[], kind: string, component = 'training'): Manifest {
  const found = manifests.filter((m) => m.kind === kind && (m.metadata.labels?.['app.kubernetes.io/component'] ?? component) === component);
  expect(found, `exactly one ${component} ${kind}`).toHaveLength(1);
  return found[0]!;
}

function trainingJob(args: string[] = []): Manifest {
  return only(render(args), 'Job');
}

function container(job: Manifest, name = 'train') {
  return job.spec.template.spec.containers.find((c: { name: string }) => c.name === name);
}

/** The evaluation Job the gate creates once training has succeeded: the JSON in the gate's environment. */
function evaluationJob(manifests: Manifest[]): Manifest {
  const gate = container(only(manifests, 'Job', 'evaluation-gate'), 'gate');
  return JSON.parse(gate.env.find((e: { name: string }) => e.name === 'EVALUATION_JOB').value) as Manifest;
}

function envOf(job: Manifest, name = 'train'): Record<string, unknown> {
  return Object.fromEntries(container(job, name).env.map((e: { name: string; value?: string; valueFrom?: unknown }) => [e.name, e.value ?? e.valueFrom]));
}

const COMPLETION_INDEX = { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } };

describe('charts/training', () => {
  it('is exactly what the generator makes of the default spec (no drift)', () => {
    const generated = regenerate('training');
    const committed = filesOnDisk(dir);
    expect([...committed.keys()]).toEqual([...generated.keys()]);
    for (const [path, content] of generated) expect(committed.get(path), path).toBe(content);
  });

  describe.each(HELM_MAJORS)('helm %s', (major) => {
    it.each(ciValuesFiles('training').map((f) => [f ?? 'default values', f]))(
      'lints --strict and renders strictly valid Kubernetes 1.35 manifests with %s',
      async (_name, values) => {
        const extra = values ? ['-f', values] : [];
        const lint = helm(major, ['lint', '--strict', dir, ...extra]);
        expect(lint.status, lint.stdout + lint.stderr).toBe(0);
        const rendered = helmTemplate(major, dir, extra);
        expect(rendered).toMatch(/kind: (Job|CronJob)\n/);
        const report = await validate(
          { files: [{ name: 'training.yaml', text: rendered }] },
          { kubernetesVersion: '1.35.0', strict: true },
        );
        expect(report.findings).toEqual([]);
        expect(report.summary.valid).toBe(report.summary.resources);
      },
    );

    it.each([
      ['workers=0', /workers/],
      ['restartPolicy=Always', /restartPolicy/],
      ['mode=elastic', /mode/],
      ['podFailurePolicy.failJobOnExitCodes={0}', /failJobOnExitCodes/],
      ['kueue.queueName=Team_A', /queueName/],
      ['schedule.cron=every-night', /cron/],
      ['checkpoints.resumeFrom=latest', /resumeFrom/],
    ])('rejects --set %s through values.schema.json', (set, field) => expectSchemaRejection(major, dir, set, field));

    it.each([
      ['restartPolicy=OnFailure', 'restartPolicy: must be Never while podFailurePolicy.enabled is true (Kubernetes requires it)'],
      ['mode=distributed,distributed.backoffLimitPerIndex=-1,distributed.maxFailedIndexes=1', 'distributed.maxFailedIndexes: needs distributed.backoffLimitPerIndex ≥ 0'],
      ['mode=distributed,workers=2,distributed.minWorkers=3', 'distributed.minWorkers: must be ≤ workers (2)'],
      ['checkpoints.enabled=false,checkpoints.resumeFrom=0123abcd', 'checkpoints.resumeFrom: needs checkpoints.enabled'],
      ['mode=scheduled,evaluation.enabled=true', 'evaluation.enabled: evaluation runs after single and distributed runs'],
      ['dataset.existingClaim=', 'dataset.existingClaim: a chart-created dataset claim starts empty'],
      ['checkpoints.mountPath=/data/', 'checkpoints.mountPath: "/data/" is already the mount path of dataset.mountPath'],
      ['shm.enabled=true,dataset.mountPath=/dev/shm', 'dataset.mountPath: "/dev/shm" is already the mount path of shared memory (shm)'],
      ['initSteps[0].name=train,initSteps[0].image=busybox:1.37', 'initSteps[0].name: "train" is used by the chart; choose another name'],
    ])('enforces rules across values at render time: --set %s', (set, message) => {
      const result = helm(major, ['template', 'release', dir, '--set', set]);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(message);
    });
  });

  it.each(ciValuesFiles('training').map((f) => [f ?? 'default values', f]))('installs with helm 4 --dry-run=client with %s', (_name, values) => {
    const result = helm('v4', ['install', 'release', dir, '--dry-run=client', ...(values ? ['-f', values] : [])]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('STATUS: pending-install');
  });

  it.each([
    ['single', [], /started training Job release-training-([0-9a-f]{8}) \(run \1\)\.\n/],
    ['distributed', ['--set', 'mode=distributed,workers=3'], /with 3 workers \(rendezvous at (release-training-[0-9a-f]{8})-0\.\1:29500\)/],
    ['scheduled', ['--set', 'mode=scheduled'], /runs training on the schedule "0 2 \* \* \*" as CronJob release-training\./],
    ['queued', ['--set', 'kueue.queueName=team-a'], /queued in Kueue LocalQueue "team-a"/],
  ])('tells the user how to follow a %s run (NOTES.txt)', (_mode, args, expected) => {
    const result = helm('v4', ['install', 'release', dir, '--dry-run=client', ...(args as string[])]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(expected as RegExp);
    expect(result.stdout).toContain('release-training-checkpoints, which `helm uninstall` keeps');
  });

  describe('single mode', () => {
    it('runs one pod with restartPolicy Never, a podFailurePolicy that ignores disruptions, and no Service', () => {
      const manifests = render();
      const job = only(manifests, 'Job');
      expect(job.spec.completions).toBe(1);
      expect(job.spec.completionMode).toBeUndefined();
      expect(job.spec.backoffLimit).toBe(3);
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
      expect(job.spec.podFailurePolicy.rules).toEqual([{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }]);
      expect(manifests.filter((m) => m.kind === 'Service' || m.kind === 'CronJob')).toEqual([]);
      expect(envOf(job)).toMatchObject({ WORLD_SIZE: '1', RANK: '0', NNODES: '1', MASTER_ADDR: 'localhost', MASTER_PORT: '29500' });
    });

    it('meets Pod Security "restricted" by default', () => {
      const pod = trainingJob().spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(container({ spec: { template: { spec: pod } } } as Manifest).securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.automountServiceAccountToken).toBe(false);
    });

    it('sets GPU limits equal to requests, GPU placement and a memory-backed /dev/shm', () => {
      const job = trainingJob(['--set', 'gpu.count=4,shm.sizeLimit=16Gi']);
      const pod = job.spec.template.spec;
      expect(container(job).resources.requests['nvidia.com/gpu']).toBe(4);
      expect(container(job).resources.limits['nvidia.com/gpu']).toBe(4);
      expect(pod.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
      expect(pod.volumes).toContainEqual({ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '16Gi' } });
      expect(container(job).volumeMounts).toContainEqual({ name: 'shm', mountPath: '/dev/shm' });
      expect(envOf(job).NPROC_PER_NODE).toBe('4');
    });

    it('allows restartPolicy OnFailure once podFailurePolicy is off', () => {
      const job = trainingJob(['--set', 'restartPolicy=OnFailure,podFailurePolicy.enabled=false']);
      expect(job.spec.template.spec.restartPolicy).toBe('OnFailure');
      expect(job.spec.podFailurePolicy).toBeUndefined();
    });

    it('fails the Job at once on chosen exit codes, sorted as the API requires', () => {
      const job = trainingJob(['--set', 'podFailurePolicy.failJobOnExitCodes={42,3,17}']);
      expect(job.spec.podFailurePolicy.rules[1]).toEqual({ action: 'FailJob', onExitCodes: { containerName: 'train', operator: 'In', values: [3, 17, 42] } });
    });

    it('sets the failure and cleanup limits only when asked', () => {
      expect(trainingJob().spec.activeDeadlineSeconds).toBe(604800);
      expect(trainingJob(['--set', 'activeDeadlineSeconds=0']).spec).not.toHaveProperty('activeDeadlineSeconds');
      expect(trainingJob().spec).not.toHaveProperty('ttlSecondsAfterFinished');
      const job = trainingJob(['--set', 'activeDeadlineSeconds=86400,ttlSecondsAfterFinished=3600,backoffLimit=0']);
      expect(job.spec).toMatchObject({ activeDeadlineSeconds: 86400, ttlSecondsAfterFinished: 3600, backoffLimit: 0 });
    });
  });

  describe('distributed mode', () => {
    it.each([1, 2, 8])('wires WORLD_SIZE, RANK and MASTER_ADDR for %i workers', (workers) => {
      const manifests = render(['--set', `mode=distributed,workers=${workers},gpu.count=2`]);
      const job = only(manifests, 'Job');
      const service = only(manifests, 'Service');
      const name = job.metadata.name;
      expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: workers, parallelism: workers });
      expect(job.spec.template.spec.subdomain).toBe(service.metadata.name);
      expect(envOf(job)).toMatchObject({
        WORLD_SIZE: String(workers),
        NNODES: String(workers),
        RANK: COMPLETION_INDEX,
        NODE_RANK: COMPLETION_INDEX,
        MASTER_ADDR: `${name}-0.${service.metadata.name}`,
        MASTER_PORT: '29500',
        NPROC_PER_NODE: '2',
      });
      // Pod host names are <job>-<index>: the largest one must still be a DNS label.
      expect(`${name}-${workers - 1}`.length).toBeLessThanOrEqual(63);
    });

    it('has a headless Service that selects exactly the pods of this Job', () => {
      // data-pipeline restarts containers in place (OnFailure), so failures count for the whole Job.
      const manifests = render(['-f', `${dir}/ci/data-pipeline-values.yaml`, '--set', 'mode=distributed,workers=3,distributed.backoffLimitPerIndex=-1']);
      const service = only(manifests, 'Service');
      const job = only(manifests, 'Job');
      const evaluation = evaluationJob(manifests);
      expect(service.spec.clusterIP).toBe('None');
      expect(service.spec.publishNotReadyAddresses).toBe(true);
      const selects = (labels: Record<string, string>) => Object.entries(service.spec.selector).every(([k, v]) => labels[k] === v);
      expect(selects(job.spec.template.metadata.labels)).toBe(true);
      expect(service.spec.selector['chartforge.dev/run']).toBe(job.metadata.name);
      expect(selects(evaluation.spec.template.metadata.labels)).toBe(false);
      const otherRun = only(render(['-f', `${dir}/ci/data-pipeline-values.yaml`, '--set', 'mode=distributed,workers=4,distributed.backoffLimitPerIndex=-1']), 'Job');
      expect(selects(otherRun.spec.template.metadata.labels)).toBe(false);
      expect(service.spec).not.toHaveProperty('ports');
    });

    // Issue 16 item 3: a lost worker, including worker 0, must not fail a distributed run.
    it('launches torchrun elastically: c10d rendezvous on worker 0\'s stable host name, min:max nodes, worker restarts', () => {
      const job = trainingJob(['--set', 'mode=distributed,workers=4,distributed.minWorkers=3,distributed.maxRestarts=5']);
      const name = job.metadata.name;
      expect(container(job).command).toEqual(['torchrun']);
      expect(container(job).args).toEqual([
        '--nnodes=$(MIN_NODES):$(NNODES)',
        '--nproc-per-node=$(NPROC_PER_NODE)',
        '--rdzv-backend=c10d',
        '--rdzv-endpoint=$(RDZV_ENDPOINT)',
        '--rdzv-id=$(RDZV_ID)',
        '--max-restarts=$(MAX_RESTARTS)',
        'train.py',
      ]);
      // An Indexed Job gives a replacement pod its index and host name (<job>-<index>.<job>), so the
      // endpoint on worker 0 stays valid when worker 0 itself is replaced.
      expect(job.spec.completionMode).toBe('Indexed');
      expect(job.spec.template.spec.subdomain).toBe(name);
      expect(envOf(job)).toMatchObject({ RDZV_ENDPOINT: `${name}-0.${name}:29500`, RDZV_ID: name.slice(-8), MIN_NODES: '3', NNODES: '4', MAX_RESTARTS: '5' });
      expect(envOf(trainingJob(['--set', 'mode=distributed,workers=4']))).toMatchObject({ MIN_NODES: '4', MAX_RESTARTS: '3' });
      expect(envOf(trainingJob())).toMatchObject({ RDZV_ENDPOINT: 'localhost:29500', MIN_NODES: '1', NNODES: '1' });
    });

    it('counts failures per worker, so losing worker 0 (every worker restarts once) costs each index one retry', () => {
      const job = trainingJob(['--set', 'mode=distributed,workers=8']);
      expect(job.spec.backoffLimitPerIndex).toBe(3);
      expect(job.spec).not.toHaveProperty('backoffLimit');
      expect(job.spec.podFailurePolicy.rules).toContainEqual({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] });
      expect(trainingJob(['--set', 'mode=distributed,distributed.backoffLimitPerIndex=-1']).spec.backoffLimit).toBe(3);
    });

    it('adds successPolicy and per-index backoff when asked, and leaves backoffLimit to Kubernetes then', () => {
      const job = trainingJob(['--set', 'mode=distributed,workers=4,distributed.succeedWithLeader=true,distributed.backoffLimitPerIndex=2,distributed.maxFailedIndexes=1']);
      expect(job.spec.successPolicy).toEqual({ rules: [{ succeededIndexes: '0' }] });
      expect(job.spec).toMatchObject({ backoffLimitPerIndex: 2, maxFailedIndexes: 1 });
      expect(job.spec).not.toHaveProperty('backoffLimit');
    });
  });

  describe('a Job template is immutable: the Job name follows what the pods run', () => {
    const nameWith = (...sets: string[]) => trainingJob(sets.flatMap((s) => ['--set', s])).metadata.name;

    it('gives unchanged values the same name, so an upgrade leaves the running Job alone', () => {
      expect(nameWith('hyperparameters.values.lr=0.1')).toBe(nameWith('hyperparameters.values.lr=0.1'));
      expect(nameWith()).toMatch(/^release-training-[0-9a-f]{8}$/);
    });

    it.each([
      ['hyperparameters', 'hyperparameters.values.lr=0.2'],
      ['the image', 'image.tag=2.6.0'],
      ['the args', 'args={train.py}'],
      ['the GPU count', 'gpu.count=2'],
      ['the podFailurePolicy', 'podFailurePolicy.failJobOnExitCodes={42}'],
    ])('gives a new name when %s change, so an upgrade starts a fresh run instead of failing', (_what, set) => {
      expect(nameWith(set)).not.toBe(nameWith());
      expect(nameWith('hyperparameters.values.lr=0.1', set)).not.toBe(nameWith('hyperparameters.values.lr=0.1'));
    });

    it.each(['ttlSecondsAfterFinished=60', 'activeDeadlineSeconds=3600', 'backoffLimit=5'])('keeps the name when only a mutable field changes (%s)', (set) => {
      expect(nameWith(set)).toBe(nameWith());
    });

    // Issue 16 item 2: the pod template carried helm.sh/chart, so a new chart version alone renamed
    // (restarted) the run. Only what changes the run may rename it; everything Kubernetes will not
    // update on a live Job must render identically, or `helm upgrade` fails on an immutable field.
    describe.each(HELM_MAJORS)('a new chart version alone (helm %s)', (major) => {
      const bumped = join(mkdtempSync(join(tmpdir(), 'cf-training-bumped-')), 'training');
      cpSync(dir, bumped, { recursive: true });
      const chartYaml = readFileSync(join(bumped, 'Chart.yaml'), 'utf8');
      writeFileSync(join(bumped, 'Chart.yaml'), chartYaml.replace('version: "0.1.0"', 'version: "0.1.1"'));

      it.each(ciValuesFiles('training').map((f) => [f ?? 'default values', f]))('keeps every Job, its spec and the evaluation Job with %s', (_name, values) => {
        const scheduled = values?.endsWith('scheduled-values.yaml') ?? false;
        const args = [...(values ? ['-f', values] : []), ...(scheduled ? [] : ['--set', 'evaluation.enabled=true'])];
        const before = render(args, 'release', major);
        const after = render(args, 'release', major, bumped);
        // A CronJob's template is mutable, but its runs must not change either.
        const runs = (manifests: Manifest[]) =>
          manifests
            .filter((m) => m.kind === 'Job' || m.kind === 'CronJob')
            .map((m) => ({ kind: m.kind, name: m.metadata.name, spec: m.kind === 'CronJob' ? m.spec.jobTemplate.spec : m.spec }));
        expect(runs(after)).toEqual(runs(before));
        expect(only(after, scheduled ? 'CronJob' : 'Job').metadata.labels?.['helm.sh/chart']).toBe('training-0.1.1');
        if (!scheduled) expect(evaluationJob(after)).toEqual(evaluationJob(before));
      });
    });

    it('keeps the name within a DNS label for the longest release names', () => {
      const job = only(render(['--set', 'mode=distributed,workers=10000'], 'a'.repeat(53)), 'Job');
      expect(`${job.metadata.name}-9999`.length).toBeLessThanOrEqual(63);
    });
  });

  describe('scheduled mode', () => {
    it('renders a CronJob with the schedule settings and no Job', () => {
      const manifests = render(['-f', `${dir}/ci/scheduled-values.yaml`]);
      expect(manifests.filter((m) => m.kind === 'Job')).toEqual([]);
      const cron = only(manifests, 'CronJob');
      expect(cron.spec).toMatchObject({
        schedule: '30 3 * * 1-5',
        timeZone: 'Europe/Berlin',
        concurrencyPolicy: 'Replace',
        startingDeadlineSeconds: 300,
        successfulJobsHistoryLimit: 5,
        failedJobsHistoryLimit: 2,
        suspend: false,
      });
      expect(cron.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
      expect(cron.spec.jobTemplate.spec).not.toHaveProperty('suspend');
      expect(cron.spec.jobTemplate.metadata.labels['kueue.x-k8s.io/queue-name']).toBe('nightly');
    });

    it('keeps CronJob names within 52 characters', () => {
      expect(only(render(['--set', 'mode=scheduled'], 'r'.repeat(53)), 'CronJob').metadata.name.length).toBeLessThanOrEqual(52);
    });
  });

  describe('Kueue', () => {
    // Issue 16 item 1: Kueue's job webhook suspends a queued Job on creation and Kueue unsuspends it
    // on admission. A chart that rendered suspend: true made `helm upgrade` re-suspend the running
    // Job (Helm 3) or conflict with Kueue on .spec.suspend (Helm 4 server-side apply).
    it.each(HELM_MAJORS)('labels the Jobs with the queue and priority and leaves suspend to Kueue (helm %s)', (major) => {
      const manifests = render(['-f', `${dir}/ci/kueue-values.yaml`, '--set', 'evaluation.enabled=true'], 'release', major);
      const job = only(manifests, 'Job');
      expect(job.metadata.labels).toMatchObject({ 'kueue.x-k8s.io/queue-name': 'team-a', 'kueue.x-k8s.io/priority-class': 'high' });
      expect(job.spec).not.toHaveProperty('suspend');
      const evaluation = evaluationJob(manifests);
      expect(evaluation.metadata.labels).toMatchObject({ 'kueue.x-k8s.io/queue-name': 'team-a' });
      expect(evaluation.spec).not.toHaveProperty('suspend');
      // The gate runs while training holds the queue's quota, so it is not queued.
      expect(Object.keys(only(manifests, 'Job', 'evaluation-gate').metadata.labels ?? {}).filter((k) => k.startsWith('kueue.x-k8s.io/'))).toEqual([]);
    });

    it('never sets suspend without a queue', () => {
      const job = trainingJob();
      expect(job.spec).not.toHaveProperty('suspend');
      expect(Object.keys(job.metadata.labels ?? {}).filter((k) => k.startsWith('kueue.x-k8s.io/'))).toEqual([]);
    });
  });

  describe('data', () => {
    it('mounts an existing dataset claim read-only and keeps a chart-created checkpoint claim on uninstall', () => {
      const manifests = render();
      const job = only(manifests, 'Job');
      const claims = manifests.filter((m) => m.kind === 'PersistentVolumeClaim');
      expect(claims.map((c) => c.metadata.name)).toEqual(['release-training-checkpoints']);
      expect(claims[0]!.metadata.annotations).toEqual({ 'helm.sh/resource-policy': 'keep' });
      expect(container(job).volumeMounts).toContainEqual({ name: 'dataset', mountPath: '/data', readOnly: true });
      expect(job.spec.template.spec.volumes).toContainEqual({ name: 'dataset', persistentVolumeClaim: { claimName: 'datasets' } });
      expect(job.spec.template.spec.volumes).toContainEqual({ name: 'checkpoints', persistentVolumeClaim: { claimName: 'release-training-checkpoints' } });
      expect(envOf(job)).toMatchObject({ DATASET_DIR: '/data', CHECKPOINT_DIR: `/checkpoints/runs/${job.metadata.name.slice(-8)}`, OUTPUT_LOCATION: '/checkpoints/output' });
    });

    it('runs init steps in order before training, with a chart-created dataset claim writable for them only', () => {
      const manifests = render(['-f', `${dir}/ci/data-pipeline-values.yaml`]);
      const job = only(manifests, 'Job');
      const init = job.spec.template.spec.initContainers;
      expect(init.map((c: { name: string }) => c.name)).toEqual(['download', 'preprocess']);
      expect(init[0].volumeMounts).toContainEqual({ name: 'dataset', mountPath: '/datasets/imagenet', readOnly: false });
      expect(container(job).volumeMounts).toContainEqual({ name: 'dataset', mountPath: '/datasets/imagenet', readOnly: true });
      expect(init[0].env).toContainEqual({ name: 'DATASET_DIR', value: '/datasets/imagenet' });
      expect(manifests.filter((m) => m.kind === 'PersistentVolumeClaim').map((c) => c.metadata.name)).toEqual(['release-training-dataset']);
      expect(container(job).envFrom).toContainEqual({ secretRef: { name: 'object-store-credentials' } });
      expect(envOf(job).OUTPUT_LOCATION).toBe('s3://models/experiments/run-7');
    });

    it('mounts hyper-parameters from a ConfigMap as a file', () => {
      const values = { learning_rate: 1e-5, max_steps: 100000000, schedule: 'cosine', layers: [32, 64] };
      const manifests = render(['--set-json', `hyperparameters.values=${JSON.stringify(values)}`]);
      const config = only(manifests, 'ConfigMap');
      // JSON by default: every reader gets the same numbers (PyYAML would read 1e-05 as a string).
      expect(JSON.parse(config.data?.['hyperparameters.json'] ?? '')).toEqual(values);
      const job = only(manifests, 'Job');
      expect(envOf(job).HYPERPARAMETERS_FILE).toBe('/etc/training/hyperparameters.json');
      expect(job.spec.template.spec.volumes).toContainEqual({ name: 'hyperparameters', configMap: { name: config.metadata.name } });
    });
  });

  // Issue 16 item 5: each run (the Job's hash) writes its own checkpoint directory; resuming is explicit.
  describe('checkpoints per run', () => {
    const runOf = (...sets: string[]) => {
      const manifests = render(['--set', 'evaluation.enabled=true', ...sets.flatMap((s) => ['--set', s])]);
      const job = only(manifests, 'Job');
      return { id: job.metadata.name.slice(-8), env: envOf(job), evaluation: envOf(evaluationJob(manifests), 'evaluate') };
    };

    it('gives each run its own directory, named by its run id, and the evaluation the same one', () => {
      const first = runOf('hyperparameters.values.lr=0.1');
      const second = runOf('hyperparameters.values.lr=0.2');
      expect(first.env.CHECKPOINT_DIR).toBe(`/checkpoints/runs/${first.id}`);
      expect(second.env.CHECKPOINT_DIR).toBe(`/checkpoints/runs/${second.id}`);
      expect(second.id).not.toBe(first.id);
      expect(first.evaluation.CHECKPOINT_DIR).toBe(first.env.CHECKPOINT_DIR);
      expect(runOf('hyperparameters.values.lr=0.1').env.CHECKPOINT_DIR).toBe(first.env.CHECKPOINT_DIR);
    });

    it('starts fresh by default and resumes from the run checkpoints.resumeFrom names (a new run)', () => {
      const fresh = runOf();
      expect(fresh.env).not.toHaveProperty('RESUME_FROM_DIR');
      const resumed = runOf(`checkpoints.resumeFrom=${fresh.id}`);
      expect(resumed.env.RESUME_FROM_DIR).toBe(`/checkpoints/runs/${fresh.id}`);
      expect(resumed.evaluation.RESUME_FROM_DIR).toBe(`/checkpoints/runs/${fresh.id}`);
      expect(resumed.id).not.toBe(fresh.id);
      expect(resumed.env.CHECKPOINT_DIR).toBe(`/checkpoints/runs/${resumed.id}`);
    });

    it('tells the user the run directory in NOTES.txt', () => {
      const result = helm('v4', ['install', 'release', dir, '--dry-run=client', '--set', 'checkpoints.resumeFrom=0123abcd']);
      expect(result.status, result.stderr).toBe(0);
      const id = /started training Job release-training-([0-9a-f]{8})/.exec(result.stdout)?.[1];
      expect(result.stdout).toContain(`one directory per run: /checkpoints/runs/${id} (resuming from run 0123abcd: /checkpoints/runs/0123abcd)`);
    });
  });

  // Issue 16 item 4: no evaluation GPU is requested until training has succeeded.
  describe('evaluation', () => {
    const gpusOf = (pod: any) =>
      [...(pod.initContainers ?? []), ...pod.containers].reduce((sum: number, c: any) => sum + Number(c.resources?.requests?.['nvidia.com/gpu'] ?? 0), 0);

    it.each(HELM_MAJORS)('creates no evaluation pod before training: only the training Job requests GPUs, the gate none (helm %s)', (major) => {
      const manifests = render(['-f', `${dir}/ci/data-pipeline-values.yaml`], 'release', major);
      const jobs = manifests.filter((m) => m.kind === 'Job' || m.kind === 'CronJob');
      expect(jobs.map((j) => j.metadata.labels?.['app.kubernetes.io/component']).sort()).toEqual(['evaluation-gate', 'training']);
      const gate = only(manifests, 'Job', 'evaluation-gate');
      expect(gpusOf(gate.spec.template.spec)).toBe(0);
      expect(gate.spec.template.spec.tolerations ?? []).not.toContainEqual(expect.objectContaining({ key: 'nvidia.com/gpu' }));
      expect(container(gate, 'gate').resources).toEqual({ requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '128Mi' } });
      // The GPUs are in the Job the gate creates after training.
      expect(gpusOf(evaluationJob(manifests).spec.template.spec)).toBe(1);
    });

    it('hands the gate an evaluation Job the API server accepts (strict Kubernetes 1.35 schema)', async () => {
      const evaluation = evaluationJob(render(['-f', `${dir}/ci/data-pipeline-values.yaml`]));
      expect(await kubernetesProblems(JSON.stringify(evaluation))).toEqual([]);
      expect(evaluation.metadata.name).toMatch(/^release-training-eval-[0-9a-f]{8}$/);
      expect(evaluation.spec.template.spec.automountServiceAccountToken).toBe(false);
      expect(container(evaluation, 'evaluate').resources.limits['nvidia.com/gpu']).toBe(1);
    });

    it('gives the gate a Role that can read only this training Job, and create Jobs', () => {
      const manifests = render(['-f', `${dir}/ci/data-pipeline-values.yaml`]);
      const training = only(manifests, 'Job');
      const gate = only(manifests, 'Job', 'evaluation-gate');
      const role = only(manifests, 'Role', 'evaluation-gate');
      const binding = only(manifests, 'RoleBinding', 'evaluation-gate');
      expect(role.rules).toEqual([
        { apiGroups: ['batch'], resources: ['jobs'], resourceNames: [training.metadata.name], verbs: ['get'] },
        { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create'] },
      ]);
      const pod = gate.spec.template.spec;
      expect(pod.serviceAccountName).toBe(only(manifests, 'ServiceAccount', 'evaluation-gate').metadata.name);
      expect(binding.subjects?.[0]?.name).toBe(pod.serviceAccountName);
      expect(envOf(gate, 'gate').TRAINING_JOB).toBe(training.metadata.name);
      expect(gate.spec.podFailurePolicy.rules[0]).toEqual({ action: 'FailJob', onExitCodes: { containerName: 'gate', operator: 'In', values: [3, 4] } });
      // The training and evaluation pods keep no API token.
      expect(training.spec.template.spec.automountServiceAccountToken).toBe(false);
    });

    it('gives the gate the training deadline plus a day, and the evaluation its own deadline', () => {
      const manifests = render(['-f', `${dir}/ci/data-pipeline-values.yaml`]);
      expect(evaluationJob(manifests).spec.activeDeadlineSeconds).toBe(259200);
      expect(only(manifests, 'Job', 'evaluation-gate').spec.activeDeadlineSeconds).toBe(604800 + 86400);
      const unlimited = render(['--set', 'evaluation.enabled=true,activeDeadlineSeconds=0,evaluation.activeDeadlineSeconds=0']);
      expect(only(unlimited, 'Job', 'evaluation-gate').spec).not.toHaveProperty('activeDeadlineSeconds');
      expect(evaluationJob(unlimited).spec).not.toHaveProperty('activeDeadlineSeconds');
    });

    it('gets a new evaluation Job and gate with a new training run', () => {
      const names = (...sets: string[]) => {
        const manifests = render(['-f', `${dir}/ci/data-pipeline-values.yaml`, ...sets.flatMap((s) => ['--set', s])]);
        return [evaluationJob(manifests).metadata.name, only(manifests, 'Job', 'evaluation-gate').metadata.name];
      };
      expect(names()).toEqual(names());
      const [evaluation, gate] = names('args={--epochs=2}');
      expect(evaluation).not.toBe(names()[0]);
      expect(gate).not.toBe(names()[1]);
      // The image is pinned by digest there, so a tag change changes nothing the pods run.
      expect(names('image.tag=2.0.0')).toEqual(names());
    });
  });
});
