// Signing holds a private key in a temporary GnuPG home: Ctrl-C in the middle of it, or a SIGKILL
// before it, must leave neither the key nor a gpg-agent behind.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../src/cli.js';
import { makeSigningKeys, MODEL_API_CHART, stopGpgAgent, temporaryDir, type SigningKeys } from '../src/publish.js';

/** Command lines of the running processes that mention `text` (their own /proc entries, nothing broader). */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(join('/proc', pid, 'cmdline'), 'utf8').replace(/\0/g, ' ');
      if (command.includes(text)) found.push(command);
    } catch {
      // Gone since the listing.
    }
  }
  return found;
}

const gpgHomes = (tmp: string) => readdirSync(tmp).filter((name) => name.startsWith('chartforge-gpg-'));

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('package --sign under signals', () => {
  let keys: SigningKeys;
  beforeAll(() => {
    keys = makeSigningKeys('Release Bot');
  });
  afterAll(() => stopGpgAgent(keys));

  it('Ctrl-C while gpg signs removes the imported private key and stops the agent', async () => {
    const tmp = temporaryDir('chartforge-signal-tmp-');
    // A gpg that imports and lists for real, then hangs at the signature, as a slow smartcard would.
    const bin = join(tmp, 'bin');
    mkdirSync(bin);
    const signing = join(tmp, 'signing-started');
    writeFileSync(join(bin, 'gpg'), `#!/bin/sh\nfor a in "$@"; do [ "$a" = --clearsign ] && { touch '${signing}'; exec sleep 60; }; done\nexec /usr/bin/gpg "$@"\n`);
    chmodSync(join(bin, 'gpg'), 0o755);
    const home = temporaryDir('chartforge-signal-out-');
    // Its own process group, so the signal reaches chartforge and gpg together, as Ctrl-C does.
    const child = spawn(process.execPath, [CLI, 'package', MODEL_API_CHART, '-d', home, '--sign', '--key', 'Release Bot', '--keyring', keys.secretKeyring], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, TMPDIR: tmp },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await waitFor(() => existsSync(signing), 'gpg to start signing');
    const [imported] = gpgHomes(tmp);
    expect(imported, 'the temporary GnuPG home').toBeDefined();
    expect(readdirSync(join(tmp, imported!, 'private-keys-v1.d')).length, 'the private key was imported').toBeGreaterThan(0);
    process.kill(-child.pid!, 'SIGINT');
    const status = await exited;
    expect(status, stderr).not.toBe(0);
    expect(stderr, stderr).not.toMatch(/^\s+at /m);
    expect(gpgHomes(tmp), 'GnuPG homes left in TMPDIR').toEqual([]);
    expect(processesMentioning(join(tmp, imported!)), 'processes still using the home').toEqual([]);
    expect(readdirSync(home).filter((name) => name.endsWith('.tgz') || name.endsWith('.prov'))).toEqual([]);
  });

  it('removes the GnuPG home a killed run left behind, agent and key included', () => {
    const tmp = temporaryDir('chartforge-signal-tmp-');
    // What SIGKILL during signing leaves: a home named after a process that no longer exists.
    const dead = 2 ** 22 + 1;
    const stale = join(tmp, `chartforge-gpg-${dead}-abc123`);
    mkdirSync(join(stale, 'private-keys-v1.d'), { recursive: true, mode: 0o700 });
    writeFileSync(join(stale, 'private-keys-v1.d', 'KEY.key'), 'secret');
    const out = temporaryDir('chartforge-signal-out-');
    const result = spawnSync(process.execPath, [CLI, 'package', MODEL_API_CHART, '-d', out, '--sign', '--key', 'Release Bot', '--keyring', keys.secretKeyring], {
      env: { ...process.env, TMPDIR: tmp },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(gpgHomes(tmp)).toEqual([]);
  });
});
