import { imageReference, kubernetesTypeOf, MIGRATION_TOOLS, STEP_PRESETS, migrationStepNode, type JsonSchema, type MigrationValues, type SchemaNode } from '@chartforge/kinds';
import { handlebarsTemplate } from '../templates.js';
import type { KindGenerator } from './kind.js';

const postgresDatabases = {
  old: { host: 'postgres-old.data.svc', database: 'app', credentialsSecret: 'old-db-credentials' },
  new: { host: 'postgres-new.data.svc', port: 5433, database: 'app', sslMode: 'require', credentialsSecret: 'new-db-credentials', usernameKey: 'user', passwordKey: 'pass' },
};

type Override = Record<string, unknown>;

/**
 * A CI plan, complete on its own: every plan setting and volume is set, so that a spec's own
 * plan settings (a dry run, Argo CD, a timeout, created claims) cannot change what it checks.
 */
function ciPlan(override: Override & { plan?: Override; volumes?: Record<string, Override> }): Override {
  const volume = (name: string) => {
    const given = override.volumes?.[name] ?? {};
    return { claimName: '', ...given, create: { enabled: false, ...(given.create as Override | undefined) } };
  };
  return {
    ...override,
    plan: { dryRun: false, argocd: false, helmTimeoutSeconds: 0, defaultPhases: ['pre-install', 'pre-upgrade'], ...override.plan },
    volumes: { source: volume('source'), destination: volume('destination'), backup: volume('backup') },
  };
}

