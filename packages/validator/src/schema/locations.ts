// Where schemas come from. A schema location is one of
//   - a directory of upstream definitions, one file per version: vX.Y.Z.definitions.json[.gz]
//     (the layout of kubeconform's _definitions.json, one file per version);
//   - a directory of kubeconform per-kind files (<dir>/vX.Y.Z-standalone[-strict]/<kind>-<group>-<version>.json);
//   - a path or URL template ending in .json, with kubeconform's variables
//     ({{ .NormalizedKubernetesVersion }}, {{ .StrictSuffix }}, {{ .ResourceKind }},
//     {{ .ResourceAPIVersion }}, {{ .Group }}, {{ .KindSuffix }}); the CRDs-catalog layout is one
//     such template: <dir>/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json.
// Locations are tried in order; the first one that has a schema for a kind wins.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { gunzipSync } from './gunzip.js';
import type { JsonSchema, SchemaDocument } from './compile.js';
import { SchemaLoadError, type SchemaFetcher } from './fetch.js';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** A schema found for a kind: the schema node, the document its refs resolve in, and where it came from. */
export interface FoundSchema {
  schema: JsonSchema;
  document: SchemaDocument;
  /** Human-readable origin (file, URL or `embedded`), for --debug style messages and reports. */
  origin: string;
}

export interface SchemaLocation {
  readonly description: string;
  find(gvk: GroupVersionKind): Promise<FoundSchema | undefined>;
  /** Every kind this location has a schema for, when it can tell without fetching. */
  kinds?(): GroupVersionKind[];
}

/** "1.35" / "v1.35.0" / "1.35.0" → { major, minor, patch, normalized: "v1.35.0" }; "master" stays. */
export function normalizeKubernetesVersion(version: string): { normalized: string; major: number; minor: number; patch: number } | undefined {
  if (version === 'master') return { normalized: 'master', major: Infinity, minor: Infinity, patch: 0 };
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(version.trim());
  if (!match) return undefined;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  return { normalized: `v${major}.${minor}.${patch}`, major, minor, patch };
}

const DEFINITIONS_FILE = /^v(\d+)\.(\d+)\.(\d+)\.definitions\.json(\.gz)?$/;

function readJson(file: string): unknown {
  const raw = readFileSync(file);
  const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return JSON.parse(text) as unknown;
}

/** Upstream definitions `{definitions: {...}}` indexed by the GVKs their top-level kinds declare. */
export class DefinitionsSet {
  readonly document: SchemaDocument;
  private readonly byGvk = new Map<string, string>();

  /** `kinds` lists each definition's GVKs when the caller knows them without reading every definition. */
  constructor(
    readonly uri: string,
    root: { definitions: Record<string, JsonSchema> },
    kinds: Iterable<[name: string, gvks: readonly GroupVersionKind[]]> = Object.entries(root.definitions).map(([name, definition]) => {
      const gvks = definition['x-kubernetes-group-version-kind'];
      return [name, Array.isArray(gvks) ? (gvks as GroupVersionKind[]) : []];
    }),
  ) {
    this.document = { uri, root };
    for (const [name, gvks] of kinds) {
      for (const gvk of gvks) {
        const key = gvkKey(gvk);
        // Several definitions can claim a GVK (DeleteOptions, WatchEvent): the first wins, and
        // the API group's own definition comes first in upstream order.
        if (!this.byGvk.has(key)) this.byGvk.set(key, name);
      }
    }
  }

  definitionName(gvk: GroupVersionKind): string | undefined {
    return this.byGvk.get(gvkKey(gvk));
  }

  get(name: string): JsonSchema | undefined {
    return (this.document.root.definitions as Record<string, JsonSchema>)[name];
  }

  find(gvk: GroupVersionKind): FoundSchema | undefined {
    const name = this.definitionName(gvk);
    if (!name) return undefined;
    return { schema: this.get(name)!, document: this.document, origin: `${this.uri}#/definitions/${name}` };
  }

  /** Every GVK that has a schema here. */
  kinds(): GroupVersionKind[] {
    return [...this.byGvk.keys()].map((key) => {
      const [group, version, kind] = key.split('\u0000') as [string, string, string];
      return { group, version, kind };
    });
  }
}

export function gvkKey(gvk: GroupVersionKind): string {
  return `${gvk.group}\u0000${gvk.version}\u0000${gvk.kind}`;
}

const definitionsCache = new Map<string, DefinitionsSet>();

/** The definitions file for `version` in `dir`: the exact version, else the newest patch of its minor. */
export function definitionsFileFor(dir: string, version: string): string | undefined {
  const wanted = normalizeKubernetesVersion(version);
  if (!wanted) return undefined;
  let best: { file: string; patch: number } | undefined;
  for (const entry of readdirSync(dir)) {
    const match = DEFINITIONS_FILE.exec(entry);
    if (!match) continue;
    const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (major !== wanted.major || minor !== wanted.minor) continue;
    if (patch === wanted.patch) return join(dir, entry);
    if (!best || patch > best.patch) best = { file: join(dir, entry), patch };
  }
  return best?.file;
}

