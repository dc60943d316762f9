// `chartforge upgrade-check` predicts what `helm upgrade` does; here the real upgrade runs on the
// control plane (Helm 3 and 4) and does exactly that — and, with the chart or values fixed, does not.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartforge } from '../src/cli.js';
import { helmBinary, HELM_MAJORS, type HelmMajor } from '../src/helm.js';
import { helmOk, helmOn, kubectlOn } from '../src/lifecycle.js';
import { REPO_ROOT } from '../src/paths.js';
import { startPlane, waitUntil, type Plane } from '../src/plane.js';
import { temporaryDir } from '../src/publish.js';

const CHART = join(REPO_ROOT, 'test', 'fixtures', 'upgrade-check', 'trainer');
const NODES = `
pools:
  - name: cpu
    count: 1
    allocatable: { cpu: "16", memory: 64Gi, pods: 100 }
`;

let plane: Plane;
const valuesDir = temporaryDir('chartforge-upgrade-');

beforeAll(async () => {
  plane = await startPlane({ nodes: NODES });
});
afterAll(async () => {
  await plane?.stop();
});

function valuesFile(name: string, text: string): string {
  const path = join(valuesDir, name);
  writeFileSync(path, text);
  return path;
}

interface Finding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  message: string;
}

/** upgrade-check against the release's real manifest (helm get manifest), as a user runs it. */
async function predict(major: HelmMajor, release: string, namespace: string, values: string[]): Promise<{ status: number; findings: Finding[] }> {
  const manifest = join(valuesDir, `${release}-manifest.yaml`);
  writeFileSync(manifest, await helmOk(plane, major, ['get', 'manifest', release, '-n', namespace]));
  const result = chartforge(['upgrade-check', CHART, '--current', manifest, '--release', release, '-n', namespace, '--helm', helmBinary(major), '-o', 'json', ...values.flatMap((v) => ['-f', v])]);
  expect(result.stderr).toBe('');
  return { status: result.status, findings: (JSON.parse(result.stdout) as { findings: Finding[] }).findings };
}

async function uid(namespace: string, kindAndName: string): Promise<string | undefined> {
  const result = await kubectlOn(plane, ['get', kindAndName, '-n', namespace, '-o', 'jsonpath={.metadata.uid}']);
  return result.status === 0 ? result.stdout : undefined;
}

async function install(major: HelmMajor, release: string, namespace: string, values: string[] = []): Promise<void> {
  plane.createRestrictedNamespace(namespace);
  await helmOk(plane, major, ['install', release, CHART, '-n', namespace, ...values.flatMap((v) => ['-f', v])]);
}

