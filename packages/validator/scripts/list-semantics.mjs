#!/usr/bin/env node
// The keyed-list semantics of the embedded Kubernetes version, which kubernetes-models does not
// carry: which lists are sets (`x-kubernetes-list-type: set`) and which are maps keyed by some of
// their items' fields (`map` + `x-kubernetes-list-map-keys`: containers by name, ports by
// containerPort and protocol, …). Derived from the upstream definitions of that version and
// committed as embedded/list-semantics.json, which build-embedded.mjs merges into the embedded
// schemas, so duplicate entries are found offline too. `atomic` lists are left out: they constrain
// nothing a manifest can get wrong.
//
// Run after a build: `node scripts/list-semantics.mjs` (reads ../shared/kubernetes-schemas, or
// $CHARTFORGE_K8S_SCHEMAS). The test embedded-lists.test.ts re-derives the file and fails when it
// is stale.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
export const LIST_SEMANTICS_FILE = join(here, '..', 'embedded', 'list-semantics.json');

/** `{ definition: { property: { x-kubernetes-list-type, x-kubernetes-list-map-keys? } } }`, sorted. */
export function deriveListSemantics(definitions) {
  const table = {};
  for (const name of Object.keys(definitions).sort()) {
    const properties = definitions[name].properties ?? {};
    for (const property of Object.keys(properties).sort()) {
      const type = properties[property]['x-kubernetes-list-type'];
      if (type !== 'set' && type !== 'map') continue;
      const keys = properties[property]['x-kubernetes-list-map-keys'];
      (table[name] ??= {})[property] = { 'x-kubernetes-list-type': type, ...(type === 'map' ? { 'x-kubernetes-list-map-keys': keys } : {}) };
    }
  }
  return table;
}

export function renderListSemantics(version, table) {
  return `${JSON.stringify({ kubernetesVersion: version, definitions: table }, null, 2)}\n`;
}

export async function readUpstreamDefinitions(version) {
  const { kubernetesSchemasDir } = await import(pathToFileURL(join(here, '..', 'dist', 'rules', 'api-lifecycle', 'schema-files.js')).href);
  const dir = kubernetesSchemasDir();
  return JSON.parse(gunzipSync(readFileSync(join(dir, `${version}.definitions.json.gz`))).toString('utf8')).definitions;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { EMBEDDED_KUBERNETES_VERSION } = await import(pathToFileURL(join(here, '..', 'dist', 'schema', 'embedded-version.js')).href);
  const table = deriveListSemantics(await readUpstreamDefinitions(EMBEDDED_KUBERNETES_VERSION));
  writeFileSync(LIST_SEMANTICS_FILE, renderListSemantics(EMBEDDED_KUBERNETES_VERSION, table));
  console.log(`wrote ${LIST_SEMANTICS_FILE}: ${Object.values(table).reduce((n, t) => n + Object.keys(t).length, 0)} keyed lists of ${EMBEDDED_KUBERNETES_VERSION}`);
}
