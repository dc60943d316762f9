#!/usr/bin/env node
// Builds the control plane the cluster tests run on, once, into a cache outside the repository:
//   ${CHARTFORGE_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/chartforge}/control-plane/<key>/
//     k8s          etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl
//                  (test/control-plane: k8s.io/kubernetes pinned in its go.mod)
//     kwok         the fake kubelet (sigs.k8s.io/kwok/cmd/kwok at KWOK_VERSION)
//     stages/      kwok's own Stage rules, copied from its module at build time
//     build.json   versions and how long the build took
//   ${…}/control-plane/kueue-<KUEUE_VERSION>/
//     kueue        Kueue's manager (sigs.k8s.io/kueue/cmd/kueue), run by the tests as a local process
//     crds/        its CustomResourceDefinitions, webhooks.yaml: its webhook configurations, both
//                  copied from its module
// The key hashes the versions, go.mod, go.sum and main.go, so a change to any of them builds anew
// and an unchanged checkout reuses the cache. The build happens in a temporary directory renamed
// into place, so an interrupted build never leaves a half-filled cache entry behind.
//
//   node scripts/control-plane.mjs build   build both when missing; prints the plane's directory
//   node scripts/control-plane.mjs path    prints the directory (exit 1 when not built yet)
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = join(root, 'test', 'control-plane');

export const KWOK_VERSION = 'v0.8.0';
export const KUEUE_VERSION = 'v0.17.0';
// The Stage rules of kwok's own module that the plane runs: node initialisation and lease
// heartbeat, the general pod lifecycle (init containers, readiness, Job completion, deletion) and
// volume provisioning for its StorageClass.
const KWOK_STAGE_DIRS = ['node/fast', 'node/heartbeat-with-lease', 'pod/general', 'volume/fast'];
const MINIMUM_GO = [1, 26];

export class ControlPlaneBuildError extends Error {}

export function kubernetesVersion() {
  const goMod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  const match = /^\s*k8s\.io\/kubernetes (v\d+\.\d+\.\d+)\s*$/m.exec(goMod);
  if (!match) throw new ControlPlaneBuildError(`${join(moduleDir, 'go.mod')}: no k8s.io/kubernetes requirement`);
  return match[1];
}

export function cacheRoot() {
  if (process.env.CHARTFORGE_CACHE_DIR) return process.env.CHARTFORGE_CACHE_DIR;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'chartforge');
}

export function controlPlaneKey() {
  const hash = createHash('sha256');
  hash.update(`kubernetes ${kubernetesVersion()}\nkwok ${KWOK_VERSION}\nstages ${KWOK_STAGE_DIRS.join(',')}\n`);
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(join(moduleDir, file)));
  return `${kubernetesVersion()}-kwok-${KWOK_VERSION}-${hash.digest('hex').slice(0, 12)}`;
}

export function controlPlaneDir() {
  return join(cacheRoot(), 'control-plane', controlPlaneKey());
}

const MISSING_GO =
  `the cluster tests build a Kubernetes control plane from Go modules once (about 15 minutes on 2 cores, then cached): ` +
  `install Go ${MINIMUM_GO.join('.')} or newer (https://go.dev/dl/) and put \`go\` on PATH`;

function checkGo() {
  const result = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new ControlPlaneBuildError(MISSING_GO);
  const match = /^go(\d+)\.(\d+)/.exec(result.stdout.trim());
  const tooOld = !match || Number(match[1]) < MINIMUM_GO[0] || (Number(match[1]) === MINIMUM_GO[0] && Number(match[2]) < MINIMUM_GO[1]);
  if (tooOld) throw new ControlPlaneBuildError(`found ${result.stdout.trim()}; ${MISSING_GO}`);
  return result.stdout.trim();
}

function go(args, options = {}) {
  // -mod=readonly: the committed go.sum is the whole truth; a build never rewrites it.
  // -buildvcs=false: the binaries do not depend on the checkout's git state.
  return execFileSync('go', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    ...options,
    env: { ...process.env, GOFLAGS: '-mod=readonly -buildvcs=false', GOWORK: 'off', ...options.env },
  });
}

