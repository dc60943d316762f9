#!/usr/bin/env node
// The peers the benchmark runs side by side with chartforge, pinned, built once from their Go
// modules (through the Go module proxy) into a cache outside the repository, as the control plane is:
//   ${CHARTFORGE_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/chartforge}/peers/<name>-<version>/<name>
// The build happens in a temporary directory renamed into place, so an interrupted build never
// leaves a half-filled entry behind; a later run reuses the entry.
//
//   node scripts/peer-tools.mjs build [name…]   build the missing ones; prints each binary's path
//   node scripts/peer-tools.mjs path name        prints the binary's path (exit 1 when not built yet)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot } from './control-plane.mjs';
import { findGo } from './go-module.mjs';

/** Each peer: the Go package of its command, at a pinned version. */
export const PEERS = {
  'kube-score': { module: 'github.com/zegl/kube-score', command: 'cmd/kube-score', version: 'v1.20.0' },
};

export class PeerBuildError extends Error {}

function peer(name) {
  const found = PEERS[name];
  if (!found) throw new PeerBuildError(`unknown peer ${JSON.stringify(name)}: one of ${Object.keys(PEERS).join(', ')}`);
  return found;
}

export function peerPath(name) {
  return join(cacheRoot(), 'peers', `${name}-${peer(name).version}`, name);
}

function goBinary() {
  const go = findGo();
  if (!go) throw new PeerBuildError('the benchmark builds its peers from Go modules once: install Go (https://go.dev/dl/) and put `go` on PATH');
  return go;
}

/** The peer's binary, built when the cache does not hold it yet. */
export function buildPeer(name, { log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const target = peerPath(name);
  if (existsSync(target)) return target;
  const { module, command, version } = peer(name);
  const go = goBinary();
  const staging = `${join(target, '..')}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    log(`peers: building ${name} ${version} (go install ${module}/${command}@${version})`);
    // `go install pkg@version` builds with the module's own go.mod and go.sum, checked against the
    // Go checksum database; -buildvcs=false: nothing depends on the checkout's git state.
    execFileSync(go, ['install', `${module}/${command}@${version}`], {
      cwd: staging,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, GOBIN: staging, GOFLAGS: '-buildvcs=false', GOWORK: 'off' },
    });
    try {
      renameSync(staging, join(target, '..'));
    } catch (error) {
      // Another process finished the same build first: its binary is as good as ours.
      if (!existsSync(target)) throw error;
      rmSync(staging, { recursive: true, force: true });
    }
    return target;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command = 'build', ...names] = process.argv.slice(2);
  try {
    if (command === 'build') {
      for (const name of names.length > 0 ? names : Object.keys(PEERS)) process.stdout.write(`${buildPeer(name)}\n`);
    } else if (command === 'path' && names.length === 1) {
      const path = peerPath(names[0]);
      if (!existsSync(path)) {
        process.stderr.write(`${names[0]} not built yet: run node scripts/peer-tools.mjs build ${names[0]}\n`);
        process.exit(1);
      }
      process.stdout.write(`${path}\n`);
    } else {
      process.stderr.write('usage: node scripts/peer-tools.mjs build [name…] | path name\n');
      process.exit(2);
    }
  } catch (error) {
    process.stderr.write(`${error instanceof PeerBuildError ? error.message : error.stack}\n`);
    process.exit(1);
  }
}
