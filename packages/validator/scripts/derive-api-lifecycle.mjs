#!/usr/bin/env node
// Writes src/rules/api-lifecycle/derived-table.ts: the removed/deprecated API table derived from
// the embedded Kubernetes definitions of every release (embedded/kubernetes-definitions.txt).
// Run: `npx -y pnpm@10 --filter @chartforge/validator derive-api-lifecycle` (builds, then derives).
// The test api-lifecycle-table.test.ts re-derives the table and fails when this file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deriveApiLifecycle } from '../dist/rules/api-lifecycle/derive.js';
import { loadReleaseDefinitions, renderDerivedTable } from '../dist/rules/api-lifecycle/schema-files.js';

const releases = loadReleaseDefinitions();
const target = fileURLToPath(new URL('../src/rules/api-lifecycle/derived-table.ts', import.meta.url));
writeFileSync(target, renderDerivedTable(deriveApiLifecycle(releases), releases));
console.log(`wrote ${target} from ${releases.length} releases (${releases[0]?.version} … ${releases.at(-1)?.version})`);
