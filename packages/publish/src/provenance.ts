// Helm provenance files (`<chart>.tgz.prov`): an OpenPGP clearsigned message whose body is the
// chart's metadata as YAML, the YAML document end marker `...`, and a `files:` map from the archive
// name to `sha256:<hex>` — the format `helm package --sign` writes and `helm verify` checks.
//
// Signing is done by GnuPG (`gpg`) against a throwaway home directory into which the given keyring
// is imported, so the user's own GnuPG state is never touched. That home holds the private key:
// it is removed, and its gpg-agent stopped, however the run ends (see child.ts); one a SIGKILL left
// behind is removed by the next signing run. The key is chosen the way Helm
// chooses it: an identity equal to `key`, else the only identity containing it.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { marshalMetadata, type ChartMetadata } from './chart.js';
import { runChild, withCleanup } from './child.js';
import { ChartError } from './errors.js';

/** The signed text of a provenance file. */
export function provenanceMessage(metadata: ChartMetadata, archiveName: string, digestHex: string): string {
  const files = stringify({ files: { [archiveName]: `sha256:${digestHex}` } }, { version: '1.1', lineWidth: 0 });
  return `${marshalMetadata(metadata)}\n...\n${files}`;
}

export interface SignOptions {
  /** Name (or part of the name) of the signing key's identity, as for `helm package --key`. */
  key: string;
  /** Keyring holding the secret key: `gpg --export-secret-keys` output (binary or armored). */
  keyring: string;
  /** File whose first line is the key's passphrase, for protected keys. */
  passphraseFile?: string;
  /** Passphrase given directly (e.g. from HELM_KEY_PASSPHRASE). */
  passphrase?: string;
  /** The gpg binary (default `gpg` on PATH). */
  gpg?: string;
}

interface GpgRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runGpg(gpg: string, home: string, args: string[], input?: string): GpgRun {
  return runChild(gpg, ['--homedir', home, '--batch', '--no-tty', '--no-permission-warning', ...args], {
    ...(input !== undefined ? { input } : {}),
    env: { ...process.env, GNUPGHOME: home, LC_ALL: 'C' },
    maxBuffer: 64 * 1024 * 1024,
    what: 'gpg',
    missing: `signing needs GnuPG: "${gpg}" was not found on PATH (install the gnupg package)`,
  });
}

const HOME_PREFIX = 'chartforge-gpg-';

/** Stops the home's gpg-agent and removes the home, private key and all. */
function removeGpgHome(home: string): void {
  try {
    runChild('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home } });
  } catch {
    // No gpgconf, or it hung: the directory still goes, and the agent exits when its socket does.
  }
  rmSync(home, { recursive: true, force: true });
}

function isRunning(pid: number): boolean {
  try {
    return process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Homes (`chartforge-gpg-<pid>-…`) of signing runs that were killed before they could clean up. */
function removeAbandonedGpgHomes(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = name.startsWith(HOME_PREFIX) ? /^(\d+)-/.exec(name.slice(HOME_PREFIX.length))?.[1] : undefined;
    if (pid !== undefined && !isRunning(Number(pid))) removeGpgHome(join(tmpdir(), name));
  }
}

function gpgFailure(what: string, run: GpgRun): ChartError {
  const detail = run.stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(-3)
    .join('; ');
  return new ChartError(`${what}${detail ? `: ${detail}` : ''}`);
}

/** Fingerprint of the one secret key whose identity matches `key` the way Helm matches it. */
function selectKey(gpg: string, home: string, key: string, keyring: string): string {
  const listed = runGpg(gpg, home, ['--with-colons', '--list-secret-keys']);
  if (listed.status !== 0) throw gpgFailure('cannot list the keys of the keyring', listed);
  const keys: Array<{ fingerprint: string; identities: string[] }> = [];
  let current: { fingerprint: string; identities: string[] } | undefined;
  for (const line of listed.stdout.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === 'sec') keys.push((current = { fingerprint: '', identities: [] }));
    else if (fields[0] === 'fpr' && current && current.fingerprint === '') current.fingerprint = fields[9] ?? '';
    else if (fields[0] === 'uid' && current) current.identities.push((fields[9] ?? '').replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  }
  const exact = keys.find((candidate) => candidate.identities.includes(key));
  if (exact) return exact.fingerprint;
  const partial = keys.filter((candidate) => candidate.identities.some((identity) => identity.includes(key)));
  if (partial.length > 1) throw new ChartError(`more than one key in ${keyring} contains the id "${key}"`);
  if (partial.length === 0) throw new ChartError(`no secret key in ${keyring} has an identity containing "${key}"`);
  return partial[0]!.fingerprint;
}

/** Clearsigns the provenance message for an archive with GnuPG; returns the .prov text. */
export function signProvenance(message: string, options: SignOptions): string {
  const gpg = options.gpg ?? 'gpg';
  removeAbandonedGpgHomes();
  const home = mkdtempSync(join(tmpdir(), `${HOME_PREFIX}${process.pid}-`));
  return withCleanup(() => removeGpgHome(home), () => {
    let passphraseArgs: string[] = [];
    if (options.passphraseFile !== undefined || options.passphrase !== undefined) {
      const file = options.passphraseFile ?? join(home, 'passphrase');
      if (options.passphraseFile === undefined) writeFileSync(file, `${options.passphrase ?? ''}\n`, { mode: 0o600 });
      passphraseArgs = ['--pinentry-mode', 'loopback', '--passphrase-file', file];
    }
    const imported = runGpg(gpg, home, [...passphraseArgs, '--import', options.keyring]);
    if (imported.status !== 0) throw gpgFailure(`cannot import the keyring ${options.keyring}`, imported);
    const fingerprint = selectKey(gpg, home, options.key, options.keyring);
    const signed = runGpg(gpg, home, [...passphraseArgs, '--local-user', fingerprint, '--digest-algo', 'SHA512', '--armor', '--clearsign'], message);
    if (signed.status !== 0 || !signed.stdout.includes('-----BEGIN PGP SIGNATURE-----')) {
      throw gpgFailure(`cannot sign with the key "${options.key}"${passphraseArgs.length === 0 ? ' (if it has a passphrase, pass --passphrase-file)' : ''}`, signed);
    }
    return signed.stdout;
  });
}
