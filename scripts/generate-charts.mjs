#!/usr/bin/env node
// Main job, step 1: regenerate charts/<kind> from each kind's default spec — with this project's
// Chart.yaml metadata (home, sources, icon, maintainers) — and publish the editor schemas in
// schemas/, through the CLI exactly as a user would run it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kinds } from '../packages/kinds/dist/index.js';
import { projectChart } from './project-charts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages', 'cli', 'bin', 'chartforge.js');
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
