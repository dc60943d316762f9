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
    // Off by default: the 6 restricted Pod Security controls and the policy profile's rules.
    const policy = RULES.filter((rule) => rule.meta.profile === 'policy').length;
    expect(stdout).toContain(`${RULES.length} rules, ${RULES.length - 6 - policy} enabled.`);
  });

  it('--output json lists the metadata, effective under --pss restricted', () => {
    const { code, stdout } = runCli(['rules', '--output', 'json', '--pss', 'restricted'], { cwd: emptyDir() });
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as { id: string; enabled: boolean; docs: string; profile?: string }[];
    expect(listed.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    expect(listed.filter((r) => !r.enabled).map((r) => [r.id, r.profile])).toEqual(RULES.filter((r) => r.meta.profile).map((r) => [r.meta.id, 'policy']));
    expect(listed.find((r) => r.id === 'removed-api')?.docs).toBe('packages/validator/docs/rules/removed-api.md');
  });

  it('follows .chartforge.yaml in the working directory (severity overrides, off)', () => {
    const dir = emptyDir();
    writeFileSync(join(dir, '.chartforge.yaml'), 'rules:\n  image-tag: warning\n  liveness-probe: off\n');
    const { stdout } = runCli(['rules'], { cwd: dir });
    expect(stdout).toMatch(/^image-tag\s+warning\s+best-practice\s+yes/m);
    expect(stdout).toMatch(/^liveness-probe\s+warning\s+best-practice\s+no/m);
  });

  it('--profile policy (or profile: policy in .chartforge.yaml) turns on the policy rules and CPU limits; validate reports them', () => {
    const listed = (args: string[], cwd = emptyDir()) => JSON.parse(runCli(['rules', '--output', 'json', ...args], { cwd }).stdout) as { id: string; enabled: boolean }[];
    const enabled = (rules: { id: string; enabled: boolean }[], id: string) => rules.find((r) => r.id === id)?.enabled;
    expect(enabled(listed([]), 'image-digest')).toBe(false);
    expect(enabled(listed(['--profile', 'policy']), 'image-digest')).toBe(true);
    const dir = emptyDir();
    writeFileSync(join(dir, '.chartforge.yaml'), 'profile: policy\n');
    expect(enabled(listed([], dir), 'run-as-high-uid')).toBe(true);
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  containers:\n    - name: app\n      image: example.com/api:1.0\n      imagePullPolicy: Always\n      resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 64Mi}}\n';
    const byDefault = runCli(['validate', '--ignore-missing-schemas', '-o', 'json', '-'], { cwd: emptyDir(), input: pod });
    const withPolicy = runCli(['validate', '--ignore-missing-schemas', '-o', 'json', '--profile', 'policy', '-'], { cwd: emptyDir(), input: pod });
    const rules = (stdout: string) => (JSON.parse(stdout) as { resources: { validationErrors?: { rule: string; line: number; column: number }[] }[] }).resources
      .flatMap((r) => r.validationErrors ?? []).map((e) => `${e.rule} ${e.line}:${e.column}`);
    expect(rules(byDefault.stdout)).not.toEqual(expect.arrayContaining(['image-digest 7:14']));
    expect(rules(byDefault.stdout)).not.toEqual(expect.arrayContaining(['container-resources 9:7']));
    expect(rules(withPolicy.stdout)).toEqual(expect.arrayContaining(['image-digest 7:14', 'run-as-high-uid 6:7', 'container-resources 9:7']));
    expect(runCli(['rules', '--profile', 'strict'], { cwd: emptyDir() })).toMatchObject({ code: 2, stderr: 'chartforge rules: --profile must be one of default, policy, got "strict"\n' });
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
