import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { chartforge } from '../src/cli.js';
import { MODEL_API_CHART, temporaryDir } from '../src/publish.js';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

function edit(path: string, change: (text: string) => string): void {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

const bump = (version: string) => (text: string) => text.replace(/^version: .*$/m, `version: ${version}`);

/** A repository with two charts on main, and a feature branch checked out. */
function repository(): string {
  const repo = temporaryDir('chartforge-git-');
  git(repo, 'init', '-q', '-b', 'main');
  cpSync(MODEL_API_CHART, join(repo, 'charts', 'model-api'), { recursive: true });
  cpSync(MODEL_API_CHART, join(repo, 'charts', 'embedder'), { recursive: true });
  edit(join(repo, 'charts', 'embedder', 'Chart.yaml'), (text) => text.replace('name: model-api', 'name: embedder').replace('version: 1.2.0', 'version: 0.3.0'));
  writeFileSync(join(repo, 'README.md'), 'charts\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'charts');
  git(repo, 'checkout', '-q', '-b', 'feature');
  return repo;
}

describe('chartforge version-check', () => {
  let repo: string;
  beforeEach(() => {
    repo = repository();
  });

  it('passes when nothing in a chart changed', () => {
    edit(join(repo, 'README.md'), (text) => `${text}more\n`);
    git(repo, 'commit', '-qam', 'docs');
    const result = chartforge(['version-check', '--base', 'main'], { cwd: repo });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('no chart changed since main\n');
  });

  it('fails for a changed chart whose version was not bumped, at the version line', () => {
    edit(join(repo, 'charts', 'model-api', 'values.yaml'), (text) => text.replace('replicaCount: 1', 'replicaCount: 2'));
    git(repo, 'commit', '-qam', 'more replicas');
    const result = chartforge(['version-check', '--base', 'main'], { cwd: repo });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('charts/model-api: NOT BUMPED (still 1.2.0), 1 changed file\n');
    expect(result.stdout).toContain('charts/model-api/Chart.yaml:6:10: error: chart model-api changed since main (1 file: values.yaml) but its version is still 1.2.0: raise "version" above 1.2.0 [version-bump]');
    const github = chartforge(['version-check', '--base', 'main', '-o', 'github'], { cwd: repo });
    expect(github.stdout).toMatch(/^::error file=charts\/model-api\/Chart.yaml,line=6,col=10,title=chartforge version-bump::chart model-api changed/);
    const junit = chartforge(['version-check', '--base', 'main', '-o', 'junit'], { cwd: repo });
    expect(XMLValidator.validate(junit.stdout)).toBe(true);
    expect(junit.stdout).toContain('<testcase classname="charts/model-api/Chart.yaml" name="6:10 version-bump">\n      <failure message="chart model-api changed since main');
    const tap = chartforge(['version-check', '--base', 'main', '-o', 'tap'], { cwd: repo });
    expect(tap.stdout).toMatch(/^TAP version 13\n1\.\.1\nnot ok 1 - charts\/model-api\/Chart\.yaml\n/);
  });

  it('passes once the version is raised, and reports bumps and new charts', () => {
    edit(join(repo, 'charts', 'model-api', 'values.yaml'), (text) => text.replace('replicaCount: 1', 'replicaCount: 2'));
    edit(join(repo, 'charts', 'model-api', 'Chart.yaml'), bump('1.2.1'));
    cpSync(MODEL_API_CHART, join(repo, 'charts', 'reranker'), { recursive: true });
    edit(join(repo, 'charts', 'reranker', 'Chart.yaml'), (text) => text.replace('name: model-api', 'name: reranker'));
    const result = chartforge(['version-check', '--base', 'main'], { cwd: repo });
    expect(result.status, result.stdout).toBe(0);
    // 11 of the copy's 12 files: NOTES.local.md is left out by its .helmignore.
    expect(result.stdout).toBe('charts/model-api: 1.2.0 → 1.2.1, 2 changed files\ncharts/reranker: new chart at 1.2.0, 11 changed files\n');
  });

  it('counts staged, unstaged and untracked changes, and compares with SemVer precedence', () => {
    writeFileSync(join(repo, 'charts', 'embedder', 'templates', 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    edit(join(repo, 'charts', 'embedder', 'Chart.yaml'), bump('0.3.0-rc.1'));
    const lowered = chartforge(['version-check', '--base', 'main'], { cwd: repo });
    expect(lowered.status).toBe(1);
    expect(lowered.stdout).toContain('charts/embedder: LOWERED (0.3.0 → 0.3.0-rc.1)');
    edit(join(repo, 'charts', 'embedder', 'Chart.yaml'), bump('0.10.0'));
    expect(chartforge(['version-check', '--base', 'main'], { cwd: repo }).stdout).toContain('charts/embedder: 0.3.0 → 0.10.0');
  });

  it('ignores changes the chart’s .helmignore keeps out of the package, and compares with the merge base', () => {
    writeFileSync(join(repo, 'charts', 'model-api', 'NOTES.local.md'), 'changed notes\n');
    git(repo, 'commit', '-qam', 'notes');
    git(repo, 'checkout', '-q', 'main');
    edit(join(repo, 'charts', 'embedder', 'values.yaml'), (text) => `${text}# main moved on\n`);
    git(repo, 'commit', '-qam', 'main moves');
    git(repo, 'checkout', '-q', 'feature');
    const result = chartforge(['version-check', '--base', 'main'], { cwd: repo });
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toBe('no chart changed since main\n');
  });

  it('limits the check to --chart-dir and treats a subchart change as its parent’s', () => {
    mkdirSync(join(repo, 'charts', 'model-api', 'charts'));
    cpSync(join(repo, 'charts', 'embedder'), join(repo, 'charts', 'model-api', 'charts', 'embedder'), { recursive: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'vendor subchart');
    edit(join(repo, 'charts', 'model-api', 'Chart.yaml'), bump('1.3.0'));
    git(repo, 'commit', '-qam', 'bump');
    git(repo, 'tag', 'released');
    edit(join(repo, 'charts', 'model-api', 'charts', 'embedder', 'values.yaml'), (text) => text.replace('replicaCount: 1', 'replicaCount: 4'));
    const result = chartforge(['version-check', '--base', 'released', '--chart-dir', 'charts'], { cwd: repo });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('charts/model-api: NOT BUMPED (still 1.3.0), 1 changed file');
    expect(chartforge(['version-check', '--base', 'released', '--chart-dir', 'elsewhere'], { cwd: repo }).stdout).toBe('no chart changed since released\n');
  });

  it('says clearly when the base is unknown or the directory is not a repository', () => {
    const unknown = chartforge(['version-check', '--base', 'origin/nope'], { cwd: repo });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('chartforge version-check: unknown git revision "origin/nope" (fetch it first, e.g. git fetch origin nope)\n');
    const outside = chartforge(['version-check', '--base', 'main'], { cwd: temporaryDir() });
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/is not inside a git work tree/);
    expect(chartforge(['version-check'], { cwd: repo }).stderr).toBe('chartforge version-check: missing --base REF\n');
  });

  it('checks a chart whose directory name holds a newline', () => {
    cpSync(MODEL_API_CHART, join(repo, 'charts', 'line\nbreak'), { recursive: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'odd name');
    git(repo, 'checkout', '-q', '-b', 'next');
    edit(join(repo, 'charts', 'line\nbreak', 'values.yaml'), (text) => text.replace('replicaCount: 1', 'replicaCount: 2'));
    const result = chartforge(['version-check', '--base', 'feature'], { cwd: repo });
    expect(result.status, result.stdout).toBe(1);
    expect(result.stdout).toContain('NOT BUMPED');
  });

  it('quotes --base in the command it suggests', () => {
    const result = chartforge(['version-check', '--base', 'origin/x;touch pwned'], { cwd: repo });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("git fetch origin 'x;touch pwned'");
  });
});
