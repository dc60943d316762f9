// The step scripts of charts/migration, run locally as the Jobs run them (POSIX sh with the
// environment the Job sets), against temporary directories and a real PostgreSQL server. No
// cluster runs here, so ConfigMap markers are the files the kubelet would mount. Only rclone,
// which is not installed, is replaced by a shim that records how it was called.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartDir } from '../src/charts.js';

const scripts = mkdtempSync(join(tmpdir(), 'cf-migration-scripts-'));
cpSync(join(chartDir('migration'), 'files'), scripts, { recursive: true });

interface Run {
  status: number;
  output: string;
}

function run(script: string, env: Record<string, string>, args: string[] = [], extraPath?: string): Run {
  const result = spawnSync('/bin/sh', [join(scripts, script), ...args], {
    encoding: 'utf8',
    env: { PATH: `${extraPath ? `${extraPath}:` : ''}${process.env.PATH}`, HOME: tmpdir(), TMPDIR: tmpdir(), ...env },
  });
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(join(folder, entry.name), 'utf8');
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return files;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'cf-migration-run-'));
}

const DATA = { 'a.txt': 'alpha\n', 'models/b.bin': 'bravo bravo\n', 'models/with space.txt': 'charlie\n', 'deep/er/c.txt': 'delta\n' };

describe('rsync.sh', () => {
  const setup = () => {
    const root = workspace();
    write(join(root, 'source'), DATA);
    const env = {
      CF_STEP: 'copy',
      CF_FROM_DIR: join(root, 'source'),
      CF_TO_DIR: join(root, 'destination', 'data'),
      CF_MARKER: 'file',
      CF_MARKER_DIR: join(root, 'destination', '.chartforge-migration', 'release-migration'),
      CF_MARKER_ID: 'abc123',
      CF_DRY_RUN: 'false',
    };
    return { root, env };
  };

  it('copies every file and records a completion marker on the destination volume', () => {
    const { root, env } = setup();
    const result = run('rsync.sh', env);
    expect(result.status, result.output).toBe(0);
    expect(tree(join(root, 'destination', 'data'))).toEqual(DATA);
    expect(readFileSync(join(env.CF_MARKER_DIR, 'copy'), 'utf8')).toBe('abc123\n');
  });

  it('skips itself on a second run of the same plan revision, and runs again for a new one', () => {
    const { root, env } = setup();
    expect(run('rsync.sh', env).status).toBe(0);
    writeFileSync(join(root, 'destination', 'data', 'a.txt'), 'changed\n');

    const second = run('rsync.sh', env);
    expect(second.status).toBe(0);
    expect(second.output).toContain('already completed (marker abc123');
    expect(readFileSync(join(root, 'destination', 'data', 'a.txt'), 'utf8')).toBe('changed\n');

    const next = run('rsync.sh', { ...env, CF_MARKER_ID: 'def456' });
    expect(next.status, next.output).toBe(0);
    expect(readFileSync(join(root, 'destination', 'data', 'a.txt'), 'utf8')).toBe('alpha\n');
    expect(readFileSync(join(env.CF_MARKER_DIR, 'copy'), 'utf8')).toBe('def456\n');
  });

  it('finds a changed file by checksum even when its size and time match', () => {
    const { root, env } = setup();
    expect(run('rsync.sh', env).status).toBe(0);
    const copied = join(root, 'destination', 'data', 'a.txt');
    writeFileSync(copied, 'ALPHA\n');
    spawnSync('touch', ['-r', join(root, 'source', 'a.txt'), copied]);
    expect(run('rsync.sh', { ...env, CF_MARKER_ID: 'again' }).status).toBe(0);
    expect(readFileSync(copied, 'utf8')).toBe('alpha\n');
  });

  it('writes nothing in a dry run, neither data nor marker, and lists what it would copy', () => {
    const { root, env } = setup();
    const result = run('rsync.sh', { ...env, CF_DRY_RUN: 'true' });
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('models/with space.txt');
    expect(result.output).toContain('dry run: no completion marker written');
    expect(existsSync(join(root, 'destination'))).toBe(false);
  });

  it('mirrors with delete but never deletes the markers kept on the destination', () => {
    const { root, env } = setup();
    const to = { ...env, CF_TO_DIR: join(root, 'destination'), CF_DELETE: 'true' };
    write(join(root, 'destination'), { 'stale.txt': 'old\n' });
    write(join(root, 'destination', '.chartforge-migration', 'other-release'), { backup: 'x\n' });
    expect(run('rsync.sh', to).status).toBe(0);
    const result = tree(join(root, 'destination'));
    expect(result['stale.txt']).toBeUndefined();
    expect(result['.chartforge-migration/other-release/backup']).toBe('x\n');
    expect(result['.chartforge-migration/release-migration/copy']).toBe('abc123\n');
    expect(result['a.txt']).toBe('alpha\n');
  });

  it('fails when the source directory is missing', () => {
    const { root, env } = setup();
    const result = run('rsync.sh', { ...env, CF_FROM_DIR: join(root, 'nope') });
    expect(result.status).toBe(1);
    expect(result.output).toContain('does not exist or is not a directory');
    expect(existsSync(env.CF_MARKER_DIR)).toBe(false);
  });
});

