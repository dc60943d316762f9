// Long runs at a terminal: `chartforge validate DIR` and `chartforge lint` over several charts
// show a progress line on stderr, redrawn in place and erased before the report, and fit their
// findings to the terminal's width; piped, in CI or with --no-progress they print exactly what
// they always did. The terminal is a real pseudo-terminal (python3's pty), the CLI a subprocess.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartforge } from '../src/cli.js';
import { helmBinary } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';
import { copyChart, isolatedHelmHome, MODEL_API_CHART, temporaryDir } from '../src/publish.js';
import { chartforgeOnTerminal } from '../src/terminal.js';

const ERASE = '\r\u001b[2K';

/** A tree of manifests: ConfigMaps, and a Deployment whose findings run past a terminal line. */
function manifestTree(files: number): string {
  const dir = temporaryDir('chartforge-terminal-');
  for (let i = 1; i < files; i++) writeFileSync(join(dir, `config-${String(i).padStart(2, '0')}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\ndata:\n  a: "1"\n`);
  writeFileSync(
    join(dir, 'web.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-with-a-name-long-enough-to-wrap\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          imagePulPolicy: Always\n',
  );
  return dir;
}

/** The progress lines drawn (text after each erase-and-redraw), and what the screen holds after the last erase. */
function progressOf(screen: string, command: string): { drawn: string[]; after: string } {
  const drawn = [...screen.matchAll(new RegExp(`\\r\\u001b\\[2K(chartforge ${command}: [^\\r\\n]*)`, 'g'))].map((match) => {
    // Each draw is overwritten in place: the next thing on the terminal is another carriage return.
    expect(screen[match.index! + match[0].length], `a progress line left behind: ${JSON.stringify(match[1])}`).toBe('\r');
    return match[1]!;
  });
  return { drawn, after: screen.slice(screen.lastIndexOf(ERASE) + ERASE.length) };
}

/** The lines of a terminal's screen without colour codes. */
function screenLines(text: string): string[] {
  return text.split(/\r?\n/);
}

describe('chartforge validate DIR', () => {
  const dir = manifestTree(12);
  const display = relative(REPO_ROOT, dir);

  it('on a terminal: progress on stderr of the files done, erased before the report, whose findings wrap to the width', () => {
    const run = chartforgeOnTerminal(['validate', display], { columns: 100 });
    expect(run.status, run.screen).toBe(1);
    const { drawn, after } = progressOf(run.screen, 'validate');
    expect(drawn[0]).toBe(`chartforge validate: 0/12 files · ${join(display, 'config-01.yaml')}`);
    for (const line of drawn) expect([...line].length).toBeLessThan(100);
    expect(after).not.toContain('chartforge validate:');
    expect(after).toContain('imagePulPolicy: unknown field');
    const report = screenLines(after).filter((line) => line !== '');
    expect(report.length).toBeGreaterThan(3);
    for (const line of report) expect([...line].length, line).toBeLessThanOrEqual(100);
    // A continuation of a wrapped finding sits under its resource.
    expect(report.some((line) => /^ {20}\S/.test(line))).toBe(true);
  });

  it('piped: no progress and no wrapping, the bytes it always wrote', () => {
    const piped = chartforge(['validate', display]);
    expect(piped.status).toBe(1);
    expect(piped.stderr).toBe('');
    expect(piped.stdout.split('\n').some((line) => line.length > 100)).toBe(true);
    expect(piped.stdout).not.toContain('\u001b');
  });

  it.each([
    ['CI=true', ['validate', display], { CI: 'true' }],
    ['--no-progress', ['validate', '--no-progress', display], {}],
  ] as const)('with %s on a terminal: no progress', (_why, args, env) => {
    const run = chartforgeOnTerminal([...args], { columns: 100, env });
    expect(run.status, run.screen).toBe(1);
    expect(run.screen).not.toContain('chartforge validate:');
    expect(run.screen).not.toContain(ERASE);
    expect(run.screen).toContain('imagePulPolicy: unknown field');
  });
});

describe('chartforge lint over several charts', () => {
  const helmArgs = ['--helm', relative(REPO_ROOT, helmBinary('v4'))];
  const env = isolatedHelmHome();
  const clean = relative(REPO_ROOT, copyChart());
  const broken = relative(REPO_ROOT, copyChart());
  const deployment = join(REPO_ROOT, broken, 'templates', 'deployment.yaml');
  writeFileSync(deployment, readFileSync(deployment, 'utf8').replace('          imagePullPolicy:', '          imagePulPolicy:'));

  it('on a terminal: progress of the charts done and the values file at hand, erased; findings wrap to the width', () => {
    const run = chartforgeOnTerminal(['lint', clean, broken, ...helmArgs], { columns: 80, env });
    expect(run.status, run.screen).toBe(1);
    const { drawn, after } = progressOf(run.screen, 'lint');
    expect(drawn[0]).toMatch(/^chartforge lint: 0\/2 charts · /);
    expect(drawn[0]).toContain(' with ci/');
    for (const line of drawn) expect([...line].length).toBeLessThan(80);
    expect(after).not.toContain('chartforge lint:');
    const report = screenLines(after).filter((line) => line !== '');
    for (const line of report) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(report.some((line) => line.startsWith('    '))).toBe(true);
    expect(report.join(' ')).toContain('2 files: 1 error, 0 warnings');
  });

  it('piped: no progress; the values files a finding occurred with are summarised in text, listed in full in JSON', () => {
    const text = chartforge(['lint', clean, broken, ...helmArgs], { env });
    expect(text.status).toBe(1);
    expect(text.stderr).toBe('');
    const typo = text.stdout.split('\n').find((line) => line.includes('imagePulPolicy'));
    expect(typo).toMatch(/ \[with 2 values files: ci\/default-values\.yaml, ci\/scaled-values\.yaml\] \[schema\]$/);
    const json = chartforge(['lint', broken, ...helmArgs, '-o', 'json'], { env });
    const finding = (JSON.parse(json.stdout) as { findings: { message: string }[] }).findings.find((f) => f.message.includes('imagePulPolicy'));
    expect(finding?.message).toContain(`[with ${join(broken, 'ci', 'default-values.yaml')}, ${join(broken, 'ci', 'scaled-values.yaml')}]`);
  });
});

describe('chartforge values check', () => {
  it('wraps its findings to a terminal, as every text report does, and keeps them whole when piped', () => {
    const values = join(temporaryDir('chartforge-terminal-'), 'values-prod.yaml');
    writeFileSync(values, 'replicaCount: "three"\n');
    const args = ['values', 'check', '-c', relative(REPO_ROOT, MODEL_API_CHART), relative(REPO_ROOT, values)];
    const run = chartforgeOnTerminal(args, { columns: 60 });
    expect(run.status, run.screen).toBe(1);
    const lines = screenLines(run.screen).filter((line) => line !== '');
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(60);
    expect(lines.some((line) => line.startsWith('    '))).toBe(true);
    const piped = chartforge(args);
    expect(piped.stdout.split('\n')[0]).toMatch(/values-prod\.yaml:1:15: error: replicaCount: expected integer, got string "three" \[values-schema\]$/);
  });
});
