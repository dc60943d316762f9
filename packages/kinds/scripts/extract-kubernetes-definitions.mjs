#!/usr/bin/env node
// Writes src/kubernetes-definitions.json: the Kubernetes definitions the kinds' values refer to
// (`s.kubernetes('io.k8s.api.core.v1.EnvVar', …)`), closed over their `$ref`s, taken from the newest
// Kubernetes release the validator embeds (and the few types of custom resources the charts render
// from the validator's embedded CRDs), rewritten for values files as Helm validates them:
//
// - objects with properties are closed (`additionalProperties: false`): the API server's strict
//   field validation refuses unknown fields, so a typo is caught at the values file;
// - an optional field, and every object, may be `null`: Helm users write `null` to unset a value,
//   and the API server reads a null optional field as unset (a null map value as "");
// - `resource.Quantity` accepts what the API server parses (`1`, "500m", "1Gi", "-1"), and
//   int-or-string an integer or any string (a port name, "25%");
// - only validation keywords are kept (no `format`: Helm's validators assert some formats the API
//   server does not use; no CEL rules), and the chart's schema stays small.
//
// The kinds are read from dist/ (build first); the validator's embedded definitions are read at
// build time only: @chartforge/kinds never imports the validator at run time.
//
//   npx -y pnpm@10 --filter @chartforge/kinds kubernetes-definitions   write the file
//   node scripts/extract-kubernetes-definitions.mjs --check           exit 1 when the file differs

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { EmbeddedStore } from '../../validator/dist/schema/embedded-store.js';
import { EMBEDDED_KUBERNETES_VERSION } from '../../validator/dist/schema/embedded-version.js';
import { definitionRefs, kinds } from '../dist/index.js';

const TARGET = fileURLToPath(new URL('../src/kubernetes-definitions.json', import.meta.url));
const STORE = fileURLToPath(new URL('../../validator/embedded/kubernetes-definitions.txt', import.meta.url));
const CRDS = fileURLToPath(new URL('../../validator/embedded/crds/', import.meta.url));