export function loadDefinitions(file: string): DefinitionsSet {
  let set = definitionsCache.get(file);
  if (!set) {
    const root = readJson(file) as { definitions?: Record<string, JsonSchema> };
    if (!root || typeof root !== 'object' || typeof root.definitions !== 'object') throw new Error(`${file}: not a definitions file (expected {"definitions": {...}})`);
    set = new DefinitionsSet(file, root as { definitions: Record<string, JsonSchema> });
    definitionsCache.set(file, set);
  }
  return set;
}

export function isDefinitionsDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && readdirSync(dir).some((entry) => DEFINITIONS_FILE.test(entry));
  } catch {
    return false;
  }
}

/** A directory of `vX.Y.Z.definitions.json[.gz]` files. */
export class DefinitionsDirectoryLocation implements SchemaLocation {
  readonly description: string;
  private set: DefinitionsSet | undefined;

  constructor(
    private readonly dir: string,
    private readonly kubernetesVersion: string,
  ) {
    this.description = `definitions directory ${dir}`;
    if (!this.file()) {
      const versions = readdirSync(dir)
        .map((entry) => DEFINITIONS_FILE.exec(entry))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [Number(m[1]), Number(m[2]), Number(m[3])] as const)
        .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2])
        .map(([major, minor, patch]) => `${major}.${minor}.${patch}`);
      throw new SchemaLoadError(`${dir} has no definitions for Kubernetes ${kubernetesVersion} (it has ${versions.join(', ')})`);
    }
  }

  /** The definitions file this location reads for its version, if it has one. */
  file(): string | undefined {
    return definitionsFileFor(this.dir, this.kubernetesVersion);
  }

  private definitions(): DefinitionsSet | undefined {
    if (!this.set) {
      const file = this.file();
      if (!file) return undefined;
      this.set = loadDefinitions(file);
    }
    return this.set;
  }

  async find(gvk: GroupVersionKind): Promise<FoundSchema | undefined> {
    return this.definitions()?.find(gvk);
  }

  kinds(): GroupVersionKind[] {
    return this.definitions()?.kinds() ?? [];
  }
}

/** Template variables exactly as kubeconform defines them. */
export function templateVariables(gvk: GroupVersionKind, kubernetesVersion: string, strict: boolean): Record<string, string> {
  const normalized = normalizeKubernetesVersion(kubernetesVersion)?.normalized ?? kubernetesVersion;
  const firstLabel = gvk.group.split('.')[0] ?? '';
  return {
    NormalizedKubernetesVersion: normalized,
    StrictSuffix: strict ? '-strict' : '',
    ResourceKind: gvk.kind.toLowerCase(),
    ResourceAPIVersion: gvk.version,
    Group: gvk.group,
    KindSuffix: gvk.group === '' ? `-${gvk.version}` : `-${firstLabel}-${gvk.version}`,
  };
}

const TEMPLATE_VARIABLE = /\{\{\s*\.(\w+)\s*\}\}/g;

export function expandTemplate(template: string, variables: Record<string, string>): string {
  return template.replace(TEMPLATE_VARIABLE, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new SchemaLoadError(`schema location ${template}: unknown variable {{ .${name} }} (known: ${Object.keys(variables).map((v) => `{{ .${v} }}`).join(' ')})`);
    return value;
  });
}

export function isRemote(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** kubeconform's reading of a location that does not end in .json: a base with its per-kind layout. */
export function kubeconformTemplate(location: string): string {
  if (location.endsWith('.json')) return location;
  const base = location.replace(/\/+$/, '');
  return `${base}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
}

/** A path or URL template, one JSON Schema file per kind. A missing file (or 404) moves on. */
export class TemplateLocation implements SchemaLocation {
  readonly description: string;
  private readonly template: string;

  constructor(
    location: string,
    private readonly kubernetesVersion: string,
    private readonly strict: boolean,
    private readonly fetcher: SchemaFetcher,
    cwd: string,
  ) {
    const absolute = isRemote(location) || isAbsolute(location) ? location : resolvePath(cwd, location);
    this.template = kubeconformTemplate(absolute);
    this.description = `schema location ${this.template}`;
    // A typo in a variable is reported now, not at the first resource.
    expandTemplate(this.template, templateVariables({ group: 'example.com', version: 'v1', kind: 'Example' }, kubernetesVersion, strict));
  }

  async find(gvk: GroupVersionKind): Promise<FoundSchema | undefined> {
    const uri = expandTemplate(this.template, templateVariables(gvk, this.kubernetesVersion, this.strict));
    const root = await this.fetcher.load(uri);
    if (root === undefined) return undefined;
    const document: SchemaDocument = { uri, root };
    await this.fetcher.prefetchRefs(document);
    return { schema: root, document, origin: uri };
  }
}

/** Whether a local (non-template) path exists; used to give a clear usage error for typos. */
export function localLocationExists(location: string, cwd: string): boolean {
  if (isRemote(location) || location.includes('{{')) return true;
  return existsSync(isAbsolute(location) ? location : resolvePath(cwd, location));
}
