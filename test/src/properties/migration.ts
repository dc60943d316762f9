import fc from 'fast-check';
import type { KindProperties, Values } from '../properties.js';

// A migration spec is a plan: random plans of 1–5 steps, each a valid use of one preset, with
// unique orders, over volumes and databases that exist. Schema-derived randomness alone would
// leave `steps` at its default, the empty plan, which renders nothing.

const annotationKey = fc.stringMatching(/^([a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?\.example\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/);
const labelValue = fc.stringMatching(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,30})?[A-Za-z0-9])?$/);
const path = fc.constantFrom('', 'models', 'data/v2', 'a.b_c-d');
const image = fc.record({ repository: fc.constantFrom('registry.example.com/app/migrations', 'ghcr.io/example/tool'), tag: fc.constantFrom('1.0.0', '2024.11') });
const env = fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/), value: fc.string({ maxLength: 30 }) }), { maxLength: 2, selector: (e) => e.name });
const rule = { apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['get', 'patch'] };

const presetSteps: fc.Arbitrary<Values>[] = [
  fc
    .record({ from: fc.constantFrom('source', 'destination', 'backup'), to: fc.constantFrom('destination', 'backup'), fromPath: path, toPath: path, delete: fc.boolean() })
    .filter((r) => r.from !== r.to || r.fromPath !== r.toPath)
    .chain((rsync) => fc.record({ type: fc.constantFrom('backup', 'migrate'), preset: fc.constant('rsync'), rsync: fc.constant(rsync), args: fc.constantFrom([], ['--bwlimit=50M']) })),
  fc
    .record({ direction: fc.constantFrom('download', 'upload'), remote: fc.constantFrom('s3://bucket/data', 'gs://archive/x', 'az://container/y'), mode: fc.constantFrom('copy', 'sync'), path, credentialsSecret: fc.constantFrom('', 'store-credentials') })
    .chain((r) => fc.record({ volume: r.direction === 'download' ? fc.constantFrom('destination', 'backup') : fc.constantFrom('source', 'destination', 'backup') }).map((v) => ({ ...r, ...v })))
    .chain((rclone) => fc.record({ type: fc.constantFrom('backup', 'migrate'), preset: fc.constant('rclone'), rclone: fc.constant(rclone) })),
  fc.record({ type: fc.constant('backup'), preset: fc.constant('pg-dump'), postgres: fc.record({ database: fc.constant('old'), volume: fc.constantFrom('backup', 'destination'), dumpFile: fc.constantFrom('app.dump', 'db/old.dump') }) }),
  fc.record({ type: fc.constant('migrate'), preset: fc.constant('pg-restore'), postgres: fc.record({ database: fc.constant('new'), clean: fc.boolean(), jobs: fc.integer({ min: 1, max: 8 }) }) }),
  fc.record({
    type: fc.constant('migrate'),
    preset: fc.constant('schema-migration'),
    image,
    schemaMigration: fc.record({ tool: fc.constantFrom('flyway', 'liquibase', 'alembic'), lockTimeout: fc.constantFrom('', '5s', '500ms') }),
    env,
    mounts: fc.constantFrom([], [{ volume: 'destination', mountPath: '/migrations', readOnly: true }]),
  }),
  fc.record({ type: fc.constant('verify'), preset: fc.constant('verify-files'), verifyFiles: fc.record({ from: fc.constant('source'), to: fc.constant('destination'), checksums: fc.boolean() }), helmTest: fc.boolean() }),
  fc.record({ type: fc.constant('verify'), preset: fc.constant('verify-rows'), postgres: fc.record({ database: fc.constant('new'), compareWith: fc.constant('old'), tables: fc.constantFrom([], ['public.users', 'shop.orders']) }) }),
  fc.record({
    type: fc.constantFrom('custom', 'migrate', 'backup'),
    preset: fc.constant('none'),
    image,
    command: fc.constantFrom(['run'], ['sh', '-c', 'echo done']),
    args: fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 }),
    dryRunArgs: fc.constantFrom([], ['--check']),
    env,
    rbac: fc.record({ rules: fc.constantFrom([], [rule]), clusterRules: fc.constantFrom([], [{ apiGroups: [''], resources: ['nodes'], verbs: ['list'] }]) }),
  }),
];

const phases = fc.constantFrom([], ['post-install', 'post-upgrade'], ['pre-upgrade'], ['pre-rollback']);

