import type { ChartKind, ValueProblem } from '../kind.js';
import { and, eq, hasKey, includes, item, join, literal, lookup, ne, not, oneOf, string, value, type Expression } from '../rules/expression.js';
import type { ItemRule, ValueRule } from '../rules/rule.js';
import { s, type Infer } from '../schema.js';
import { DNS_LABEL, containerSecurityContext, extraInitContainers, extraObjects, image, imagePullSecrets, nameOverrides, peerNetworkPolicy, podMetadata, podSecurityContext, resources, scheduling, serviceAccount } from './common.js';
import {
  HOOK_PHASES,
  MIGRATION_TOOL_NAMES,
  STEP_PRESET_NAMES,
  STEP_PRESETS,
  STEP_TYPES,
  VOLUME_NAMES,
  WRITABLE_VOLUME_NAMES,
  type HookPhase,
  type StepPreset,
  type StepPresetName,
  type VolumeName,
} from './migration-presets.js';

// Steps are a map keyed by step name, ordered by each step's `order` (its hook weight), rather
// than a list: Helm replaces lists wholesale, so `--set steps[1].image.tag=v2` would silently drop
// every other step, while `--set steps.migrate.image.tag=v2` changes exactly one value.
const STEP_NAME = '^[a-z]([-a-z0-9]{0,18}[a-z0-9])?$';
const STEP_NAME_DESCRIPTION = 'a step name: at most 20 lowercase letters, digits and dashes, starting with a letter';
const SUBPATH = '^$|^[^/\\s][^\\s]*$';
const SUBPATH_DESCRIPTION = 'a relative path without whitespace ("" for the volume root)';
const presetList = STEP_PRESET_NAMES.map((name) => `${name}: ${STEP_PRESETS[name].summary}`).join('; ');

const stepImage = s.item.object({
  registry: s.string({ description: 'Image registry host ("" for none).', default: '' }),
  repository: s.string({ description: 'Image repository ("" = the preset\'s image).', default: '' }),
  tag: s.string({ description: 'Image tag ("" = the preset\'s tag).', default: '' }),
  digest: s.string({ description: 'Image digest; wins over the tag.', default: '', pattern: '^$|^sha256:[a-f0-9]{64}$', patternDescription: 'a digest of the form sha256:<64 hex digits>' }),
  pullPolicy: s.enumOf(['Always', 'IfNotPresent', 'Never'] as const, { description: 'Image pull policy.', default: 'IfNotPresent' }),
});

const volumeRef = (description: string, volumes: readonly VolumeName[], fallback: VolumeName = volumes[0]!) => s.enumOf(volumes as VolumeName[], { description, default: fallback });
const subPath = (description: string) => s.string({ description, default: '', pattern: SUBPATH, patternDescription: SUBPATH_DESCRIPTION });

/** A directory on one plan volume compared with, or copied to, a directory on another. */
const directoryPair = (from: string, to: string, toVolumes: readonly VolumeName[]) => ({
  from: volumeRef(from, VOLUME_NAMES),
  fromPath: subPath('Directory within it.'),
  to: volumeRef(to, toVolumes, 'destination'),
  toPath: subPath('Directory within it.'),
});

