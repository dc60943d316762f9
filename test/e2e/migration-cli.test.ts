// `chartforge generate migration -f plan.yaml -o …` as the README shows it, run as a subprocess.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { chartforge } from '../src/cli.js';
import { helm, HELM_MAJORS } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';

const example = join(REPO_ROOT, 'examples', 'migration.yaml');

describe('chartforge generate migration', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'cf-migration-cli-')), 'feature-store-migration');
  const generated = chartforge(['generate', 'migration', '-f', example, '-d', out]);

  it('generates the chart of examples/migration.yaml', () => {
    expect(generated.status, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(/^Generated migration chart "feature-store-migration" 1\.0\.0 in .* \(\d+ files\)\n$/);
    expect(readdirSync(join(out, 'files')).sort()).toContain('rsync.sh');
  });

  it.each(HELM_MAJORS)('whose chart lints --strict with every CI values file under helm %s', (major) => {
    for (const values of [undefined, ...readdirSync(join(out, 'ci')).filter((f) => f.endsWith('-values.yaml')).map((f) => join(out, 'ci', f))]) {
      const lint = helm(major, ['lint', '--strict', out, ...(values ? ['-f', values] : [])]);
      expect(lint.status, `${values}: ${lint.stdout}${lint.stderr}`).toBe(0);
    }
  });

  it('whose chart runs the plan in the order the spec declares, and tells the --timeout it needs', () => {
    const install = helm('v4', ['install', 'features', out, '--dry-run=client']);
    expect(install.status, install.stderr).toBe(0);
    const jobs = parseAllDocuments(install.stdout.slice(install.stdout.indexOf('---'), install.stdout.indexOf('NOTES:')))
      .map((d) => d.toJS())
      .filter((d) => d?.kind === 'Job');
    expect(jobs.map((j) => [j.metadata.name, j.metadata.annotations['helm.sh/hook-weight']])).toEqual([
      ['features-feature-store-migration-backup-db', '10'],
      ['features-feature-store-migration-copy', '20'],
      ['features-feature-store-migration-schema', '30'],
      ['features-feature-store-migration-verify', '40'],
    ]);
    expect(install.stdout).toContain('--timeout 6900s');
  });

  it('reports every problem of a bad plan with file:line:column, exits 1 and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-migration-bad-'));
    const plan = join(dir, 'plan.yaml');
    writeFileSync(
      plan,
      [
        'steps:',
        '  copy:',
        '    order: 10',
        '    type: migrate',
        '    preset: rsink',
        '    activeDeadlineSeconds: 600',
        '  verify:',
        '    order: 10',
        '    type: verify',
        '    preset: verify-files',
        '  Bad_Name:',
        '    order: 1',
        '    type: custom',
        '    activeDeadlineSeconds: 5',
        '',
      ].join('\n'),
    );
    const target = join(dir, 'chart');
    const result = chartforge(['generate', 'migration', '-f', plan, '-d', target]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${plan}:5:13 steps.copy.preset: must be one of "rsync", "rclone"`);
    expect(result.stderr).toContain(`${plan}:8:5 steps.verify.activeDeadlineSeconds: is required`);
    expect(result.stderr).toContain(`${plan}:11:3 steps.Bad_Name: invalid key: must be a step name: at most 20 lowercase letters, digits and dashes, starting with a letter`);
    expect(result.stderr).toMatch(/\n3 problems in .*plan\.yaml; nothing written\n$/);
    expect(existsSync(target)).toBe(false);
  });

  it('reports rules across steps at the offending value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-migration-rules-'));
    const plan = join(dir, 'plan.yaml');
    writeFileSync(
      plan,
      ['plan:', '  helmTimeoutSeconds: 300', 'steps:', '  copy:', '    order: 10', '    type: migrate', '    preset: rsync', '    activeDeadlineSeconds: 600', ''].join('\n'),
    );
    const result = chartforge(['generate', 'migration', '-f', plan, '-d', join(dir, 'chart')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${plan}:2:23 plan.helmTimeoutSeconds: the pre-install steps may run 600s`);
    expect(result.stderr).toContain(`${plan}:1:1 volumes.source.claimName: step "copy" uses the source volume`);
    expect(existsSync(join(dir, 'chart'))).toBe(false);
  });
});