// Types of custom resources the charts render, which Kubernetes' definitions lack: named as the
// API server names a CRD's schema (reversed group, version) with the type's Go name, and found in
// the validator's embedded CRD at the path of a field that has that type.
const CUSTOM_RESOURCE_TYPES = {
  'io.k8s.networking.gateway.v1.ParentReference': { crd: 'gateway.networking.k8s.io_HTTPRoute.json.gz', version: 'v1', path: ['spec', 'parentRefs', 'items'] },
};
// Constraints CRD schemas carry beside the type (Kubernetes' own definitions have none).
const CONSTRAINTS = ['pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'maxItems'];

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
// apimachinery/pkg/api/resource/quantity.go: a signed decimal number, then a binary-SI suffix
// (Ki…Ei), a decimal-SI one (n u m k M G T P E) or a decimal exponent.
const QUANTITY_PATTERN = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$';
const QUANTITY_TITLE = 'a Kubernetes quantity such as "500m", "2", "1Gi"';

function withNull(type, nullable) {
  return nullable ? [type, 'null'] : type;
}

/** One value of a Kubernetes schema (a property, list item or map value) as values files take it. */
function valueSchema(schema, nullable) {
  if (schema.$ref) return { $ref: schema.$ref };
  // No type at all: Kubernetes keeps any JSON there (x-kubernetes-preserve-unknown-fields).
  if (schema.type === undefined) return {};
  if (schema.type === 'array') return { type: withNull('array', nullable), items: schema.items ? valueSchema(schema.items, false) : {} };
  if (schema.type === 'object') return objectSchema(schema, nullable);
  const out = { type: withNull(schema.type, nullable) };
  if (schema.enum) out.enum = nullable ? [...schema.enum, null] : [...schema.enum];
  for (const keyword of CONSTRAINTS) if (schema[keyword] !== undefined) out[keyword] = schema[keyword];
  return out;
}

function objectSchema(schema, nullable) {
  const out = { type: withNull('object', nullable) };
  if (schema.properties) {
    const required = schema.required ?? [];
    out.properties = Object.fromEntries(Object.keys(schema.properties).sort().map((name) => [name, valueSchema(schema.properties[name], !required.includes(name))]));
    if (required.length > 0) out.required = [...required];
    out.additionalProperties = false;
  } else if (schema.additionalProperties) {
    out.additionalProperties = valueSchema(schema.additionalProperties, true);
  }
  return out;
}

/**
 * A definition as values files take it; every definition may be null (an unset optional field).
 * The two types that take a number or a string are alternatives (anyOf), not a union `type`:
 * strict JSON Schema tools (ajv's strictTypes) refuse a union beyond "T or null", and the pattern
 * belongs to the string alone. The title says in words what the pattern means: on the whole value
 * for a value that is none of the alternatives, on the string for a string that misses the pattern.
 */
function definitionSchema(name, schema) {
  if (name === QUANTITY) return { title: QUANTITY_TITLE, anyOf: [{ type: 'string', pattern: QUANTITY_PATTERN, title: QUANTITY_TITLE }, { type: 'number' }, { type: 'null' }] };
  if (name === INT_OR_STRING) return { anyOf: [{ type: 'integer' }, { type: 'string' }, { type: 'null' }] };
  return valueSchema(schema, true);
}

/** A type inside an embedded CRD's schema; notes the Go module it came from in `sources`. */
function customResourceType({ crd, version, path }, sources) {
  const file = JSON.parse(gunzipSync(readFileSync(`${CRDS}${crd}`)).toString('utf8'));
  sources.add(`${file.kind} from ${file.source}`);
  return path.reduce((schema, step) => (step === 'items' ? schema.items : schema.properties[step]), file.versions[version]);
}

export function deriveKubernetesDefinitions() {
  const store = new EmbeddedStore(readFileSync(STORE, 'utf8'));
  const release = store.header.releases.find((r) => r.version === EMBEDDED_KUBERNETES_VERSION);
  const { definitions } = store.definitions(release);
  const roots = new Set();
  for (const kind of Object.values(kinds)) definitionRefs(kind.values.schema, roots);
  const closed = new Map();
  const sources = new Set([`Kubernetes ${release.version} (${release.module} ${release.sum})`]);
  const visit = (name) => {
    if (closed.has(name)) return;
    const schema = CUSTOM_RESOURCE_TYPES[name] ? customResourceType(CUSTOM_RESOURCE_TYPES[name], sources) : definitions[name];
    if (!schema) throw new Error(`${name} is not a definition of Kubernetes ${release.version}`);
    closed.set(name, schema);
    for (const next of definitionRefs(schema)) visit(next);
  };
  for (const name of [...roots].sort()) visit(name);
  const out = {
    source: `${[...sources].join(', ')}, as @chartforge/validator embeds them`,
    generatedBy: 'packages/kinds/scripts/extract-kubernetes-definitions.mjs',
    definitions: Object.fromEntries([...closed.keys()].sort().map((name) => [name, definitionSchema(name, closed.get(name))])),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = deriveKubernetesDefinitions();
  const count = Object.keys(JSON.parse(text).definitions).length;
  if (process.argv.includes('--check')) {
    if (!existsSync(TARGET) || readFileSync(TARGET, 'utf8') !== text) {
      console.error('packages/kinds/src/kubernetes-definitions.json differs from the definitions the kinds use: run `npx -y pnpm@10 --filter @chartforge/kinds kubernetes-definitions`, then rebuild');
      process.exit(1);
    }
    console.log(`src/kubernetes-definitions.json matches the ${count} definitions the kinds use`);
  } else {
    writeFileSync(TARGET, text);
    console.log(`wrote src/kubernetes-definitions.json: ${count} definitions, ${text.length} bytes`);
  }
}