const step = s.item.object(
  {
    enabled: s.boolean({ description: 'Run this step (false keeps it in values but out of the plan).', default: true }),
    order: s.integer({ description: 'Position in the plan: the Job\'s helm.sh/hook-weight. Lower runs first; unique among enabled steps.', default: 0, minimum: 0, maximum: 100000 }),
    type: s.enumOf(STEP_TYPES, { description: 'What the step is for: backup, migrate, verify (also run by `helm test`), restore (undoes the steps in undoes on `helm rollback`) or custom.', default: 'custom' }),
    preset: s.enumOf(STEP_PRESET_NAMES, { description: `How the step runs. ${presetList}.`, default: 'none' }),
    phases: s.array(s.item.string({ enum: HOOK_PHASES }), {
      description: 'Helm hooks the step runs in ([] = plan.defaultPhases; pre-rollback for a restore step).',
      default: [],
      uniqueItems: true,
    }),
    activeDeadlineSeconds: s.integer({ description: 'Deadline of the step\'s Job, retries included. Required: helm --timeout is derived from it.', default: 3600, minimum: 1 }),
    backoffLimit: s.integer({ description: 'Retries of the step\'s pod before the Job (and the release) fails.', default: 0, minimum: 0, maximum: 10 }),
    image: stepImage,
    command: s.array(s.item.string(), { description: 'Command of a schema-migration (tool command) or none step, run as the container command without a shell; presets with a script take none.', default: [] }),
    args: s.array(s.item.string(), { description: 'Arguments of the command; for script presets, extra arguments of the tool (rsync, rclone, pg_dump, pg_restore).', default: [] }),
    dryRunArgs: s.array(s.item.string(), { description: 'Args used instead of args when plan.dryRun is on; the step is skipped in a dry run when neither these nor the tool\'s exist.', default: [] }),
    env: s.kubernetesList('io.k8s.api.core.v1.EnvVar', { description: 'Extra environment variables (EnvVar list).', default: [] }),
    envFrom: s.kubernetesList('io.k8s.api.core.v1.EnvFromSource', { description: 'ConfigMaps and Secrets loaded as environment (EnvFromSource list).', default: [] }),
    resources: s.item.object({
      requests: s.map(s.quantity({ description: 'Quantity.', default: '' }), { description: 'Resource requests ({} = plan.stepResources).', default: {} }),
      limits: s.map(s.quantity({ description: 'Quantity.', default: '' }), { description: 'Resource limits ({} = plan.stepResources).', default: {} }),
    }),
    mounts: s.array(
      s.item.object(
        {
          volume: volumeRef('Plan volume to mount.', VOLUME_NAMES),
          mountPath: s.string({ description: 'Where to mount it.', default: '/data', pattern: '^/[^\\s]*$', patternDescription: 'an absolute path' }),
          subPath: subPath('Sub-path of the volume.'),
          readOnly: s.boolean({ description: 'Mount read-only (the source volume always is).', default: false }),
        },
        { required: ['volume', 'mountPath'] },
      ),
      { description: 'Plan volumes mounted into a schema-migration or custom step.', default: [] },
    ),
    rsync: s.item.object({
      ...directoryPair('Volume copied from.', 'Volume copied to.', WRITABLE_VOLUME_NAMES),
      delete: s.boolean({ description: 'Delete files at the destination that the source does not have (mirror).', default: false }),
    }),
    rclone: s.item.object({
      direction: s.enumOf(['download', 'upload'] as const, { description: 'download: object store → volume; upload: volume → object store.', default: 'download' }),
      remote: s.string({
        description: 'Object-store location, e.g. s3://bucket/models.',
        default: '',
        pattern: '^$|^(s3|gs|az)://[^\\s]+$',
        patternDescription: 'an s3://, gs:// or az:// location',
      }),
      volume: volumeRef('Volume read (upload) or written (download).', VOLUME_NAMES),
      path: subPath('Directory within the volume.'),
      mode: s.enumOf(['copy', 'sync'] as const, { description: 'copy adds and updates; sync also deletes what the source does not have.', default: 'copy' }),
      credentialsSecret: s.string({ description: 'Secret loaded as environment (AWS_*, GOOGLE_*, AZURE_* / RCLONE_* variables).', default: '' }),
    }),
    postgres: s.item.object({
      database: s.string({ description: 'Name of the entry of databases the step connects to.', default: '' }),
      compareWith: s.string({ description: 'verify-rows: entry of databases whose row counts must match.', default: '' }),
      volume: volumeRef('pg-dump/pg-restore: volume holding the dump.', ['backup', 'destination', 'source']),
      dumpFile: s.string({ description: 'pg-dump/pg-restore: path of the archive within the volume.', default: 'postgres.dump', pattern: '^[^/\\s][^\\s]*$', patternDescription: 'a relative path without whitespace' }),
      clean: s.boolean({ description: 'pg-restore: drop objects before recreating them (--clean --if-exists).', default: true }),
      jobs: s.integer({ description: 'pg-restore: parallel jobs.', default: 1, minimum: 1, maximum: 64 }),
      tables: s.array(s.item.string({ pattern: '^[^\\s.]+\\.[^\\s.]+$', patternDescription: 'schema.table' }), {
        description: 'verify-rows: tables compared as schema.table ([] = every table of the database).',
        default: [],
      }),
    }),
    schemaMigration: s.item.object({
      tool: s.enumOf([...MIGRATION_TOOL_NAMES, 'command'] as const, { description: 'Tool in your image: flyway, liquibase, alembic, or command (your own command and args).', default: 'command' }),
      lockTimeout: s.string({
        description: 'PostgreSQL lock_timeout for the migration session ("" = server default), so a migration fails fast instead of queueing behind live traffic (libpq tools through PGOPTIONS, Flyway through FLYWAY_INIT_SQL).',
        default: '',
        pattern: '^$|^[0-9]+(ms|s|min)$',
        patternDescription: 'a duration such as 5s, 500ms or 1min',
      }),
    }),
    verifyFiles: s.item.object({
      ...directoryPair('Reference volume.', 'Volume checked against the reference.', VOLUME_NAMES),
      checksums: s.boolean({ description: 'Compare sha256 checksums of every file, not only the file counts.', default: true }),
    }),
    helmTest: s.boolean({ description: 'verify steps: also run the check as a `helm test` pod.', default: true }),
    undoes: s.array(s.item.string({ pattern: STEP_NAME, patternDescription: STEP_NAME_DESCRIPTION }), {
      description: 'restore steps: the steps whose effect this restore reverts. It runs only when their completion markers differ from the ones of the revision Helm rolls back to, and then sets them to those.',
      default: [],
      uniqueItems: true,
    }),
    rbac: s.item.object({
      rules: s.kubernetesList('io.k8s.api.rbac.v1.PolicyRule', { description: 'PolicyRules the step needs in the release namespace (a Role of this step alone; the API token is mounted into the step).', default: [] }),
      clusterRules: s.kubernetesList('io.k8s.api.rbac.v1.PolicyRule', { description: 'PolicyRules the step needs cluster-wide (a ClusterRole of this step alone).', default: [] }),
    }),
  },
  { required: ['order', 'type', 'activeDeadlineSeconds'] },
);