/** Builds the control plane when the cache does not hold it yet; returns its directory. */
export function buildControlPlane({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const target = controlPlaneDir();
  if (existsSync(join(target, 'build.json'))) return target;
  const goVersion = checkGo();
  const version = kubernetesVersion();
  const [major, minor] = version.slice(1).split('.');
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const started = Date.now();
    log(`control plane: building Kubernetes ${version} and kwok ${KWOK_VERSION} with ${goVersion} into ${target} (about 15 minutes cold on 2 cores)`);
    const versionFlags = [
      `-X k8s.io/component-base/version.gitVersion=${version}`,
      `-X k8s.io/component-base/version.gitMajor=${major}`,
      `-X k8s.io/component-base/version.gitMinor=${minor}`,
      '-X k8s.io/component-base/version.gitTreeState=clean',
      '-s -w',
    ].join(' ');
    go(['build', '-ldflags', versionFlags, '-o', join(staging, 'k8s'), '.'], { cwd: moduleDir });
    const kubernetesSeconds = (Date.now() - started) / 1000;
    // `go install pkg@version` builds kwok with its own go.mod, outside this module's replaces.
    go(['install', `sigs.k8s.io/kwok/cmd/kwok@${KWOK_VERSION}`], { cwd: staging, env: { GOBIN: staging } });
    const kwokModule = JSON.parse(go(['mod', 'download', '-json', `sigs.k8s.io/kwok@${KWOK_VERSION}`], { cwd: staging }));
    for (const stageDir of KWOK_STAGE_DIRS) {
      cpSync(join(kwokModule.Dir, 'kustomize', 'stage', stageDir), join(staging, 'stages', stageDir), {
        recursive: true,
        filter: (source) => !source.includes('testdata') && (!/\.\w+$/.test(source) || source.endsWith('.yaml')),
      });
    }
    const totalSeconds = (Date.now() - started) / 1000;
    const record = { kubernetes: version, kwok: KWOK_VERSION, go: goVersion, kubernetesSeconds, totalSeconds, builtAt: new Date().toISOString() };
    writeFileSync(join(staging, 'build.json'), `${JSON.stringify(record, null, 2)}\n`);
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another process finished the same build first: its directory is as good as ours.
      if (!existsSync(join(target, 'build.json'))) throw error;
      rmSync(staging, { recursive: true, force: true });
    }
    log(`control plane: built in ${totalSeconds.toFixed(0)} s`);
    return target;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

export function kueueDir() {
  return join(cacheRoot(), 'control-plane', `kueue-${KUEUE_VERSION}`);
}

/** Builds Kueue's manager when the cache does not hold it yet (about 4 minutes on 2 cores); returns its directory. */
export function buildKueue({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const target = kueueDir();
  if (existsSync(join(target, 'build.json'))) return target;
  const goVersion = checkGo();
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const started = Date.now();
    log(`control plane: building Kueue ${KUEUE_VERSION} with ${goVersion} into ${target}`);
    go(['install', '-ldflags', '-s -w', `sigs.k8s.io/kueue/cmd/kueue@${KUEUE_VERSION}`], { cwd: staging, env: { GOBIN: staging } });
    const kueueModule = JSON.parse(go(['mod', 'download', '-json', `sigs.k8s.io/kueue@${KUEUE_VERSION}`], { cwd: staging }));
    const components = join(kueueModule.Dir, 'config', 'components');
    cpSync(join(components, 'crd', 'bases'), join(staging, 'crds'), { recursive: true });
    cpSync(join(components, 'webhook', 'manifests.yaml'), join(staging, 'webhooks.yaml'));
    const totalSeconds = (Date.now() - started) / 1000;
    writeFileSync(join(staging, 'build.json'), `${JSON.stringify({ kueue: KUEUE_VERSION, go: goVersion, totalSeconds, builtAt: new Date().toISOString() }, null, 2)}\n`);
    try {
      renameSync(staging, target);
    } catch (error) {
      if (!existsSync(join(target, 'build.json'))) throw error;
      rmSync(staging, { recursive: true, force: true });
    }
    log(`control plane: Kueue built in ${totalSeconds.toFixed(0)} s`);
    return target;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2] ?? 'build';
  try {
    if (command === 'build') {
      const dir = buildControlPlane();
      buildKueue();
      process.stdout.write(`${dir}\n`);
    } else if (command === 'path') {
      const dir = controlPlaneDir();
      if (!existsSync(join(dir, 'build.json'))) {
        process.stderr.write(`control plane not built yet: run node scripts/control-plane.mjs build\n`);
        process.exit(1);
      }
      process.stdout.write(`${dir}\n`);
    } else {
      process.stderr.write('usage: node scripts/control-plane.mjs build|path\n');
      process.exit(2);
    }
  } catch (error) {
    process.stderr.write(`${error instanceof ControlPlaneBuildError ? error.message : error.stack}\n`);
    process.exit(1);
  }
}
