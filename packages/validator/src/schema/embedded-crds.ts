// The ecosystem's CustomResourceDefinitions, embedded (Prometheus Operator, Gateway API, KEDA,
// cert-manager, Argo Rollouts, External Secrets, Kueue, JobSet, LeaderWorkerSet, KServe, Kubeflow
// Trainer, KubeRay): embedded/crds/, written by scripts/embed-crds.mjs from the pinned Go modules.
// Loaded lazily: the small index when a kind is not found elsewhere, one CRD's file when a manifest
// uses that kind, so a run that meets no custom resource reads nothing.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from './gunzip.js';
import type { JsonSchema } from './compile.js';
import { crdRootSchema } from './crds.js';
import type { FoundSchema, GroupVersionKind, SchemaLocation } from './locations.js';

/** One embedded project: where its CRDs come from. */
export interface EmbeddedCrdSource {
  project: string;
  module: string;
  version: string;
  /** The module's go.sum checksum. */
  sum: string;
  /** `Kind.group` of each CRD it contributes. */
  crds: string[];
}

interface CrdIndex {
  sources: EmbeddedCrdSource[];
  groups: Record<string, { source: string; kinds: Record<string, { file: string; versions: string[] }> }>;
}

interface CrdFile {
  group: string;
  kind: string;
  source: string;
  scope: string;
  plural: string;
  versions: Record<string, JsonSchema>;
}

/** embedded/crds/ beside dist/ and src/: both layouts sit two levels below the package root. */
function crdsDir(): string {
  const dir = fileURLToPath(new URL('../../embedded/crds/', import.meta.url));
  if (!existsSync(dir)) throw new Error(`embedded CRDs missing (looked in ${dir}): run node scripts/embed-crds.mjs in the validator package`);
  return dir;
}

let index: CrdIndex | undefined;

function crdIndex(): CrdIndex {
  return (index ??= JSON.parse(readFileSync(`${crdsDir()}index.json`, 'utf8')) as CrdIndex);
}

/** The projects whose CRDs are embedded, with their pinned versions. */
export function embeddedCrdSources(): EmbeddedCrdSource[] {
  return crdIndex().sources;
}

export class EmbeddedCrdLocation implements SchemaLocation {
  readonly description = 'embedded CustomResourceDefinitions';
  private readonly files = new Map<string, CrdFile>();

  async find(gvk: GroupVersionKind): Promise<FoundSchema | undefined> {
    const entry = crdIndex().groups[gvk.group]?.kinds[gvk.kind];
    if (!entry?.versions.includes(gvk.version)) return undefined;
    let file = this.files.get(entry.file);
    if (!file) {
      file = JSON.parse(gunzipSync(readFileSync(`${crdsDir()}${entry.file}`)).toString('utf8')) as CrdFile;
      this.files.set(entry.file, file);
    }
    const schema = file.versions[gvk.version]!;
    const uri = `embedded-crds:${file.source}#${gvk.group}/${gvk.version}/${gvk.kind}`;
    const root = crdRootSchema(schema);
    return { schema: root, document: { uri, root }, origin: uri };
  }

  kinds(): GroupVersionKind[] {
    return Object.entries(crdIndex().groups).flatMap(([group, { kinds }]) => Object.entries(kinds).flatMap(([kind, { versions }]) => versions.map((version) => ({ group, version, kind }))));
  }
}