const volume = (what: string) =>
  s.object(
    {
      claimName: s.string({ description: `PersistentVolumeClaim of the ${what} ("" = <fullname>-<volume> when create.enabled).`, default: '', pattern: `^$|${DNS_LABEL}`, patternDescription: 'a DNS-1123 name', maxLength: 63 }),
      create: s.object(
        {
          enabled: s.boolean({ description: 'Create the claim when it does not exist yet (before the first step; never deleted by Helm).', default: false }),
          size: s.quantity({ description: 'Requested size.', default: '10Gi' }),
          storageClassName: s.string({ description: 'StorageClass ("" = the cluster default).', default: '' }),
          accessModes: s.array(s.item.string({ enum: ['ReadWriteOnce', 'ReadWriteOncePod', 'ReadWriteMany', 'ReadOnlyMany'] }), { description: 'Access modes.', default: ['ReadWriteOnce'], minItems: 1 }),
        },
        { description: `Claim created by the chart for the ${what}.` },
      ),
    },
    { description: `The ${what} volume.` },
  );

const database = s.item.object(
  {
    host: s.string({ description: 'Host name of the PostgreSQL server.', default: '', minLength: 1 }),
    port: s.integer({ description: 'Port.', default: 5432, minimum: 1, maximum: 65535 }),
    database: s.string({ description: 'Database name.', default: '', minLength: 1 }),
    sslMode: s.enumOf(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const, { description: 'libpq sslmode.', default: 'prefer' }),
    credentialsSecret: s.string({ description: 'Secret holding the user name and password.', default: '', minLength: 1 }),
    usernameKey: s.string({ description: 'Key of the user name in the Secret.', default: 'username' }),
    passwordKey: s.string({ description: 'Key of the password in the Secret.', default: 'password' }),
  },
  { required: ['host', 'database', 'credentialsSecret'] },
);

