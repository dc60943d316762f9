// Custom resources: schemas from CustomResourceDefinition manifests (--crd files, and CRDs found
// in the input itself), one per served version's openAPIV3Schema.

import type { JsonSchema, SchemaDocument } from './compile.js';
import { gvkKey, type FoundSchema, type GroupVersionKind, type SchemaLocation } from './locations.js';

// The API server accepts apiVersion, kind and metadata at the root of every custom resource
// whether or not the CRD's schema lists them (and validates metadata itself).
const IMPLICIT_ROOT_PROPERTIES: Record<string, JsonSchema> = {
  apiVersion: { type: 'string' },
  kind: { type: 'string' },
  metadata: { type: 'object' },
};

export function isCustomResourceDefinition(object: Record<string, unknown>): boolean {
  return object.kind === 'CustomResourceDefinition' && typeof object.apiVersion === 'string' && object.apiVersion.startsWith('apiextensions.k8s.io/');
}

export class CrdLocation implements SchemaLocation {
  readonly description = 'CustomResourceDefinitions';
  private readonly schemas = new Map<string, FoundSchema>();

  get size(): number {
    return this.schemas.size;
  }

  /** Registers every served version of a CRD; returns how many versions had a schema. */
  add(crd: Record<string, unknown>, origin: string): number {
    const spec = crd.spec as Record<string, unknown> | undefined;
    if (!spec || typeof spec !== 'object') return 0;
    const group = typeof spec.group === 'string' ? spec.group : '';
    const names = spec.names as Record<string, unknown> | undefined;
    const kind = typeof names?.kind === 'string' ? names.kind : undefined;
    if (!kind) return 0;
    // apiextensions.k8s.io/v1beta1 had one schema for all versions (spec.validation).
    const shared = (spec.validation as Record<string, unknown> | undefined)?.openAPIV3Schema as JsonSchema | undefined;
    const versions = Array.isArray(spec.versions) ? (spec.versions as Array<Record<string, unknown>>) : typeof spec.version === 'string' ? [{ name: spec.version, served: true }] : [];
    let added = 0;
    for (const version of versions) {
      if (typeof version.name !== 'string' || version.served === false) continue;
      const schema = ((version.schema as Record<string, unknown> | undefined)?.openAPIV3Schema as JsonSchema | undefined) ?? shared;
      if (!schema || typeof schema !== 'object') continue;
      const root: JsonSchema = { ...schema, properties: { ...IMPLICIT_ROOT_PROPERTIES, ...((schema.properties as Record<string, JsonSchema> | undefined) ?? {}) } };
      const uri = `${origin}#${group}/${version.name}/${kind}`;
      const document: SchemaDocument = { uri, root };
      const key = gvkKey({ group, version: version.name, kind });
      if (!this.schemas.has(key)) this.schemas.set(key, { schema: root, document, origin: uri });
      added++;
    }
    return added;
  }

  kinds(): GroupVersionKind[] {
    return [...this.schemas.keys()].map((key) => {
      const [group, version, kind] = key.split('\u0000') as [string, string, string];
      return { group, version, kind };
    });
  }

  async find(gvk: GroupVersionKind): Promise<FoundSchema | undefined> {
    return this.schemas.get(gvkKey(gvk));
  }
}
