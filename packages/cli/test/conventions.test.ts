// The CLI's one convention, as a user meets it: every command explains itself the same way
// (`--help` and `help <command>`), a typo gets the closest spelling and exit 2, and colour follows
// the terminal, NO_COLOR and FORCE_COLOR. Each case runs the real CLI as a subprocess.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../src/commands/index.js';
import { runCli } from './run-cli.js';

const ESC = '\u001b[';

// Each case starts the CLI (a Node process); on a loaded CI machine that takes seconds.
describe('one CLI convention', { timeout: 120_000 }, () => {
  it('every command has --help with usage, options, examples and exit codes, and `help <command>` prints the same', () => {
    for (const command of commands) {
      const name = command.name.join(' ');
      const help = runCli([...command.name, '--help']);
      expect(help.code, name).toBe(0);
      expect(help.stdout, name).toMatch(new RegExp(`^Usage: chartforge ${name} `));
      expect(help.stdout, name).toMatch(/^ +(-[a-z], )?--[a-z]/m);
      expect(help.stdout, name).toMatch(/\nExamples:\n {2}\S/);
      expect(help.stdout, name).toMatch(/\nExit codes: 0 [^\n]*, 2 usage/);
      expect(runCli(['help', ...command.name]), name).toEqual(help);
      expect(runCli([...command.name, '-help']), `${name} -help (Go's spelling)`).toEqual(help);
    }
  });

  it('`chartforge help` lists every command and exits 0; with no arguments the same list exits 2', () => {
    const help = runCli(['help']);
    expect(help.code).toBe(0);
    for (const command of commands) expect(help.stdout).toContain(`  ${command.name.join(' ')} `);
    expect(runCli(['--help'])).toEqual(help);
    expect(runCli([])).toEqual({ ...help, code: 2 });
  });

  it('an unknown command gets the closest command name and exit 2', () => {
    const hint = (typed: string, meant: string) => `chartforge: unknown command "${typed}" (did you mean "${meant}"?); run \`chartforge --help\` for the list\n`;
    expect(runCli(['valdate', 'x.yaml'])).toEqual({ code: 2, stdout: '', stderr: hint('valdate', 'validate') });
    expect(runCli(['values', 'chek'])).toEqual({ code: 2, stdout: '', stderr: hint('values chek', 'values check') });
    expect(runCli(['help', 'lnt'])).toEqual({ code: 2, stdout: '', stderr: hint('lnt', 'lint') });
    expect(runCli(['deploy'])).toEqual({ code: 2, stdout: '', stderr: 'chartforge: unknown command "deploy"; run `chartforge --help` for the list\n' });
  });

  it('an unknown flag gets the closest flag of that command and exit 2', () => {
    expect(runCli(['rules', '--outptu', 'json'])).toEqual({ code: 2, stdout: '', stderr: 'chartforge rules: unknown flag "--outptu" (did you mean "--output"?)\n' });
    expect(runCli(['lint', 'chart', '--schema-locaton', 'x'])).toEqual({ code: 2, stdout: '', stderr: 'chartforge lint: unknown flag "--schema-locaton" (did you mean "--schema-location"?)\n' });
    expect(runCli(['fit', '--frobnicate'])).toEqual({ code: 2, stdout: '', stderr: 'chartforge fit: unknown flag "--frobnicate"\n' });
  });

  it('colours text only when FORCE_COLOR is set or on a terminal, never when NO_COLOR is set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-colour-'));
    writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: "nginx:1.27", bogus: 1}]}\n');
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 1.0.0\n');
    writeFileSync(join(dir, 'values.yaml'), 'replicas: 1\n');
    writeFileSync(join(dir, 'values.schema.json'), '{"type": "object", "properties": {"replicas": {"type": "integer"}}, "additionalProperties": false}\n');
    writeFileSync(join(dir, 'bad.yaml'), 'replica: 2\n');
    // `validate` (the validator's report) and `values check` (the publishing checks' report).
    const runs = [['validate', '--no-lint', 'pod.yaml'], ['values', 'check', '-c', '.', 'bad.yaml']];
    for (const args of runs) {
      const piped = runCli(args, { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
      const forced = runCli(args, { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
      const emptyNoColor = runCli(args, { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
      const both = runCli(args, { cwd: dir, env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
      const forcedOff = runCli(args, { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '0' } });
      expect(piped.code, args.join(' ')).toBe(1);
      expect(piped.stdout, args.join(' ')).not.toContain(ESC);
      expect(forced.stdout, args.join(' ')).toMatch(/\u001b\[31merror *\u001b\[39m/);
      expect(emptyNoColor.stdout, 'an empty NO_COLOR is not set').toBe(forced.stdout);
      expect(both.stdout, 'NO_COLOR wins over FORCE_COLOR').toBe(piped.stdout);
      expect(forcedOff.stdout).toBe(piped.stdout);
      // Colour only styles the text: without the escapes it is the plain report.
      expect(forced.stdout.replace(/\u001b\[\d+m/g, '')).toBe(piped.stdout);
    }
  });
});
