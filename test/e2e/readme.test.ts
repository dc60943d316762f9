// The READMEs run: every ```sh and ```console block of README.md and the package READMEs, in
// order, in a temporary folder laid out as the README assumes (copies of what it refers to, never
// the checkout itself), with `chartforge` (this checkout's CLI) and `helm` on PATH as the README
// says. test/src/readme.ts states the block conventions (`…` lines, files shown as yaml blocks,
// `<!-- not run: why -->`). packages/cli/README.md runs in test/e2e/install.test.ts, against the
// package installed from its tarball.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../src/cli.js';
import { helmBinary } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';
import { makeSigningKeys, MODEL_API_CHART, stopGpgAgent, temporaryDir } from '../src/publish.js';
import { notRunReasons, readmeBlocks, runReadme, type ReadmeBlock } from '../src/readme.js';

const README_FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'readme');

function readme(path: string): ReadmeBlock[] {
  return readmeBlocks(readFileSync(join(REPO_ROOT, path), 'utf8'));
}

/**
 * A reader's machine: a home of its own (helm's and git's settings), `chartforge` (a shim to this
 * checkout's CLI), `helm` and the system's tools on PATH, nothing from this test process's
 * environment (no SOURCE_DATE_EPOCH, no CHARTFORGE_* limits).
 */
function readerEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = temporaryDir('chartforge-reader-home-');
  const tools = join(home, 'bin');
  mkdirSync(tools);
  writeFileSync(join(tools, 'chartforge'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
  chmodSync(join(tools, 'chartforge'), 0o755);
  symlinkSync(helmBinary('v3'), join(tools, 'helm'));
  return {
    HOME: home,
    PATH: [tools, dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    NO_COLOR: '1',
    GIT_AUTHOR_NAME: 'Reader',
    GIT_AUTHOR_EMAIL: 'reader@example.com',
    GIT_COMMITTER_NAME: 'Reader',
    GIT_COMMITTER_EMAIL: 'reader@example.com',
    ...extra,
  };
}

function git(cwd: string, env: NodeJS.ProcessEnv, args: string[]): void {
  const result = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
}

describe('README.md', () => {
  const blocks = readme('README.md');

  it('marks exactly the blocks that cannot run here, each with its reason', () => {
    expect(notRunReasons(blocks)).toEqual([
      'installs from the npm registry (test/e2e/install.test.ts installs the packed tarball)',
      'the set-up and the whole test suite: what the test suite itself runs',
      'installs into a cluster (none here: the cluster tests install every chart on a control plane)',
      'installs into a cluster (none here: the cluster tests install every chart on a control plane)',
      'installs into a cluster (none here: the cluster tests install every chart on a control plane)',
      'pushes to a remote registry (test/e2e/publish-repo.test.ts pushes to a local one)',
    ]);
  });

  it('runs from top to bottom in a repository like the reader\'s, with the output it shows', () => {
    // The reader's chart repository, checked out on a pull request: its base (origin/main) has
    // the generated charts, the examples, the fixture chart the publishing examples use as
    // charts/model-api, upgrade-check's fixture chart as charts/trainer, helm's lint fixtures and
    // the inputs the README names (test/fixtures/readme/repository, copied last); the pull request
    // (test/fixtures/readme/pull-request) raises charts/trainer's images and version. Helm 4 is
    // where the lint examples take it from. The repository is a folder of its own temporary
    // folder: the README's `git worktree add ../base` lands beside it.
    const repository = join(temporaryDir('chartforge-readme-'), 'repository');
    for (const entry of ['charts', 'examples', '.gitignore']) cpSync(join(REPO_ROOT, entry), join(repository, entry), { recursive: true });
    cpSync(MODEL_API_CHART, join(repository, 'charts', 'model-api'), { recursive: true });
    // The lint example's broken/model-api: that chart with the one template the fixtures replace.
    cpSync(MODEL_API_CHART, join(repository, 'broken', 'model-api'), { recursive: true });
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'upgrade-check', 'trainer'), join(repository, 'charts', 'trainer'), { recursive: true });
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'helm-lint'), join(repository, 'test', 'fixtures', 'helm-lint'), { recursive: true });
    cpSync(join(README_FIXTURES, 'repository'), repository, { recursive: true });
    mkdirSync(join(repository, '.cache', 'helm', 'v4'), { recursive: true });
    symlinkSync(helmBinary('v4'), join(repository, '.cache', 'helm', 'v4', 'helm'));

    // The signing example exports the reader's key "Chart Signer" from their GnuPG home.
    const keys = makeSigningKeys('Chart Signer <signer@example.com>');
    try {
      const env = readerEnvironment({ GNUPGHOME: keys.home });
      git(repository, env, ['init', '--quiet', '--initial-branch', 'main']);
      git(repository, env, ['add', '--all']);
      git(repository, env, ['commit', '--quiet', '--message', 'charts']);
      git(repository, env, ['update-ref', 'refs/remotes/origin/main', 'HEAD']);
      cpSync(join(README_FIXTURES, 'pull-request'), repository, { recursive: true });
      git(repository, env, ['commit', '--quiet', '--all', '--message', 'trainer: new images']);
      runReadme(blocks, { cwd: repository, env });
    } finally {
      stopGpgAgent(keys);
    }
  });
});

describe('packages/validator/README.md', () => {
  it('has no block that runs here: regenerating the embedded schemas needs every release from the Go module proxy', () => {
    const blocks = readme('packages/validator/README.md');
    expect(notRunReasons(blocks)).toEqual([
      'downloads every embedded Kubernetes release with Go (test/embedded-kubernetes.test.ts re-derives the oldest and the newest)',
    ]);
    expect(blocks.filter((block) => !block.notRun)).toEqual([]);
  });
});

describe('packages/generator/README.md', () => {
  it('has no block that runs here: its commands read the repository\'s own chart sources', () => {
    const blocks = readme('packages/generator/README.md');
    expect(notRunReasons(blocks)).toEqual([
      'reads the sources in the repository, which the README test does not copy',
      'compares two copies of the repository\'s charts, before and after an edit',
    ]);
    expect(blocks.filter((block) => !block.notRun)).toEqual([]);
  });
});
