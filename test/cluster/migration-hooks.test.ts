// charts/migration on the control plane: what `helm install`, `upgrade`, `rollback` and
// `uninstall` do with the plan's hooks (issue 16, items 6-9; issue 15's recovery after a failed
// pre-upgrade step), under Helm 3 and Helm 4. kwok runs no containers: a step's Job completes
// without running its command, so the tests assert what the cluster holds — which Jobs were
// created, with which markers, and what is left — not what the step scripts do (those run for
// real in e2e/migration-scripts.test.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { chartDir } from '../src/charts.js';
import { helm, HELM_MAJORS, type HelmMajor } from '../src/helm.js';
import { startPlane, waitUntil, type Plane } from '../src/plane.js';

const NODES = `
pools:
  - name: batch
    count: 1
    allocatable: { cpu: "16", memory: 64Gi, pods: 110 }
`;
const dir = chartDir('migration');
const RELEASE = 'rel';
const CLAIMS = ['data-v1', 'data-v2', 'data-backup'];

/** A plan with a step of every marker kind, API access of its own, a Secret and a restore. */
function planValues(revision: string): string {
  const values = {
    plan: { revision },
    volumes: { source: { claimName: 'data-v1' }, destination: { claimName: 'data-v2' }, backup: { claimName: 'data-backup' } },
    secrets: { 'migration-credentials': { token: 'not-a-secret' } },
    steps: {
      drain: {
        order: 1,
        type: 'custom',
        image: { repository: 'registry.example.com/platform/kubectl', tag: '1.35' },
        command: ['kubectl', 'scale', 'deployment/api', '--replicas=0'],
        activeDeadlineSeconds: 120,
        rbac: {
          rules: [{ apiGroups: ['apps'], resources: ['deployments/scale'], resourceNames: ['api'], verbs: ['get', 'patch'] }],
          clusterRules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }],
        },
      },
      backup: { order: 10, type: 'backup', preset: 'rsync', activeDeadlineSeconds: 600, rsync: { from: 'destination', to: 'backup', toPath: 'before-migration', delete: true } },
      copy: { order: 20, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 600, rsync: { from: 'source', to: 'destination' } },
      schema: { order: 30, type: 'migrate', preset: 'schema-migration', activeDeadlineSeconds: 600, image: { repository: 'registry.example.com/app/migrations', tag: '2.0.0' }, schemaMigration: { tool: 'alembic' } },
      restore: { order: 40, type: 'restore', preset: 'rsync', activeDeadlineSeconds: 600, undoes: ['copy'], rsync: { from: 'backup', fromPath: 'before-migration', to: 'destination', delete: true } },
    },
  };
  const file = join(mkdtempSync(join(tmpdir(), 'cf-migration-plan-')), 'values.yaml');
  writeFileSync(file, stringify(values));
  return file;
}

const job = (step: string) => `${RELEASE}-migration-${step}`;

let plane: Plane;
beforeAll(async () => {
  plane = await startPlane({ nodes: NODES });
});
afterAll(async () => {
  await plane?.stop();
});

