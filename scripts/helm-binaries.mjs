// Which helm runs as Helm 3 or Helm 4 for the tests and scripts/check-charts.mjs: the user's own
// first ($HELM_BIN, then `helm` on PATH) when it is that major version, else the pinned binary the
// install extracted into .cache/helm/<major>/helm (scripts/fetch-helm.mjs; Linux x86-64 only).
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name)).find(executable);
}

/** What `helm version --short` prints (`v3.17.2+gcc0bbbd`), or '' when the file is not a helm that runs. */
export function helmVersion(binary) {
  const run = spawnSync(binary, ['version', '--short'], { encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: '/tmp', HELM_CONFIG_HOME: '/tmp', HELM_DATA_HOME: '/tmp' } });
  return run.status === 0 ? run.stdout.trim() : '';
}

/** `v3`, `v4`, or undefined when the file is not a helm that runs. */
function majorOf(binary) {
  return /^(v\d+)\./.exec(helmVersion(binary))?.[1];
}

const found = new Map();

/** The absolute path of a helm of `major` (`v3`, `v4`), or undefined when there is none. */
export function findHelm(major) {
  if (!found.has(major)) {
    const candidates = [process.env.HELM_BIN, onPath('helm'), join(root, '.cache', 'helm', major, 'helm')].filter((file) => file && executable(file));
    found.set(major, candidates.find((file) => majorOf(file) === major));
  }
  return found.get(major);
}

/** findHelm, or an error that says how to provide one. */
export function requireHelm(major) {
  const binary = findHelm(major);
  if (!binary) throw new Error(`no Helm ${major.slice(1)} found: put it on PATH or in $HELM_BIN, or run the install on Linux x86-64 (it extracts the pinned ${major} into .cache/helm/${major}/helm)`);
  return binary;
}