const migrationValues = s.object(
  {
    ...nameOverrides(),
    plan: s.object(
      {
        revision: s.string({
          description: 'Revision of the plan: part of every completion marker, so bumping it runs completed steps again.',
          default: '1',
          pattern: '^[A-Za-z0-9][-A-Za-z0-9._]{0,62}$',
          patternDescription: 'letters, digits, dots, dashes and underscores (at most 63)',
        }),
        dryRun: s.boolean({ description: 'Run every step in its no-write mode: nothing is copied, restored or migrated, and no marker is written.', default: false }),
        defaultPhases: s.array(s.item.string({ enum: HOOK_PHASES }), {
          description: 'Helm hooks a step runs in when it lists no phases. Pre-hooks: the application never starts against an unmigrated store.',
          default: ['pre-install', 'pre-upgrade'],
          minItems: 1,
          uniqueItems: true,
        }),
        helmTimeoutSeconds: s.integer({
          description: 'The helm --timeout you deploy with, in seconds (0 = not declared). When set, rendering fails if the step deadlines of a phase add up to more.',
          default: 0,
          minimum: 0,
        }),
        argocd: s.boolean({ description: 'Also annotate hooks for Argo CD (argocd.argoproj.io/hook PreSync/PostSync and sync-wave = order).', default: false }),
        stepResources: resources({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '1Gi' } }),
        scratchSizeLimit: s.quantity({ description: 'Size limit of each step\'s writable /tmp (HOME, rclone config) under the read-only root filesystem.', default: '1Gi' }),
        ttlSecondsAfterFinished: s.integer({
          description: 'Seconds a finished step Job stays before Kubernetes deletes it with its pod. Helm deletes the Jobs of a phase that succeeded at once; this bounds how long a failed step stays for its logs, also after helm uninstall.',
          default: 86400,
          minimum: 0,
        }),
      },
      { description: 'How the plan runs.' },
    ),
    steps: s.map(step, {
      description: 'The plan: steps by name, each a Job run as a Helm hook, in ascending order (see the chart README for every step field).',
      default: {},
      keyPattern: STEP_NAME,
      keyPatternDescription: STEP_NAME_DESCRIPTION,
    }),
    volumes: s.object(
      {
        source: volume('data being migrated (always mounted read-only)'),
        destination: volume('migration target'),
        backup: volume('backups taken before migrating'),
      },
      { description: 'Volumes the steps read and write, each an existing claim or one the chart creates.' },
    ),
    databases: s.map(database, { description: 'PostgreSQL databases steps connect to, by name (host, port, database, sslMode, credentialsSecret, usernameKey, passwordKey).', default: {}, keyPattern: DNS_LABEL, keyPatternDescription: 'a DNS-1123 name' }),
    secrets: s.map(
      s.map(s.item.string(), { description: 'Data.', default: {} }),
      {
        description: 'Secrets the chart creates as hooks before the first step (name → key → value). Prefer existing Secrets: these values are stored in the release.',
        default: {},
        keyPattern: DNS_LABEL,
        keyPatternDescription: 'a DNS-1123 name',
      },
    ),
    images: s.object(
      {
        rsync: image({ repository: 'instrumentisto/rsync-ssh', tag: 'alpine3.21' }, 'the rsync preset'),
        rclone: image({ repository: 'rclone/rclone', tag: '1.68.2' }, 'the rclone preset'),
        postgres: image({ repository: 'postgres', tag: '17.2-alpine' }, 'the pg-dump, pg-restore and verify-rows presets (pg_dump reads servers up to its own version)'),
        verify: image({ repository: 'busybox', tag: '1.37' }, 'the verify-files preset'),
        kubectl: image({ repository: 'registry.k8s.io/kubectl', tag: 'v1.35.0' }, 'the container that records ConfigMap completion markers'),
      },
      { description: 'Images of the presets; a step\'s own image wins.' },
    ),
    imagePullSecrets: imagePullSecrets(),
    ...scheduling(),
    ...podMetadata(),
    extraInitContainers: extraInitContainers(),
    ...extraObjects(),
    podSecurityContext: podSecurityContext(),
    securityContext: containerSecurityContext(),
    serviceAccount: serviceAccount(),
    networkPolicy: peerNetworkPolicy('the object store the rclone steps copy to and from'),
  },
  { description: 'Values of the chartforge migration chart.', allowExtra: ['global'] },
);

export type MigrationValues = Infer<typeof migrationValues>;

/** The schema of one step (an item of `steps`), for documentation. */
export const migrationStepNode = step;
export type MigrationStep = MigrationValues['steps'][string];

/** The phases a step runs in: its own, else pre-rollback for a restore, else the plan's. */
export function stepPhases(values: MigrationValues, item: MigrationStep): HookPhase[] {
  if (item.phases?.length) return item.phases as HookPhase[];
  return item.type === 'restore' ? ['pre-rollback'] : (values.plan.defaultPhases as HookPhase[]);
}

