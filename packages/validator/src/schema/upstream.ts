// The embedded Kubernetes schemas are derived from two files of each release's `k8s.io/kubernetes`
// Go module: the OpenAPI v2 definitions (`api/openapi-spec/swagger.json`) and the Go definitions
// they are generated from (`pkg/generated/openapi/zz_generated.openapi.go`), which alone carry the
// enums of the API's `+enum` types (imagePullPolicy, Service type, …) from 1.24 on.
// scripts/embed-kubernetes-schemas.mjs and the test that re-derives its output both call
// embeddableDefinitions(), so what is stored is exactly this function of its sources.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonSchema } from './compile.js';
import type { EmbeddedRelease } from './embedded-store.js';

type Definitions = Record<string, JsonSchema>;
type MutableSchema = Record<string, unknown>;

/** An enum of the generated Go definitions: the definition, the path to the schema node, its values. */
export interface GeneratedEnum {
  definition: string;
  path: string[];
  values: string[];
}

const GO_STRING = /"(?:[^"\\]|\\.)*"/g;

/** `k8s.io/api/core/v1.Container` → `io.k8s.api.core.v1.Container`, the name the OpenAPI document gives it. */
export function openApiName(goName: string): string {
  const slash = goName.indexOf('/');
  const domain = slash === -1 ? goName : goName.slice(0, slash);
  const rest = slash === -1 ? '' : goName.slice(slash + 1);
  return [...domain.split('.').reverse(), ...rest.split('/')].join('.');
}

/**
 * The enums of zz_generated.openapi.go. The file is gofmt output: one map entry per line names each
 * definition's function (`"k8s.io/api/core/v1.Container": schema_…(ref),` or, from 1.35,
 * `corev1.Container{}.OpenAPIModelName(): schema_…(ref),` with the alias imported above), and
 * inside a function every nested schema opens a brace on the line of its property name, `Items:` or
 * `AdditionalProperties:`, so the path to an `Enum:` line is the labels of the open braces.
 */
export function generatedEnums(goSource: string): GeneratedEnum[] {
  const imports = new Map<string, string>();
  for (const match of goSource.matchAll(/^\s*(\w+)\s+"([^"]+)"$/gm)) imports.set(match[1]!, match[2]!);
  const functions = new Map<string, string>();
  for (const match of goSource.matchAll(/^\s*"([^"]+)":\s+(schema_\w+)\(ref\),$/gm)) functions.set(match[2]!, openApiName(match[1]!));
  for (const match of goSource.matchAll(/^\s*(\w+)\.(\w+)\{\}\.OpenAPIModelName\(\):\s+(schema_\w+)\(ref\),$/gm)) {
    const path = imports.get(match[1]!);
    if (path) functions.set(match[3]!, openApiName(`${path}.${match[2]!}`));
  }
  const enums: GeneratedEnum[] = [];
  let definition: string | undefined;
  let stack: Array<string | undefined> = [];
  for (const line of goSource.split('\n')) {
    const start = /^func (schema_\w+)\(ref common\.ReferenceCallback\)/.exec(line);
    if (start) {
      definition = functions.get(start[1]!);
      stack = [];
      continue;
    }
    if (!definition) continue;
    // Before 1.27 the line also closes its SchemaProps (`…"File"}},`): the braces are counted below.
    const values = /^\s*Enum:\s+\[\]interface\{\}\{((?:"(?:[^"\\]|\\.)*"|[\s,])*)\}/.exec(line);
    if (values) {
      const path = stack.filter((label): label is string => label !== undefined);
      enums.push({ definition, path, values: [...values[1]!.matchAll(GO_STRING)].map((m) => JSON.parse(m[0]) as string) });
    }
    const property = /^\s*"([^"]+)":\s*\{$/.exec(line);
    const label = property ? `properties/${property[1]!}` : /^\s*Items:\s/.test(line) ? 'items' : /^\s*AdditionalProperties:\s/.test(line) ? 'additionalProperties' : undefined;
    let labelled = false;
    for (const char of line.replace(GO_STRING, '""')) {
      if (char === '{') {
        stack.push(labelled ? undefined : label);
        labelled = true;
      } else if (char === '}') stack.pop();
    }
    if (/^}$/.test(line)) definition = undefined;
  }
  return enums;
}