describe.each(HELM_MAJORS)('charts/migration hooks on the control plane (helm %s)', (major: HelmMajor) => {
  const namespace = `migration-${major}`;
  const revision1 = planValues('1');
  const revision2 = planValues('2');

  const helmOn = (args: string[]) => helm(major, [...args, '--namespace', namespace, '--kubeconfig', plane.kubeconfig]);
  const helmOk = (args: string[]) => {
    const result = helmOn(args);
    if (result.status !== 0) throw new Error(`helm ${major} ${args.join(' ')} failed:\n${result.stderr}\n${plane.trouble()}`);
    return result.stdout;
  };
  const json = <T>(args: string[]) => JSON.parse(plane.kubectlOk([...args, '-o', 'json'])) as T;

  /** Every Job the Job controller created pods for, by uid: a Job deleted since still has its event. */
  const jobsSeen = () => {
    const events = json<{ items: { involvedObject: { name: string; uid: string } }[] }>(['get', 'events', '-n', namespace, '--field-selector', 'involvedObject.kind=Job,reason=SuccessfulCreate']);
    return new Map(events.items.map((event) => [event.involvedObject.uid, event.involvedObject.name]));
  };
  /** The Jobs a helm command created, once the cluster has recorded the ones expected. */
  const jobsCreatedBy = async (command: () => void, expected: string[]) => {
    const before = jobsSeen();
    command();
    const created = () => [...jobsSeen()].filter(([uid]) => !before.has(uid)).map(([, name]) => name).sort();
    await waitUntil(`the events of ${expected.join(', ')}`, () => expected.every((name) => created().includes(name)));
    return created();
  };
  /** What the release left in the namespace and the cluster, besides the claims the test created. */
  const leftovers = () => {
    const namespaced = json<{ items: { kind: string; metadata: { name: string } }[] }>(['get', 'jobs,pods,serviceaccounts,roles,rolebindings,secrets,configmaps', '-n', namespace]).items;
    const cluster = json<{ items: { kind: string; metadata: { name: string } }[] }>(['get', 'clusterroles,clusterrolebindings', '-l', `app.kubernetes.io/instance=${RELEASE}`]).items;
    return [...namespaced, ...cluster]
      .map((object) => `${object.kind}/${object.metadata.name}`)
      // The namespace's own defaults, and Helm's records of the release (deleted by uninstall).
      .filter((key) => key !== 'ServiceAccount/default' && key !== 'ConfigMap/kube-root-ca.crt' && !key.startsWith('Secret/sh.helm.release.v1.'))
      .sort();
  };
  const leftoversBecome = async (expected: string[]) => {
    await waitUntil(`${namespace} holds ${expected.join(', ') || 'nothing of the release'}`, () => JSON.stringify(leftovers()) === JSON.stringify(expected));
  };
  /** The hooks Helm stored for a release revision: what that revision runs, also when rolled back to. */
  const hookJob = (revision: number, step: string) => {
    const hooks = parseAllDocuments(helmOk(['get', 'hooks', RELEASE, '--revision', String(revision)])).map((d) => d.toJS());
    return hooks.find((hook) => hook?.kind === 'Job' && hook.metadata.name === job(step));
  };
  const releaseStatus = () => (JSON.parse(helmOk(['status', RELEASE, '-o', 'json'])) as { info: { status: string } }).info.status;
  const markerId = (revision: number, step: string) => String(hookJob(revision, step).metadata.annotations['chartforge.dev/marker']).split(' ')[1];

  beforeAll(async () => {
    plane.createRestrictedNamespace(namespace);
    const claims = CLAIMS.map((name) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'kwok-volume' },
    }));
    plane.kubectlOk(['apply', '-f', '-'], claims.map((claim) => stringify(claim)).join('---\n'));
    await waitUntil('the claims are bound', () => json<{ items: { status: { phase?: string } }[] }>(['get', 'pvc', '-n', namespace]).items.every((claim) => claim.status.phase === 'Bound'));
  });

  it('item 8: installs with every install step run once, then deletes the Jobs and everything they needed', async () => {
    const created = await jobsCreatedBy(() => helmOk(['install', RELEASE, dir, '-f', revision1, '--wait', '--timeout', '300s']), [job('schema')]);
    expect(created).toEqual([job('backup'), job('copy'), job('drain'), job('schema')]);
    await leftoversBecome([]);
  });

  it('item 9: leaves a step whose ConfigMap marker holds this revision out of the next upgrade', async () => {
    // What the record-marker containers write after the steps succeeded (kwok runs no container).
    const markers = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${RELEASE}-migration-markers`, namespace }, data: { schema: markerId(1, 'schema'), drain: markerId(1, 'drain') } };
    plane.kubectlOk(['apply', '-f', '-'], stringify(markers));
    const created = await jobsCreatedBy(() => helmOk(['upgrade', RELEASE, dir, '-f', revision1, '--wait', '--timeout', '300s']), [job('copy')]);
    expect(created).toEqual([job('backup'), job('copy')]);
    expect(hookJob(2, 'schema')).toBeUndefined();
    await leftoversBecome(['ConfigMap/rel-migration-markers']);
  });

  it('item 6: helm rollback runs the restore of the revision rolled back to, with that revision\'s markers, and nothing else', async () => {
    const upgraded = await jobsCreatedBy(() => helmOk(['upgrade', RELEASE, dir, '-f', revision2, '--wait', '--timeout', '300s']), [job('schema')]);
    expect(upgraded).toEqual([job('backup'), job('copy'), job('drain'), job('schema')]);
    const rolledBack = await jobsCreatedBy(() => helmOk(['rollback', RELEASE, '2', '--wait', '--timeout', '300s']), [job('restore')]);
    expect(rolledBack).toEqual([job('restore')]);
    const restore = hookJob(4, 'restore');
    const env = Object.fromEntries(restore.spec.template.spec.containers[0].env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env.CF_UNDONE_MARKERS).toBe(`/data/destination/.chartforge-migration/${RELEASE}-migration/copy=${markerId(2, 'copy')}`);
    expect(markerId(2, 'copy')).not.toBe(markerId(3, 'copy'));
    await leftoversBecome(['ConfigMap/rel-migration-markers']);
  });

  it('issue 15: a failed pre-upgrade step fails the release; the same upgrade with the cause fixed recovers it', async () => {
    // No node matches: the first step's pod never schedules and its Job fails at its deadline.
    const failed = helmOn(['upgrade', RELEASE, dir, '-f', revision2, '--set', 'nodeSelector.pool=none', '--set', 'steps.drain.activeDeadlineSeconds=3', '--wait', '--timeout', '300s']);
    expect(failed.status).not.toBe(0);
    expect(releaseStatus()).toBe('failed');
    expect(leftovers()).toContain(`Job/${job('drain')}`);
    const recovered = await jobsCreatedBy(() => helmOk(['upgrade', RELEASE, dir, '-f', revision2, '--wait', '--timeout', '300s']), [job('copy')]);
    expect(recovered).toContain(job('drain'));
    expect(releaseStatus()).toBe('deployed');
    await leftoversBecome(['ConfigMap/rel-migration-markers']);
  });

  it('item 8: helm uninstall after a failed upgrade leaves only the failed Job (until its TTL), the markers and the claims', async () => {
    expect(helmOn(['upgrade', RELEASE, dir, '-f', revision2, '--set', 'nodeSelector.pool=none', '--set', 'steps.drain.activeDeadlineSeconds=3', '--wait', '--timeout', '300s']).status).not.toBe(0);
    helmOk(['uninstall', RELEASE, '--wait', '--timeout', '300s']);
    await leftoversBecome(['ConfigMap/rel-migration-markers', `Job/${job('drain')}`]);
    expect(json<{ items: unknown[] }>(['get', 'pvc', '-n', namespace]).items).toHaveLength(CLAIMS.length);
  });
});