/** The volume holding a step's file marker, or undefined when its marker is not a file. */
export function fileMarkerVolume(item: MigrationStep): VolumeName | undefined {
  if (item.type === 'verify' || item.type === 'restore' || STEP_PRESETS[item.preset ?? 'none'].marker !== 'file') return undefined;
  return stepVolumes(item).filter((use) => use.writes).at(-1)?.volume;
}

/** The volumes a step mounts, and whether it writes to them. */
export function stepVolumes(item: MigrationStep): { volume: VolumeName; writes: boolean }[] {
  const preset = item.preset ?? 'none';
  switch (preset) {
    case 'rsync':
      return [
        { volume: item.rsync?.from ?? 'source', writes: false },
        { volume: item.rsync?.to ?? 'destination', writes: true },
      ];
    case 'rclone':
      return [{ volume: item.rclone?.volume ?? 'source', writes: (item.rclone?.direction ?? 'download') === 'download' }];
    case 'pg-dump':
      return [{ volume: item.postgres?.volume ?? 'backup', writes: true }];
    case 'pg-restore':
      return [{ volume: item.postgres?.volume ?? 'backup', writes: false }];
    case 'verify-files':
      return [
        { volume: item.verifyFiles?.from ?? 'source', writes: false },
        { volume: item.verifyFiles?.to ?? 'destination', writes: false },
      ];
    case 'verify-rows':
      return [];
    default:
      return (item.mounts ?? []).map((m) => ({ volume: m.volume, writes: !m.readOnly }));
  }
}

/** Names of the enabled steps in plan order: order, then name, as the chart's stepNames walks them and Helm runs the hooks. */
function planStepNames(values: MigrationValues): string[] {
  return Object.entries(values.steps)
    .filter(([, item]) => item.enabled !== false)
    .sort(([a, first], [b, second]) => first.order - second.order || (a < b ? -1 : a > b ? 1 : 0))
    .map(([name]) => name);
}

/** Two enabled steps cannot share an order (a hook weight): the first in plan order with it is named. */
function uniqueOrder(values: MigrationValues, name: string, item: MigrationStep): ValueProblem[] {
  const first = planStepNames(values).find((other) => values.steps[other]!.order === item.order);
  return first === name ? [] : [{ path: ['steps', name, 'order'], message: `must be unique among enabled steps: step "${first}" has order ${item.order} too` }];
}

/** A restore's undone steps: enabled steps that leave something to undo, whose marker it can set back. */
function undoneSteps(values: MigrationValues, name: string, item: MigrationStep): ValueProblem[] {
  if (item.type !== 'restore') return [];
  const path = ['steps', name, 'undoes'];
  const written = (item.preset ?? 'none') === 'rsync' ? stepVolumes(item).filter((use) => use.writes).map((use) => use.volume) : [];
  return (item.undoes ?? []).flatMap((undone): ValueProblem[] => {
    const other = values.steps[undone];
    if (!other || other.enabled === false) return [{ path, message: `"${undone}" is not an enabled step of the plan` }];
    if (other.type === 'verify' || other.type === 'restore') return [{ path, message: `"${undone}" is a ${other.type} step, which leaves nothing to undo` }];
    const volume = fileMarkerVolume(other);
    return volume && !written.includes(volume)
      ? [{ path, message: `step "${undone}" keeps its marker on the ${volume} volume, which this restore does not write: restore that volume with the rsync preset` }]
      : [];
  });
}

/** Every volume a step mounts is an existing claim or one the chart creates. */
function claimedVolumes(values: MigrationValues, name: string, item: MigrationStep): ValueProblem[] {
  return stepVolumes(item)
    .filter(({ volume }) => !values.volumes[volume].claimName && !values.volumes[volume].create.enabled)
    .map(({ volume }) => ({ path: ['volumes', volume, 'claimName'], message: `step "${name}" uses the ${volume} volume: name an existing claim or set volumes.${volume}.create.enabled` }));
}

/** Under Argo CD (no lookup) the chart cannot create a claim only when it is missing. */
function argocdClaims(values: MigrationValues): ValueProblem[] {
  if (!values.plan.argocd) return [];
  const used = new Set(planStepNames(values).flatMap((name) => stepVolumes(values.steps[name]!).map((use) => use.volume)));
  return [...used]
    .sort()
    .filter((volume) => values.volumes[volume].create.enabled)
    .map((volume) => ({
      path: ['volumes', volume, 'create', 'enabled'],
      message: `with plan.argocd the chart cannot create a claim only when it is missing (Argo CD renders without lookup and would re-create it); create the claim outside the chart and name it in volumes.${volume}.claimName`,
    }));
}