describe('verify-files.sh', () => {
  const setup = () => {
    const root = workspace();
    write(join(root, 'source'), DATA);
    write(join(root, 'destination'), DATA);
    write(join(root, 'destination', '.chartforge-migration', 'release-migration'), { copy: 'abc\n' });
    return { root, env: { CF_STEP: 'verify', CF_FROM_DIR: join(root, 'source'), CF_TO_DIR: join(root, 'destination'), CF_MARKER: 'none', CF_DRY_RUN: 'false' } };
  };

  it('passes when both sides hold the same files with the same checksums (markers aside)', () => {
    const { env } = setup();
    const result = run('verify-files.sh', env);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/4 entries; .*: 4 entries; 0 missing, 0 extra, 0 with a different checksum/);
  });

  it('fails on a checksum mismatch and names the file', () => {
    const { root, env } = setup();
    writeFileSync(join(root, 'destination', 'models', 'b.bin'), 'bravo BRAVO\n');
    const result = run('verify-files.sh', env);
    expect(result.status).toBe(1);
    expect(result.output).toContain('checksum differs: ./models/b.bin');
    expect(result.output).toContain('verification failed: files differ');
  });

  it('fails on a count mismatch: missing and extra files', () => {
    const { root, env } = setup();
    rmSync(join(root, 'destination', 'deep', 'er', 'c.txt'));
    write(join(root, 'destination'), { 'surprise.txt': '!' });
    const result = run('verify-files.sh', { ...env, CF_CHECKSUMS: 'false' });
    expect(result.status).toBe(1);
    expect(result.output).toContain('missing from');
    expect(result.output).toContain('./deep/er/c.txt');
    expect(result.output).toContain('extra in');
    expect(result.output).toContain('./surprise.txt');
  });

  it('compares only counts and paths when checksums are off', () => {
    const { root, env } = setup();
    writeFileSync(join(root, 'destination', 'a.txt'), 'different\n');
    expect(run('verify-files.sh', { ...env, CF_CHECKSUMS: 'false' }).status).toBe(0);
    expect(run('verify-files.sh', env).status).toBe(1);
  });

  it('reports differences without failing in a dry run', () => {
    const { root, env } = setup();
    rmSync(join(root, 'destination'), { recursive: true });
    const result = run('verify-files.sh', { ...env, CF_DRY_RUN: 'true' });
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('dry run: files differ');
  });
});

