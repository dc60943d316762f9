// The published packages as a user gets them: packed exactly as `pnpm publish` packs them, the CLI
// installed by npm from its tarball alone into an empty folder (no registry, no network: the
// bundle has no dependencies) and run there with the helm the user has.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectChart } from '../../scripts/project-charts.mjs';
import { filesOnDisk } from '../src/charts.js';
import { helmBinary, helmEnv } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';
import { MODEL_API_CHART, temporaryDir } from '../src/publish.js';
import { notRunReasons, readmeBlocks, runReadme } from '../src/readme.js';

const LIBRARIES = ['@chartforge/core', '@chartforge/kinds', '@chartforge/generator', '@chartforge/validator', '@chartforge/fit', '@chartforge/publish'] as const;

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** `env` without the npm_* settings pnpm gives the test process (a user's shell has none). */
function withoutNpmSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
}

/** Runs a command with none of the npm_* settings pnpm gives the test process. */
function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Run {
  const env = withoutNpmSettings(options.env ?? process.env);
  const result = spawnSync(command, args, { cwd: options.cwd, env: { ...env, NO_COLOR: '1' }, input: options.input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function ok(result: Run): string {
  expect(result.status, result.stderr || result.stdout).toBe(0);
  return result.stdout;
}

/** Every workspace package under packages/, packed as `pnpm publish` packs it (prepack runs, workspace: ranges are rewritten). */
function packAll(): Map<string, string> {
  const destination = temporaryDir('chartforge-pack-');
  ok(run('npx', ['-y', 'pnpm@10', '--recursive', '--filter', './packages/*', 'pack', '--pack-destination', destination], { cwd: REPO_ROOT }));
  const tarballs = readdirSync(destination).map((file) => join(destination, file));
  return new Map(tarballs.map((tarball) => [packedManifest(tarball).name as string, tarball]));
}

function tarballFiles(tarball: string): string[] {
  return ok(run('tar', ['tzf', tarball], { cwd: REPO_ROOT })).trim().split('\n').map((path) => path.replace(/^package\//, ''));
}

function packedManifest(tarball: string): Record<string, unknown> {
  return JSON.parse(ok(run('tar', ['xzOf', tarball, 'package/package.json'], { cwd: REPO_ROOT }))) as Record<string, unknown>;
}

/** What a published package must never carry: source maps, tsc build info, unpublished workspace ranges. */
function expectPublishable(tarball: string): void {
  const files = tarballFiles(tarball);
  expect(files).toContain('LICENSE');
  expect(files.filter((file) => file.endsWith('.map') || file.endsWith('.tsbuildinfo'))).toEqual([]);
  const manifest = packedManifest(tarball);
  expect(JSON.stringify(manifest)).not.toContain('workspace:');
  // @chartforge/kinds imports a JSON module (its Kubernetes definitions), which needs Node 20.10's
  // import attributes, and so does the generator through it; the bundled CLI inlines the JSON.
  const node = ['@chartforge/kinds', '@chartforge/generator'].includes(String(manifest.name)) ? '>=20.10' : '>=20';
  expect(manifest).toMatchObject({ license: 'Apache-2.0', repository: { type: 'git' }, engines: { node } });
  expect(manifest.description).toEqual(expect.any(String));
}

let packed: Map<string, string>;
beforeAll(() => {
  packed = packAll();
});

describe('the chartforge package, installed by npm from its tarball', () => {
  let app: string;
  let tarball: string;
  let installedBin: string;
  const chartforge = (args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) => run(process.execPath, [installedBin, ...args], { cwd: app, ...options });

  beforeAll(() => {
    tarball = packed.get('chartforge')!;
    app = temporaryDir('chartforge-app-');
    writeFileSync(join(app, 'package.json'), '{ "private": true }\n');
    // --offline: a dependency npm would have to fetch fails the install instead of reaching a registry.
    ok(run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', join(app, '.npm-cache'), tarball], { cwd: app }));
    installedBin = join(app, 'node_modules', '.bin', 'chartforge');
  });

  it('is one publishable package with a README, a bin and no dependencies', () => {
    expectPublishable(tarball);
    const manifest = packedManifest(tarball);
    expect(manifest).toMatchObject({ name: 'chartforge', bin: { chartforge: './bin/chartforge.js' } });
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(tarballFiles(tarball)).toContain('README.md');
  });

  it('ships every declaration file its typings import', () => {
    const files = tarballFiles(tarball);
    const declarations = files.filter((file) => file.endsWith('.d.ts'));
    const installed = join(app, 'node_modules', 'chartforge');
    const imported = declarations.flatMap((file) =>
      [...readFileSync(join(installed, file), 'utf8').matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)].map((match) => join(dirname(file), `${match[1]}.d.ts`)),
    );
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((file) => !files.includes(file))).toEqual([]);
  });

  it('runs as npx chartforge: --version, generate (the committed chart, byte for byte), validate', () => {
    const version = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8')).version as string;
    expect(ok(run('npx', ['chartforge', '--version'], { cwd: app }))).toMatch(new RegExp(`^chartforge ${version.replaceAll('.', '\\.')} `));

    // The committed charts are the kinds' defaults with this project's Chart.yaml metadata.
    ok(chartforge(['generate', 'serving', '-f', '-', '-d', 'serving'], { input: JSON.stringify(projectChart('serving')) }));
    expect(filesOnDisk(join(app, 'serving'))).toEqual(filesOnDisk(join(REPO_ROOT, 'charts', 'serving')));
    ok(chartforge(['generate', 'migration', '-f', '-', '-d', 'migration'], { input: JSON.stringify(projectChart('migration')) }));
    expect(filesOnDisk(join(app, 'migration'))).toEqual(filesOnDisk(join(REPO_ROOT, 'charts', 'migration')));

    const rendered = ok(run(helmBinary('v3'), ['template', 'demo', 'serving'], { cwd: app, env: helmEnv() }));
    ok(chartforge(['validate', '-'], { input: rendered }));
    // A glob: the validator's lazily loaded matcher comes from the bundle too.
    mkdirSync(join(app, 'rendered'));
    writeFileSync(join(app, 'rendered', 'serving.yaml'), rendered);
    expect(ok(chartforge(['validate', '--summary', 'rendered/*.yaml']))).toContain('1 file');
    // A Deployment with a misspelt field: the embedded schemas are found from the installed bundle.
    const broken = chartforge(['validate', '-'], { input: rendered.replace('replicas:', 'replicaz:') });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('replicaz');
  });

  it("runs every shell block of its README in order, with chartforge and helm on PATH as the README says", () => {
    const blocks = readmeBlocks(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'README.md'), 'utf8'));
    expect(notRunReasons(blocks)).toEqual([expect.stringContaining('npm registry')]);
    const reader = temporaryDir('chartforge-readme-');
    const tools = join(reader, '.tools');
    mkdirSync(tools);
    symlinkSync(helmBinary('v3'), join(tools, 'helm'));
    const path = [join(app, 'node_modules', '.bin'), tools, dirname(process.execPath), '/usr/bin', '/bin'].join(':');
    runReadme(blocks, { cwd: reader, env: { ...withoutNpmSettings(helmEnv({ PATH: path })), NO_COLOR: '1' } });
  });

  it('lints with helm from PATH, else with $HELM_BIN, and says so when there is neither', () => {
    ok(chartforge(['generate', 'training', '-d', 'training']));
    const bin = join(app, 'path-bin');
    mkdirSync(bin);
    symlinkSync(helmBinary('v4'), join(bin, 'helm'));
    const onPath = chartforge(['lint', 'training'], { env: helmEnv({ PATH: bin }) });
    expect(onPath.status, onPath.stdout + onPath.stderr).toBe(0);
    expect(onPath.stdout).toContain('training: no problems');

    // No helm on PATH (an empty directory): $HELM_BIN (what Helm sets for its plugins) is used; a
    // small chart keeps it quick.
    const noHelm = temporaryDir('chartforge-empty-path-');
    cpSync(MODEL_API_CHART, join(app, 'model-api'), { recursive: true });
    const fromEnv = chartforge(['lint', 'model-api'], { env: helmEnv({ PATH: noHelm, HELM_BIN: helmBinary('v3') }) });
    expect(fromEnv.status, fromEnv.stdout + fromEnv.stderr).toBe(0);
    const missing = chartforge(['lint', 'model-api'], { env: helmEnv({ PATH: noHelm }) });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('helm was not found');
  });
});

describe('the libraries, packed for publishing', () => {
  it('every package under packages/ is the CLI or one of the libraries checked here', () => {
    expect([...packed.keys()].sort()).toEqual(['chartforge', ...LIBRARIES].sort());
  });

  it.each(LIBRARIES)('%s has its license and metadata, no source maps, no workspace: ranges', (name) => {
    expectPublishable(packed.get(name)!);
  });
});

describe("helm from the user's machine first", () => {
  const script = (name: string) => join(REPO_ROOT, 'scripts', name);

  it('the install extracts the pinned helm only on linux-x64, and elsewhere says so and succeeds', () => {
    // The real script, on a process that reports another platform.
    for (const [property, value] of [['arch', 'arm64'], ['platform', 'darwin']]) {
      const pretend = `data:text/javascript,Object.defineProperty(process, ${JSON.stringify(property)}, { value: ${JSON.stringify(value)} })`;
      const result = run(process.execPath, ['--import', pretend, script('fetch-helm.mjs')], { cwd: REPO_ROOT });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/pinned helm binaries are for linux-x64, not (linux-arm64|darwin-x64); nothing extracted\. Install Helm 3 or 4 and put it on PATH/);
    }
  });

  it('the tests and check-charts take $HELM_BIN or helm on PATH when it is the major they need, else the pinned one', () => {
    const bin = temporaryDir('chartforge-path-');
    const userHelm4 = join(bin, 'helm');
    cpSync(join(REPO_ROOT, '.cache', 'helm', 'v4', 'helm'), userHelm4);
    const find = `import { findHelm } from ${JSON.stringify(script('helm-binaries.mjs'))}; console.log(findHelm('v3'), findHelm('v4'));`;
    const pinned = (major: string) => join(REPO_ROOT, '.cache', 'helm', major, 'helm');

    const onPath = ok(run(process.execPath, ['--input-type=module', '-e', find], { cwd: REPO_ROOT, env: { PATH: `${bin}:/usr/bin:/bin` } }));
    expect(onPath.trim()).toBe(`${pinned('v3')} ${userHelm4}`);
    const fromEnv = ok(run(process.execPath, ['--input-type=module', '-e', find], { cwd: REPO_ROOT, env: { PATH: '/usr/bin:/bin', HELM_BIN: userHelm4 } }));
    expect(fromEnv.trim()).toBe(`${pinned('v3')} ${userHelm4}`);
  });
});
