// Data flows one way (the root README's "Architecture"): no module of packages/*/src may import
// itself back, through any chain of imports, and no package may import a package that imports it.
// scripts/check-import-cycles.mjs is the check; here it runs on this repository and, to show it
// finds what it must, on small trees with a cycle.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.js';
import { temporaryDir } from '../src/publish.js';

const CHECK = join(REPO_ROOT, 'scripts', 'check-import-cycles.mjs');
const trees: string[] = [];
afterAll(() => {
  for (const root of trees) rmSync(root, { recursive: true, force: true });
});

function check(root: string): { status: number | null; stdout: string } {
  const run = spawnSync(process.execPath, [CHECK, root], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return { status: run.status, stdout: run.stdout };
}

/** A tree of workspace packages: `files` maps paths under packages/ to their text. */
function workspace(files: Record<string, string>): string {
  const root = temporaryDir('chartforge-cycles-');
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, 'packages', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

const manifest = (name: string) => JSON.stringify({ name, exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } } });

describe('import cycles', () => {
  it('there are none in packages/*/src', () => {
    expect(check(REPO_ROOT)).toEqual({ status: 0, stdout: 'no import cycles in packages/*/src\n' });
  });

  it('a cycle through a type-only import and a re-export fails the check, named file by file', () => {
    const root = workspace({
      'a/package.json': manifest('@x/a'),
      'a/src/index.ts': "export { run } from './run.js';\n",
      'a/src/run.ts': "import type { Pool } from './pool.js';\nexport const run = (pool: Pool) => pool;\n",
      'a/src/pool.ts': "import { run } from './index.js';\nexport interface Pool { next: typeof run }\n",
    });
    expect(check(root)).toEqual({
      status: 1,
      stdout: 'import cycle: modules: packages/a/src/index.ts → packages/a/src/run.ts → packages/a/src/pool.ts → packages/a/src/index.ts\n',
    });
  });

  it('two packages importing each other fail it, even when no module imports itself back', () => {
    const root = workspace({
      'a/package.json': manifest('@x/a'),
      'a/src/index.ts': "export const a = 1;\n",
      'a/src/uses-b.ts': "import { b } from '@x/b';\nexport const twice = b * 2;\n",
      'b/package.json': manifest('@x/b'),
      'b/src/index.ts': "export const b = 2;\n",
      'b/src/uses-a.ts': "export const later = () => import('@x/a');\n",
    });
    expect(check(root)).toEqual({ status: 1, stdout: 'import cycle: packages: @x/a → @x/b → @x/a\n' });
  });
});

describe('@chartforge/core, the bottom package', () => {
  // Every package may import it, so it must import nothing: not another package (a cycle in the
  // making), not a registry dependency, not even a Node built-in (it is only vocabulary).
  it('has no dependencies and its modules import only each other', () => {
    const dir = join(REPO_ROOT, 'packages', 'core');
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect([manifest.dependencies, manifest.peerDependencies, manifest.optionalDependencies]).toEqual([undefined, undefined, undefined]);
    const sources = readdirSync(join(dir, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(0);
    // Relative imports that stay inside src/ (src/output/ importing ../finding.js) are each other.
    const src = join(dir, 'src');
    const outside = sources.flatMap((file) =>
      ts
        .preProcessFile(readFileSync(join(src, file), 'utf8'), true, true)
        .importedFiles.map(({ fileName }) => fileName)
        .filter((specifier) => !specifier.startsWith('.') || relative(src, resolve(src, dirname(file), specifier)).startsWith('..'))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(outside).toEqual([]);
  });
});
