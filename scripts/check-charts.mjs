#!/usr/bin/env node
// Main job, step 2: every committed chart passes `helm lint --strict` and renders with its default
// values and each ci/*-values.yaml under Helm 3 and Helm 4, every render passes
// `chartforge validate` (strict schemas of the embedded Kubernetes version, lint rules with Pod
// Security Standards "restricted"; custom resources against the validator's embedded CRDs; the
// Secrets, ConfigMaps and PVCs the ci values name without the chart creating them are declared by
// the charts' chartforge.dev/external annotations), `chartforge values check` accepts each values
// set, and Helm 4 accepts a client-side dry-run install. First, the Kubernetes definitions the
// values schemas embed must be what packages/kinds/scripts/extract-kubernetes-definitions.mjs derives.
// Exits non-zero on the first failure, printing the tool's own output.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { findHelm } from './helm-binaries.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Both majors where both are found (always here: the install extracts them); a machine with only
// its own Helm 3 or 4 checks with that one and says which is missing.
const helms = ['v3', 'v4'].map((major) => ({ major, binary: findHelm(major) })).filter(({ major, binary }) => {
  if (!binary) console.log(`check-charts: no Helm ${major.slice(1)} (on PATH, in $HELM_BIN or .cache/helm/${major}); checking without it`);
  return binary !== undefined;
});
const helmHome = join(tmpdir(), 'chartforge-check-charts');
const env = { ...process.env, HELM_CACHE_HOME: join(helmHome, 'cache'), HELM_CONFIG_HOME: join(helmHome, 'config'), HELM_DATA_HOME: join(helmHome, 'data') };

if (helms.length === 0) {
  console.error('check-charts: no helm found: put Helm 3 or 4 on PATH (or in $HELM_BIN), or run the install on Linux x86-64 (it extracts both)');
  process.exit(2);
}

const cli = join(root, 'packages', 'cli', 'bin', 'chartforge.js');

function validateRender(rendered, what) {
  // A migration chart with an empty plan renders no resource at all; validate (as kubeconform)
  // calls empty input an error, so there is nothing to validate rather than a failure.
  if (!/^(apiVersion|kind):/m.test(rendered)) {
    console.log(`${what}: renders no resources`);
    return;
  }
  try {
    const report = execFileSync(process.execPath, [cli, 'validate', '-', '--pss', 'restricted', '--fail-on', 'warning'], {
      input: rendered,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (report.trim()) console.log(`${what}:\n${report.trimEnd()}`);
  } catch (error) {
    console.error(`chartforge validate failed for ${what}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    process.exit(1);
  }
}

try {
  console.log(execFileSync(process.execPath, [join(root, 'packages', 'kinds', 'scripts', 'extract-kubernetes-definitions.mjs'), '--check'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trimEnd());
} catch (error) {
  console.error(`${error.stdout ?? ''}${error.stderr ?? ''}`.trimEnd());
  process.exit(1);
}

function valuesCheck(dir, values) {
  try {
    execFileSync(process.execPath, [cli, 'values', 'check', '-c', dir, ...(values ? [values] : [])], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    console.error(`chartforge values check failed for ${dir} ${values ?? '(defaults)'}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    process.exit(1);
  }
}

let renders = 0;
function helm({ major, binary }, args) {
  try {
    return execFileSync(binary, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    console.error(`helm ${major} ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    process.exit(1);
  }
}

const charts = readdirSync(join(root, 'charts'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
for (const chart of charts) {
  const dir = join('charts', chart);
  const valuesFiles = [undefined, ...readdirSync(join(root, dir, 'ci')).filter((f) => f.endsWith('-values.yaml')).sort().map((f) => join(dir, 'ci', f))];
  for (const values of valuesFiles) valuesCheck(dir, values);
  for (const h of helms) {
    for (const values of valuesFiles) {
      const extra = values ? ['-f', values] : [];
      helm(h, ['lint', '--strict', dir, ...extra]);
      validateRender(helm(h, ['template', 'check', dir, ...extra]), `${dir} ${values ?? '(defaults)'} with helm ${h.major}`);
      renders++;
      if (h.major === 'v4') helm(h, ['install', 'check', dir, '--dry-run=client', ...extra]);
    }
  }
  console.log(`${chart}: chartforge values check, helm lint --strict, helm template + chartforge validate --pss restricted (${valuesFiles.length} values sets × Helm ${helms.map((h) => h.major.slice(1)).join(' and ')})${helms.some((h) => h.major === 'v4') ? ' and helm 4 install --dry-run=client' : ''} passed`);
}
console.log(`checked ${charts.length} chart(s), ${renders} renders`);
