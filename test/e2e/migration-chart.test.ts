import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { validate } from '@chartforge/validator';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { chartDir, ciValuesFiles, filesOnDisk, regenerate } from '../src/charts.js';
import { helm, helmTemplate, HELM_MAJORS } from '../src/helm.js';
import { expectSchemaRejection } from '../src/chart-assertions.js';

const dir = chartDir('migration');
const ciFiles = ciValuesFiles('migration').filter((f): f is string => f !== undefined);

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: any;
  [key: string]: unknown;
}

function manifests(rendered: string): Manifest[] {
  return parseAllDocuments(rendered)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((doc): doc is Manifest => doc !== null);
}

function valuesFile(values: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cf-migration-values-')), 'values.yaml');
  writeFileSync(file, stringify(values));
  return file;
}

/** The order Helm runs hooks of one event in: weight, then kind (install order), then name. */
const INSTALL_ORDER = ['Namespace', 'ServiceAccount', 'Secret', 'ConfigMap', 'PersistentVolumeClaim', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'Job', 'Pod'];
function helmHookOrder(resources: Manifest[], event: string): Manifest[] {
  return resources
    .filter((r) => (r.metadata.annotations?.['helm.sh/hook'] ?? '').split(',').includes(event))
    .sort((a, b) => {
      const weight = Number(a.metadata.annotations!['helm.sh/hook-weight'] ?? 0) - Number(b.metadata.annotations!['helm.sh/hook-weight'] ?? 0);
      if (weight !== 0) return weight;
      const kind = INSTALL_ORDER.indexOf(a.kind) - INSTALL_ORDER.indexOf(b.kind);
      return kind !== 0 ? kind : a.metadata.name.localeCompare(b.metadata.name);
    });
}

const volumes = { source: { claimName: 'data-v1' }, destination: { claimName: 'data-v2' }, backup: { create: { enabled: true } } };