describe('rsync.sh as a restore (issue 16, items 6 and 7)', () => {
  // The plan of ci/files-values.yaml: a backup of the destination, a copy onto it, and a restore
  // of the backup that undoes the copy. Revision 1 copied with marker r1; a later revision
  // copied again (marker r2); `helm rollback` to revision 1 runs revision 1's restore.
  const setup = () => {
    const root = workspace();
    write(join(root, 'backup', 'before-migration'), DATA);
    write(join(root, 'destination'), { 'a.txt': 'migrated\n', 'new.txt': 'only after the migration\n' });
    const copyMarker = join(root, 'destination', '.chartforge-migration', 'rel', 'copy');
    write(join(root, 'destination', '.chartforge-migration', 'rel'), { copy: 'r2\n' });
    const env = {
      CF_STEP: 'restore',
      CF_FROM_DIR: join(root, 'backup', 'before-migration'),
      CF_TO_DIR: join(root, 'destination'),
      CF_DELETE: 'true',
      CF_MARKER: 'none',
      CF_UNDONE_MARKERS: `${copyMarker}=r1`,
      CF_DRY_RUN: 'false',
    };
    return { root, env, copyMarker };
  };

  it('restores the backup when the step it undoes ran for another revision, and sets that step\'s marker to the revision rolled back to', () => {
    const { root, env, copyMarker } = setup();
    const result = run('rsync.sh', env);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('restoring: copy ran for another revision since (marker r2, this revision\'s r1)');
    expect(tree(join(root, 'destination'))).toEqual({ ...DATA, '.chartforge-migration/rel/copy': 'r1\n' });
    expect(readFileSync(copyMarker, 'utf8')).toBe('r1\n');
  });

  it('does nothing the second time: the markers already hold the revision rolled back to', () => {
    const { root, env } = setup();
    expect(run('rsync.sh', env).status).toBe(0);
    writeFileSync(join(root, 'destination', 'a.txt'), 'written by the application after the rollback\n');
    const second = run('rsync.sh', env);
    expect(second.status, second.output).toBe(0);
    expect(second.output).toContain('nothing to restore');
    expect(readFileSync(join(root, 'destination', 'a.txt'), 'utf8')).toBe('written by the application after the rollback\n');
  });

  it('leaves the next upgrade\'s copy to run again against the restored data', () => {
    const { root, env, copyMarker } = setup();
    expect(run('rsync.sh', env).status).toBe(0);
    write(join(root, 'source'), { 'a.txt': 'migrated\n' });
    const copy = run('rsync.sh', { CF_STEP: 'copy', CF_FROM_DIR: join(root, 'source'), CF_TO_DIR: join(root, 'destination'), CF_MARKER: 'file', CF_MARKER_DIR: join(copyMarker, '..'), CF_MARKER_ID: 'r2', CF_DRY_RUN: 'false' });
    expect(copy.status, copy.output).toBe(0);
    expect(copy.output).not.toContain('already completed');
    expect(readFileSync(join(root, 'destination', 'a.txt'), 'utf8')).toBe('migrated\n');
    expect(readFileSync(copyMarker, 'utf8')).toBe('r2\n');
  });

  it('restores when the step it undoes failed half-way: a step removes its marker before it writes', () => {
    const { root, env, copyMarker } = setup();
    writeFileSync(copyMarker, 'r1\n');
    write(root, { 'not-a-directory': 'x' });
    const failed = run('rsync.sh', { CF_STEP: 'copy', CF_FROM_DIR: join(root, 'backup'), CF_TO_DIR: join(root, 'not-a-directory', 'data'), CF_MARKER: 'file', CF_MARKER_DIR: join(copyMarker, '..'), CF_MARKER_ID: 'r2', CF_DRY_RUN: 'false' });
    expect(failed.status).not.toBe(0);
    expect(existsSync(copyMarker)).toBe(false);
    const restore = run('rsync.sh', env);
    expect(restore.output).toContain('restoring: copy ran for another revision since (marker missing');
    expect(readFileSync(copyMarker, 'utf8')).toBe('r1\n');
  });

  it('changes nothing in a dry run, markers included', () => {
    const { root, env, copyMarker } = setup();
    const result = run('rsync.sh', { ...env, CF_DRY_RUN: 'true' });
    expect(result.status, result.output).toBe(0);
    expect(readFileSync(join(root, 'destination', 'a.txt'), 'utf8')).toBe('migrated\n');
    expect(readFileSync(copyMarker, 'utf8')).toBe('r2\n');
  });
});

