// Every rule across values, of every chart kind, checked twice as a user meets it: `chartforge
// generate` (the spec check in packages/kinds) and `helm template` of the committed chart (its
// `validateValues` fail) under Helm 3 and Helm 4. Each case breaks exactly one rule, so the spec
// check reports exactly one problem and helm fails with the same `path: message`.
// Every kind's rules come from one table (packages/kinds), and every row of it has a case here. A
// row the values schema also guards (migration's step deadline) is driven through `helm template
// --skip-schema-validation`, the one way its `fail` is reached; the spec check reports the value
// once, with the schema's message.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { rmSync } from 'node:fs';
import { CLI } from '../src/cli.js';
import { HELM_MAJORS, helmBinary, helmEnv } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';
import { kinds, ruleIds } from '@chartforge/kinds';

type Kind = 'serving' | 'training' | 'migration';

interface RuleCase {
  /** The row of the kind's rule table the case breaks. */
  id: string;
  /** What the case breaks, in a few words (the test's name). */
  rule: string;
  /** Values layered on the chart's defaults (and the spec given to `generate`). */
  values: Record<string, unknown>;
  /** The one problem both sides report, as `path: message`. */
  problem: string;
  /** values.schema.json refuses the values too: the spec check reports this problem instead, and helm runs without the schema. */
  schemaProblem?: string;
}

const step = (fields: Record<string, unknown>) => ({
  type: 'migrate',
  order: 1,
  activeDeadlineSeconds: 60,
  command: ['true'],
  image: { repository: 'busybox', tag: '1.37' },
  ...fields,
});
const claims = { source: { claimName: 'src' }, destination: { claimName: 'dst' }, backup: { claimName: 'bak' } };
const databases = { app: { host: 'db', database: 'app', credentialsSecret: 'db' } };

