// A failure the user can fix, from whichever package finds it (the validator's reader, the
// publishing checks, the generator, fit), is one UserError that the CLI's main prints as
// `chartforge <command>: file:line:column: problem` with that error's exit code: no command
// translates another package's errors. Each case runs the real CLI as a subprocess.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SERVING_EXAMPLE = fileURLToPath(new URL('../../../examples/serving.yaml', import.meta.url));

describe('user errors, caught once in main', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'chartforge-user-errors-'));

  it('a config file that cannot be read (the validator reader): its file, line and column, exit 2', () => {
    writeFileSync(join(dir, 'bad-config.yaml'), 'rules: [\n');
    const run = runCli(['validate', '--config', 'bad-config.yaml', 'x.yaml'], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^chartforge validate: bad-config\.yaml:2:1: Flow sequence/) });
  });

  it('a node pools file that does not exist (fit): its file as typed, as validate names its config file, exit 2', () => {
    const run = runCli(['fit', '--nodes', 'no-nodes.yaml', 'x.yaml'], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: '', stderr: `chartforge fit: no-nodes.yaml:1:1: cannot read the node pools file: no such file (or a broken symbolic link)\n` });
  });

  it('a chart that cannot be packaged (publish): exit 1, the input is invalid', () => {
    mkdirSync(join(dir, 'bad-chart'));
    writeFileSync(join(dir, 'bad-chart', 'Chart.yaml'), 'apiVersion: v2\nname: Bad Name\nversion: 1.0.0\n');
    const run = runCli(['package', 'bad-chart'], { cwd: dir });
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'chartforge package: bad-chart/Chart.yaml: chart name "Bad Name" may contain only letters, digits, ".", "_" and "-"\n' });
  });

  it('a destination under a file (the validator directory maker, for the generator): exit 2', () => {
    writeFileSync(join(dir, 'a-file'), 'not a directory\n');
    const run = runCli(['generate', 'serving', '-f', SERVING_EXAMPLE, '-d', 'a-file/chart'], { cwd: dir });
    const file = join(dir, 'a-file');
    expect(run).toEqual({ code: 2, stdout: '', stderr: `chartforge generate: cannot create ${file}: ${file} exists and is not a directory\n` });
  });
});