/** The deadlines of each phase's steps add up to no more than the declared helm --timeout. */
function phaseDeadlines(values: MigrationValues): ValueProblem[] {
  const timeout = values.plan.helmTimeoutSeconds;
  if (timeout <= 0) return [];
  const phaseSeconds = new Map<HookPhase, number>();
  for (const name of planStepNames(values)) {
    const item = values.steps[name]!;
    for (const phase of stepPhases(values, item)) phaseSeconds.set(phase, (phaseSeconds.get(phase) ?? 0) + item.activeDeadlineSeconds);
  }
  return HOOK_PHASES.filter((phase) => (phaseSeconds.get(phase) ?? 0) > timeout).map((phase) => ({
    path: ['plan', 'helmTimeoutSeconds'],
    message: `the ${phase} steps may run ${phaseSeconds.get(phase)}s (the sum of their activeDeadlineSeconds), longer than ${timeout}s: raise helm --timeout and this value, or shorten the deadlines`,
  }));
}

const presetName = item('preset', 'none');
/** A field of the step's preset, from the table the chart embeds (`stepPresets` in _generated.tpl). */
const preset = (field: keyof StepPreset) => lookup('stepPresets', STEP_PRESETS, presetName, field);
const usesPreset = (name: StepPresetName) => eq(presetName, literal(name));
const type = item('type');

/** Rows for a postgres field that names an entry of databases: set, and known. */
const databaseEntry = (id: string, field: string, entry: Expression, presets: StepPresetName[], what: string): ItemRule[] => [
  { id: `${id}-set`, rule: 'when', path: `postgres.${field}`, when: and(oneOf(presetName, presets), eq(entry, literal(''))), message: [`must name an entry of databases${what}`] },
  {
    id: `${id}-known`,
    rule: 'when',
    path: `postgres.${field}`,
    when: and(oneOf(presetName, presets), ne(entry, literal('')), not(hasKey(value('databases'), entry))),
    message: [`must name an entry of databases${what}; "`, entry, '" is not one'],
  },
];