const CASES: Record<Kind, RuleCase[]> = {
  serving: [
    { id: 'autoscaling-max-at-least-min', rule: 'maxReplicas below minReplicas', values: { autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 2 } }, problem: 'autoscaling.maxReplicas: must be ≥ minReplicas (3)' },
    {
      id: 'autoscaling-needs-a-target', rule: 'autoscaling without a target',
      values: { autoscaling: { enabled: true, targetCPUUtilizationPercentage: 0, targetMemoryUtilizationPercentage: 0 } },
      problem: 'autoscaling.targetCPUUtilizationPercentage: autoscaling needs a CPU or memory utilization target (both are 0)',
    },
    {
      id: 'disruption-budget-one-bound', rule: 'disruption budget with neither bound',
      values: { podDisruptionBudget: { enabled: true, maxUnavailable: '', minAvailable: '' } },
      problem: 'podDisruptionBudget.maxUnavailable: set exactly one of maxUnavailable and minAvailable',
    },
    {
      id: 'disruption-budget-one-bound', rule: 'disruption budget with both bounds',
      values: { podDisruptionBudget: { enabled: true, maxUnavailable: 1, minAvailable: 1 } },
      problem: 'podDisruptionBudget.maxUnavailable: set exactly one of maxUnavailable and minAvailable',
    },
    {
      id: 'rollout-can-progress', rule: 'a rollout that cannot progress (numbers)',
      values: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
      problem: 'rollingUpdate.maxSurge: maxSurge and maxUnavailable cannot both be 0: the rollout could never progress',
    },
    {
      id: 'rollout-can-progress', rule: 'a rollout that cannot progress (percentages)',
      values: { rollingUpdate: { maxSurge: '0%', maxUnavailable: '0%' } },
      problem: 'rollingUpdate.maxSurge: maxSurge and maxUnavailable cannot both be 0: the rollout could never progress',
    },
    { id: 'pvc-source-names-a-claim', rule: 'pvc source without a claim', values: { model: { source: { type: 'pvc', pvc: { claimName: '' } } } }, problem: 'model.source.pvc.claimName: must name a PersistentVolumeClaim when model.source.type is pvc' },
    { id: 'uri-source-has-a-location', rule: 'uri source without a location', values: { model: { source: { type: 'uri', uri: { location: '' } } } }, problem: 'model.source.uri.location: must be set when model.source.type is uri' },
    { id: 'image-source-absolute-path', rule: 'image source with a relative path', values: { model: { source: { type: 'image' }, path: 'models/opt' } }, problem: 'model.path: must be an absolute path in the image when model.source.type is image' },
    {
      id: 'custom-runtime-image', rule: 'custom runtime without an image',
      values: { runtime: { preset: 'custom', ports: [{ name: 'http', containerPort: 8080 }] } },
      problem: 'image.repository: must be set for the custom runtime preset',
    },
    {
      id: 'custom-runtime-http-port', rule: 'custom runtime without an http port',
      values: { runtime: { preset: 'custom', ports: [] }, image: { repository: 'example/server', tag: '1' } },
      problem: 'runtime.ports: the custom runtime preset needs a port named "http"',
    },
    {
      id: 'ports-include-http', rule: 'ports without http',
      values: { runtime: { ports: [{ name: 'grpc', containerPort: 9000 }] } },
      problem: 'runtime.ports: needs a port named "http" (the Service, Ingress and probes route to it)',
    },
    {
      id: 'image', rule: 'an image repository without tag or digest',
      values: { image: { repository: 'example/server' } },
      problem: 'image.tag: must be set (or image digest) when the repository is set: chartforge never uses an implicit latest',
    },
    {
      id: 'fetcher-image', rule: 'a fetcher image without a repository',
      values: { model: { source: { uri: { fetcherImage: { repository: '' } } } } },
      problem: 'model.source.uri.fetcherImage.repository: must be set',
    },
    {
      id: 'fetcher-image', rule: 'a fetcher image without tag or digest',
      values: { model: { source: { uri: { fetcherImage: { tag: '' } } } } },
      problem: 'model.source.uri.fetcherImage.tag: must be set (or image digest) when the repository is set: chartforge never uses an implicit latest',
    },
    { id: 'test-image', rule: 'a test image without a repository', values: { tests: { image: { repository: '' } } }, problem: 'tests.image.repository: must be set' },
    {
      id: 'test-image', rule: 'a test image without tag or digest',
      values: { tests: { image: { tag: '' } } },
      problem: 'tests.image.tag: must be set (or image digest) when the repository is set: chartforge never uses an implicit latest',
    },
    {
      id: 'env-names-unique', rule: 'duplicate env names',
      values: { env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] },
      problem: 'env[1].name: duplicate name "A" (also env[0])',
    },
    {
      id: 'requests-within-limits', rule: 'a request above its limit',
      values: { resources: { requests: { memory: '16Gi' }, limits: { memory: '8Gi' } } },
      problem: 'resources.requests.memory: must be ≤ resources.limits.memory (8Gi): the API server refuses a request above its limit',
    },
  ],
  training: [
    {
      id: 'pod-failure-policy-never-restarts', rule: 'a pod failure policy without restartPolicy Never',
      values: { restartPolicy: 'OnFailure', podFailurePolicy: { enabled: true } },
      problem: 'restartPolicy: must be Never while podFailurePolicy.enabled is true (Kubernetes requires it)',
    },
    {
      id: 'backoff-per-index-never-restarts', rule: 'a per-index backoff limit without restartPolicy Never',
      values: { mode: 'distributed', restartPolicy: 'OnFailure', podFailurePolicy: { enabled: false }, distributed: { backoffLimitPerIndex: 1 } },
      problem: 'restartPolicy: must be Never when distributed.backoffLimitPerIndex is set (Kubernetes requires it)',
    },
    {
      id: 'max-failed-indexes-needs-backoff-per-index', rule: 'maxFailedIndexes without a per-index backoff limit',
      values: { distributed: { backoffLimitPerIndex: -1, maxFailedIndexes: 1 } },
      problem: 'distributed.maxFailedIndexes: needs distributed.backoffLimitPerIndex ≥ 0',
    },
    { id: 'min-workers-at-most-workers', rule: 'minWorkers above workers', values: { workers: 2, distributed: { minWorkers: 3 } }, problem: 'distributed.minWorkers: must be ≤ workers (2)' },
    {
      id: 'resume-needs-checkpoints', rule: 'resuming without checkpoints',
      values: { checkpoints: { enabled: false, resumeFrom: '0123abcd' } },
      problem: 'checkpoints.resumeFrom: needs checkpoints.enabled: a run resumes from the checkpoint claim',
    },
    { id: 'max-failed-indexes-at-most-workers', rule: 'maxFailedIndexes above workers', values: { workers: 2, distributed: { maxFailedIndexes: 3 } }, problem: 'distributed.maxFailedIndexes: must be ≤ workers (2)' },
    {
      id: 'read-only-dataset-claim-is-filled', rule: 'a read-only dataset claim nothing fills',
      values: { dataset: { existingClaim: '', readOnly: true } },
      problem: 'dataset.existingClaim: a chart-created dataset claim starts empty: name an existing claim, or add initSteps that fill it',
    },
    { id: 'dataset-claim-size', rule: 'a chart-created dataset claim without a size', values: { dataset: { existingClaim: '', readOnly: false, size: '' } }, problem: 'dataset.size: must be set for a chart-created claim' },
    { id: 'checkpoints-claim-size', rule: 'a chart-created checkpoint claim without a size', values: { checkpoints: { size: '' } }, problem: 'checkpoints.size: must be set for a chart-created claim' },
    {
      id: 'distinct-mount-paths',
      rule: 'a dataset on /tmp, written with two trailing slashes',
      values: { dataset: { mountPath: '/tmp//' } },
      problem: 'dataset.mountPath: "/tmp//" is already the mount path of the /tmp scratch volume',
    },
    { id: 'distinct-mount-paths', rule: 'a dataset on /tmp', values: { dataset: { mountPath: '/tmp/' } }, problem: 'dataset.mountPath: "/tmp/" is already the mount path of the /tmp scratch volume' },
    { id: 'distinct-mount-paths', rule: 'checkpoints on shared memory', values: { checkpoints: { mountPath: '/dev/shm' } }, problem: 'checkpoints.mountPath: "/dev/shm" is already the mount path of shared memory (shm)' },
    {
      id: 'distinct-mount-paths', rule: 'hyperparameters on the dataset',
      values: { hyperparameters: { values: { lr: 0.1 }, mountPath: '/data' } },
      problem: 'hyperparameters.mountPath: "/data" is already the mount path of dataset.mountPath',
    },
    {
      id: 'evaluation-not-scheduled', rule: 'evaluation of a scheduled run',
      values: { mode: 'scheduled', evaluation: { enabled: true } },
      problem: 'evaluation.enabled: evaluation runs after single and distributed runs; in scheduled mode evaluate at the end of the training command',
    },
    { id: 'init-step-names', rule: 'an init step named like the chart\'s container', values: { initSteps: [{ name: 'train', image: 'busybox:1.37' }] }, problem: 'initSteps[0].name: "train" is used by the chart; choose another name' },
    {
      id: 'init-step-names', rule: 'duplicate init step names',
      values: { initSteps: [{ name: 'fetch', image: 'busybox:1.37' }, { name: 'fetch', image: 'busybox:1.37' }] },
      problem: 'initSteps[1].name: duplicate init step name "fetch"',
    },
    {
      id: 'requests-within-limits', rule: 'a request above its limit',
      values: { resources: { requests: { memory: '64Gi' }, limits: { memory: '32Gi' } } },
      problem: 'resources.requests.memory: must be ≤ resources.limits.memory (32Gi): the API server refuses a request above its limit',
    },
    {
      id: 'evaluation-requests-within-limits', rule: 'an evaluation request above its limit',
      values: { evaluation: { resources: { requests: { cpu: '4' }, limits: { cpu: '2' } } } },
      problem: 'evaluation.resources.requests.cpu: must be ≤ evaluation.resources.limits.cpu (2): the API server refuses a request above its limit',
    },
    { id: 'image', rule: 'no training image', values: { image: { repository: '' } }, problem: 'image.repository: must be set' },
    { id: 'image', rule: 'a training image without tag or digest', values: { image: { tag: '' } }, problem: 'image.tag: must be set (or image digest) when the repository is set: chartforge never uses an implicit latest' },
    { id: 'evaluation-image', rule: 'an evaluation image without tag or digest', values: { evaluation: { image: { repository: 'example/eval' } } }, problem: 'evaluation.image.tag: must be set (or image digest) when the repository is set: chartforge never uses an implicit latest' },
  ],
  migration: [
    {
      id: 'step-order-unique', rule: 'two steps with one order',
      values: { steps: { a: step({}), b: step({}) } },
      problem: 'steps.b.order: must be unique among enabled steps: step "a" has order 1 too',
    },
    {
      id: 'step-order-unique', rule: 'two steps with one order, written in reverse',
      values: { steps: { b: step({}), a: step({}) } },
      problem: 'steps.b.order: must be unique among enabled steps: step "a" has order 1 too',
    },
    {
      id: 'preset-runs-step-type', rule: 'a preset that cannot run the step type',
      values: { steps: { a: step({ type: 'verify', preset: 'pg-dump', command: [], postgres: { database: 'app' } }) }, databases, volumes: claims },
      problem: 'steps.a.preset: preset "pg-dump" cannot run a verify step; it runs backup steps',
    },
    { id: 'step-image-without-preset-image', rule: 'a preset without an image of its own', values: { steps: { a: step({ image: {} }) } }, problem: 'steps.a.image.repository: must name the step\'s image for preset "none"' },
    {
      id: 'script-preset-without-command', rule: 'a command for a scripted preset',
      values: { steps: { a: step({ type: 'backup', preset: 'rsync' }) }, volumes: claims },
      problem: 'steps.a.command: must be empty for preset "rsync", which runs its own script; pass extra tool arguments with args',
    },
    { id: 'preset-none-command', rule: 'no command for preset none', values: { steps: { a: step({ command: [] }) } }, problem: 'steps.a.command: must be set for preset "none" (the step runs your own command)' },
    {
      id: 'schema-migration-command', rule: 'no command for a schema migration by command',
      values: { steps: { a: step({ preset: 'schema-migration', command: [] }) } },
      problem: 'steps.a.command: must be set when schemaMigration.tool is "command"',
    },
    { id: 'helm-test-only-verify', rule: 'helm test of a migrate step', values: { steps: { a: step({ helmTest: true }) } }, problem: 'steps.a.helmTest: only verify steps run as `helm test`' },
    { id: 'undoes-only-restore', rule: 'undoes on a migrate step', values: { steps: { a: step({ undoes: ['b'] }), b: step({ order: 2 }) } }, problem: 'steps.a.undoes: only restore steps undo other steps' },
    { id: 'restore-names-undone', rule: 'a restore that undoes nothing', values: { steps: { a: step({ type: 'restore' }) } }, problem: 'steps.a.undoes: must name the steps this restore undoes' },
    {
      id: 'undone-steps', rule: 'a restore of a missing step',
      values: { steps: { a: step({ type: 'restore', undoes: ['gone'] }) } },
      problem: 'steps.a.undoes: "gone" is not an enabled step of the plan',
    },
    {
      id: 'undone-steps', rule: 'a restore of a disabled step',
      values: { steps: { a: step({ type: 'restore', undoes: ['b'] }), b: step({ order: 2, enabled: false }) } },
      problem: 'steps.a.undoes: "b" is not an enabled step of the plan',
    },
    {
      id: 'undone-steps', rule: 'a restore of a verify step',
      values: { steps: { a: step({ type: 'restore', undoes: ['b'] }), b: step({ order: 2, type: 'verify' }) } },
      problem: 'steps.a.undoes: "b" is a verify step, which leaves nothing to undo',
    },
    {
      id: 'undone-steps', rule: 'a restore that does not write the undone step\'s marker',
      values: { steps: { a: step({ type: 'restore', undoes: ['b'] }), b: step({ order: 2, type: 'backup', preset: 'rsync', command: [] }) }, volumes: claims },
      problem: 'steps.a.undoes: step "b" keeps its marker on the destination volume, which this restore does not write: restore that volume with the rsync preset',
    },
    {
      id: 'rsync-not-onto-itself', rule: 'rsync onto itself',
      values: { steps: { a: step({ preset: 'rsync', command: [], rsync: { from: 'destination', to: 'destination' } }) }, volumes: claims },
      problem: 'steps.a.rsync.to: must differ from rsync.from (or use another path): a directory cannot be copied onto itself',
    },
    {
      id: 'rclone-remote-set', rule: 'rclone without a remote',
      values: { steps: { a: step({ preset: 'rclone', command: [], rclone: { volume: 'destination' } }) }, volumes: claims },
      problem: 'steps.a.rclone.remote: must be set for the rclone preset',
    },
    {
      id: 'rclone-download-writable', rule: 'an rclone download into the source volume',
      values: { steps: { a: step({ preset: 'rclone', command: [], rclone: { remote: 's3://bucket' } }) }, volumes: claims },
      problem: 'steps.a.rclone.volume: a download must write to destination or backup: the source volume is read-only',
    },
    {
      id: 'pg-dump-writable', rule: 'a pg-dump into the source volume',
      values: { steps: { a: step({ type: 'backup', preset: 'pg-dump', command: [], postgres: { database: 'app', volume: 'source' } }) }, databases, volumes: claims },
      problem: 'steps.a.postgres.volume: pg-dump must write to destination or backup: the source volume is read-only',
    },
    {
      id: 'verify-files-two-directories', rule: 'verify-files of a directory with itself',
      values: { steps: { a: step({ type: 'verify', preset: 'verify-files', command: [], verifyFiles: { from: 'source', to: 'source' } }) }, volumes: claims },
      problem: 'steps.a.verifyFiles.to: must differ from verifyFiles.from (or use another path): a directory always matches itself',
    },
    {
      id: 'postgres-database-set', rule: 'a postgres step without a database',
      values: { steps: { a: step({ type: 'backup', preset: 'pg-dump', command: [] }) }, volumes: claims },
      problem: 'steps.a.postgres.database: must name an entry of databases',
    },
    {
      id: 'postgres-database-known', rule: 'a postgres step naming an unknown database',
      values: { steps: { a: step({ type: 'backup', preset: 'pg-dump', command: [], postgres: { database: 'nope' } }) }, databases, volumes: claims },
      problem: 'steps.a.postgres.database: must name an entry of databases; "nope" is not one',
    },
    {
      id: 'verify-rows-compare-with-set', rule: 'verify-rows without a database to compare with',
      values: { steps: { a: step({ type: 'verify', preset: 'verify-rows', command: [], postgres: { database: 'app' } }) }, databases },
      problem: 'steps.a.postgres.compareWith: must name an entry of databases to compare row counts with',
    },
    {
      id: 'verify-rows-compare-with-known', rule: 'verify-rows comparing with an unknown database',
      values: { steps: { a: step({ type: 'verify', preset: 'verify-rows', command: [], postgres: { database: 'app', compareWith: 'nope' } }) }, databases },
      problem: 'steps.a.postgres.compareWith: must name an entry of databases to compare row counts with; "nope" is not one',
    },
    {
      id: 'step-volumes-claimed', rule: 'a step on a volume with no claim',
      values: { steps: { a: step({ mounts: [{ volume: 'backup', mountPath: '/backup' }] }) } },
      problem: 'volumes.backup.claimName: step "a" uses the backup volume: name an existing claim or set volumes.backup.create.enabled',
    },
    {
      id: 'argocd-claims-exist', rule: 'a chart-created claim under Argo CD',
      values: { plan: { argocd: true }, steps: { a: step({ mounts: [{ volume: 'backup', mountPath: '/backup' }] }) }, volumes: { backup: { create: { enabled: true } } } },
      problem:
        'volumes.backup.create.enabled: with plan.argocd the chart cannot create a claim only when it is missing (Argo CD renders without lookup and would re-create it); create the claim outside the chart and name it in volumes.backup.claimName',
    },
    {
      id: 'phase-deadlines-within-helm-timeout', rule: 'deadlines longer than the helm timeout',
      values: { plan: { helmTimeoutSeconds: 100, defaultPhases: ['pre-install'] }, steps: { a: step({ activeDeadlineSeconds: 60 }), b: step({ order: 2, activeDeadlineSeconds: 60 }) } },
      problem:
        'plan.helmTimeoutSeconds: the pre-install steps may run 120s (the sum of their activeDeadlineSeconds), longer than 100s: raise helm --timeout and this value, or shorten the deadlines',
    },
    {
      id: 'step-requests-within-limits', rule: 'a request above its limit',
      values: { plan: { stepResources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } } },
      problem: 'plan.stepResources.requests.memory: must be ≤ plan.stepResources.limits.memory (1Gi): the API server refuses a request above its limit',
    },
    {
      id: 'step-deadline-set', rule: 'a step without a deadline, the schema skipped',
      values: { steps: { a: step({ activeDeadlineSeconds: 0 }) } },
      schemaProblem: 'steps.a.activeDeadlineSeconds: must be ≥ 1; got 0',
      problem: 'steps.a.activeDeadlineSeconds: every step needs a deadline (activeDeadlineSeconds ≥ 1): helm --timeout is derived from it',
    },
    { id: 'preset-image', rule: 'a preset image without a repository', values: { images: { rclone: { repository: '' } } }, problem: 'images.rclone.repository: must be set' },
    { id: 'preset-image', rule: 'a preset image without tag or digest', values: { images: { kubectl: { tag: '' } } }, problem: 'images.kubectl.tag: must be set (or image digest) when the repository is set: chartforge never uses an implicit latest' },
    { id: 'step-image', rule: 'a step image without tag or digest', values: { steps: { a: step({ image: { repository: 'busybox' } }) } }, problem: 'steps.a.image.tag: must be set (or image digest) when the repository is set: chartforge never uses an implicit latest' },
  ],
};

