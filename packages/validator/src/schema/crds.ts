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

/**
 * A CRD version's openAPIV3Schema as the API server applies it to a custom resource: apiVersion,
 * kind and metadata are always allowed at the root (and in embedded resources), and — the
 * structural-schema rule — an object node that names no properties, no additionalProperties and
 * no x-kubernetes-preserve-unknown-fields keeps no fields at all, so under strict validation any
 * field there is unknown (the API server prunes it, or rejects it with strict field validation).
 */
export function crdRootSchema(schema: JsonSchema): JsonSchema {
  const structural = structuralNode(schema);
  return { ...structural, properties: { ...((structural.properties as Record<string, JsonSchema> | undefined) ?? {}), ...IMPLICIT_ROOT_PROPERTIES } };
}

function structuralNode(schema: JsonSchema): JsonSchema {
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = { ...schema };
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties && typeof properties === 'object') out.properties = Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, structuralNode(child)]));
  for (const key of ['items', 'additionalProperties', 'not'] as const) {
    const child = schema[key];
    if (child !== null && typeof child === 'object' && !Array.isArray(child)) out[key] = structuralNode(child as JsonSchema);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) out[key] = (schema[key] as JsonSchema[]).map(structuralNode);
  }
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  const keepsNothing = schema.type === 'object' && !properties && schema.additionalProperties === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true;
  if (keepsNothing && !embedded) out.properties = {};
  if (embedded && (out.properties || keepsNothing)) out.properties = { ...((out.properties as Record<string, JsonSchema> | undefined) ?? {}), ...IMPLICIT_ROOT_PROPERTIES };
  return out;
}

export function isCustomResourceDefinition(object: Record<string, unknown>): boolean {
  return object.kind === 'CustomResourceDefinition' && typeof object.apiVersion === 'string' && object.apiVersion.startsWith('apiextensions.k8s.io/');
}

/** A CRD version's schema as registered; its structural copy is made when a resource of the kind asks for it. */
interface RegisteredSchema {
  schema: JsonSchema;
  uri: string;
  found?: FoundSchema;
}

export class CrdLocation implements SchemaLocation {
  readonly description = 'CustomResourceDefinitions';
  // A chart installs CRDs by the megabyte (Kueue's are 2.5 MB) and usually no resource of most of
  // their kinds: the copy crdRootSchema makes is left until one is validated.
  private readonly schemas = new Map<string, RegisteredSchema>();

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
      const key = gvkKey({ group, version: version.name, kind });
      if (!this.schemas.has(key)) this.schemas.set(key, { schema, uri: `${origin}#${group}/${version.name}/${kind}` });
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
    const registered = this.schemas.get(gvkKey(gvk));
    if (!registered) return undefined;
    if (!registered.found) {
      const root = crdRootSchema(registered.schema);
      const document: SchemaDocument = { uri: registered.uri, root };
      registered.found = { schema: root, document, origin: registered.uri };
    }
    return registered.found;
  }
}
