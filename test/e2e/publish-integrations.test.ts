import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../src/cli.js';
import { helm, helmBinary, HELM_MAJORS } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';
import { isolatedHelmHome, MODEL_API_CHART, preCommitBinary, temporaryDir } from '../src/publish.js';

const BROKEN_VALUES = 'replicaCount: three\n';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

/** A PATH with `chartforge` (this checkout's CLI) and helm 3, and nothing of the user's. */
function toolPath(withHelm = true): string {
  const bin = temporaryDir('chartforge-bin-');
  writeFileSync(join(bin, 'chartforge'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'chartforge'), 0o755);
  if (withHelm) symlinkSync(helmBinary('v3'), join(bin, 'helm'));
  return `${bin}:/usr/bin:/bin`;
}

/** A git repository with charts/model-api committed on main and a `feature` branch checked out. */
function chartRepository(): string {
  const repo = temporaryDir('chartforge-git-');
  git(repo, 'init', '-q', '-b', 'main');
  cpSync(MODEL_API_CHART, join(repo, 'charts', 'model-api'), { recursive: true });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'chart');
  git(repo, 'checkout', '-qb', 'feature');
  return repo;
}

describe('Helm plugin: helm chartforge …', () => {
  it.each(HELM_MAJORS)('installs into a temporary plugins dir with helm %s and runs lint and values check', (major) => {
    const home = isolatedHelmHome();
    // Helm 4.1 installs into $HELM_DATA_HOME/plugins whatever HELM_PLUGINS says; point both at one place.
    const env = { ...home, HELM_PLUGINS: join(home.HELM_DATA_HOME, 'plugins'), CHARTFORGE: CLI, PATH: toolPath(false) };
    const installed = helm(major, ['plugin', 'install', join(REPO_ROOT, 'integrations', 'helm-plugin')], { env });
    expect(installed.status, installed.stderr).toBe(0);
    expect(readdirSync(env.HELM_PLUGINS)).toHaveLength(1);
    expect(helm(major, ['plugin', 'list'], { env }).stdout).toMatch(/^chartforge\s+0\.1\.0/m);

    // helm is not on PATH: lint renders with the helm running the plugin ($HELM_BIN).
    const lint = helm(major, ['chartforge', 'lint', MODEL_API_CHART, '-f', join(MODEL_API_CHART, 'ci', 'scaled-values.yaml')], { env });
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    expect(lint.stdout).toBe(`${MODEL_API_CHART}: no problems\n`);

    const [bad] = [join(temporaryDir(), 'prod.yaml')];
    writeFileSync(bad!, BROKEN_VALUES);
    const check = helm(major, ['chartforge', 'values', 'check', '-c', MODEL_API_CHART, bad!, '--output', 'github'], { env });
    expect(check.status).not.toBe(0);
    expect(check.stdout).toBe(`::error file=${bad},line=1,col=15,title=chartforge values-schema::replicaCount: expected integer, got string "three"\n`);
  });

  it('says how to get chartforge when it cannot find it', () => {
    const home = isolatedHelmHome();
    const env = { ...home, HELM_PLUGINS: join(home.HELM_DATA_HOME, 'plugins'), PATH: '/usr/bin:/bin' };
    const copy = join(temporaryDir(), 'helm-plugin');
    cpSync(join(REPO_ROOT, 'integrations', 'helm-plugin'), copy, { recursive: true });
    expect(helm('v3', ['plugin', 'install', copy], { env }).status).toBe(0);
    const result = helm('v3', ['chartforge', 'lint', MODEL_API_CHART], { env });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('helm chartforge: chartforge not found: put it on PATH or set CHARTFORGE to its path');
  });
});

