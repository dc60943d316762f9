// The CLI as a user runs it: a subprocess of bin/chartforge.js.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export const CLI = join(REPO_ROOT, 'packages', 'cli', 'bin', 'chartforge.js');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function chartforge(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