describe('rclone.sh (rclone is not installed here: a shim records its arguments)', () => {
  const shim = mkdtempSync(join(tmpdir(), 'cf-rclone-shim-'));
  writeFileSync(join(shim, 'rclone'), '#!/bin/sh\nfor arg in "$@"; do printf \'%s\\n\' "$arg"; done >> "$RCLONE_CALLS"\necho "--" >> "$RCLONE_CALLS"\n');
  chmodSync(join(shim, 'rclone'), 0o755);

  const setup = (direction: string) => {
    const root = workspace();
    write(join(root, 'source'), DATA);
    const env = {
      CF_STEP: 'fetch',
      CF_REMOTE: 's3://ml-datasets/v2',
      CF_DIRECTION: direction,
      CF_MODE: 'sync',
      CF_VOLUME_DIR: join(root, direction === 'upload' ? 'source' : 'destination'),
      CF_MARKER: direction === 'upload' ? 'configmap' : 'file',
      CF_MARKER_DIR: join(root, 'destination', '.chartforge-migration', 'rel'),
      CF_MARKER_ID: 'r1',
      CF_DRY_RUN: 'false',
      RCLONE_CALLS: join(root, 'calls'),
    };
    const calls = () => (existsSync(env.RCLONE_CALLS) ? readFileSync(env.RCLONE_CALLS, 'utf8').split('--\n').filter(Boolean).map((c) => c.trimEnd().split('\n')) : []);
    return { root, env, calls };
  };

  it('downloads from the object store with checksums, then records its marker and skips the next run', () => {
    const { env, calls } = setup('download');
    expect(run('rclone.sh', env, ['--transfers=16'], shim).status).toBe(0);
    expect(calls()).toEqual([['sync', ':s3:ml-datasets/v2', env.CF_VOLUME_DIR, '--checksum', '--stats-one-line', '--stats=30s', '--exclude=/.chartforge-migration/**', '--transfers=16']]);
    expect(readFileSync(join(env.CF_MARKER_DIR, 'fetch'), 'utf8')).toBe('r1\n');
    expect(run('rclone.sh', env, [], shim).output).toContain('already completed');
    expect(calls()).toHaveLength(1);
  });

  it('passes --dry-run and writes no marker in a dry run', () => {
    const { env, calls } = setup('download');
    expect(run('rclone.sh', { ...env, CF_DRY_RUN: 'true' }, [], shim).status).toBe(0);
    expect(calls()[0]).toContain('--dry-run');
    expect(existsSync(env.CF_MARKER_DIR)).toBe(false);
  });

  it('uploads a volume to gs:// and az:// remotes', () => {
    const { env, calls } = setup('upload');
    expect(run('rclone.sh', { ...env, CF_REMOTE: 'gs://archive/datasets', CF_MODE: 'copy' }, [], shim).status).toBe(0);
    expect(run('rclone.sh', { ...env, CF_REMOTE: 'az://container/x', CF_MODE: 'copy' }, [], shim).status).toBe(0);
    expect(calls().map((c) => c.slice(0, 3))).toEqual([
      ['copy', env.CF_VOLUME_DIR, ':gcs:archive/datasets'],
      ['copy', env.CF_VOLUME_DIR, ':azureblob:container/x'],
    ]);
  });

  it('rejects a remote that is not an object store', () => {
    const { env } = setup('download');
    const result = run('rclone.sh', { ...env, CF_REMOTE: 'ftp://host/x' }, [], shim);
    expect(result.status).toBe(1);
    expect(result.output).toContain('CF_REMOTE must start with s3://, gs:// or az://');
  });
});

/** util-linux's runuser lives in /usr/sbin, which not every PATH a CI job gets holds. */
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser'].find((path) => existsSync(path)) ?? 'runuser';