describe('charts/migration', () => {
  it('is exactly what the generator makes of the default spec (no drift)', () => {
    const generated = regenerate('migration');
    const committed = filesOnDisk(dir);
    expect([...committed.keys()]).toEqual([...generated.keys()]);
    for (const [path, content] of generated) expect(committed.get(path), path).toBe(content);
  });

  it('ships its step scripts in files/, where a Job mounts them from', () => {
    const files = [...filesOnDisk(dir).keys()].filter((p) => p.startsWith('files/')).map((p) => basename(p));
    expect(files).toEqual(['lib.sh', 'pg-dump.sh', 'pg-restore.sh', 'rclone.sh', 'row-counts.sql', 'rsync.sh', 'verify-files.sh', 'verify-rows.sh']);
  });

  describe.each(HELM_MAJORS)('helm %s', (major) => {
    it.each([['default values', undefined] as const, ...ciFiles.map((f) => [basename(f), f] as const)])('lints --strict and renders with %s', (_name, values) => {
      const extra = values ? ['-f', values] : [];
      const lint = helm(major, ['lint', '--strict', dir, ...extra]);
      expect(lint.status, lint.stdout + lint.stderr).toBe(0);
      const render = helm(major, ['template', 'release', dir, ...extra]);
      expect(render.status, render.stderr).toBe(0);
      if (values) expect(render.stdout).toContain('kind: Job');
    });

    it.each([
      ['plan.dryRun=maybe', /dryRun/],
      ['steps.copy.order=-1,steps.copy.type=migrate,steps.copy.activeDeadlineSeconds=60', /order/],
      ['steps.copy.order=1,steps.copy.type=migrate,steps.copy.preset=rsink,steps.copy.activeDeadlineSeconds=60', /preset/],
      ['steps.copy.order=1,steps.copy.type=migrate,steps.copy.preset=rsync', /activeDeadlineSeconds/],
      ['steps.Copy_1.order=1,steps.Copy_1.type=migrate,steps.Copy_1.activeDeadlineSeconds=60', /Copy_1/],
      ['steps.copy.order=1,steps.copy.type=migrate,steps.copy.activeDeadlineSeconds=0', /activeDeadlineSeconds/],
      ['volumes.backup.create.accessModes={ReadWriteSometimes}', /accessModes/],
    ])('rejects --set %s through values.schema.json', (set, field) => expectSchemaRejection(major, dir, set, field));

    it.each([
      [
        'steps.b.order=20',
        'steps.b.order: must be unique among enabled steps: step "a" has order 20 too',
        { steps: { a: { order: 20, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 60 }, b: { order: 10, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 60, rsync: { to: 'backup' } } } },
      ],
      [
        'plan.helmTimeoutSeconds=100',
        'plan.helmTimeoutSeconds: the pre-install steps may run 120s (the sum of their activeDeadlineSeconds), longer than 100s',
        { steps: { a: { order: 1, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 60 }, b: { order: 2, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 60, rsync: { to: 'backup' } } } },
      ],
      ['steps.a.preset=pg-dump', 'steps.a.preset: preset "pg-dump" cannot run a migrate step', { steps: { a: { order: 1, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 60 } } }],
      ['steps.a.command={rsync}', 'steps.a.command: must be empty for preset "rsync"', { steps: { a: { order: 1, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 60 } } }],
      ['volumes.destination.claimName=', 'volumes.destination.claimName: step "a" uses the destination volume', { steps: { a: { order: 1, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 60 } } }],
      ['plan.argocd=true', 'volumes.backup.create.enabled: with plan.argocd the chart cannot create a claim', { steps: { a: { order: 1, type: 'backup', preset: 'rsync', activeDeadlineSeconds: 60, rsync: { to: 'backup' } } } }],
      [
        'steps.a.postgres.database=nope',
        'steps.a.postgres.database: must name an entry of databases; "nope" is not one',
        { databases: { app: { host: 'db', database: 'app', credentialsSecret: 'db' } }, steps: { a: { order: 1, type: 'backup', preset: 'pg-dump', activeDeadlineSeconds: 60, postgres: { database: 'app' } } } },
      ],
      ['steps.a.undoes={b}', 'steps.a.undoes: only restore steps undo other steps', { steps: { a: { order: 1, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 60 } } }],
      [
        'steps.r.rsync.to=backup',
        'steps.r.undoes: step "copy" keeps its marker on the destination volume, which this restore does not write',
        {
          steps: {
            copy: { order: 1, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 60 },
            r: { order: 2, type: 'restore', preset: 'rsync', activeDeadlineSeconds: 60, undoes: ['copy'], rsync: { from: 'backup', fromPath: 'snapshot', to: 'destination' } },
          },
        },
      ],
      [
        'steps.r.undoes={nope}',
        'steps.r.undoes: "nope" is not an enabled step of the plan',
        { steps: { copy: { order: 1, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 60 }, r: { order: 2, type: 'restore', preset: 'rsync', activeDeadlineSeconds: 60, undoes: ['copy'], rsync: { from: 'backup', to: 'destination' } } } },
      ],
    ])('enforces rules across values at render time: --set %s', (set, message, plan) => {
      const file = valuesFile({ volumes, ...plan });
      expect(helm(major, ['template', 'release', dir, '-f', file]).status).toBe(0);
      const result = helm(major, ['template', 'release', dir, '-f', file, '--set', set]);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(message);
    });
  });

  it.each([['default values', undefined] as const, ...ciFiles.map((f) => [basename(f), f] as const)])(
    'renders strictly valid Kubernetes 1.35 manifests with %s',
    async (_name, values) => {
      const rendered = helmTemplate('v4', dir, values ? ['-f', values] : []);
      const report = await validate({ files: [{ name: 'migration.yaml', text: rendered }] }, { kubernetesVersion: '1.35.0', strict: true });
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      if (values) expect(report.summary.valid).toBeGreaterThan(3);
    },
  );

  it.each([['default values', undefined] as const, ...ciFiles.map((f) => [basename(f), f] as const)])('installs with helm 4 --dry-run=client with %s', (_name, values) => {
    const result = helm('v4', ['install', 'release', dir, '--dry-run=client', ...(values ? ['-f', values] : [])]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('STATUS: pending-install');
  });

  describe('hook order', () => {
    const presets = [
      { type: 'backup', preset: 'rsync', rsync: { from: 'destination', to: 'backup' } },
      { type: 'migrate', preset: 'rsync' },
      { type: 'migrate', preset: 'none', image: { repository: 'registry.example.com/tool', tag: '1' }, command: ['migrate'] },
      { type: 'verify', preset: 'verify-files', verifyFiles: { from: 'source', to: 'destination' } },
      { type: 'custom', preset: 'none', image: { repository: 'registry.example.com/tool', tag: '1' }, command: ['notify'], phases: ['post-install', 'post-upgrade'] },
    ];
    // Names in reverse alphabetical order and scattered orders, so neither name nor declaration order can pass for the plan order.
    const names = ['zeta', 'echo', 'delta', 'charlie', 'bravo'];
    const orders = [40, 5, 17, 300, 1000];

    it.each([1, 2, 3, 4, 5])('runs a plan of %i step(s) in the declared order, after everything the steps need', (count) => {
      const steps = Object.fromEntries(names.slice(0, count).map((name, i) => [name, { order: orders[i], activeDeadlineSeconds: 60 * (i + 1), ...presets[i] }]));
      const declared = Object.entries(steps).sort(([, a], [, b]) => a.order! - b.order!);
      const resources = manifests(helmTemplate('v4', dir, ['-f', valuesFile({ volumes, steps })]));
      const jobs = resources.filter((r) => r.kind === 'Job');
      expect(jobs).toHaveLength(count);

      for (const [name, step] of declared) {
        const job = jobs.find((j) => j.metadata.labels?.['chartforge.dev/step'] === name)!;
        expect(job.metadata.annotations!['helm.sh/hook-weight']).toBe(String(step.order));
        expect(job.metadata.annotations!['helm.sh/hook']).toBe(((step as { phases?: string[] }).phases ?? ['pre-install', 'pre-upgrade']).join(','));
        expect(job.metadata.annotations!['helm.sh/hook-delete-policy']).toBe('before-hook-creation,hook-succeeded');
        expect(job.spec.activeDeadlineSeconds).toBe(step.activeDeadlineSeconds);
        expect(job.spec.template.spec.restartPolicy).toBe('Never');
      }

      for (const event of ['pre-install', 'pre-upgrade', 'post-install', 'post-upgrade']) {
        const sequence = helmHookOrder(resources, event);
        const stepsInEvent = declared.filter(([, s]) => ((s as { phases?: string[] }).phases ?? ['pre-install', 'pre-upgrade']).includes(event)).map(([name]) => name);
        expect(sequence.filter((r) => r.kind === 'Job').map((r) => r.metadata.labels?.['chartforge.dev/step'])).toEqual(stepsInEvent);
        if (stepsInEvent.length === 0) continue;
        // Everything a step needs is created before the first step of every event the plan uses.
        const firstJob = sequence.findIndex((r) => r.kind === 'Job');
        const support = sequence.slice(0, firstJob).map((r) => r.kind);
        expect(support).toEqual(expect.arrayContaining(['ServiceAccount', 'ConfigMap']));
        expect(sequence.slice(firstJob).every((r) => r.kind === 'Job')).toBe(true);
      }
    });

    it('creates a missing claim in the first phase of this install or upgrade and never deletes it', () => {
      const steps = { copy: { order: 1, type: 'backup', preset: 'rsync', activeDeadlineSeconds: 60, rsync: { to: 'backup' } } };
      const file = valuesFile({ volumes, steps });
      const onInstall = manifests(helmTemplate('v4', dir, ['-f', file])).find((r) => r.kind === 'PersistentVolumeClaim')!;
      expect(onInstall.metadata.name).toBe('release-migration-backup');
      expect(onInstall.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install', 'helm.sh/hook-weight': '-20', 'helm.sh/hook-delete-policy': 'hook-failed', 'helm.sh/resource-policy': 'keep' });
      const onUpgrade = manifests(helmTemplate('v4', dir, ['-f', file, '--is-upgrade'])).find((r) => r.kind === 'PersistentVolumeClaim')!;
      expect(onUpgrade.metadata.annotations!['helm.sh/hook']).toBe('pre-upgrade');
    });
  });

  describe('safety', () => {
    const render = (file: string, args: string[] = []) => manifests(helmTemplate('v4', dir, ['-f', join(dir, 'ci', file), ...args]));

    it('clears a ConfigMap marker before the step and records it only after the step succeeded, with a Role of that step limited to the markers ConfigMap', () => {
      const resources = render('postgres-values.yaml');
      const restore = resources.find((r) => r.kind === 'Job' && r.metadata.name === 'release-migration-restore')!;
      const pod = restore.spec.template.spec;
      expect(pod.initContainers.map((c: { name: string }) => c.name)).toEqual(['clear-marker', 'step']);
      expect(pod.containers.map((c: { name: string }) => c.name)).toEqual(['record-marker']);
      expect(pod.initContainers[0].args).toEqual(expect.arrayContaining(['--server-side', '--field-manager=chartforge-restore', '--filename=/opt/chartforge/marker-clear-restore.yaml']));
      expect(pod.containers[0].args).toEqual(expect.arrayContaining(['--server-side', '--field-manager=chartforge-restore', '--filename=/opt/chartforge/marker-restore.yaml']));
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.serviceAccountName).toBe('release-migration-restore');
      // The token reaches only the containers that write the marker.
      expect(pod.initContainers[1].volumeMounts.map((m: { name: string }) => m.name)).not.toContain('api-access');
      const role = resources.find((r) => r.kind === 'Role' && r.metadata.name === 'release-migration-restore')!;
      expect((role as { rules?: unknown[] }).rules).toEqual([
        { apiGroups: [''], resources: ['configmaps'], resourceNames: ['release-migration-markers'], verbs: ['get', 'patch'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
      ]);
      expect(resources.some((r) => r.kind === 'ClusterRole')).toBe(false);
      const scripts = resources.find((r) => r.kind === 'ConfigMap' && r.metadata.name === 'release-migration-scripts') as unknown as { data: Record<string, string> };
      const marker = parseAllDocuments(scripts.data['marker-restore.yaml']!)[0]!.toJS();
      expect(marker).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'release-migration-markers' }, data: { restore: restore.metadata.annotations!['chartforge.dev/marker']!.split(' ')[1] } });
      const clear = parseAllDocuments(scripts.data['marker-clear-restore.yaml']!)[0]!.toJS();
      expect(clear).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: marker.metadata });
    });

    it('keeps file markers on the volume a step writes, and verify steps unmarked', () => {
      const resources = render('files-values.yaml');
      const env = (name: string) =>
        Object.fromEntries(
          resources.find((r) => r.kind === 'Job' && r.metadata.labels?.['chartforge.dev/step'] === name)!.spec.template.spec.containers[0].env.map((e: { name: string; value: string }) => [e.name, e.value]),
        );
      expect(env('copy')).toMatchObject({ CF_MARKER: 'file', CF_MARKER_DIR: '/data/destination/.chartforge-migration/release-migration', CF_FROM_DIR: '/data/source/models', CF_TO_DIR: '/data/destination/models' });
      expect(env('backup')).toMatchObject({ CF_MARKER: 'file', CF_MARKER_DIR: '/data/backup/.chartforge-migration/release-migration' });
      expect(env('verify')).toMatchObject({ CF_MARKER: 'none' });
      expect(resources.some((r) => r.kind === 'Role')).toBe(false);
    });

    it('changes a step\'s marker id when the step or plan.revision changes, not when its resources do', () => {
      const markerOf = (args: string[]) =>
        render('files-values.yaml', args).find((r) => r.kind === 'Job' && r.metadata.labels?.['chartforge.dev/step'] === 'copy')!.metadata.annotations!['chartforge.dev/marker'];
      const base = markerOf([]);
      expect(markerOf(['--set', 'steps.copy.resources.limits.memory=4Gi'])).toBe(base);
      expect(markerOf(['--set', 'steps.copy.activeDeadlineSeconds=5000'])).toBe(base);
      expect(markerOf(['--set-string', 'plan.revision=2'])).not.toBe(base);
      expect(markerOf(['--set', 'images.rsync.tag=alpine3.22'])).not.toBe(base);
      expect(markerOf(['--set', 'steps.copy.rsync.delete=false'])).not.toBe(base);
    });

    it('mounts the source volume read-only in every step', () => {
      for (const file of ciFiles) {
        for (const r of manifests(helmTemplate('v4', dir, ['-f', file]))) {
          const pod = r.kind === 'Job' ? r.spec.template.spec : r.kind === 'Pod' ? r.spec : undefined;
          for (const volume of pod?.volumes ?? []) if (volume.name === 'data-source') expect(volume.persistentVolumeClaim.readOnly, `${basename(file)} ${r.metadata.name}`).toBe(true);
        }
      }
    });

    it('runs every step in its no-write mode in a dry run, and writes no marker', () => {
      const resources = render('dry-run-values.yaml');
      const jobs = resources.filter((r) => r.kind === 'Job');
      for (const job of jobs) {
        const pod = job.spec.template.spec;
        expect(pod.initContainers, job.metadata.name).toBeUndefined();
        expect(pod.containers[0].env).toContainEqual({ name: 'CF_DRY_RUN', value: 'true' });
      }
      const container = (name: string) => jobs.find((j) => j.metadata.labels?.['chartforge.dev/step'] === name)?.spec.template.spec.containers[0];
      expect(container('reindex')).toMatchObject({ command: ['reindex'], args: ['--all', '--check'] });
      // A custom step without a read-only command sits a dry run out.
      expect(container('notify')).toBeUndefined();
      expect(resources.some((r) => r.kind === 'Role')).toBe(false);
    });

    it('exposes verify steps as helm test pods that check for real, after a dry run too', () => {
      const tests = render('dry-run-values.yaml').filter((r) => r.metadata.annotations?.['helm.sh/hook'] === 'test');
      expect(tests.map((t) => `${t.kind}/${t.metadata.name}`)).toEqual(['Pod/release-migration-test-verify']);
      expect(tests[0]!.spec.containers[0].env).toContainEqual({ name: 'CF_DRY_RUN', value: 'false' });
      expect(tests[0]!.spec.restartPolicy).toBe('Never');
      expect(render('all-features-values.yaml').filter((r) => r.metadata.annotations?.['helm.sh/hook'] === 'test')).toEqual([]);
    });

    it('meets Pod Security Standards "restricted" in every container', () => {
      for (const file of ciFiles) {
        for (const r of manifests(helmTemplate('v4', dir, ['-f', file]))) {
          const pod = r.kind === 'Job' ? r.spec.template.spec : r.kind === 'Pod' ? r.spec : undefined;
          if (!pod) continue;
          expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
          for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
            expect(c.securityContext, `${basename(file)} ${r.metadata.name}/${c.name}`).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
            expect(c.volumeMounts).toContainEqual(expect.objectContaining({ name: 'tmp', mountPath: '/tmp' }));
          }
        }
      }
    });

    it('asks for cluster-wide permissions only when a step does, and maps Argo CD hooks', () => {
      const resources = render('all-features-values.yaml');
      const clusterRole = resources.find((r) => r.kind === 'ClusterRole') as unknown as { rules: unknown[] };
      expect(clusterRole.rules).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }]);
      const annotations = (step: string) => resources.find((r) => r.kind === 'Job' && r.metadata.labels?.['chartforge.dev/step'] === step)!.metadata.annotations!;
      expect(annotations('snapshot')).toMatchObject({ 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/sync-wave': '10' });
      expect(annotations('smoke')['argocd.argoproj.io/hook']).toBe('PostSync');
      expect(annotations('rollback')['argocd.argoproj.io/hook']).toBe('Skip');
      expect(resources.some((r) => r.metadata.labels?.['chartforge.dev/step'] === 'disabled')).toBe(false);
    });
  });

  describe.each(HELM_MAJORS)('on a cluster, from the render (issue 16, items 6-9; helm %s)', (major) => {
    const render = (file: string, args: string[] = []) => manifests(helmTemplate(major, dir, ['-f', join(dir, 'ci', file), ...args]));
    const job = (resources: Manifest[], step: string) => resources.find((r) => r.kind === 'Job' && r.metadata.labels?.['chartforge.dev/step'] === step)!;
    const events = (r: Manifest) => (r.metadata.annotations?.['helm.sh/hook'] ?? '').split(',');
    const stepContainer = (pod: any) => [...(pod.initContainers ?? []), ...pod.containers].find((c: { name: string }) => c.name === 'step');
    const env = (container: { env: { name: string; value: string }[] }) => Object.fromEntries(container.env.map((e) => [e.name, e.value]));

    it('item 8: step Jobs go away when their phase succeeded, a failed one after plan.ttlSecondsAfterFinished', () => {
      for (const file of ciFiles) {
        for (const r of render(basename(file)).filter((d) => d.kind === 'Job')) {
          expect(r.metadata.annotations!['helm.sh/hook-delete-policy'], `${basename(file)} ${r.metadata.name}`).toBe('before-hook-creation,hook-succeeded');
          expect(r.spec.ttlSecondsAfterFinished).toBe(86400);
        }
      }
      expect(job(render('files-values.yaml', ['--set', 'plan.ttlSecondsAfterFinished=600']), 'copy').spec.ttlSecondsAfterFinished).toBe(600);
    });

    it('item 8: every supporting resource is deleted when its phase ends, and on helm uninstall; only claims are kept', () => {
      for (const file of ciFiles) {
        for (const r of render(basename(file))) {
          const what = `${basename(file)} ${r.kind}/${r.metadata.name}`;
          // all-features-values.yaml's extraObjects: the user's own object, released with the chart.
          if (`${r.kind}/${r.metadata.name}` === 'ConfigMap/release-extra') continue;
          expect(r.metadata.annotations?.['helm.sh/hook'], what).toBeDefined();
          if (r.kind === 'Job' || events(r).includes('test')) continue;
          if (r.kind === 'PersistentVolumeClaim') {
            expect(r.metadata.annotations!['helm.sh/resource-policy'], what).toBe('keep');
            continue;
          }
          expect(r.metadata.annotations!['helm.sh/hook-delete-policy'], what).toBe('before-hook-creation,hook-succeeded');
          expect(events(r), what).toContain('pre-delete');
        }
      }
      // Support resources exist for `helm test` too, which the verify pods run with.
      const files = render('files-values.yaml');
      const scripts = files.find((r) => r.metadata.name === 'release-migration-scripts')!;
      expect(events(scripts)).toEqual(['pre-install', 'pre-upgrade', 'pre-rollback', 'test', 'pre-delete']);
    });

    it('item 8: a step that calls the API has its own ServiceAccount and Role with only its own rules', () => {
      const resources = render('all-features-values.yaml');
      const rules = (kind: string, name: string) => (resources.find((r) => r.kind === kind && r.metadata.name === name) as unknown as { rules: unknown[] }).rules;
      const markerRules = [
        { apiGroups: [''], resources: ['configmaps'], resourceNames: ['release-migrate-markers'], verbs: ['get', 'patch'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
      ];
      expect(resources.filter((r) => r.kind === 'Role').map((r) => r.metadata.name).sort()).toEqual(['release-migrate-alembic', 'release-migrate-drain', 'release-migrate-liquibase', 'release-migrate-rollback']);
      // drain records its own marker and scales the API; the others only touch markers.
      expect(rules('Role', 'release-migrate-drain')).toEqual([...markerRules, { apiGroups: ['apps'], resources: ['deployments/scale'], resourceNames: ['api'], verbs: ['get', 'patch', 'update'] }]);
      expect(rules('Role', 'release-migrate-liquibase')).toEqual(markerRules);
      expect(rules('Role', 'release-migrate-alembic')).toEqual(markerRules);
      expect(rules('Role', 'release-migrate-rollback')).toEqual(markerRules);
      const clusterRoles = resources.filter((r) => r.kind === 'ClusterRole');
      expect(clusterRoles).toHaveLength(1);
      const clusterBinding = resources.find((r) => r.kind === 'ClusterRoleBinding') as unknown as { subjects: { name: string }[]; roleRef: { name: string } };
      expect(clusterBinding).toMatchObject({ roleRef: { name: clusterRoles[0]!.metadata.name }, subjects: [{ name: 'release-migrate-drain' }] });
      for (const binding of resources.filter((r) => r.kind === 'RoleBinding') as unknown as { metadata: { name: string }; roleRef: { name: string }; subjects: { name: string }[] }[]) {
        expect(binding.roleRef.name).toBe(binding.metadata.name);
        expect(binding.subjects.map((subject) => subject.name)).toEqual([binding.metadata.name]);
      }
      expect(job(resources, 'drain').spec.template.spec.serviceAccountName).toBe('release-migrate-drain');
      // A step that never calls the API runs as the plan's ServiceAccount, which nothing is bound to.
      expect(job(resources, 'snapshot').spec.template.spec.serviceAccountName).toBe('release-migrate');
      // Per-step ServiceAccounts are hooks of that step's phases only.
      expect(events(resources.find((r) => r.kind === 'ServiceAccount' && r.metadata.name === 'release-migrate-rollback')!)).toEqual(['pre-rollback', 'pre-delete']);
    });

    it('item 9: steps with your own image run its command without a shell; only preset scripts use sh', () => {
      for (const file of ciFiles) {
        for (const r of render(basename(file)).filter((d) => d.kind === 'Job')) {
          const container = stepContainer(r.spec.template.spec);
          const preset = r.metadata.annotations!['chartforge.dev/preset']!;
          if (['schema-migration', 'none'].includes(preset)) expect(container.command[0], `${basename(file)} ${r.metadata.name}`).not.toBe('sh');
          else expect(container.command, `${basename(file)} ${r.metadata.name}`).toEqual(['sh', expect.stringMatching(/^\/opt\/chartforge\/[a-z-]+\.sh$/)]);
        }
      }
      const resources = render('all-features-values.yaml');
      expect(stepContainer(job(resources, 'alembic').spec.template.spec)).toMatchObject({ command: ['alembic'], args: ['upgrade', 'head'] });
      expect(stepContainer(job(resources, 'liquibase').spec.template.spec)).toMatchObject({ command: ['liquibase'], args: ['update', '--changelog-file=changelog.yaml'] });
      expect(stepContainer(job(resources, 'drain').spec.template.spec)).toMatchObject({ command: ['kubectl', 'scale', 'deployment/api', '--replicas=0'] });
      // The marker containers run kubectl's own entrypoint: no shell in that image either.
      for (const c of job(resources, 'alembic').spec.template.spec.initContainers.concat(job(resources, 'alembic').spec.template.spec.containers)) {
        if (c.name !== 'step') expect(c.command, c.name).toBeUndefined();
      }
    });

    it('item 6: a restore is a pre-rollback hook that carries the markers of the revision it was deployed with', () => {
      const revision = (plan: string) => {
        const resources = render('files-values.yaml', ['--set-string', `plan.revision=${plan}`]);
        const restore = job(resources, 'restore');
        return { restore, copyId: job(resources, 'copy').metadata.annotations!['chartforge.dev/marker']!.split(' ')[1] };
      };
      const one = revision('1');
      const two = revision('2');
      expect(one.restore.metadata.annotations!['helm.sh/hook']).toBe('pre-rollback');
      expect(one.restore.metadata.annotations!['chartforge.dev/marker']).toMatch(/^none /);
      expect(env(stepContainer(one.restore.spec.template.spec)).CF_UNDONE_MARKERS).toBe(`/data/destination/.chartforge-migration/release-migration/copy=${one.copyId}`);
      expect(env(stepContainer(two.restore.spec.template.spec)).CF_UNDONE_MARKERS).toBe(`/data/destination/.chartforge-migration/release-migration/copy=${two.copyId}`);
      expect(one.copyId).not.toBe(two.copyId);
      // It writes the volume holding the marker of the step it undoes.
      expect(one.restore.spec.template.spec.volumes).toContainEqual({ name: 'data-destination', persistentVolumeClaim: { claimName: 'model-store-v2', readOnly: false } });
    });

    it('item 7: a restore sets the ConfigMap markers of the steps it undoes back, as those steps\' own field manager', () => {
      const resources = render('all-features-values.yaml');
      const pod = job(resources, 'rollback').spec.template.spec;
      // The user's extraInitContainers run first; the step is the last init container.
      expect(pod.initContainers.map((c: { name: string }) => c.name).at(-1)).toBe('step');
      expect(pod.containers.map((c: { name: string }) => c.name)).toEqual(['reset-marker-alembic']);
      expect(pod.containers[0].args).toEqual(expect.arrayContaining(['--field-manager=chartforge-alembic', '--filename=/opt/chartforge/marker-alembic.yaml']));
      expect(stepContainer(pod).volumeMounts).toContainEqual({ name: 'markers', mountPath: '/run/chartforge/markers', readOnly: true });
      const alembicId = job(resources, 'alembic').metadata.annotations!['chartforge.dev/marker']!.split(' ')[1];
      expect(env(stepContainer(pod)).CF_UNDONE_MARKERS).toBe(`/run/chartforge/markers/alembic=${alembicId}`);
    });
  });

  it('states the helm --timeout the plan needs in NOTES.txt', () => {
    const result = helm('v4', ['install', 'release', dir, '--dry-run=client', '-f', join(dir, 'ci', 'files-values.yaml')]);
    expect(result.stdout).toContain('--timeout 10800s');
    expect(result.stdout).toMatch(/weight 10: backup \(backup, rsync, deadline 3600s, marker: file\)\n\s+weight 20: copy/);
    // What upgrade failure, rollback and uninstall do (issue 16).
    expect(result.stdout).toContain('weight 40: restore (restore, rsync, deadline 3600s, marker: none, undoes: copy)');
    expect(result.stdout).toContain('helm rollback runs the pre-rollback steps of the revision it rolls back TO');
    expect(result.stdout).toContain('Rolling back to this revision runs its restore step(s) restore');
    expect(result.stdout).toContain('kubectl logs --namespace default job/release-migration-copy --all-containers');
    expect(result.stdout).toContain('helm uninstall keeps the claims the chart created');
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('## The migration plan');
    expect(readme).toContain('| `activeDeadlineSeconds` | integer |');
  });
});
