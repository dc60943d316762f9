// Runs the real CLI as a user does: a subprocess of bin/chartforge.js.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/chartforge.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without colour unless `env` says otherwise (an undefined value removes a variable). */
export function runCli(args: readonly string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, input: options.input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...options.env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