/** Rows for a step's own rules, checked for each enabled step in plan order. */
const STEP_RULES: readonly ItemRule[] = [
  // values.schema.json requires a deadline ≥ 1; this holds when the schema is skipped (helm --skip-schema-validation).
  {
    id: 'step-deadline-set',
    rule: 'when',
    path: 'activeDeadlineSeconds',
    when: not(item('activeDeadlineSeconds')),
    message: ['every step needs a deadline (activeDeadlineSeconds ≥ 1): helm --timeout is derived from it'],
  },
  {
    id: 'step-order-unique',
    rule: 'custom',
    path: 'steps.<name>.order',
    check: uniqueOrder,
    go: [
      '{{- $first := "" }}',
      '{{- range $other := include "<CHARTNAME>.stepNames" $ | fromJsonArray }}',
      '{{- if and (not $first) (eq (int (get $v.steps $other).order) (int $item.order)) }}',
      '{{- $first = $other }}',
      '{{- end }}',
      '{{- end }}',
      '{{- if ne $first $name }}',
      '{{- fail (printf "steps.%s.order: must be unique among enabled steps: step \\"%s\\" has order %d too" $name $first (int $item.order)) }}',
      '{{- end }}',
    ],
  },
  {
    id: 'preset-runs-step-type',
    rule: 'when',
    path: 'preset',
    when: not(includes(preset('types'), type)),
    message: ['preset "', presetName, '" cannot run a ', type, ' step; it runs ', join(preset('types'), ', '), ' steps'],
  },
  {
    id: 'step-image-without-preset-image',
    rule: 'when',
    path: 'image.repository',
    when: and(eq(preset('image'), literal('')), not(item('image.repository'))),
    message: ['must name the step\'s image for preset "', presetName, '"'],
  },
  // A step's own repository needs its own tag: the preset's image fills in only a missing repository.
  { id: 'step-image', rule: 'image', path: 'image', fromPreset: true },
  {
    id: 'script-preset-without-command',
    rule: 'when',
    path: 'command',
    when: and(ne(preset('script'), literal('')), item('command')),
    message: ['must be empty for preset "', presetName, '", which runs its own script; pass extra tool arguments with args'],
  },
  { id: 'preset-none-command', rule: 'when', path: 'command', when: and(usesPreset('none'), not(item('command'))), message: ['must be set for preset "none" (the step runs your own command)'] },
  {
    id: 'schema-migration-command',
    rule: 'when',
    path: 'command',
    when: and(usesPreset('schema-migration'), eq(item('schemaMigration.tool', 'command'), literal('command')), not(item('command'))),
    message: ['must be set when schemaMigration.tool is "command"'],
  },
  { id: 'helm-test-only-verify', rule: 'when', path: 'helmTest', when: and(eq(string(item('helmTest')), literal('true')), ne(type, literal('verify'))), message: ['only verify steps run as `helm test`'] },
  { id: 'undoes-only-restore', rule: 'when', path: 'undoes', when: and(item('undoes'), ne(type, literal('restore'))), message: ['only restore steps undo other steps'] },
  { id: 'restore-names-undone', rule: 'when', path: 'undoes', when: and(eq(type, literal('restore')), not(item('undoes'))), message: ['must name the steps this restore undoes'] },
  {
    id: 'undone-steps',
    rule: 'custom',
    path: 'steps.<name>.undoes',
    check: undoneSteps,
    go: [
      '{{- if eq $item.type "restore" }}',
      '{{- $written := list }}',
      '{{- if eq ($item.preset | default "none") "rsync" }}',
      '{{- range include "<CHARTNAME>.stepVolumes" (dict "step" $item) | fromJsonArray }}',
      '{{- if .writes }}',
      '{{- $written = append $written .volume }}',
      '{{- end }}',
      '{{- end }}',
      '{{- end }}',
      '{{- range $undone := $item.undoes }}',
      '{{- $other := get $v.steps $undone }}',
      '{{- if or (not $other) (eq (toString ($other | default dict).enabled) "false") }}',
      '{{- fail (printf "steps.%s.undoes: \\"%s\\" is not an enabled step of the plan" $name $undone) }}',
      '{{- end }}',
      '{{- if has $other.type (list "verify" "restore") }}',
      '{{- fail (printf "steps.%s.undoes: \\"%s\\" is a %s step, which leaves nothing to undo" $name $undone $other.type) }}',
      '{{- end }}',
      '{{- $volume := include "<CHARTNAME>.fileMarkerVolume" (dict "root" $ "step" $other) }}',
      '{{- if and $volume (not (has $volume $written)) }}',
      '{{- fail (printf "steps.%s.undoes: step \\"%s\\" keeps its marker on the %s volume, which this restore does not write: restore that volume with the rsync preset" $name $undone $volume) }}',
      '{{- end }}',
      '{{- end }}',
      '{{- end }}',
    ],
  },
  {
    id: 'rsync-not-onto-itself',
    rule: 'when',
    path: 'rsync.to',
    when: and(usesPreset('rsync'), eq(item('rsync.from', 'source'), item('rsync.to', 'destination')), eq(item('rsync.fromPath', ''), item('rsync.toPath', ''))),
    message: ['must differ from rsync.from (or use another path): a directory cannot be copied onto itself'],
  },
  { id: 'rclone-remote-set', rule: 'when', path: 'rclone.remote', when: and(usesPreset('rclone'), not(item('rclone.remote'))), message: ['must be set for the rclone preset'] },
  {
    id: 'rclone-download-writable',
    rule: 'when',
    path: 'rclone.volume',
    when: and(usesPreset('rclone'), eq(item('rclone.direction', 'download'), literal('download')), eq(item('rclone.volume', 'source'), literal('source'))),
    message: ['a download must write to destination or backup: the source volume is read-only'],
  },
  {
    id: 'pg-dump-writable',
    rule: 'when',
    path: 'postgres.volume',
    when: and(usesPreset('pg-dump'), eq(item('postgres.volume', 'backup'), literal('source'))),
    message: ['pg-dump must write to destination or backup: the source volume is read-only'],
  },
  {
    id: 'verify-files-two-directories',
    rule: 'when',
    path: 'verifyFiles.to',
    when: and(usesPreset('verify-files'), eq(item('verifyFiles.from', 'source'), item('verifyFiles.to', 'destination')), eq(item('verifyFiles.fromPath', ''), item('verifyFiles.toPath', ''))),
    message: ['must differ from verifyFiles.from (or use another path): a directory always matches itself'],
  },
  ...databaseEntry('postgres-database', 'database', item('postgres.database', ''), ['pg-dump', 'pg-restore', 'verify-rows'], ''),
  ...databaseEntry('verify-rows-compare-with', 'compareWith', item('postgres.compareWith', ''), ['verify-rows'], ' to compare row counts with'),
  {
    id: 'step-volumes-claimed',
    rule: 'custom',
    path: 'volumes.<volume>.claimName',
    check: claimedVolumes,
    go: [
      '{{- range $use := include "<CHARTNAME>.stepVolumes" (dict "step" $item) | fromJsonArray }}',
      '{{- $volume := get $v.volumes $use.volume }}',
      '{{- if and (not $volume.claimName) (not $volume.create.enabled) }}',
      '{{- fail (printf "volumes.%s.claimName: step \\"%s\\" uses the %s volume: name an existing claim or set volumes.%s.create.enabled" $use.volume $name $use.volume $use.volume) }}',
      '{{- end }}',
      '{{- end }}',
    ],
  },
];

