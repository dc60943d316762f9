import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '@chartforge/validator';
import { runCli } from './run-cli.js';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'chartforge-rules-'));

// Each case starts the CLI (a Node process); on a loaded CI machine that takes seconds.
describe('chartforge rules', { timeout: 60_000 }, () => {
  it('lists every registered rule with severity, category and whether it runs', () => {
    const { code, stdout } = runCli(['rules'], { cwd: emptyDir() });
    expect(code).toBe(0);
    for (const rule of RULES) expect(stdout).toContain(rule.meta.id);
    expect(stdout).toMatch(/^pss-run-as-non-root\s+error\s+pss-restricted\s+no\s+runAsNonRoot/m);
    expect(stdout).toMatch(/^image-tag\s+error\s+best-practice\s+yes\s+/m);
    expect(stdout).toContain(`${RULES.length} rules, ${RULES.length - 6} enabled.`);
  });

  it('--output json lists the metadata, effective under --pss restricted', () => {
    const { code, stdout } = runCli(['rules', '--output', 'json', '--pss', 'restricted'], { cwd: emptyDir() });
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as { id: string; enabled: boolean; docs: string }[];
    expect(listed.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    expect(listed.every((r) => r.enabled)).toBe(true);
    expect(listed.find((r) => r.id === 'removed-api')?.docs).toBe('packages/validator/docs/rules/removed-api.md');
  });

  it('follows .chartforge.yaml in the working directory (severity overrides, off)', () => {
    const dir = emptyDir();
    writeFileSync(join(dir, '.chartforge.yaml'), 'rules:\n  image-tag: warning\n  liveness-probe: off\n');
    const { stdout } = runCli(['rules'], { cwd: dir });
    expect(stdout).toMatch(/^image-tag\s+warning\s+best-practice\s+yes/m);
    expect(stdout).toMatch(/^liveness-probe\s+warning\s+best-practice\s+no/m);
  });

  it('describes one rule', () => {
    const { code, stdout } = runCli(['rules', 'container-resources'], { cwd: emptyDir() });
    expect(code).toBe(0);
    expect(stdout).toContain('parameter requireCpuLimit (boolean, default false)');
  });

  it('reports a bad config file at its line and column, exit 2, nothing on stdout', () => {
    const dir = emptyDir();
    writeFileSync(join(dir, '.chartforge.yaml'), 'pss: restricted\nrules:\n  image-tags: off\n');
    const { code, stdout, stderr } = runCli(['rules'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`chartforge rules: ${join(dir, '.chartforge.yaml')}:3:3: rules: unknown rule "image-tags" (run \`chartforge rules\` for the list)\n`);
  });

  it('rejects unknown rule ids in flags and unknown --pss levels', () => {
    expect(runCli(['rules', '--disable', 'latest-tag'], { cwd: emptyDir() })).toMatchObject({ code: 2, stderr: 'chartforge rules: --disable: unknown rule "latest-tag" (run `chartforge rules` for the list)\n' });
    expect(runCli(['rules', '--pss', 'strict'], { cwd: emptyDir() }).code).toBe(2);
    expect(runCli(['rules', '--config', 'missing.yaml'], { cwd: emptyDir() }).stderr).toContain('missing.yaml:1:1: cannot read the config file: no such file');
  });
});
