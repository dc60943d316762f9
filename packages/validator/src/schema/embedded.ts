// The embedded default: schemas built from the pinned kubernetes-models package at build time
// (scripts/build-embedded.mjs → dist/embedded/definitions.json), so validation works offline on a
// fresh clone without ../shared or the network.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EMBEDDED_KUBERNETES_VERSION } from './embedded-version.js';
import { loadDefinitions, normalizeKubernetesVersion, type FoundSchema, type GroupVersionKind, type SchemaLocation } from './locations.js';

export { EMBEDDED_KUBERNETES_VERSION, EMBEDDED_SCHEMA_SOURCE } from './embedded-version.js';

/** dist/embedded/definitions.json, whether this module runs from dist/ (built) or src/ (tests). */
export function embeddedDefinitionsFile(): string {
  const candidates = [new URL('../embedded/definitions.json', import.meta.url), new URL('../../dist/embedded/definitions.json', import.meta.url)].map((u) => fileURLToPath(u));
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`embedded schemas missing (looked for ${candidates.join(', ')}): run the validator package's build`);
  return found;
}

export class EmbeddedLocation implements SchemaLocation {
  readonly description = `embedded schemas (Kubernetes ${EMBEDDED_KUBERNETES_VERSION})`;

  async find(gvk: GroupVersionKind): Promise<FoundSchema | undefined> {
    return loadDefinitions(embeddedDefinitionsFile()).find(gvk);
  }

  kinds(): GroupVersionKind[] {
    return loadDefinitions(embeddedDefinitionsFile()).kinds();
  }
}

/** Whether the embedded schemas can stand for `version`: they are one minor release. */
export function embeddedCovers(version: string): boolean {
  const wanted = normalizeKubernetesVersion(version);
  const embedded = normalizeKubernetesVersion(EMBEDDED_KUBERNETES_VERSION)!;
  return wanted !== undefined && wanted.major === embedded.major && wanted.minor === embedded.minor;
}