/** Overrides that `helm lint`/`helm template` run in CI: every preset, marker kind, phase and option. */
const ciPlans: Record<string, Override> = {
  'files-values.yaml': ciPlan({
    plan: { revision: '2024-11-01', helmTimeoutSeconds: 10800 },
    volumes: {
      source: { claimName: 'model-store-v1' },
      destination: { claimName: 'model-store-v2' },
      backup: { create: { enabled: true, size: '50Gi', storageClassName: 'standard' } },
    },
    steps: {
      backup: { order: 10, type: 'backup', preset: 'rsync', activeDeadlineSeconds: 3600, rsync: { from: 'destination', to: 'backup', toPath: 'before-migration' } },
      copy: { order: 20, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 5400, backoffLimit: 1, rsync: { from: 'source', fromPath: 'models', to: 'destination', toPath: 'models', delete: true }, args: ['--bwlimit=200M'] },
      verify: { order: 30, type: 'verify', preset: 'verify-files', activeDeadlineSeconds: 1800, verifyFiles: { from: 'source', fromPath: 'models', to: 'destination', toPath: 'models' } },
      restore: { order: 40, type: 'restore', preset: 'rsync', activeDeadlineSeconds: 3600, undoes: ['copy'], rsync: { from: 'backup', fromPath: 'before-migration', to: 'destination', delete: true } },
    },
  }),
  'postgres-values.yaml': ciPlan({
    databases: postgresDatabases,
    secrets: { 'new-db-credentials': { user: 'app', pass: 'change-me' } },
    volumes: { backup: { create: { enabled: true, size: '20Gi' } } },
    steps: {
      dump: { order: 10, type: 'backup', preset: 'pg-dump', activeDeadlineSeconds: 1800, postgres: { database: 'old', dumpFile: 'app/app.dump' }, args: ['--exclude-table-data=audit_log'] },
      restore: { order: 20, type: 'migrate', preset: 'pg-restore', activeDeadlineSeconds: 3600, postgres: { database: 'new', dumpFile: 'app/app.dump', jobs: 4 } },
      rows: { order: 30, type: 'verify', preset: 'verify-rows', activeDeadlineSeconds: 600, postgres: { database: 'new', compareWith: 'old', tables: ['public.users', 'public.orders'] } },
      schema: {
        order: 40,
        type: 'migrate',
        preset: 'schema-migration',
        activeDeadlineSeconds: 900,
        image: { repository: 'registry.example.com/app/migrations', tag: '2.4.0' },
        schemaMigration: { tool: 'flyway', lockTimeout: '5s' },
        env: [{ name: 'FLYWAY_URL', value: 'jdbc:postgresql://postgres-new.data.svc:5433/app' }],
        envFrom: [{ secretRef: { name: 'flyway-credentials' } }],
      },
    },
  }),
  'object-store-values.yaml': ciPlan({
    volumes: { source: { claimName: 'datasets' }, destination: { create: { enabled: true, size: '200Gi', accessModes: ['ReadWriteOnce'] } } },
    steps: {
      archive: { order: 5, type: 'backup', preset: 'rclone', activeDeadlineSeconds: 7200, rclone: { direction: 'upload', volume: 'source', remote: 'gs://ml-archive/datasets', credentialsSecret: 'gcs-credentials' } },
      fetch: { order: 10, type: 'migrate', preset: 'rclone', activeDeadlineSeconds: 7200, rclone: { direction: 'download', remote: 's3://ml-datasets/v2', volume: 'destination', path: 'v2', mode: 'sync', credentialsSecret: 's3-credentials' }, args: ['--transfers=16'] },
      verify: { order: 20, type: 'verify', preset: 'verify-files', activeDeadlineSeconds: 1800, phases: ['post-install', 'post-upgrade'], verifyFiles: { from: 'source', to: 'destination', toPath: 'v2', checksums: false } },
    },
  }),
  'dry-run-values.yaml': ciPlan({
    plan: { dryRun: true },
    volumes: { source: { claimName: 'data-v1' }, destination: { claimName: 'data-v2' } },
    steps: {
      copy: { order: 10, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 1800 },
      reindex: { order: 20, type: 'custom', image: { repository: 'registry.example.com/tools/reindex', tag: '1.2.0' }, command: ['reindex'], args: ['--all'], dryRunArgs: ['--all', '--check'], activeDeadlineSeconds: 600 },
      notify: { order: 30, type: 'custom', image: { repository: 'curlimages/curl', tag: '8.11.1' }, command: ['curl', '-fsS', '-X', 'POST'], args: ['https://hooks.example.com/migrated'], activeDeadlineSeconds: 60 },
      verify: { order: 40, type: 'verify', preset: 'verify-files', activeDeadlineSeconds: 600, verifyFiles: { from: 'source', to: 'destination' } },
    },
  }),
  'all-features-values.yaml': ciPlan({
    nameOverride: 'migrate',
    dnsPolicy: 'ClusterFirst',
    extraInitContainers: [{ name: 'log-shipper', image: 'registry.example.com/ops/log-shipper:1.4.2', restartPolicy: 'Always', ports: [{ name: 'shipper', containerPort: 2020 }], livenessProbe: { httpGet: { path: '/healthz', port: 'shipper' } }, volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }], resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } }, securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } } }],
    extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '{{ .Release.Name }}-extra' }, data: { release: '{{ .Release.Name }}' } }],
    networkPolicy: { enabled: true, egress: { enabled: true, objectStore: [{ ipBlock: { cidr: '203.0.113.0/24' } }], rules: [{ to: [{ ipBlock: { cidr: '198.51.100.10/32' } }], ports: [{ port: 5432, protocol: 'TCP' }] }] } },
    plan: { revision: 'r7', argocd: true, defaultPhases: ['pre-upgrade'], helmTimeoutSeconds: 7200, stepResources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '1', memory: '2Gi' } } },
    databases: { app: postgresDatabases.new },
    volumes: { source: { claimName: 'data-v1' }, destination: { claimName: 'data-v2' }, backup: { claimName: 'data-backups' } },
    steps: {
      drain: {
        order: 1,
        type: 'custom',
        image: { registry: 'registry.example.com', repository: 'platform/kubectl-sh', digest: `sha256:${'b'.repeat(64)}` },
        command: ['kubectl', 'scale', 'deployment/api', '--replicas=0'],
        activeDeadlineSeconds: 120,
        rbac: {
          rules: [{ apiGroups: ['apps'], resources: ['deployments/scale'], resourceNames: ['api'], verbs: ['get', 'patch', 'update'] }],
          clusterRules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }],
        },
      },
      snapshot: { order: 10, type: 'backup', preset: 'rsync', activeDeadlineSeconds: 1800, rsync: { from: 'source', to: 'backup', toPath: 'r7' }, resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1Gi' } } },
      liquibase: {
        order: 20,
        type: 'migrate',
        preset: 'schema-migration',
        activeDeadlineSeconds: 900,
        phases: ['pre-install', 'pre-upgrade'],
        image: { repository: 'liquibase/liquibase', tag: '4.30' },
        schemaMigration: { tool: 'liquibase' },
        args: ['update', '--changelog-file=changelog.yaml'],
        mounts: [{ volume: 'destination', mountPath: '/liquibase/changelog', subPath: 'changelog', readOnly: true }],
      },
      alembic: { order: 30, type: 'migrate', preset: 'schema-migration', activeDeadlineSeconds: 900, image: { repository: 'registry.example.com/app/api', tag: '3.1.0' }, schemaMigration: { tool: 'alembic', lockTimeout: '3s' } },
      rollback: { order: 40, type: 'restore', preset: 'rsync', activeDeadlineSeconds: 1800, undoes: ['alembic'], rsync: { from: 'backup', fromPath: 'r7', to: 'destination' } },
      smoke: { order: 50, type: 'verify', activeDeadlineSeconds: 300, phases: ['post-install', 'post-upgrade'], image: { repository: 'curlimages/curl', tag: '8.11.1' }, command: ['curl', '-fsS'], args: ['http://api/healthz'], helmTest: false },
      disabled: { enabled: false, order: 10, type: 'custom', activeDeadlineSeconds: 1, command: ['true'], image: { repository: 'busybox', tag: '1.37' } },
    },
    secrets: { 'flyway-credentials': { FLYWAY_USER: 'app', FLYWAY_PASSWORD: 'change-me' } },
    serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/migrator' } },
    imagePullSecrets: [{ name: 'regcred' }],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    tolerations: [{ key: 'batch', operator: 'Exists', effect: 'NoSchedule' }],
    affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'node-type', operator: 'In', values: ['batch'] }] } }] } },
    priorityClassName: 'batch-high',
    podAnnotations: { 'example.com/team': 'data-platform' },
    podLabels: { team: 'data-platform' },
  }),
};