/** Keys the validator never reads, dropped so that more definitions are identical between releases. */
const DROPPED = new Set(['description', 'x-kubernetes-patch-strategy', 'x-kubernetes-patch-merge-key']);

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out: MutableSchema = {};
  for (const key of Object.keys(node).sort()) {
    if (DROPPED.has(key)) continue;
    const value = (node as MutableSchema)[key];
    // The keys of `properties` are field names (a field may be called `description`), never dropped.
    out[key] = key === 'properties' ? Object.fromEntries(Object.keys(value as object).sort().map((name) => [name, strip((value as MutableSchema)[name])])) : strip(value);
  }
  return out;
}

const INT_OR_STRING = { oneOf: [{ type: 'string' }, { format: 'int32', type: 'integer' }] };
const QUANTITY = { oneOf: [{ type: 'string' }, { format: 'double', type: 'number' }] };

/**
 * The definitions as the validator embeds them: swagger.json's definitions with the generated enums
 * added, IntOrString and Quantity as the union of their JSON forms, and nothing the validator does
 * not read (descriptions, patch strategies) — but for the description of each kind, which says when
 * an API version is deprecated. Keys are sorted, so equal definitions serialise equally.
 */
export function embeddableDefinitions(swagger: { definitions: Definitions }, enums: readonly GeneratedEnum[]): Definitions {
  const out: Definitions = {};
  for (const name of Object.keys(swagger.definitions).sort()) {
    const source = swagger.definitions[name]!;
    let schema: MutableSchema;
    if (name === 'io.k8s.apimachinery.pkg.util.intstr.IntOrString') schema = structuredClone(INT_OR_STRING);
    else if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity') schema = structuredClone(QUANTITY);
    else {
      schema = strip(source) as MutableSchema;
      if (source['x-kubernetes-group-version-kind'] !== undefined && typeof source.description === 'string') schema = { description: source.description, ...schema };
    }
    out[name] = schema;
  }
  for (const { definition, path, values } of enums) {
    let node: unknown = out[definition];
    for (const segment of path.flatMap((label) => label.split(/\/(.*)/s).filter((part) => part !== ''))) node = (node as MutableSchema | undefined)?.[segment];
    // Only string nodes take an enum; a path that is not in swagger.json (a definition it leaves out) is skipped.
    if (node && typeof node === 'object' && (node as MutableSchema).type === 'string') (node as MutableSchema).enum = [...values];
  }
  return out;
}

/** The files of the `k8s.io/kubernetes` module the embedded definitions are made from (the second from 1.24 on). */
export const SOURCE_FILES = ['api/openapi-spec/swagger.json', 'pkg/generated/openapi/zz_generated.openapi.go'] as const;

export interface DownloadedRelease {
  release: EmbeddedRelease;
  definitions: Definitions;
}

/**
 * Fetches a release's `k8s.io/kubernetes` module through the Go module proxy into Go's module cache
 * (`go mod download`, which checks it against the checksum database) and derives its definitions.
 */
export function downloadRelease(version: string): DownloadedRelease {
  const module = `k8s.io/kubernetes@${version}`;
  let output: string;
  try {
    output = execFileSync('go', ['mod', 'download', '-json', module], { cwd: tmpdir(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout ?? '';
    throw new Error(`go mod download ${module} failed: ${stdout || (error as Error).message}`);
  }
  const { Dir: dir, Sum: sum } = JSON.parse(output) as { Dir: string; Sum: string };
  const inputs: Record<string, string> = {};
  const texts = new Map<string, string>();
  for (const file of SOURCE_FILES) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    inputs[file] = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    texts.set(file, bytes.toString('utf8'));
  }
  const swagger = texts.get(SOURCE_FILES[0]);
  if (swagger === undefined) throw new Error(`${module} has no ${SOURCE_FILES[0]}`);
  const go = texts.get(SOURCE_FILES[1]);
  const definitions = embeddableDefinitions(JSON.parse(swagger) as { definitions: Definitions }, go === undefined ? [] : generatedEnums(go));
  return { release: { version, module, sum, inputs }, definitions };
}
