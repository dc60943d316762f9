// Step presets of the migration kind: what each one runs, on which public image, how it behaves in
// a dry run, and where it records that it is done. The generator embeds this table into the
// chart's helpers, so `--set steps.copy.preset=rclone` at install time switches everything a
// preset decides, not only what was known at generation.

export type StepType = 'backup' | 'migrate' | 'verify' | 'restore' | 'custom';
export type StepPresetName = 'rsync' | 'rclone' | 'pg-dump' | 'pg-restore' | 'schema-migration' | 'verify-files' | 'verify-rows' | 'none';
export type MigrationToolName = 'flyway' | 'liquibase' | 'alembic';
export type VolumeName = 'source' | 'destination' | 'backup';

export const STEP_TYPES: readonly StepType[] = ['backup', 'migrate', 'verify', 'restore', 'custom'];
export const VOLUME_NAMES: readonly VolumeName[] = ['source', 'destination', 'backup'];
export const WRITABLE_VOLUME_NAMES: readonly VolumeName[] = ['destination', 'backup'];

/**
 * Where a step records that it completed for the current marker id:
 * - file: a file on the volume the step writes to, so a re-created volume is filled again (a
 *   step that writes no volume, such as an rclone upload, falls back to configmap); the step's
 *   script checks it, removes it before it writes and records it after it succeeded;
 * - configmap: a key of the plan's markers ConfigMap, for steps whose output is not a volume.
 *   The chart checks it when Helm renders the release (`lookup`) and leaves a completed step
 *   out, so the step's image needs no shell; a kubectl container clears the key before the step
 *   runs and records it after the step succeeded;
 * - none: verify and restore steps always run, because a check that skips itself checks nothing
 *   and a restore decides from the markers of the steps it undoes.
 */
export type MarkerKind = 'file' | 'configmap' | 'none';

export interface StepPreset {
  summary: string;
  /** Step types the preset may be used for. */
  types: readonly StepType[];
  /** Key of `images` whose image runs the preset ("" = the step must name its own image). */
  image: 'rsync' | 'rclone' | 'postgres' | 'verify' | '';
  /** Script in the chart's files/ the step container runs with sh ("" = the step's own command, run without a shell). */
  script: string;
  marker: MarkerKind;
}

export const STEP_PRESETS: Record<StepPresetName, StepPreset> = {
  rsync: {
    summary: 'copies a directory between volumes with rsync --checksum (dry run: --dry-run --itemize-changes)',
    types: ['backup', 'migrate', 'restore'],
    image: 'rsync',
    script: 'rsync.sh',
    marker: 'file',
  },
  rclone: {
    summary: 'copies between an object store (s3://, gs://, az://) and a volume with rclone --checksum, credentials from a Secret (dry run: --dry-run)',
    // download: marker file on the volume; upload: the volume is only read, so a ConfigMap marker.
    types: ['backup', 'migrate'],
    image: 'rclone',
    script: 'rclone.sh',
    marker: 'file',
  },
  'pg-dump': {
    summary: 'dumps a PostgreSQL database with pg_dump -Fc to the backup volume, with a sha256 checksum (dry run: a schema-only dump to /dev/null)',
    types: ['backup'],
    image: 'postgres',
    script: 'pg-dump.sh',
    marker: 'file',
  },
  'pg-restore': {
    summary: 'restores a pg_dump archive with pg_restore after checking its checksum (dry run: pg_restore --list)',
    types: ['migrate', 'restore'],
    image: 'postgres',
    script: 'pg-restore.sh',
    marker: 'configmap',
  },
  'schema-migration': {
    summary: 'runs your migration image\'s tool (Flyway, Liquibase, Alembic or your own command) without a shell, with its read-only command in a dry run',
    types: ['migrate'],
    image: '',
    script: '',
    marker: 'configmap',
  },
  'verify-files': {
    summary: 'compares file counts and sha256 checksums of two volume directories',
    types: ['verify'],
    image: 'verify',
    script: 'verify-files.sh',
    marker: 'none',
  },
  'verify-rows': {
    summary: 'compares exact row counts of every table (or the listed ones) between two PostgreSQL databases',
    types: ['verify'],
    image: 'postgres',
    script: 'verify-rows.sh',
    marker: 'none',
  },
  none: {
    summary: 'your own image and command, run without a shell',
    types: ['backup', 'migrate', 'verify', 'restore', 'custom'],
    image: '',
    script: '',
    marker: 'configmap',
  },
};

export const STEP_PRESET_NAMES = Object.keys(STEP_PRESETS) as StepPresetName[];

export interface MigrationTool {
  command: string[];
  args: string[];
  /** Read-only arguments for a dry run: report what would change, change nothing. */
  dryRunArgs: string[];
}

/** Commands of common schema-migration tools, run in the user's migration image. */
export const MIGRATION_TOOLS: Record<MigrationToolName, MigrationTool> = {
  flyway: { command: ['flyway'], args: ['migrate'], dryRunArgs: ['info'] },
  liquibase: { command: ['liquibase'], args: ['update'], dryRunArgs: ['status', '--verbose'] },
  alembic: { command: ['alembic'], args: ['upgrade', 'head'], dryRunArgs: ['upgrade', 'head', '--sql'] },
};

export const MIGRATION_TOOL_NAMES = Object.keys(MIGRATION_TOOLS) as MigrationToolName[];

export const HOOK_PHASES = ['pre-install', 'pre-upgrade', 'post-install', 'post-upgrade', 'pre-rollback', 'post-rollback'] as const;
export type HookPhase = (typeof HOOK_PHASES)[number];
