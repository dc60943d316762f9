// The real helm binaries: the user's own when it is the major version a test wants, else the ones
// the install extracted into .cache/helm/{v3,v4}/helm (scripts/helm-binaries.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireHelm } from '../../scripts/helm-binaries.mjs';
import { REPO_ROOT } from './paths.js';

export type HelmMajor = 'v3' | 'v4';

export const HELM_MAJORS: readonly HelmMajor[] = ['v3', 'v4'];

export interface HelmResult {
  status: number;
  stdout: string;
  stderr: string;
}

const home = mkdtempSync(join(tmpdir(), 'chartforge-helm-home-'));

/** Helm `major`: $HELM_BIN or helm on PATH when it is that major, else the pinned binary in .cache/helm/. */
export function helmBinary(major: HelmMajor): string {
  return requireHelm(major);
}

/** Environment that keeps helm away from the user's config, cache and plugins. */
export function helmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    ...extra,
  };
}

export function helm(major: HelmMajor, args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): HelmResult {
  const result = spawnSync(helmBinary(major), args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: helmEnv(options.env),
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `helm template`, failing the test with helm's own message when it does not render. */
export function helmTemplate(major: HelmMajor, chartDir: string, args: string[] = [], releaseName = 'release'): string {
  const result = helm(major, ['template', releaseName, chartDir, ...args]);
  if (result.status !== 0) throw new Error(`helm ${major} template ${chartDir} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}