describe('pre-commit hooks (.pre-commit-hooks.yaml), run by pre-commit itself', () => {
  function tryRepo(repo: string, hook: string, args: string[] = []): { status: number; output: string } {
    const result = spawnSync(preCommitBinary(), ['try-repo', REPO_ROOT, hook, ...args], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, ...isolatedHelmHome(), PATH: toolPath(), PRE_COMMIT_HOME: temporaryDir('chartforge-pre-commit-'), NO_COLOR: '1' },
    });
    if (result.error) throw result.error;
    return { status: result.status ?? -1, output: result.stdout + result.stderr };
  }

  it('chartforge-lint fails a commit that breaks a chart and passes once it is fixed', () => {
    const repo = chartRepository();
    writeFileSync(join(repo, 'charts', 'model-api', 'ci', 'scaled-values.yaml'), BROKEN_VALUES);
    git(repo, 'add', '-A');
    const failed = tryRepo(repo, 'chartforge-lint');
    expect(failed.status, failed.output).toBe(1);
    expect(failed.output).toContain('charts/model-api/ci/scaled-values.yaml:1:15: error: replicaCount: expected integer, got string "three" [values-schema]');
    writeFileSync(join(repo, 'charts', 'model-api', 'ci', 'scaled-values.yaml'), 'replicaCount: 3\n');
    git(repo, 'add', '-A');
    const passed = tryRepo(repo, 'chartforge-lint');
    expect(passed.status, passed.output).toBe(0);
    expect(passed.output).toMatch(/chartforge lint.*Passed/);
  });

  it('chartforge-values-check checks environment values files against a chart', () => {
    const repo = chartRepository();
    mkdirSync(join(repo, 'deploy'));
    writeFileSync(join(repo, 'deploy', 'values-prod.yaml'), BROKEN_VALUES);
    writeFileSync(join(repo, '.pre-commit-config.yaml'), '');
    git(repo, 'add', '-A');
    const result = spawnSync(preCommitBinary(), ['try-repo', REPO_ROOT, 'chartforge-values-check', '--files', 'deploy/values-prod.yaml'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PATH: toolPath(), PRE_COMMIT_HOME: temporaryDir('chartforge-pre-commit-') },
    });
    // try-repo cannot pass hook args, so without --chart the hook reports the usage error.
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('missing --chart CHART_DIR');
    const direct = spawnSync(join(REPO_ROOT, 'integrations', 'pre-commit', 'chartforge-hook.sh'), ['values-check', '--chart', 'charts/model-api', 'deploy/values-prod.yaml'], { cwd: repo, encoding: 'utf8', env: { ...process.env, PATH: toolPath() } });
    expect(direct.status).toBe(1);
    expect(direct.stdout).toContain('deploy/values-prod.yaml:1:15: error: replicaCount: expected integer');
  });

  it('chartforge-version-check runs on git push under its current stage name, with no deprecation warning', () => {
    const repo = chartRepository();
    git(repo, 'remote', 'add', 'origin', repo);
    git(repo, 'fetch', '-q', 'origin');
    writeFileSync(join(repo, 'charts', 'model-api', 'values.yaml'), `${readFileSync(join(repo, 'charts', 'model-api', 'values.yaml'), 'utf8')}# changed\n`);
    git(repo, 'commit', '-qam', 'change without a version bump');
    const pushed = tryRepo(repo, 'chartforge-version-check', ['--hook-stage', 'pre-push', '--all-files']);
    expect(pushed.output).not.toMatch(/deprecated/i);
    expect(pushed.output).toMatch(/chartforge version-check\.+Failed/);
    expect(pushed.output).toContain('[version-bump]');
    // not a commit-time hook
    expect(tryRepo(repo, 'chartforge-version-check', ['--all-files']).output).not.toMatch(/chartforge version-check\.+(Passed|Failed)/);
  });

  it('the hook definitions name scripts that exist', () => {
    const hooks = parse(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string }>;
    expect(hooks.map((h) => h.id)).toEqual(['chartforge-lint', 'chartforge-values-check', 'chartforge-version-check']);
    for (const hook of hooks) expect(existsSync(join(REPO_ROOT, hook.entry.split(' ')[0]!)), hook.id).toBe(true);
  });
});