interface ProcessResult {
  status: number;
  stdout: string;
  stderr: string;
}

// Both cores are shared with the rest of the suite: a few processes at a time, queued.
const slots = Math.max(2, Math.min(4, availableParallelism()));
let running = 0;
const waiting: (() => void)[] = [];

async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(command, args, { cwd: REPO_ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'chartforge-value-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let files = 0;

/** The problems `chartforge generate` reports for a spec, without their `file:line:column` prefix. */
async function specProblems(kind: Kind, spec: string): Promise<string[]> {
  const result = await run(process.execPath, [CLI, 'generate', kind, '-f', spec, '-d', join(scratch, 'never-written')], { ...process.env, NO_COLOR: '1' });
  expect(result.status, result.stderr).toBe(1);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines.at(-1)).toMatch(/^\d+ problems? in .*; nothing written$/);
  return lines.slice(0, -1).map((line) => line.slice(line.startsWith(`${spec}:`) ? line.indexOf(' ') + 1 : 0));
}

/** The message of the `fail` that stops `helm template` of the committed chart. */
async function helmFailure(major: (typeof HELM_MAJORS)[number], kind: Kind, valuesFile: string, extraArgs: string[]): Promise<string> {
  const result = await run(helmBinary(major), ['template', 'release', join('charts', kind), '-f', valuesFile, ...extraArgs], helmEnv());
  expect(result.status, `helm ${major} rendered although a rule is broken`).not.toBe(0);
  const failure = /execution error at \([^)]*\): (.*)$/m.exec(result.stderr);
  expect(failure, result.stderr).not.toBeNull();
  return failure![1]!;
}

for (const [kind, cases] of Object.entries(CASES) as [Kind, RuleCase[]][]) {
  describe.concurrent(`${kind}: each rule across values fails the same in the spec check and in the chart`, () => {
    it('has a case for every row of the rule table', () => {
      expect(ruleIds(kinds[kind]!.rules).filter((id) => !cases.some((c) => c.id === id))).toEqual([]);
    });
    it.each(cases)('$rule', async ({ values, problem, schemaProblem }) => {
      const file = join(scratch, `${kind}-${files++}.yaml`);
      writeFileSync(file, stringify(values));
      const helmArgs = schemaProblem ? ['--skip-schema-validation'] : [];
      const [spec, ...helm] = await Promise.all([specProblems(kind, file), ...HELM_MAJORS.map((major) => helmFailure(major, kind, file, helmArgs))]);
      expect(spec).toEqual([schemaProblem ?? problem]);
      for (const failure of helm) expect(failure).toBe(problem);
    });
  });
}