/** A throwaway PostgreSQL server from the Debian packages (run as nobody when the tests run as root). */
class TestPostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'cf-postgres-'));
  readonly port = String(54000 + Math.floor(Math.random() * 1000));
  private readonly bin: string;

  constructor() {
    const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
    const bin = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((b) => existsSync(join(b, 'initdb')));
    if (!bin) throw new Error('PostgreSQL server binaries not found: run scripts/install-system-packages.sh');
    this.bin = bin;
  }

  private server(args: string[]): void {
    const command = join(this.bin, args[0]!);
    const asRoot = process.getuid?.() === 0;
    const result = asRoot ? spawnSync(RUNUSER, ['-u', 'nobody', '--', command, ...args.slice(1)], { encoding: 'utf8', cwd: '/' }) : spawnSync(command, args.slice(1), { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.error?.message ?? result.stderr}`);
  }

  start(): void {
    if (process.getuid?.() === 0) spawnSync('chown', ['nobody', this.dir]);
    this.server(['initdb', '-D', join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    this.server(['pg_ctl', '-D', join(this.dir, 'data'), '-o', `-k ${this.dir} -h '' -p ${this.port} -F`, '-l', join(this.dir, 'log'), '-w', 'start']);
  }

  stop(): void {
    this.server(['pg_ctl', '-D', join(this.dir, 'data'), '-m', 'immediate', 'stop']);
  }

  env(database: string): Record<string, string> {
    return { PGHOST: this.dir, PGPORT: this.port, PGDATABASE: database, PGUSER: 'postgres', PGPASSWORD: '', PGSSLMODE: 'disable' };
  }

  sql(database: string, statements: string): string {
    const result = spawnSync('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-At', '-c', statements], { encoding: 'utf8', env: { ...process.env, ...this.env(database) } });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout.trim();
  }
}

describe('pg-dump.sh, pg-restore.sh and verify-rows.sh against a real PostgreSQL', () => {
  const postgres = new TestPostgres();
  const root = workspace();
  const dump = join(root, 'backup', 'app', 'app.dump');
  const markers = join(root, 'backup', '.chartforge-migration', 'rel');
  const dumpEnv = { ...postgres.env('old'), CF_STEP: 'dump', CF_DUMP_PATH: dump, CF_MARKER: 'file', CF_MARKER_DIR: markers, CF_MARKER_ID: 'd1', CF_DRY_RUN: 'false' };
  const configMapMarkers = join(root, 'configmap-markers');
  const restoreEnv = { ...postgres.env('new'), CF_STEP: 'restore', CF_DUMP_PATH: dump, CF_MARKER: 'configmap', CF_MARKER_DIR: configMapMarkers, CF_MARKER_ID: 'r1', CF_DRY_RUN: 'false', CF_CLEAN: 'true', CF_JOBS: '2' };
  const reference = Object.fromEntries(Object.entries(postgres.env('old')).map(([k, v]) => [`CF_REF_${k}`, v]));
  const verifyEnv = { ...postgres.env('new'), ...reference, CF_STEP: 'rows', CF_MARKER: 'none', CF_DRY_RUN: 'false' };

  beforeAll(() => {
    postgres.start();
    postgres.sql('postgres', 'CREATE DATABASE old');
    postgres.sql('postgres', 'CREATE DATABASE new');
    postgres.sql(
      'old',
      `CREATE TABLE users (id int PRIMARY KEY, name text); INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 25) g;
       CREATE SCHEMA shop; CREATE TABLE shop."Orders" (id int, user_id int); INSERT INTO shop."Orders" SELECT g, g % 25 + 1 FROM generate_series(1, 40) g;`,
    );
  }, 120_000);
  afterAll(() => postgres.stop());

  it('checks in a dry run that the database can be dumped, writing nothing', () => {
    const result = run('pg-dump.sh', { ...dumpEnv, CF_DRY_RUN: 'true' });
    expect(result.status, result.output).toBe(0);
    expect(existsSync(join(root, 'backup'))).toBe(false);
  });

  it('dumps with a checksum file and a marker, and skips the next run', () => {
    const result = run('pg-dump.sh', dumpEnv);
    expect(result.status, result.output).toBe(0);
    expect(readFileSync(`${dump}.sha256`, 'utf8')).toMatch(/^[a-f0-9]{64} {2}app\.dump\n$/);
    expect(readFileSync(join(markers, 'dump'), 'utf8')).toBe('d1\n');
    expect(existsSync(`${dump}.partial`)).toBe(false);
    expect(run('pg-dump.sh', dumpEnv).output).toContain('already completed');
  });

  it('lists the archive in a dry run without restoring anything', () => {
    const result = run('pg-restore.sh', { ...restoreEnv, CF_DRY_RUN: 'true' });
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/the archive holds \d+ entries/);
    expect(postgres.sql('new', "SELECT count(*) FROM pg_tables WHERE schemaname IN ('public', 'shop')")).toBe('0');
  });

  it('verify-rows reports the differences of an unrestored database without failing a dry run, and fails a real run', () => {
    const dry = run('verify-rows.sh', { ...verifyEnv, CF_DRY_RUN: 'true' });
    expect(dry.status, dry.output).toBe(0);
    expect(dry.output).toContain('dry run: row counts differ');
    const real = run('verify-rows.sh', verifyEnv);
    expect(real.status).toBe(1);
    expect(real.output).toContain('missing from new@');
    expect(real.output).toContain('public.users');
  });

  it('restores the archive, after which verify-rows finds the same row counts', () => {
    const result = run('pg-restore.sh', restoreEnv);
    expect(result.status, result.output).toBe(0);
    expect(postgres.sql('new', 'SELECT count(*) FROM shop."Orders"')).toBe('40');
    const verify = run('verify-rows.sh', verifyEnv);
    expect(verify.status, verify.output).toBe(0);
    expect(verify.output).toMatch(/2 entries; .*2 entries; 0 missing, 0 extra, 0 with a different row count/);
  });

  it('verify-rows detects a row count mismatch, limited to the listed tables when given', () => {
    postgres.sql('new', "INSERT INTO users VALUES (1000, 'late')");
    const result = run('verify-rows.sh', verifyEnv);
    expect(result.status).toBe(1);
    expect(result.output).toContain('row count differs: public.users (old@');
    expect(result.output).toContain(': 25, new@');
    expect(run('verify-rows.sh', { ...verifyEnv, CF_TABLES: 'shop.Orders' }).status).toBe(0);
    postgres.sql('new', 'DELETE FROM users WHERE id = 1000');
  });

  it('as a restore step, restores only when a step it undoes ran for another revision (issue 16, item 7)', () => {
    // The markers ConfigMap as the kubelet mounts it: the schema step ran for revision m2 since.
    mkdirSync(configMapMarkers, { recursive: true });
    writeFileSync(join(configMapMarkers, 'schema'), 'm2');
    const rollback = { ...restoreEnv, CF_STEP: 'rollback', CF_MARKER: 'none', CF_UNDONE_MARKERS: `${join(configMapMarkers, 'schema')}=m1` };
    postgres.sql('new', 'DROP TABLE users');
    const first = run('pg-restore.sh', rollback);
    expect(first.status, first.output).toBe(0);
    expect(first.output).toContain('restoring: schema ran for another revision since (marker m2, this revision\'s m1)');
    expect(postgres.sql('new', 'SELECT count(*) FROM users')).toBe('25');
    // The Job's reset-marker container then applies m1; a second rollback to the same revision does nothing.
    writeFileSync(join(configMapMarkers, 'schema'), 'm1');
    postgres.sql('new', "INSERT INTO users VALUES (1000, 'written after the rollback')");
    const second = run('pg-restore.sh', rollback);
    expect(second.status, second.output).toBe(0);
    expect(second.output).toContain('nothing to restore');
    expect(postgres.sql('new', 'SELECT count(*) FROM users')).toBe('26');
    postgres.sql('new', 'DELETE FROM users WHERE id = 1000');
    rmSync(configMapMarkers, { recursive: true });
  });

  it('refuses to restore a damaged archive', () => {
    const damaged = join(root, 'damaged.dump');
    cpSync(dump, damaged);
    cpSync(`${dump}.sha256`, `${damaged}.sha256`);
    writeFileSync(`${damaged}.sha256`, readFileSync(`${dump}.sha256`, 'utf8').replace('app.dump', 'damaged.dump'));
    writeFileSync(damaged, Buffer.concat([readFileSync(damaged), Buffer.from('garbage')]));
    const result = run('pg-restore.sh', { ...restoreEnv, CF_DUMP_PATH: damaged, CF_MARKER_ID: 'r2' });
    expect(result.status).toBe(1);
    expect(result.output).toContain('does not match its checksum file: the archive is damaged');
  });
});
