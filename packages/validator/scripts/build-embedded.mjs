// Puts the embedded Kubernetes definitions into the package (dist/embedded/), after checking that
// embedded/kubernetes-definitions.txt holds exactly the releases src/schema/embedded-version.ts
// pins: a release added to the list without running scripts/embed-kubernetes-schemas.mjs is a
// build error, not a version that fails at run time.

import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBEDDED_KUBERNETES_RELEASES } from '../dist/schema/embedded-version.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'embedded', 'kubernetes-definitions.txt');
const text = readFileSync(source, 'utf8');
const header = JSON.parse(text.slice(0, text.indexOf('\n')));
const stored = header.releases.map((r) => r.version);
if (stored.join(' ') !== EMBEDDED_KUBERNETES_RELEASES.join(' ')) {
  throw new Error(`embedded/kubernetes-definitions.txt holds ${stored.join(', ')} but src/schema/embedded-version.ts pins ${EMBEDDED_KUBERNETES_RELEASES.join(', ')}: run node scripts/embed-kubernetes-schemas.mjs`);
}
const out = join(root, 'dist', 'embedded');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
copyFileSync(source, join(out, 'kubernetes-definitions.txt'));
console.log(`embedded schemas: Kubernetes ${stored[0]} to ${stored.at(-1)} (${stored.length} releases)`);
