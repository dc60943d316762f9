import { describe, expect, it } from 'vitest';
import { defaultSpec, formatSpecError, loadSpec, migration, stepPhases, stepVolumes, type MigrationValues } from '../src/index.js';

function errorsOf(text: string): string[] {
  const result = loadSpec(migration, text, 'plan.yaml');
  if (result.ok) throw new Error('expected the plan to be invalid');
  return result.errors.map(formatSpecError);
}

function load(text: string): MigrationValues {
  const result = loadSpec(migration, text, 'plan.yaml');
  if (!result.ok) throw new Error(result.errors.map(formatSpecError).join('\n'));
  return result.spec.values;
}

const VOLUMES = 'volumes:\n  source: {claimName: data-v1}\n  destination: {claimName: data-v2}\n  backup: {create: {enabled: true}}\n';

describe('the migration kind', () => {
  it('defaults to an empty plan, so a spec\'s steps are the whole plan', () => {
    expect(defaultSpec(migration).values.steps).toEqual({});
    expect(defaultSpec(migration).values.plan.defaultPhases).toEqual(['pre-install', 'pre-upgrade']);
  });

  it('loads a plan of steps keyed by name', () => {
    const values = load(`${VOLUMES}steps:\n  copy: {order: 20, type: migrate, preset: rsync, activeDeadlineSeconds: 600}\n  verify: {order: 30, type: verify, preset: verify-files, activeDeadlineSeconds: 60, verifyFiles: {to: destination}}\n`);
    expect(Object.keys(values.steps)).toEqual(['copy', 'verify']);
  });

  it('reports each rule across steps at the offending value', () => {
    expect(
      errorsOf(
        [
          'plan:',
          '  helmTimeoutSeconds: 100',
          'steps:',
          '  a:',
          '    order: 1',
          '    type: migrate',
          '    preset: pg-dump',
          '    activeDeadlineSeconds: 60',
          '  b:',
          '    order: 1',
          '    type: migrate',
          '    preset: rsync',
          '    activeDeadlineSeconds: 60',
          '    command: [rsync]',
          '',
        ].join('\n'),
      ),
    ).toEqual([
      'plan.yaml:1:1 volumes.backup.claimName: step "a" uses the backup volume: name an existing claim or set volumes.backup.create.enabled',
      'plan.yaml:1:1 volumes.destination.claimName: step "b" uses the destination volume: name an existing claim or set volumes.destination.create.enabled',
      'plan.yaml:1:1 volumes.source.claimName: step "b" uses the source volume: name an existing claim or set volumes.source.create.enabled',
      'plan.yaml:2:23 plan.helmTimeoutSeconds: the pre-install steps may run 120s (the sum of their activeDeadlineSeconds), longer than 100s: raise helm --timeout and this value, or shorten the deadlines',
      'plan.yaml:2:23 plan.helmTimeoutSeconds: the pre-upgrade steps may run 120s (the sum of their activeDeadlineSeconds), longer than 100s: raise helm --timeout and this value, or shorten the deadlines',
      'plan.yaml:5:5 steps.a.postgres.database: must name an entry of databases',
      'plan.yaml:7:13 steps.a.preset: preset "pg-dump" cannot run a migrate step; it runs backup steps',
      'plan.yaml:10:12 steps.b.order: must be unique among enabled steps: step "a" has order 1 too',
      'plan.yaml:14:14 steps.b.command: must be empty for preset "rsync", which runs its own script; pass extra tool arguments with args',
    ]);
  });

  it('rejects copies onto themselves, downloads into the read-only source and verifies of a directory against itself', () => {
    const errors = errorsOf(
      `${VOLUMES}steps:\n  a: {order: 1, type: migrate, preset: rsync, activeDeadlineSeconds: 9, rsync: {from: backup, to: backup}}\n  b: {order: 2, type: migrate, preset: rclone, activeDeadlineSeconds: 9, rclone: {remote: "s3://x/y", volume: source}}\n  c: {order: 3, type: verify, preset: verify-files, activeDeadlineSeconds: 9, verifyFiles: {to: source}}\n`,
    ).map((e) => e.replace(/^plan\.yaml:\d+:\d+ /, ''));
    expect(errors).toEqual([
      'steps.a.rsync.to: must differ from rsync.from (or use another path): a directory cannot be copied onto itself',
      'steps.b.rclone.volume: a download must write to destination or backup: the source volume is read-only',
      'steps.c.verifyFiles.to: must differ from verifyFiles.from (or use another path): a directory always matches itself',
    ]);
  });

  it('needs an image and a command where the preset has none', () => {
    const errors = errorsOf(`steps:\n  a: {order: 1, type: custom, activeDeadlineSeconds: 9}\n  m: {order: 2, type: migrate, preset: schema-migration, activeDeadlineSeconds: 9}\n`).map((e) => e.replace(/^plan\.yaml:\d+:\d+ /, ''));
    expect(errors).toEqual([
      'steps.a.command: must be set for preset "none" (the step runs your own command)',
      'steps.a.image.repository: must name the step\'s image for preset "none"',
      'steps.m.command: must be set when schemaMigration.tool is "command"',
      'steps.m.image.repository: must name the step\'s image for preset "schema-migration"',
    ]);
  });

  it('ignores disabled steps and allows only verify steps as helm tests', () => {
    expect(load(`steps:\n  off: {enabled: false, order: 1, type: migrate, preset: rsync, activeDeadlineSeconds: 9}\n`).steps.off!.enabled).toBe(false);
    expect(errorsOf(`steps:\n  a: {order: 1, type: custom, image: {repository: x, tag: "1"}, command: [x], helmTest: true, activeDeadlineSeconds: 9}\n`)).toEqual([
      'plan.yaml:2:89 steps.a.helmTest: only verify steps run as `helm test`',
    ]);
  });

  it('checks what a restore undoes: enabled steps that leave something to undo, with their markers on a volume it writes (issue 16, items 6 and 7)', () => {
    const copy = '  copy: {order: 1, type: migrate, preset: rsync, activeDeadlineSeconds: 9}\n  check: {order: 2, type: verify, preset: verify-files, activeDeadlineSeconds: 9}\n';
    const restore = (fields: string) => `  restore: {order: 3, type: restore, preset: rsync, activeDeadlineSeconds: 9, ${fields}}\n`;
    const errors = (text: string) => errorsOf(`${VOLUMES}steps:\n${text}`).map((e) => e.replace(/^plan\.yaml:\d+:\d+ /, ''));
    expect(load(`${VOLUMES}steps:\n${copy}${restore('undoes: [copy], rsync: {from: backup, to: destination}')}`).steps.restore!.undoes).toEqual(['copy']);
    expect(errors(`${copy}${restore('rsync: {from: backup, to: destination}')}`)).toEqual(['steps.restore.undoes: must name the steps this restore undoes']);
    expect(errors(`${copy}${restore('undoes: [check, gone], rsync: {from: backup, to: destination}')}`)).toEqual([
      'steps.restore.undoes: "check" is a verify step, which leaves nothing to undo',
      'steps.restore.undoes: "gone" is not an enabled step of the plan',
    ]);
    expect(errors(`${copy}${restore('undoes: [copy], rsync: {from: destination, to: backup}')}`)).toEqual([
      'steps.restore.undoes: step "copy" keeps its marker on the destination volume, which this restore does not write: restore that volume with the rsync preset',
    ]);
    expect(errors(`${copy}  other: {order: 4, type: migrate, preset: rsync, activeDeadlineSeconds: 9, undoes: [copy], rsync: {to: backup}}\n`)).toEqual(['steps.other.undoes: only restore steps undo other steps']);
  });

  it('runs a restore step on helm rollback unless it lists its own phases', () => {
    const values = load(`${VOLUMES}steps:\n  copy: {order: 1, type: migrate, preset: rsync, activeDeadlineSeconds: 9}\n  restore: {order: 3, type: restore, preset: rsync, activeDeadlineSeconds: 9, undoes: [copy], rsync: {from: backup, to: destination}}\n`);
    expect(stepPhases(values, values.steps.restore!)).toEqual(['pre-rollback']);
    expect(stepPhases(values, values.steps.copy!)).toEqual(['pre-install', 'pre-upgrade']);
  });

  it('refuses claims the chart would have to create under Argo CD', () => {
    expect(errorsOf(`plan: {argocd: true}\n${VOLUMES}steps:\n  a: {order: 1, type: backup, preset: rsync, activeDeadlineSeconds: 9, rsync: {to: backup}}\n`)).toEqual([
      expect.stringContaining('volumes.backup.create.enabled: with plan.argocd the chart cannot create a claim'),
    ]);
  });

  it('knows which volumes each preset mounts and writes', () => {
    expect(stepVolumes({ order: 1, type: 'migrate', activeDeadlineSeconds: 1, preset: 'rsync', rsync: { from: 'backup', to: 'destination' } })).toEqual([
      { volume: 'backup', writes: false },
      { volume: 'destination', writes: true },
    ]);
    expect(stepVolumes({ order: 1, type: 'backup', activeDeadlineSeconds: 1, preset: 'rclone', rclone: { direction: 'upload', volume: 'source' } })).toEqual([{ volume: 'source', writes: false }]);
    expect(stepVolumes({ order: 1, type: 'verify', activeDeadlineSeconds: 1, preset: 'verify-rows' })).toEqual([]);
  });
});
