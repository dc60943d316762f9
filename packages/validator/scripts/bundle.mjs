// Bundles the compiled package (dist/*.js, from tsc) into dist/bundle/, one module per entry point
// plus shared chunks, which is what the package exports. Node's ES module loader pays for every
// file it resolves and links: the lint rules alone are ~100 modules, ~45 ms of a cold start, and
// ~8 ms as one bundle. Dependencies stay external; output is deterministic (content-hashed chunk
// names, no timestamps).
//
// dist/bundle/ sits at the same depth as dist/schema/, so `new URL('../embedded/…', import.meta.url)`
// finds the embedded schemas from either layout, and the worker entry is `./worker.js` beside the
// chunk that starts it.

import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const outdir = join(dist, 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    index: join(dist, 'index.js'),
    core: join(dist, 'core.js'),
    output: join(dist, 'output', 'index.js'),
    rules: join(dist, 'rules', 'index.js'),
    resource: join(dist, 'resource', 'index.js'),
    workload: join(dist, 'workload.js'),
    read: join(dist, 'read', 'index.js'),
    worker: join(dist, 'worker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