const plan = fc
  .uniqueArray(fc.constantFrom('backup', 'copy', 'dump', 'restore', 'schema', 'verify', 'notify-1', 'x'), { minLength: 1, maxLength: 5 })
  .chain((names) =>
    fc.tuple(
      fc.constant(names),
      fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: names.length, maxLength: names.length }),
      fc.array(
        fc.record({ step: fc.oneof(...presetSteps), phases, activeDeadlineSeconds: fc.integer({ min: 1, max: 7200 }), backoffLimit: fc.integer({ min: 0, max: 3 }), enabled: fc.constantFrom(true, true, true, false) }),
        { minLength: names.length, maxLength: names.length },
      ),
    ),
  )
  .map(([names, orders, steps]) => Object.fromEntries(names.map((name, i) => [name, { order: orders[i], ...steps[i]!.step, phases: steps[i]!.phases, activeDeadlineSeconds: steps[i]!.activeDeadlineSeconds, backoffLimit: steps[i]!.backoffLimit, enabled: steps[i]!.enabled }])));

const database = (host: string) => ({ host, database: 'app', credentialsSecret: `${host}-credentials` });

/** A plan with one rsync step, so an injection target has a Job to land in. */
function onePlan(step: Values = {}, extra: Values = {}): Values {
  return {
    volumes: { source: { claimName: 'data-v1' }, destination: { claimName: 'data-v2' } },
    steps: { copy: { order: 1, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 60, ...step } },
    ...extra,
  };
}

type Container = { name: string; env: { name: string; value?: string }[]; command?: string[]; args: string[] };
type Job = { kind: string; metadata: { labels?: Values }; spec: { template: { metadata: { annotations: Values }; spec: { initContainers?: Container[]; containers: Container[] } } } };

function job(documents: Values[]): Job {
  return documents.find((d) => d.kind === 'Job') as unknown as Job;
}

export const migrationProperties: KindProperties = {
  overrides: {
    steps: plan,
    volumes: fc.record({
      source: fc.record({ claimName: fc.constant('data-v1'), create: fc.record({ enabled: fc.boolean(), size: fc.constantFrom('1Gi', '10Gi') }) }),
      destination: fc.record({ claimName: fc.constantFrom('data-v2', ''), create: fc.record({ enabled: fc.constant(true), storageClassName: fc.constantFrom('', 'fast') }) }),
      backup: fc.record({ claimName: fc.constant(''), create: fc.record({ enabled: fc.constant(true), accessModes: fc.constantFrom(['ReadWriteOnce'], ['ReadWriteMany']) }) }),
    }),
    databases: fc.constant({ old: database('postgres-old'), new: { ...database('postgres-new'), port: 5433, sslMode: 'require' } }),
    secrets: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.dictionary(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,10}$/), fc.string({ maxLength: 30 }), { maxKeys: 2 }), { maxKeys: 2 }),
    // Argo CD cannot create claims only when missing; the plans above create some, so it stays off here.
    'plan.argocd': fc.constant(false),
    'plan.helmTimeoutSeconds': fc.constantFrom(0, 100_000),
    podLabels: fc.dictionary(annotationKey, labelValue, { maxKeys: 2 }),
    podAnnotations: fc.dictionary(annotationKey, fc.string({ maxLength: 30 }), { maxKeys: 2 }),
    nodeSelector: fc.dictionary(annotationKey, labelValue, { maxKeys: 2 }),
  },
  injectionTargets: [
    {
      name: 'a step pod annotation',
      set: (payload) => onePlan({}, { podAnnotations: { 'example.com/note': payload } }),
      get: (documents) => [job(documents).spec.template.metadata.annotations['example.com/note']],
    },
    {
      name: 'a step environment variable',
      set: (payload) => onePlan({ env: [{ name: 'NOTE', value: payload }] }),
      get: (documents) => [job(documents).spec.template.spec.containers[0]!.env.find((e) => e.name === 'NOTE')?.value],
    },
    {
      name: 'an rsync argument',
      set: (payload) => onePlan({ args: [payload] }),
      get: (documents) => [job(documents).spec.template.spec.containers[0]!.args.at(-1)],
    },
    {
      name: 'a hook Secret value',
      set: (payload) => onePlan({}, { secrets: { 'app-credentials': { password: payload } } }),
      get: (documents) => [(documents.find((d) => d.kind === 'Secret') as { stringData: Values }).stringData.password],
    },
    {
      name: 'a custom step\'s command',
      set: (payload) => onePlan({ type: 'custom', preset: 'none', image: { repository: 'registry.example.com/tool', tag: '1' }, command: [payload], args: ['--flag'] }),
      // A step with a ConfigMap marker runs as an init container between clear-marker and record-marker.
      get: (documents) => [job(documents).spec.template.spec.initContainers!.find((c) => c.name === 'step')!.command![0]],
    },
  ],
};
