import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { chartforge } from '../src/cli.js';
import { helm, helmTemplate } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';

const example = join(REPO_ROOT, 'examples', 'training.yaml');

describe('chartforge generate training', () => {
  it('generates the README example into a chart that lints and runs a 4-worker DDP job', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cf-training-')), 'llama-finetune');
    const result = chartforge(['generate', 'training', '-f', example, '-d', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Generated training chart "llama-finetune" 1\.0\.0 in .*llama-finetune \(\d+ files\)\n$/);
    expect(readFileSync(join(out, 'Chart.yaml'), 'utf8')).toContain('name: "llama-finetune"\n');

    const lint = helm('v4', ['lint', '--strict', out]);
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    const manifests = parseAllDocuments(helmTemplate('v4', out)).map((d) => d.toJS()).filter(Boolean);
    const job = manifests.find((m) => m.kind === 'Job' && m.metadata.labels['app.kubernetes.io/component'] === 'training');
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 4, parallelism: 4 });
    // Queued in Kueue, whose webhook suspends it on creation: the chart never owns suspend.
    expect(job.spec).not.toHaveProperty('suspend');
    const env = Object.fromEntries(job.spec.template.spec.containers[0].env.map((e: { name: string; value?: string }) => [e.name, e.value]));
    expect(env).toMatchObject({ WORLD_SIZE: '4', NPROC_PER_NODE: '8', HYPERPARAMETERS_FILE: '/etc/training/hyperparameters.json' });
    expect(manifests.map((m) => m.kind)).toContain('Role');
  });

  it('reports every problem of a bad spec with file:line:column, exits 1 and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-training-bad-'));
    const spec = join(dir, 'job.yaml');
    writeFileSync(spec, ['mode: distrbuted', 'workers: 0', 'restartPolicy: OnFailure', 'schedule:', '  cron: nightly', 'gpu:', '  cont: 8', ''].join('\n'));
    const out = join(dir, 'chart');
    const result = chartforge(['generate', 'training', '-f', spec, '-d', out]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      `${spec}:1:7 mode: must be one of "single", "distributed", "scheduled"; got "distrbuted" (did you mean "distributed"?)`,
      `${spec}:2:10 workers: must be ≥ 1; got 0`,
      `${spec}:3:16 restartPolicy: must be Never while podFailurePolicy.enabled is true (Kubernetes requires it)`,
      `${spec}:5:9 schedule.cron: must be five cron fields such as "0 2 * * *", or a macro such as @daily; got "nightly"`,
      `${spec}:7:3 gpu.cont: unknown key (did you mean "count"?)`,
      `5 problems in ${spec}; nothing written`,
      '',
    ]);
    expect(existsSync(out)).toBe(false);
  });
});