describe.each(HELM_MAJORS)('upgrade-check predictions come true under helm %s upgrade', (major) => {
  const upgrade = (release: string, namespace: string, values: string[]) => helmOn(plane, major, ['upgrade', release, CHART, '-n', namespace, ...values.flatMap((v) => ['-f', v])]);

  it('immutable-field: a changed Job template is refused; changing only the server replaces its pods', async () => {
    const [release, namespace] = [`imm-${major}`, `imm-${major}`];
    await install(major, release, namespace);
    const both = valuesFile('both-images.yaml', 'jobImage: registry.example.com/train:1.1.0\nserverImage: registry.example.com/serve:1.1.0\n');
    const predicted = await predict(major, release, namespace, [both]);
    expect(predicted.status).toBe(1);
    expect(predicted.findings).toContainEqual(expect.objectContaining({ rule: 'immutable-field', file: join(CHART, 'templates', 'job.yaml'), message: expect.stringContaining('spec.template: Invalid value: …: field is immutable') }));
    const refused = await upgrade(release, namespace, [both]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/Job\.batch "imm-v\d-run-1" is invalid: spec\.template: Invalid value: .*field is immutable/);

    // The fix, on a release of its own (helm get manifest of the refused one shows its failed revision).
    const [fixedRelease, fixedNamespace] = [`pods-${major}`, `pods-${major}`];
    await install(major, fixedRelease, fixedNamespace);
    const serverOnly = valuesFile('server-image.yaml', 'serverImage: registry.example.com/serve:1.1.0\n');
    const fixed = await predict(major, fixedRelease, fixedNamespace, [serverOnly]);
    expect(fixed.status).toBe(0);
    expect(fixed.findings.map((f) => [f.rule, f.line])).toEqual([['pods-replaced', 17]]);
    const replicaSets = async (): Promise<string[]> => (await kubectlOn(plane, ['get', 'rs', '-n', fixedNamespace, '-o', 'name'])).stdout.split('\n').filter((name) => name !== '');
    await waitUntil('the Deployment has its ReplicaSet', async () => (await replicaSets()).length === 1);
    const replicaSetsBefore = await replicaSets();
    const done = await upgrade(fixedRelease, fixedNamespace, [serverOnly]);
    expect(done.status, done.stderr).toBe(0);
    // A new pod template is a new ReplicaSet: the pods are replaced.
    await waitUntil('the new pod template has its ReplicaSet', async () => (await replicaSets()).length === 2);
    expect((await replicaSets()).filter((name) => !replicaSetsBefore.includes(name))).toHaveLength(1);
  });

  it('job-rerun: a renamed Job deletes the running one; the same name keeps it', async () => {
    const [release, namespace] = [`rerun-${major}`, `rerun-${major}`];
    await install(major, release, namespace);
    const firstRun = await uid(namespace, `job/${release}-run-1`);
    expect(firstRun).toBeDefined();
    const renamed = valuesFile('run-2.yaml', 'run: "2"\n');
    const predicted = await predict(major, release, namespace, [renamed]);
    expect(predicted.status).toBe(1);
    expect(predicted.findings).toContainEqual(expect.objectContaining({ rule: 'job-rerun', file: join(CHART, 'templates', 'job.yaml'), line: 4 }));

    const sameRun = valuesFile('run-1-replicas.yaml', 'replicas: 3\n');
    expect((await predict(major, release, namespace, [sameRun])).status).toBe(0);
    expect((await upgrade(release, namespace, [sameRun])).status).toBe(0);
    expect(await uid(namespace, `job/${release}-run-1`)).toBe(firstRun);

    expect((await upgrade(release, namespace, [renamed])).status).toBe(0);
    expect(await uid(namespace, `job/${release}-run-1`)).toBeUndefined();
    expect(await uid(namespace, `job/${release}-run-2`)).toBeDefined();
  });

  it('removed-api: an API the cluster no longer serves fails the upgrade; the served version passes', async () => {
    const [release, namespace] = [`api-${major}`, `api-${major}`];
    await install(major, release, namespace);
    const version = (await kubectlOn(plane, ['version', '-o', 'json'])).stdout;
    const minor = /"gitVersion":\s*"v(\d+\.\d+)/.exec(version)![1]!;
    const check = async (values: string): Promise<{ status: number; findings: Finding[] }> => {
      const manifest = join(valuesDir, `${release}-manifest.yaml`);
      writeFileSync(manifest, await helmOk(plane, major, ['get', 'manifest', release, '-n', namespace]));
      const result = chartforge(['upgrade-check', CHART, '--current', manifest, '--release', release, '-n', namespace, '--kubernetes-version', minor, '--helm', helmBinary(major), '-o', 'json', '-f', values]);
      return { status: result.status, findings: (JSON.parse(result.stdout) as { findings: Finding[] }).findings };
    };
    const removed = valuesFile('hpa-v2beta2.yaml', 'autoscaling: true\nautoscalingApiVersion: autoscaling/v2beta2\n');
    const predicted = await check(removed);
    expect(predicted.status).toBe(1);
    expect(predicted.findings).toContainEqual(expect.objectContaining({ rule: 'removed-api', file: join(CHART, 'templates', 'hpa.yaml'), line: 2 }));
    const failed = await upgrade(release, namespace, [removed]);
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain('no matches for kind "HorizontalPodAutoscaler" in version "autoscaling/v2beta2"');

    const served = valuesFile('hpa-v2.yaml', 'autoscaling: true\nautoscalingApiVersion: autoscaling/v2\n');
    expect((await check(served)).findings.filter((f) => f.rule === 'removed-api')).toEqual([]);
    const done = await upgrade(release, namespace, [served]);
    expect(done.status, done.stderr).toBe(0);
  });

  it('object-deleted: an object leaving the chart is deleted; kept in the chart, it stays', async () => {
    const [release, namespace] = [`gone-${major}`, `gone-${major}`];
    const autoscaled = valuesFile('autoscaled.yaml', 'autoscaling: true\n');
    await install(major, release, namespace, [autoscaled]);
    const hpa = await uid(namespace, `hpa/${release}-server`);
    expect(hpa).toBeDefined();
    const stillAutoscaled = valuesFile('autoscaled-3.yaml', 'autoscaling: true\nreplicas: 3\n');
    expect((await predict(major, release, namespace, [stillAutoscaled])).findings.filter((f) => f.rule === 'object-deleted')).toEqual([]);
    expect((await upgrade(release, namespace, [stillAutoscaled])).status).toBe(0);
    expect(await uid(namespace, `hpa/${release}-server`)).toBe(hpa);

    // Values given explicitly: helm upgrade without any reuses the release's last values.
    const notAutoscaled = valuesFile('not-autoscaled.yaml', 'autoscaling: false\n');
    const predicted = await predict(major, release, namespace, [notAutoscaled]);
    expect(predicted.status).toBe(1);
    expect(predicted.findings).toContainEqual(expect.objectContaining({ rule: 'object-deleted', severity: 'error', message: expect.stringContaining(`HorizontalPodAutoscaler "${release}-server" leaves the chart`) }));
    expect((await upgrade(release, namespace, [notAutoscaled])).status).toBe(0);
    expect(await uid(namespace, `hpa/${release}-server`)).toBeUndefined();
  });

  it('hook-runs: a pre-upgrade hook is created anew on upgrade; a pre-install-only hook is not', async () => {
    for (const [release, events, runsAgain] of [[`hook-${major}`, 'pre-install,pre-upgrade', true], [`once-${major}`, 'pre-install', false]] as const) {
      const hookValues = valuesFile(`${release}.yaml`, `hook:\n  enabled: true\n  events: ${events}\n`);
      await install(major, release, release, [hookValues]);
      const installed = await uid(release, `configmap/${release}-schema-version`);
      expect(installed).toBeDefined();
      const predicted = await predict(major, release, release, [hookValues]);
      expect(predicted.status).toBe(0);
      expect(predicted.findings.filter((f) => f.rule === 'hook-runs')).toHaveLength(runsAgain ? 1 : 0);
      expect((await upgrade(release, release, [hookValues])).status).toBe(0);
      const after = await uid(release, `configmap/${release}-schema-version`);
      if (runsAgain) expect(after).not.toBe(installed);
      else expect(after).toBe(installed);
    }
  });

  it('claim-deleted: a claim leaving the chart is deleted, unless helm.sh/resource-policy: keep protects it', async () => {
    const noClaim = valuesFile('no-claim.yaml', 'claim:\n  enabled: false\n');
    const keep = valuesFile('keep-claim.yaml', 'claim:\n  keep: true\n');
    for (const [release, installValues, expected] of [[`claim-${major}`, [], 'deleted'], [`kept-${major}`, [keep], 'kept']] as const) {
      await install(major, release, release, [...installValues]);
      const predicted = await predict(major, release, release, [noClaim]);
      const finding = predicted.findings.find((f) => f.rule === 'claim-deleted');
      // A deleted object is placed where it is now: in the release's manifest.
      expect(finding).toMatchObject({ severity: expected === 'deleted' ? 'error' : 'info', file: join(valuesDir, `${release}-manifest.yaml`) });
      expect(predicted.status).toBe(expected === 'deleted' ? 1 : 0);
      expect((await upgrade(release, release, [noClaim])).status).toBe(0);
      const claim = await uid(release, `pvc/${release}-data`);
      if (expected === 'deleted') expect(claim).toBeUndefined();
      else expect(claim).toBeDefined();
    }
  });
});