/** Migration's rules across values: the spec check and the chart's validateValues both come from this table. */
export const MIGRATION_RULES: readonly ValueRule[] = [
  { id: 'step-requests-within-limits', rule: 'requestsWithinLimits', path: 'plan.stepResources' },
  { id: 'preset-images', rule: 'forEach', path: 'images', rules: [{ id: 'preset-image', rule: 'image', path: '' }] },
  {
    id: 'steps',
    rule: 'forEach',
    path: 'steps',
    names: { check: planStepNames, go: 'include "<CHARTNAME>.stepNames" $ | fromJsonArray' },
    rules: STEP_RULES,
  },
  {
    id: 'argocd-claims-exist',
    rule: 'custom',
    path: 'volumes.<volume>.create.enabled',
    check: argocdClaims,
    go: [
      '{{- if $v.plan.argocd }}',
      '{{- range $volume := include "<CHARTNAME>.usedVolumes" $ | fromJsonArray }}',
      '{{- if (get $v.volumes $volume).create.enabled }}',
      '{{- fail (printf "volumes.%s.create.enabled: with plan.argocd the chart cannot create a claim only when it is missing (Argo CD renders without lookup and would re-create it); create the claim outside the chart and name it in volumes.%s.claimName" $volume $volume) }}',
      '{{- end }}',
      '{{- end }}',
      '{{- end }}',
    ],
  },
  {
    id: 'phase-deadlines-within-helm-timeout',
    rule: 'custom',
    path: 'plan.helmTimeoutSeconds',
    check: phaseDeadlines,
    go: [
      '{{- $timeout := int $v.plan.helmTimeoutSeconds }}',
      '{{- if gt $timeout 0 }}',
      '{{- $phaseSeconds := include "<CHARTNAME>.phaseSeconds" $ | fromJson }}',
      `{{- range $phase := list ${HOOK_PHASES.map((phase) => `"${phase}"`).join(' ')} }}`,
      '{{- $total := int (get $phaseSeconds $phase | default 0) }}',
      '{{- if gt $total $timeout }}',
      '{{- fail (printf "plan.helmTimeoutSeconds: the %s steps may run %ds (the sum of their activeDeadlineSeconds), longer than %ds: raise helm --timeout and this value, or shorten the deadlines" $phase $total $timeout) }}',
      '{{- end }}',
      '{{- end }}',
      '{{- end }}',
    ],
  },
];

export const migration: ChartKind<MigrationValues> = {
  name: 'migration',
  summary: 'Runs an ordered, verifiable data and schema migration plan (back up, migrate, verify) as Helm hooks',
  keywords: ['migration', 'backup', 'helm-hooks', 'postgresql', 'rsync', 'rclone'],
  // batch/v1 Job with activeDeadlineSeconds and ConfigMap/projected volumes are older; 1.29 keeps
  // the support window of every chartforge chart and server-side apply (markers) is GA since 1.22.
  kubeVersion: '>=1.29.0-0',
  values: migrationValues,
  rules: MIGRATION_RULES,
};
