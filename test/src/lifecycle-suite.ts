// The lifecycle of a chart kind on the control plane, for every ci/*-values.yaml under Helm 3 and
// Helm 4: install --wait, strict acceptance of every object, workloads ready, hook order, helm
// test, three upgrades (unchanged, changed values, chart version only), rollback, uninstall.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KindName } from '@chartforge/kinds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartDir } from './charts.js';
import { HELM_MAJORS, type HelmMajor } from './helm.js';
import { knownDefect, type LifecycleStep } from './known-defects.js';
import {
  chartWithVersion,
  createPrerequisites,
  helmOk,
  helmOn,
  kubectlOn,
  leftovers,
  releaseObjectUids,
  replaced,
  strictServerDryRun,
  type KubeObject,
} from './lifecycle.js';
import { startPlane, waitUntil, type Plane } from './plane.js';
import { testCrdFiles } from './kube.js';

export interface LifecycleCase {
  readonly kind: KindName;
  /** ci values file name, e.g. all-features-values.yaml */
  readonly valuesFile: string;
  readonly major: HelmMajor;
  readonly release: string;
  readonly namespace: string;
}

export interface KindExpectations {
  /**
   * Objects (kind/name) that `helm upgrade` with changed pod annotations replaces, as the chart
   * README says, given the release objects before the upgrade.
   */
  replacedByChangedValues(before: readonly string[]): string[];
  /** Extra `helm install` flags for a case (e.g. no --wait-for-jobs for a Job that waits to be admitted). */
  installFlags?(testCase: LifecycleCase): string[];
  /** What the case does between install and the upgrades (e.g. admit a queued Job as Kueue would). */
  afterInstall?(plane: Plane, testCase: LifecycleCase): Promise<void>;
  /** Checks after the upgrade with unchanged values, each under a step name of known-defects.ts. */
  afterUnchangedUpgrade?(plane: Plane, testCase: LifecycleCase): Promise<{ step: LifecycleStep; actual: string[]; expected: string[] } | undefined>;
}

/**
 * GPU nodes of the lifecycle plane. A kind's releases run side by side on one plane, so there must
 * be room for all of them at their peak, with no release waiting on another: a distributed run
 * takes whole 8-GPU nodes (4 of them, twice over while a replaced Job's pods end, which kwok does at
 * a random moment within their 120 s grace period, and once more for the previous Helm major's
 * release still ending); one-GPU pods are spread over as many nodes as the scheduler likes, each
 * one making a node useless to a whole-node pod; and the Kueue case's priority class (1000) would
 * preempt the others' pods where they do not fit.
 */
const LIFECYCLE_GPU_NODES = 32;

/** Nodes for the lifecycle tests (`chartforge fit --nodes` format), labelled for every ci file. */
function lifecycleNodes(nodeLabels: Record<string, string>): string {
  const labels = Object.entries(nodeLabels).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ');
  return [
    'pools:',
    '  - name: gpu',
    `    count: ${LIFECYCLE_GPU_NODES}`,
    // Real kubelets report ephemeral storage; pods that fetch a model into an emptyDir request it.
    '    allocatable: { cpu: "128", memory: 2Ti, ephemeral-storage: 2Ti, nvidia.com/gpu: 8, pods: 110 }',
    `    labels: { ${labels} }`,
    '',
  ].join('\n');
}

interface CiPrerequisites {
  nodeLabels: Record<string, string>;
  objects: KubeObject[];
}

function prerequisitesOf(kind: KindName, valuesFile: string): CiPrerequisites {
  const file = join(chartDir(kind), 'ci', valuesFile.replace(/-values\.yaml$/, '-prerequisites.yaml'));
  if (!existsSync(file)) return { nodeLabels: {}, objects: [] };
  return parse(readFileSync(file, 'utf8')) as CiPrerequisites;
}

/** Bound on a Job's pods running to completion once created (kwok: a few seconds each). */
const JOB_COMPLETE_DEADLINE_MS = 120_000;

const CLUSTER_SCOPED = new Set(['PriorityClass', 'StorageClass']);

/** Bound on one release's whole lifecycle: a migration plan runs its hook Jobs one by one five times. */
const LIFECYCLE_TIMEOUT_MS = 900_000;

function shortName(text: string): string {
  return text.replace(/-values\.yaml$/, '').slice(0, 20).replace(/-$/, '');
}

