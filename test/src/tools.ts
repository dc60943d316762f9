// Tools the set-up installs at pinned versions outside the repository, each by its
// scripts/install-<name>.sh into ${CHARTFORGE_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/chartforge}/tools/<name>-<version>.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

/** Where scripts/install-<name>.sh installed the tool at the version it pins; an error saying what to run when it did not. */
export function installedToolDir(name: string): string {
  const cache = process.env.CHARTFORGE_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'chartforge');
  const script = join('scripts', `install-${name}.sh`);
  const version = readFileSync(join(REPO_ROOT, script), 'utf8').match(/^version=(\S+)$/m)?.[1];
  const dir = join(cache, 'tools', `${name}-${version}`);
  if (!existsSync(join(dir, '.installed'))) throw new Error(`${name} ${version} is not installed: run ${script} (scripts/setup.sh does)`);
  return dir;
}

/** helm-docs, as scripts/install-helm-docs.sh builds it. */
export function helmDocsBinary(): string {
  return join(installedToolDir('helm-docs'), 'helm-docs');
}

/** chart-testing as scripts/install-chart-testing.sh installs it: ct, its configuration and the yamllint and yamale it runs. */
export function chartTesting(): { ct: string; configDir: string; pythonBin: string } {
  const dir = installedToolDir('chart-testing');
  return { ct: join(dir, 'ct'), configDir: join(dir, 'etc'), pythonBin: join(dir, 'venv', 'bin') };
}
