#!/usr/bin/env node
// Do two copies of the charts render the same? For a change to the charts' template sources that
// must not change what they render (helpers moved or split, a define rewritten): every chart in
// both folders is rendered with its default values and with each ci/*-values.yaml — `helm
// template` under Helm 3 and Helm 4, and Helm 4's client-side dry-run install for NOTES.txt — and
// the outputs must be byte-identical. Prints one line per render and exits 1 on any difference.
//
//   cp -r charts /tmp/charts-before   # before the change
//   node scripts/compare-chart-renders.mjs /tmp/charts-before charts
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireHelm } from './helm-binaries.mjs';

const [before, after] = process.argv.slice(2).map((dir) => resolve(dir));
if (!before || !after) {
  console.error('usage: node scripts/compare-chart-renders.mjs <charts-before> <charts-after>');
  process.exit(2);
}

const helmHome = join(tmpdir(), 'chartforge-compare-renders');
const env = { ...process.env, HELM_CACHE_HOME: join(helmHome, 'cache'), HELM_CONFIG_HOME: join(helmHome, 'config'), HELM_DATA_HOME: join(helmHome, 'data') };
const helm3 = requireHelm('v3');
const helm4 = requireHelm('v4');

/** What a user sees: the output, or the error when rendering fails (a `fail` message counts too). */
function render(binary, args) {
  const run = spawnSync(binary, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  // The dry run's timestamp is the only line that differs between two runs of the same chart.
  return `exit ${run.status}\n${run.stdout.replace(/^LAST DEPLOYED: .*$/m, 'LAST DEPLOYED: -')}${run.stderr}`;
}

function renders(chart) {
  const ciDir = join(chart, 'ci');
  const valuesFiles = existsSync(ciDir) ? readdirSync(ciDir).filter((file) => file.endsWith('-values.yaml')).sort() : [];
  return [undefined, ...valuesFiles].flatMap((file) => {
    const values = file ? ['-f', join(ciDir, file)] : [];
    const name = file ?? 'values.yaml';
    return [
      [`helm3 template ${name}`, render(helm3, ['template', 'release', chart, '--namespace', 'ml', ...values])],
      [`helm4 template ${name}`, render(helm4, ['template', 'release', chart, '--namespace', 'ml', ...values])],
      [`helm4 install --dry-run=client ${name}`, render(helm4, ['install', 'release', chart, '--namespace', 'ml', '--dry-run=client', ...values])],
    ];
  });
}

const kinds = readdirSync(after).filter((kind) => existsSync(join(after, kind, 'Chart.yaml'))).sort();
let differences = 0;
for (const kind of kinds) {
  if (!existsSync(join(before, kind, 'Chart.yaml'))) {
    console.log(`${kind}: not in ${before}`);
    differences++;
    continue;
  }
  const expected = new Map(renders(join(before, kind)));
  for (const [what, output] of renders(join(after, kind))) {
    const same = expected.get(what) === output;
    if (!same) differences++;
    console.log(`${same ? 'same' : 'DIFFERENT'}  ${kind}: ${what} (${output.length} bytes)`);
  }
}
console.log(differences === 0 ? `all renders identical (${kinds.join(', ')})` : `${differences} renders differ`);
process.exit(differences === 0 ? 0 : 1);