async function jsonOf<T>(plane: Plane, args: string[]): Promise<T> {
  const result = await kubectlOn(plane, [...args, '-o', 'json']);
  if (result.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

interface JobObject extends KubeObject {
  spec: { suspend?: boolean; template?: { spec?: { terminationGracePeriodSeconds?: number } } };
  status: { succeeded?: number; startTime?: string; completionTime?: string; conditions?: { type: string; status: string }[] };
}

/** Hook Jobs of a release by phase, ordered by weight, must each start after the previous one completed. */
async function expectHooksRanInOrder(plane: Plane, testCase: LifecycleCase): Promise<void> {
  const jobs = (await jsonOf<{ items: JobObject[] }>(plane, ['get', 'jobs', '-n', testCase.namespace])).items.filter(
    (job) => job.metadata.annotations?.['helm.sh/hook'],
  );
  const phases = new Set(jobs.flatMap((job) => job.metadata.annotations!['helm.sh/hook']!.split(',')));
  for (const phase of phases) {
    const ordered = jobs
      .filter((job) => job.metadata.annotations!['helm.sh/hook']!.split(',').includes(phase))
      .sort((a, b) => Number(a.metadata.annotations!['helm.sh/hook-weight'] ?? 0) - Number(b.metadata.annotations!['helm.sh/hook-weight'] ?? 0));
    for (let index = 1; index < ordered.length; index++) {
      const previous = ordered[index - 1]!;
      const current = ordered[index]!;
      if (Number(previous.metadata.annotations!['helm.sh/hook-weight'] ?? 0) === Number(current.metadata.annotations!['helm.sh/hook-weight'] ?? 0)) continue;
      // Timestamps have one-second resolution: "not before" is what can be asserted.
      expect(Date.parse(current.status.startTime ?? ''), `${phase}: ${current.metadata.name} started before ${previous.metadata.name} completed`).toBeGreaterThanOrEqual(
        Date.parse(previous.status.completionTime ?? ''),
      );
    }
  }
}

/** Deployments available, non-hook Jobs complete (or waiting for admission when suspended), CronJobs accepted. */
async function expectWorkloadsReady(plane: Plane, testCase: LifecycleCase): Promise<void> {
  const selector = ['-n', testCase.namespace, '-l', `app.kubernetes.io/instance=${testCase.release}`];
  type Deployment = KubeObject & { spec: { replicas?: number }; status: { availableReplicas?: number } };
  const deployments = await jsonOf<{ items: Deployment[] }>(plane, ['get', 'deployments', ...selector]);
  for (const deployment of deployments.items) {
    // Helm 3's --wait returns once replicas - maxUnavailable pods are ready; the rest follow.
    await waitUntil(`${objectName(deployment)} available`, async () => {
      const current = await jsonOf<Deployment>(plane, ['get', 'deployment', deployment.metadata.name, '-n', testCase.namespace]);
      return (current.status.availableReplicas ?? 0) >= (current.spec.replicas ?? 1);
    });
  }
  const jobs = (await jsonOf<{ items: JobObject[] }>(plane, ['get', 'jobs', ...selector])).items.filter((job) => !job.metadata.annotations?.['helm.sh/hook']);
  for (const job of jobs.filter((candidate) => !candidate.spec.suspend)) {
    // Installed without --wait-for-jobs where Helm cannot wait for it (see the kind's installFlags).
    // A Job that succeeds before all its pods ended (a success policy: the leader's index) is
    // Complete only once the rest terminated, and kwok ends a deleted pod at a random moment
    // within its grace period: the bound grows by it.
    const gracePeriodMs = (job.spec.template?.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    await waitUntil(
      `${objectName(job)} complete`,
      async () => {
        const current = await jsonOf<JobObject>(plane, ['get', 'job', job.metadata.name, '-n', testCase.namespace]);
        return Boolean(current.status.conditions?.some((condition) => condition.type === 'Complete' && condition.status === 'True'));
      },
      JOB_COMPLETE_DEADLINE_MS + gracePeriodMs,
    );
  }
}

function objectName(object: KubeObject): string {
  return `${object.kind}/${object.metadata.name}`;
}

/** Asserts the correct behaviour, or — while a #16 item is open — that its defect is still there. */
function expectStep(step: LifecycleStep, testCase: LifecycleCase, actual: readonly string[], expected: readonly string[]): void {
  const defect = knownDefect(step, testCase);
  if (defect) {
    // The defect is still there; when a fix makes this fail, delete its entry from known-defects.ts.
    expect([...actual].sort(), `#16 item ${defect.item} (${defect.summary}) seems fixed: delete its entry from test/src/known-defects.ts`).not.toEqual([...expected].sort());
    return;
  }
  expect([...actual].sort(), step).toEqual([...expected].sort());
}

export function describeLifecycle(kind: KindName, expectations: KindExpectations): void {
  const dir = chartDir(kind);
  const valuesFiles = readdirSync(join(dir, 'ci')).filter((file) => file.endsWith('-values.yaml')).sort();
  const prerequisites = new Map(valuesFiles.map((file) => [file, prerequisitesOf(kind, file)]));
  const nodeLabels = Object.assign({}, ...[...prerequisites.values()].map((p) => p.nodeLabels)) as Record<string, string>;
  const storageClasses = [...new Set([...prerequisites.values()].flatMap((p) => p.objects.filter((o) => o.kind === 'StorageClass').map((o) => o.metadata.name)))];
  const cases: LifecycleCase[] = HELM_MAJORS.flatMap((major) =>
    valuesFiles.map((valuesFile) => {
      const name = `${shortName(valuesFile)}-${major}`;
      return { kind, valuesFile, major, release: name, namespace: `${kind}-${name}` };
    }),
  );
  let plane: Plane;

  beforeAll(async () => {
    plane = await startPlane({ nodes: lifecycleNodes(nodeLabels), storageClasses, crds: testCrdFiles() });
    // Cluster-scoped prerequisites are created once; StorageClasses come with the plane (kwok provisions them).
    const clusterScoped = [...prerequisites.values()].flatMap((p) => p.objects.filter((o) => CLUSTER_SCOPED.has(o.kind) && o.kind !== 'StorageClass'));
    const unique = [...new Map(clusterScoped.map((object) => [objectName(object), object])).values()];
    await createPrerequisites(plane, 'default', unique);
  });
  afterAll(async () => {
    await plane?.stop();
  });

  // One Helm major after the other, its releases side by side: a release of each major at once
  // would collide on what is cluster-wide (a Service's fixed nodePort).
  describe.each(HELM_MAJORS)(`${kind} chart on a control plane, helm %s`, (major) => {
    const ofMajor = cases.filter((testCase) => testCase.major === major);
    it.concurrent.each(ofMajor.map((testCase) => [testCase.valuesFile, testCase] as const))('%s: install, test, upgrade, roll back, uninstall', async (_title, testCase) => {
      const { release, namespace } = testCase;
      const values = join(dir, 'ci', testCase.valuesFile);
      plane.createRestrictedNamespace(namespace);
      await createPrerequisites(plane, namespace, prerequisites.get(testCase.valuesFile)!.objects.filter((object) => !CLUSTER_SCOPED.has(object.kind)));

      // install --wait: every object created, workloads ready
      const waitFlags = expectations.installFlags?.(testCase) ?? ['--wait', '--wait-for-jobs'];
      await helmOk(plane, major, ['install', release, dir, '-n', namespace, '-f', values, ...waitFlags, '--timeout', '4m']);
      await expectWorkloadsReady(plane, testCase);
      await expectHooksRanInOrder(plane, testCase);

      // every object helm sent, accepted again with strict field validation
      const manifest = await helmOk(plane, major, ['get', 'manifest', release, '-n', namespace]);
      const hooks = await helmOk(plane, major, ['get', 'hooks', release, '-n', namespace]);
      const strict = await strictServerDryRun(plane, [manifest, hooks].join('\n---\n'), namespace);
      expect(strict.status, strict.stderr).toBe(0);

      await expectations.afterInstall?.(plane, testCase);

      const helmTest = await helmOn(plane, major, ['test', release, '-n', namespace, '--timeout', '3m']);
      expect(helmTest.status, helmTest.stderr + helmTest.stdout).toBe(0);

      // upgrades: exactly the objects the README says are replaced are replaced
      const upgrade = async (step: LifecycleStep, chart: string, extra: string[], expected: (before: string[]) => string[]) => {
        const before = await releaseObjectUids(plane, major, release, namespace);
        const result = await helmOn(plane, major, ['upgrade', release, chart, '-n', namespace, '-f', values, ...extra, ...waitFlags, '--timeout', '4m']);
        const defect = knownDefect(step, testCase);
        if (result.status !== 0 && defect?.failsCommand) {
          expect(result.stderr, `#16 item ${defect.item}`).toMatch(defect.failsCommand);
          return false;
        }
        expect(result.status, `${step}: ${result.stderr}`).toBe(0);
        const after = await releaseObjectUids(plane, major, release, namespace);
        expectStep(step, testCase, replaced(before, after), expected([...before.keys()]));
        return true;
      };
      if (await upgrade('upgrade-unchanged', dir, [], () => [])) {
        const check = await expectations.afterUnchangedUpgrade?.(plane, testCase);
        if (check) expectStep(check.step, testCase, check.actual, check.expected);
      }
      await upgrade('upgrade-changed-values', dir, ['--set-string', 'podAnnotations.chartforge\\.dev/upgrade=changed'], (before) => expectations.replacedByChangedValues(before));
      const version = String((parse(readFileSync(join(dir, 'Chart.yaml'), 'utf8')) as { version: string }).version).replace(/\d+$/, (patch) => String(Number(patch) + 1));
      await upgrade('upgrade-chart-version', chartWithVersion(dir, version), ['--set-string', 'podAnnotations.chartforge\\.dev/upgrade=changed'], () => []);

      const rollback = await helmOn(plane, major, ['rollback', release, '1', '-n', namespace, ...waitFlags, '--timeout', '4m']);
      const rollbackDefect = knownDefect('rollback', testCase);
      if (rollbackDefect?.failsCommand) expect(rollback.stderr, `#16 item ${rollbackDefect.item}`).toMatch(rollbackDefect.failsCommand);
      else expect(rollback.status, rollback.stderr).toBe(0);

      // uninstall: nothing the chart created remains but what the README names as kept
      const uninstall = await helmOn(plane, major, ['uninstall', release, '-n', namespace, '--wait', '--timeout', '2m']);
      expect(uninstall.status, uninstall.stderr).toBe(0);
      let left: string[] = [];
      // The garbage collector removes dependents (pods, ReplicaSets) after their owners: wait for it.
      await waitUntil(`${release} cleaned up`, async () => (left = await leftovers(plane, namespace, release)).length === 0, 30_000).catch(() => undefined);
      expectStep('uninstall', testCase, left, []);
    }, LIFECYCLE_TIMEOUT_MS);
  });
}