describe('GitHub Actions workflow (integrations/github-actions/chartforge.yml)', () => {
  interface Step {
    name?: string;
    uses?: string;
    run?: string;
    env?: Record<string, string>;
    with?: Record<string, unknown>;
  }
  let workflow: { on: unknown; permissions: Record<string, string>; env: Record<string, string>; jobs: { charts: { steps: Step[] } } };
  beforeAll(() => {
    workflow = parse(readFileSync(join(REPO_ROOT, 'integrations', 'github-actions', 'chartforge.yml'), 'utf8'));
  });

  function runStep(name: string, repo: string, base: string, env: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
    const step = workflow.jobs.charts.steps.find((s) => s.name === name);
    if (!step?.run) throw new Error(`no step ${name}`);
    const result = spawnSync('bash', ['-c', step.run], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, ...isolatedHelmHome(), ...workflow.env, BASE_SHA: base, PATH: toolPath(), ...env },
    });
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  it('may upload SARIF (not from forks, whose token cannot) and is triggered by pull requests', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'security-events': 'write', actions: 'read' });
    expect(Object.keys(workflow.on as object)).toEqual(['pull_request']);
    const upload = workflow.jobs.charts.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif')) as Step & { if?: string };
    expect(upload?.with?.sarif_file).toBe('chartforge.sarif');
    expect(upload.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
  });

  it('pins every action to a commit with its release in a comment, and installs the chartforge this checkout is', () => {
    const text = readFileSync(join(REPO_ROOT, 'integrations', 'github-actions', 'chartforge.yml'), 'utf8');
    const uses = workflow.jobs.charts.steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBeGreaterThanOrEqual(5);
    for (const action of uses) {
      expect(action, 'a tag can be moved; a commit cannot').toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(text, `${action}: the release it is, for review and Dependabot`).toMatch(new RegExp(`uses: ${action.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} # v\\d+\\.\\d+\\.\\d+\n`));
    }
    const cli = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { name: string; version: string };
    expect(workflow.env.CHARTFORGE_VERSION).toBe(cli.version);
    const install = workflow.jobs.charts.steps.find((step) => step.name === 'Install chartforge');
    expect(install?.run).toContain(`npm install --global "${cli.name}@\${CHARTFORGE_VERSION}"`);
    const cache = workflow.jobs.charts.steps.find((step) => step.uses?.startsWith('actions/cache@'));
    expect(String(cache?.with?.path)).toContain('~/.cache/chartforge/schemas');
    expect(String(cache?.with?.key)).toContain('${{ env.CHARTFORGE_VERSION }}');
  });

  it('checks the changed values files of each VALUES_CHECKS folder against its chart', () => {
    const repo = chartRepository();
    const base = git(repo, 'rev-parse', 'HEAD').trim();
    const env = { VALUES_CHECKS: 'deploy/model-api=charts/model-api' };
    mkdirSync(join(repo, 'deploy', 'model-api'), { recursive: true });
    writeFileSync(join(repo, 'deploy', 'model-api', 'prod.yaml'), 'replicaCount: 2\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'prod values');
    const valid = runStep('Check changed values files', repo, base, env);
    expect(valid.status, valid.stdout + valid.stderr).toBe(0);
    expect(valid.stdout).toContain('Checking against charts/model-api: deploy/model-api/prod.yaml');

    writeFileSync(join(repo, 'deploy', 'model-api', 'staging.yaml'), BROKEN_VALUES);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'staging values');
    const broken = runStep('Check changed values files', repo, base, env);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('::error file=deploy/model-api/staging.yaml,line=1,col=15,title=chartforge values-schema::replicaCount: expected integer');
  });

  it('lists every finding in the job summary when there are more than GitHub annotates', () => {
    const repo = chartRepository();
    const base = git(repo, 'rev-parse', 'HEAD').trim();
    const unknownKeys = Array.from({ length: 12 }, (_, i) => `unknown${i}: true\n`).join('');
    writeFileSync(join(repo, 'charts', 'model-api', 'ci', 'scaled-values.yaml'), unknownKeys);
    git(repo, 'commit', '-qam', 'twelve unknown keys');
    const summary = join(temporaryDir('chartforge-summary-'), 'summary.md');
    const lint = runStep('Lint changed charts', repo, base, { GITHUB_STEP_SUMMARY: summary });
    expect(lint.status).toBe(1);
    const text = readFileSync(summary, 'utf8');
    expect(text).toMatch(/^## chartforge lint: \d+ findings/);
    for (let i = 0; i < 12; i++) expect(text).toContain(`unknown${i}`);
    expect(text).toContain('- error `charts/model-api/ci/scaled-values.yaml:');
  });

  it('lints only the charts a pull request changed, annotating the diff and writing SARIF', () => {
    const repo = chartRepository();
    const base = git(repo, 'rev-parse', 'HEAD').trim();
    cpSync(MODEL_API_CHART, join(repo, 'charts', 'untouched'), { recursive: true });
    writeFileSync(join(repo, 'charts', 'untouched', 'Chart.yaml'), readFileSync(join(repo, 'charts', 'untouched', 'Chart.yaml'), 'utf8').replace('name: model-api', 'name: untouched'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'second chart');
    const newBase = git(repo, 'rev-parse', 'HEAD').trim();
    expect(runStep('Lint changed charts', repo, newBase).stdout).toBe('No chart changed.\n');

    writeFileSync(join(repo, 'charts', 'model-api', 'ci', 'scaled-values.yaml'), BROKEN_VALUES);
    git(repo, 'commit', '-qam', 'break');
    const lint = runStep('Lint changed charts', repo, newBase);
    expect(lint.status, lint.stderr).toBe(1);
    expect(lint.stdout).toContain('Linting: charts/model-api\n');
    expect(lint.stdout).toContain('::error file=charts/model-api/ci/scaled-values.yaml,line=1,col=15,title=chartforge values-schema::replicaCount: expected integer');
    const sarif = JSON.parse(readFileSync(join(repo, 'chartforge.sarif'), 'utf8'));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('charts/model-api/ci/scaled-values.yaml');

    const versions = runStep('Version bumps', repo, base);
    expect(versions.status).toBe(1);
    expect(versions.stdout).toContain('::error file=charts/model-api/Chart.yaml,line=6,col=10,title=chartforge version-bump::');
  });
});

