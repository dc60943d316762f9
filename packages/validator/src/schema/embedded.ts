// The embedded default: the upstream definitions of every Kubernetes minor from 1.22 on
// (embedded/kubernetes-definitions.txt, written by scripts/embed-kubernetes-schemas.mjs), so any
// of those versions validates offline on a fresh clone, with no flag.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EmbeddedStore, type EmbeddedRelease } from './embedded-store.js';
import { EMBEDDED_KUBERNETES_RELEASES, EMBEDDED_KUBERNETES_VERSION } from './embedded-version.js';
import { DefinitionsSet, normalizeKubernetesVersion, type FoundSchema, type GroupVersionKind, type SchemaLocation } from './locations.js';

export { EMBEDDED_KUBERNETES_RELEASES, EMBEDDED_KUBERNETES_VERSION, EMBEDDED_SCHEMA_SOURCE } from './embedded-version.js';

const STORE_FILE = 'kubernetes-definitions.txt';

/** The embedded definitions file: dist/embedded/ in the package, embedded/ in the source tree. */
export function embeddedDefinitionsFile(): string {
  const candidates = [new URL(`../embedded/${STORE_FILE}`, import.meta.url), new URL(`../../embedded/${STORE_FILE}`, import.meta.url)].map((u) => fileURLToPath(u));
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`embedded schemas missing (looked for ${candidates.join(', ')})`);
  return found;
}

let store: EmbeddedStore | undefined;

export function embeddedStore(): EmbeddedStore {
  return (store ??= new EmbeddedStore(readFileSync(embeddedDefinitionsFile(), 'utf8')));
}

/** The embedded release for `version` (`1.29`, `1.29.4`, `v1.29.0`): the one of the same minor, if any. */
export function embeddedRelease(version: string): EmbeddedRelease | undefined {
  const wanted = normalizeKubernetesVersion(version);
  if (!wanted) return undefined;
  // The pinned list answers without reading the file; a version outside it costs nothing.
  if (!EMBEDDED_KUBERNETES_RELEASES.some((r) => r.startsWith(`v${wanted.major}.${wanted.minor}.`))) return undefined;
  return embeddedStore().release(wanted.major, wanted.minor);
}

/** `1.22 to 1.37`, for messages. */
export function embeddedRange(): string {
  const minor = (v: string) => v.slice(1, v.lastIndexOf('.'));
  return `${minor(EMBEDDED_KUBERNETES_RELEASES[0])} to ${minor(EMBEDDED_KUBERNETES_VERSION)}`;
}

const sets = new Map<string, DefinitionsSet>();

/** One embedded release's definitions, read once per process. */
export function embeddedDefinitions(release: EmbeddedRelease): DefinitionsSet {
  let set = sets.get(release.version);
  if (!set) {
    const { definitions, kinds } = embeddedStore().definitions(release);
    set = new DefinitionsSet(`embedded:${release.version}`, { definitions }, kinds);
    sets.set(release.version, set);
  }
  return set;
}

export class EmbeddedLocation implements SchemaLocation {
  readonly description: string;

  constructor(private readonly release: EmbeddedRelease) {
    this.description = `embedded schemas (Kubernetes ${release.version})`;
  }

  async find(gvk: GroupVersionKind): Promise<FoundSchema | undefined> {
    return embeddedDefinitions(this.release).find(gvk);
  }

  kinds(): GroupVersionKind[] {
    return embeddedDefinitions(this.release).kinds();
  }
}
