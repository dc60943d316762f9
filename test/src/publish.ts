// Real services the publishing tests start and stop themselves: a static HTTP chart repository,
// the CNCF Distribution OCI registry (Debian's docker-registry) and throwaway GnuPG keys.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { freePort } from './ports.js';
import { installedToolDir } from './tools.js';

/** A small, lint-clean chart of this test suite's own, with values.schema.json and ci/ values. */
export const MODEL_API_CHART = join(REPO_ROOT, 'test', 'fixtures', 'publish', 'model-api');

export function temporaryDir(prefix = 'chartforge-publish-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of a chart directory to modify freely. */
export function copyChart(source = MODEL_API_CHART): string {
  const target = join(temporaryDir(), 'model-api');
  cpSync(source, target, { recursive: true });
  return target;
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Fresh, empty HELM_{CONFIG,CACHE,DATA}_HOME so repositories and registries never leak between tests. */
export function isolatedHelmHome(): { HELM_CONFIG_HOME: string; HELM_CACHE_HOME: string; HELM_DATA_HOME: string; HELM_PLUGINS: string } {
  const home = temporaryDir('chartforge-helm-');
  return { HELM_CONFIG_HOME: join(home, 'config'), HELM_CACHE_HOME: join(home, 'cache'), HELM_DATA_HOME: join(home, 'data'), HELM_PLUGINS: join(home, 'plugins') };
}

// The server runs in a child process: the tests drive helm with spawnSync, which blocks this
// process's event loop, so an in-process server could never answer helm.
const STATIC_SERVER = `
const { createServer } = require('node:http');
const { existsSync, readFileSync, statSync } = require('node:fs');
const { join, normalize, sep } = require('node:path');
const root = process.argv[1];
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url || '/', 'http://localhost').pathname);
  process.stdout.write('GET ' + path + '\\n');
  const file = normalize(join(root, path));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end('not found');
    return;
  }
  const body = readFileSync(file);
  response.writeHead(200, { 'content-type': file.endsWith('.yaml') ? 'application/x-yaml' : 'application/gzip', 'content-length': body.length }).end(body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write('PORT ' + server.address().port + '\\n'));
`;

/** Serves a directory read-only over HTTP on 127.0.0.1 (a chart repository as a web server hosts it). */
export async function serveDirectory(root: string): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const child = spawn(process.execPath, ['-e', STATIC_SERVER, root], { stdio: ['ignore', 'pipe', 'inherit'] });
  const requests: string[] = [];
  let buffered = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`static server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith('PORT ')) resolve(Number(line.slice(5)));
        else if (line.startsWith('GET ')) requests.push(line.slice(4));
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => stopChild(child),
  };
}

/** Stops a service the tests started, waiting until it has exited. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The registry binary as Debian's docker-registry package installs it. */
export function registryBinary(): string {
  const listed = spawnSync('dpkg', ['-L', 'docker-registry'], { encoding: 'utf8' });
  const binary = listed.stdout.split('\n').find((line) => /\/bin\/docker-registry$/.test(line));
  if (!binary || !existsSync(binary)) {
    throw new Error('the docker-registry Debian package is not installed: run scripts/install-system-packages.sh');
  }
  return binary;
}

/** The pre-commit scripts/install-pre-commit.sh installs at its pinned version (set-up runs it). */
export function preCommitBinary(): string {
  return join(installedToolDir('pre-commit'), 'bin', 'pre-commit');
}

export interface Registry {
  /** host:port, for oci://host:port/… */
  host: string;
  stop: () => Promise<void>;
}

/** Starts the CNCF Distribution registry on 127.0.0.1 with filesystem storage in a temporary dir. */
export async function startRegistry(): Promise<Registry> {
  const dir = temporaryDir('chartforge-registry-');
  const port = await freePort();
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(registryBinary(), ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const host = `127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr}`);
    try {
      const response = await fetch(`http://${host}/v2/`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (attempt > 100) {
      child.kill();
      throw new Error(`docker-registry did not answer on ${host}: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    host,
    stop: () => stopChild(child),
  };
}

export interface SigningKeys {
  home: string;
  /** Secret keyring (gpg --export-secret-keys), what `--keyring` takes when signing. */
  secretKeyring: string;
  /** Public keyring (gpg --export), what `helm verify --keyring` takes. */
  publicKeyring: string;
  name: string;
}

function gpg(home: string, args: string[]): Buffer {
  const result = spawnSync('gpg', ['--homedir', home, '--batch', '--no-tty', ...args], { env: { ...process.env, GNUPGHOME: home } });
  if (result.error) throw new Error(`gpg is not installed (${result.error.message}): run scripts/install-system-packages.sh`);
  if (result.status !== 0) throw new Error(`gpg ${args.join(' ')} failed: ${result.stderr.toString()}`);
  return result.stdout;
}

/** A throwaway RSA signing key in a temporary GNUPGHOME, exported in the formats Helm reads. */
export function makeSigningKeys(name: string, passphrase = ''): SigningKeys {
  const home = temporaryDir('chartforge-gnupg-');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const pass = ['--pinentry-mode', 'loopback', '--passphrase', passphrase];
  gpg(home, [...pass, '--quick-gen-key', name, 'rsa3072', 'sign', 'never']);
  // Exported beside the home, not in it: a secring.gpg in a GnuPG home makes the next gpg run
  // there "migrate" it (GnuPG 1's layout) and say so.
  const exported = temporaryDir('chartforge-gnupg-exported-');
  const secretKeyring = join(exported, 'secring.gpg');
  const publicKeyring = join(exported, 'pubring.gpg');
  writeFileSync(secretKeyring, gpg(home, [...pass, '--export-secret-keys', name]));
  writeFileSync(publicKeyring, gpg(home, ['--export', name]));
  return { home, secretKeyring, publicKeyring, name };
}

/** Stops the gpg-agent a key home started. */
export function stopGpgAgent(keys: SigningKeys): void {
  spawnSync('gpgconf', ['--homedir', keys.home, '--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: keys.home } });
}