describe('editor support: schemas/ and the values.yaml modeline', () => {
  const kinds = readdirSync(join(REPO_ROOT, 'charts')).filter((name) => existsSync(join(REPO_ROOT, 'charts', name, 'Chart.yaml')));

  it('covers every chart', () => {
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) expect(existsSync(join(REPO_ROOT, 'schemas', `${kind}.values.schema.json`)), kind).toBe(true);
  });

  it.each(kinds)('%s: values.yaml points editors at the chart schema with a modeline', (kind) => {
    const firstLine = readFileSync(join(REPO_ROOT, 'charts', kind, 'values.yaml'), 'utf8').split('\n')[0];
    expect(firstLine).toBe('# yaml-language-server: $schema=values.schema.json');
  });

  it.each(kinds)('%s: schemas/ publishes the chart schema, minus `required` (a values file overrides only some keys)', (kind) => {
    const strip = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(strip);
      if (typeof value !== 'object' || value === null) return value;
      return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'required' && key !== 'title').map(([key, item]) => [key, strip(item)]));
    };
    const chart = JSON.parse(readFileSync(join(REPO_ROOT, 'charts', kind, 'values.schema.json'), 'utf8'));
    const published = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', `${kind}.values.schema.json`), 'utf8'));
    expect(strip(published)).toEqual(strip(chart));
    // serviceAccount: a block every kind has (the migration kind has per-preset images, not one image).
    expect(chart.required).toEqual(expect.arrayContaining(['serviceAccount']));
    expect(published.required).toBeUndefined();
    expect(published.properties.serviceAccount.required).toBeUndefined();
  });

  it.each(kinds)('%s: every ci values file is valid for the published schema, and a typo is not', (kind) => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', `${kind}.values.schema.json`), 'utf8'));
    delete schema.$schema;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const ci = join(REPO_ROOT, 'charts', kind, 'ci');
    for (const file of readdirSync(ci).filter((name) => name.endsWith('-values.yaml'))) {
      expect(validate(parse(readFileSync(join(ci, file), 'utf8')) ?? {}), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ replicaCont: 2 }) || validate({ nameOverride: 3 })).toBe(false);
  });
});
