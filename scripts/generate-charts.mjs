#!/usr/bin/env node
// Main job, step 1: regenerate charts/<kind> from each kind's default spec — with this project's
// Chart.yaml metadata (home, sources, icon, maintainers) — and publish the editor schemas in
// schemas/, through the CLI exactly as a user would run it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kinds } from '../packages/kinds/dist/index.js';
import { projectChart } from './project-charts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages', 'cli', 'bin', 'chartforge.js');

/** Every file under `dir`, by path relative to it, with its bytes. */
function filesUnder(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(dir, path) : [[path, readFileSync(join(dir, path), 'utf8')]];
  });
}

// The CLI generates from the templates its build copied. Turbo restores a cached build over dist/
// without deleting what is there, and shares its cache between git worktrees: a template deleted
// from the sources can survive in dist/ and be generated into the charts.
const sources = new Map(filesUnder(join(root, 'packages', 'generator', 'templates')));
const built = new Map(filesUnder(join(root, 'packages', 'cli', 'dist', 'templates')));
const stale = [...new Set([...sources.keys(), ...built.keys()])].filter((path) => sources.get(path) !== built.get(path)).sort();
if (stale.length > 0) {
  console.error(`packages/cli/dist/templates differs from packages/generator/templates (${stale.join(', ')}): rebuild with \`npx pnpm@10 exec turbo run build --force\``);
  process.exit(1);
}
const run = (args, input) => execFileSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', input });

mkdirSync(join(root, 'schemas'), { recursive: true });
for (const kind of Object.keys(kinds).sort()) {
  process.stdout.write(run(['generate', kind, '-f', '-', '-d', `charts/${kind}`, '--force'], JSON.stringify(projectChart(kind))));
  for (const form of ['values-file', 'spec']) {
    const file = join('schemas', `${kind}.${form === 'spec' ? 'spec' : 'values'}.schema.json`);
    writeFileSync(join(root, file), run(['schema', kind, '--for', form]));
    console.log(`Wrote ${file}`);
  }
}
