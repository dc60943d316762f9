#!/usr/bin/env node
// Writes embedded/kubernetes-definitions.txt: the Kubernetes definitions of every release in
// src/schema/embedded-version.ts, from each release's `k8s.io/kubernetes` Go module (fetched with
// `go mod download` through the Go module proxy into Go's module cache, outside the repository),
// deduplicated across releases. The same sources always give the same file; the header records
// each release's module checksum and the sha256 of the files read.
//
// Run after a build: `npx -y pnpm@10 --filter @chartforge/validator embed-kubernetes-schemas`.
// The test embedded-kubernetes.test.ts re-derives releases from their modules and compares.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderEmbeddedStore } from '../dist/schema/embedded-store.js';
import { EMBEDDED_KUBERNETES_RELEASES } from '../dist/schema/embedded-version.js';
import { downloadRelease } from '../dist/schema/upstream.js';

const target = fileURLToPath(new URL('../embedded/kubernetes-definitions.txt', import.meta.url));
const releases = [];
const definitions = new Map();
for (const version of EMBEDDED_KUBERNETES_RELEASES) {
  const downloaded = downloadRelease(version);
  releases.push(downloaded.release);
  definitions.set(version, downloaded.definitions);
  console.log(`${version}: ${Object.keys(downloaded.definitions).length} definitions`);
}
const text = renderEmbeddedStore({ generatedBy: 'packages/validator/scripts/embed-kubernetes-schemas.mjs', releases }, definitions);
writeFileSync(target, text);
console.log(`wrote ${target}: ${text.split('\n').length - 2} distinct definitions of ${releases.length} releases, ${text.length} bytes`);
