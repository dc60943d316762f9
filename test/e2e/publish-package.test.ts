import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTarGz } from '@chartforge/publish';
import { chartforge } from '../src/cli.js';
import { helm, HELM_MAJORS } from '../src/helm.js';
import { copyChart, isolatedHelmHome, makeSigningKeys, MODEL_API_CHART, serveDirectory, sha256File, stopGpgAgent, temporaryDir, type SigningKeys } from '../src/publish.js';

const ARCHIVE = 'model-api-1.2.0.tgz';

function packageTo(chartDir: string, args: string[] = [], env: Record<string, string> = {}): { dir: string; path: string; stdout: string } {
  const dir = temporaryDir();
  const result = chartforge(['package', chartDir, '-d', dir, ...args], { env });
  expect(result.status, result.stderr).toBe(0);
  return { dir, path: join(dir, ARCHIVE), stdout: result.stdout };
}

describe('chartforge package: byte-reproducible archives', () => {
  it('gives the same sha256 twice, from copies with other timestamps, and prints it', () => {
    const first = packageTo(MODEL_API_CHART);
    const copy = copyChart();
    for (const name of ['Chart.yaml', 'values.yaml', 'templates/deployment.yaml']) utimesSync(join(copy, name), new Date('2011-11-11'), new Date('2011-11-11'));
    const second = packageTo(copy);
    const digest = sha256File(first.path);
    expect(sha256File(second.path)).toBe(digest);
    expect(first.stdout).toBe(`${join(first.dir, ARCHIVE)}  sha256:${digest}\n`);
    console.log(`package digests: run 1 sha256:${digest}, run 2 sha256:${sha256File(second.path)}`);
  });

  it('changes the digest only when the content or SOURCE_DATE_EPOCH changes', () => {
    const base = sha256File(packageTo(MODEL_API_CHART).path);
    const epoch = packageTo(MODEL_API_CHART, [], { SOURCE_DATE_EPOCH: '1700000000' });
    expect(sha256File(epoch.path)).not.toBe(base);
    expect(sha256File(packageTo(MODEL_API_CHART, ['--source-date-epoch', '1700000000']).path)).toBe(sha256File(epoch.path));
    const edited = copyChart();
    writeFileSync(join(edited, 'values.yaml'), `${readFileSync(join(edited, 'values.yaml'), 'utf8')}\n# edited\n`);
    expect(sha256File(packageTo(edited).path)).not.toBe(base);
  });

  it('holds sorted regular files under <name>/ with owner 0:0, mode 0644 and the fixed time', () => {
    const { path } = packageTo(MODEL_API_CHART, ['--source-date-epoch', '1700000000']);
    const listing = execFileSync('tar', ['--numeric-owner', '--full-time', '-tvzf', path], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }).trim().split('\n');
    expect(listing.every((line) => /^-rw-r--r-- 0\/0 +\d+ 2023-11-14 22:13:20 model-api\//.test(line))).toBe(true);
    const names = readTarGz(readFileSync(path)).map((entry) => entry.path);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('model-api/values.schema.json');
    expect(names).not.toContain('model-api/NOTES.local.md');
    expect([...readFileSync(path).subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
  });

  it('leaves out exactly the files helm package leaves out (.helmignore)', () => {
    const chart = copyChart();
    writeFileSync(join(chart, '.helmignore'), '# test\n*.md\n/ci/default-values.yaml\ndocs/\ntemplates/*.txt\n');
    writeFileSync(join(chart, 'README.md'), 'readme');
    execFileSync('mkdir', ['-p', join(chart, 'docs'), join(chart, 'files/docs')]);
    writeFileSync(join(chart, 'docs/guide.yaml'), 'x: 1');
    writeFileSync(join(chart, 'files/docs/kept.yaml'), 'x: 1');
    writeFileSync(join(chart, 'templates/.hidden.yaml'), 'x: 1');
    const ours = readTarGz(readFileSync(packageTo(chart).path)).map((e) => e.path).sort();
    for (const major of HELM_MAJORS) {
      const out = temporaryDir();
      const packaged = helm(major, ['package', chart, '-d', out]);
      expect(packaged.status, packaged.stderr).toBe(0);
      const theirs = readTarGz(readFileSync(join(out, ARCHIVE))).map((e) => e.path).sort();
      expect(ours, `helm ${major}`).toEqual(theirs);
    }
    // `docs/` has no inner slash, so like Helm it matches a directory named docs at any depth.
    expect(ours).not.toContain('model-api/files/docs/kept.yaml');
    expect(ours).not.toContain('model-api/ci/default-values.yaml');
    expect(ours).toContain('model-api/ci/scaled-values.yaml');
  });

  describe.each(HELM_MAJORS)('helm %s accepts the archive', (major) => {
    let archive: string;
    beforeAll(() => {
      archive = packageTo(MODEL_API_CHART).path;
    });

    it('helm show chart and helm lint --strict', () => {
      const shown = helm(major, ['show', 'chart', archive]);
      expect(shown.status, shown.stderr).toBe(0);
      expect(shown.stdout).toMatch(/^name: model-api$/m);
      expect(shown.stdout).toMatch(/^version: 1\.2\.0$/m);
      const lint = helm(major, ['lint', '--strict', archive]);
      expect(lint.status, lint.stdout).toBe(0);
    });

    it('helm template renders exactly what the chart directory renders', () => {
      for (const values of [[], ['-f', join(MODEL_API_CHART, 'ci/scaled-values.yaml')]]) {
        const fromArchive = helm(major, ['template', 'release', archive, ...values]);
        const fromDir = helm(major, ['template', 'release', MODEL_API_CHART, ...values]);
        expect(fromArchive.status, fromArchive.stderr).toBe(0);
        expect(fromArchive.stdout).toBe(fromDir.stdout);
      }
    });
  });

  // No cluster exists here, so a client-side dry run is the furthest an install can be proven; only
  // Helm 4 does it without contacting a cluster (Helm 3.17 still asks the API server for its version).
  it('helm 4 install --dry-run=client', () => {
    const installed = helm('v4', ['install', 'release', packageTo(MODEL_API_CHART).path, '--dry-run=client']);
    expect(installed.status, installed.stderr).toBe(0);
    expect(installed.stdout).toContain('STATUS: pending-install');
    expect(installed.stdout).toContain('kind: Deployment');
  });

  it('refuses bad input without writing anything: exit 2 for a missing chart, 1 for an invalid one', () => {
    const out = temporaryDir();
    const missing = chartforge(['package', 'no/such/chart', '-d', out]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('chartforge package: chart directory no/such/chart does not exist\n');
    const invalid = copyChart();
    writeFileSync(join(invalid, 'Chart.yaml'), 'apiVersion: v2\nname: model-api\nversion: 1.2\n');
    const bad = chartforge(['package', MODEL_API_CHART, invalid, '-d', out]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Chart\.yaml: "version" must be a string, got 1\.2 \(quote it/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('chartforge package --sign: Helm provenance files', () => {
  let keys: SigningKeys;
  let protectedKeys: SigningKeys;
  beforeAll(() => {
    keys = makeSigningKeys('Chart Release Bot <release@example.com>');
    protectedKeys = makeSigningKeys('Protected Signer <protected@example.com>', 'correct horse');
  });
  afterAll(() => {
    stopGpgAgent(keys);
    stopGpgAgent(protectedKeys);
  });

  it.each(HELM_MAJORS)('writes a .prov that helm %s verify accepts, and rejects once the archive changes', (major) => {
    const { dir, path, stdout } = packageTo(MODEL_API_CHART, ['--sign', '--key', 'Release Bot', '--keyring', keys.secretKeyring]);
    expect(stdout).toContain(`${ARCHIVE}.prov  signed by "Release Bot"`);
    const verified = helm(major, ['verify', '--keyring', keys.publicKeyring, path]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`Chart Hash Verified: sha256:${sha256File(path)}`);
    expect(verified.stdout).toContain('Signed by: Chart Release Bot <release@example.com>');
    const bytes = readFileSync(path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 5) ^ 0xff, bytes.length - 5);
    writeFileSync(path, bytes);
    const tampered = helm(major, ['verify', '--keyring', keys.publicKeyring, join(dir, ARCHIVE)]);
    expect(tampered.status).not.toBe(0);
    expect(tampered.stderr).toMatch(/sha256 sum does not match/);
  });

  it.each(HELM_MAJORS)('helm %s pull --verify checks the .prov served next to the archive by a chart repository', async (major) => {
    const repo = temporaryDir('chartforge-signed-repo-');
    expect(chartforge(['package', MODEL_API_CHART, '-d', repo, '--sign', '--key', 'Release Bot', '--keyring', keys.secretKeyring]).status).toBe(0);
    expect(chartforge(['index', repo]).status).toBe(0);
    const server = await serveDirectory(repo);
    try {
      const env = isolatedHelmHome();
      expect(helm(major, ['repo', 'add', 'signed', server.url], { env }).status).toBe(0);
      const out = temporaryDir();
      const pulled = helm(major, ['pull', 'signed/model-api', '--verify', '--keyring', keys.publicKeyring, '-d', out], { env });
      expect(pulled.status, pulled.stderr).toBe(0);
      expect(pulled.stdout).toContain('Signed by: Chart Release Bot <release@example.com>');
      expect(sha256File(join(out, ARCHIVE))).toBe(sha256File(join(repo, ARCHIVE)));
      const stranger = makeSigningKeys('Someone Else <else@example.com>');
      stopGpgAgent(stranger);
      const rejected = helm(major, ['pull', 'signed/model-api', '--verify', '--keyring', stranger.publicKeyring, '-d', temporaryDir()], { env });
      expect(rejected.status).not.toBe(0);
    } finally {
      await server.close();
    }
  });

  it('signs the same message block as helm package --sign (metadata, "...", files)', () => {
    const { path } = packageTo(MODEL_API_CHART, ['--sign', '--key', 'Release Bot', '--keyring', keys.secretKeyring]);
    const helmOut = temporaryDir();
    const helmSigned = helm('v3', ['package', '--sign', '--key', 'Release Bot', '--keyring', keys.secretKeyring, MODEL_API_CHART, '-d', helmOut]);
    expect(helmSigned.status, helmSigned.stderr).toBe(0);
    const body = (file: string) =>
      readFileSync(file, 'utf8')
        .split('-----BEGIN PGP SIGNATURE-----')[0]!
        .replace(/sha256:[0-9a-f]{64}/, 'sha256:DIGEST');
    expect(body(`${path}.prov`)).toBe(body(join(helmOut, `${ARCHIVE}.prov`)));
    expect(readFileSync(`${path}.prov`, 'utf8')).toContain(`files:\n  ${ARCHIVE}: sha256:${sha256File(path)}\n`);
  });

  it('unlocks a protected key with --passphrase-file, and fails clearly without it', () => {
    const passphrase = join(temporaryDir(), 'passphrase');
    writeFileSync(passphrase, 'correct horse\n');
    const signed = packageTo(MODEL_API_CHART, ['--sign', '--key', 'Protected', '--keyring', protectedKeys.secretKeyring, '--passphrase-file', passphrase]);
    expect(helm('v4', ['verify', '--keyring', protectedKeys.publicKeyring, signed.path]).status).toBe(0);
    const out = temporaryDir();
    const unsigned = chartforge(['package', MODEL_API_CHART, '-d', out, '--sign', '--key', 'Protected', '--keyring', protectedKeys.secretKeyring]);
    expect(unsigned.status).toBe(1);
    expect(unsigned.stderr).toMatch(/cannot sign with the key "Protected" \(if it has a passphrase, pass --passphrase-file\)/);
    expect(existsSync(join(out, ARCHIVE))).toBe(false);
  });

  it('chooses keys as Helm does and says why it cannot sign', () => {
    const out = temporaryDir();
    const unknown = chartforge(['package', MODEL_API_CHART, '-d', out, '--sign', '--key', 'Nobody', '--keyring', keys.secretKeyring]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no secret key in');
    const usage = chartforge(['package', MODEL_API_CHART, '-d', out, '--sign']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe('chartforge package: --sign needs --key NAME and --keyring FILE\n');
    expect(readdirSync(out)).toEqual([]);
  });
});