let readmeTemplate: HandlebarsTemplateDelegate | undefined;

interface FieldRow {
  key: string;
  type: string;
  description: string;
}

function typeOf(schema: JsonSchema): string {
  const kubernetesType = kubernetesTypeOf(schema);
  if (kubernetesType) return kubernetesType;
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(', ');
  if (schema.type === 'array') return schema.items?.enum ? `list of ${schema.items.enum.map((v) => `\`${String(v)}\``).join(', ')}` : 'list';
  if (schema.type === 'object') return 'map';
  if (schema.anyOf) return 'quantity';
  return String(schema.type ?? 'any');
}

/** Rows documenting every field of a step (the values table cannot list the keys of a map's items). */
function stepFields(node: SchemaNode<unknown>, prefix = ''): FieldRow[] {
  const required = new Set(node.schema.required ?? []);
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    if (child.properties && child.schema.type === 'object' && !child.schema.additionalProperties) return stepFields(child, `${prefix}${key}.`);
    const description = `${child.schema.description ?? ''}${required.has(key) ? ' **Required.**' : ''}`.replace(/\|/g, '\\|');
    return [{ key: `${prefix}${key}`, type: typeOf(child.schema).replace(/\|/g, '\\|'), description }];
  });
}

export const migrationGenerator: KindGenerator<MigrationValues> = {
  data: [
    {
      name: 'stepPresets',
      about: 'Step presets, embedded so that `--set steps.<name>.preset=…` at install time switches\neverything a preset decides.',
      value: STEP_PRESETS,
    },
    { name: 'migrationTools', about: 'What the schema-migration preset runs for each tool.', value: MIGRATION_TOOLS },
  ],
  readmeContext: () => {
    readmeTemplate ??= handlebarsTemplate('readme/migration-plan.md.hbs');
    return { kindReadme: readmeTemplate({ stepFields: stepFields(migrationStepNode), presets: Object.entries(STEP_PRESETS).map(([name, p]) => ({ name, ...p })) }) };
  },
  images: (values) => [
    { name: 'rsync', image: imageReference(values.images.rsync) },
    { name: 'rclone', image: imageReference(values.images.rclone) },
    { name: 'postgres', image: imageReference(values.images.postgres) },
    { name: 'verify', image: imageReference(values.images.verify) },
    { name: 'kubectl', image: imageReference(values.images.kubectl) },
  ],
  // The spec's own steps sit out of the CI plans: a spec step would otherwise merge into each
  // of them (its order or deadline clashing with theirs) instead of being checked on its own.
  ciValues: (values) =>
    Object.fromEntries(
      Object.entries(ciPlans).map(([file, plan]) => {
        const own = Object.keys(values.steps);
        const ciName = (name: string) => (own.includes(name) ? `ci-${name}` : name);
        const steps: Override = Object.fromEntries(own.map((name) => [name, { enabled: false }]));
        for (const [name, step] of Object.entries(plan.steps as Record<string, Override & { undoes?: string[] }>)) {
          steps[ciName(name)] = step.undoes ? { ...step, undoes: step.undoes.map(ciName) } : step;
        }
        return [file, { ...plan, steps }];
      }),
    ),
  // What each ci/ file expects to exist: see KindGenerator.ciPrerequisites.
  ciPrerequisites: {
    'all-features-values.yaml': { claims: ['data-backups', 'data-v1', 'data-v2'], priorityClasses: ['batch-high'] },
    'dry-run-values.yaml': { claims: ['data-v1', 'data-v2'] },
    'files-values.yaml': { claims: ['model-store-v1', 'model-store-v2'], storageClasses: ['standard'] },
    'object-store-values.yaml': { claims: ['datasets'], secrets: { 'gcs-credentials': [], 's3-credentials': [] } },
    'postgres-values.yaml': { secrets: { 'flyway-credentials': [], 'old-db-credentials': ['username', 'password'] } },
  },
};
