// The validator: a session holds the schema registry (embedded releases, schema locations, CRDs)
// and schema-checks each resource that resource reading yields, kubeconform's validator step.

import { statSync } from 'node:fs';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { ValidateError } from './errors.js';
import { formatPath } from '@chartforge/core';
import { readLimits } from './read/limits.js';
import { expandPaths } from './resource/paths.js';
import { readInputFile, readResources, resultFinding } from './resource/read.js';
import type { RuleOptions } from './rules/engine.js';
import type { CheckedResource } from './rules/report.js';
import type { SchemaViolation } from './schema/compile.js';
import { isCustomResourceDefinition } from './schema/crds.js';
import { EMBEDDED_KUBERNETES_VERSION, EmbeddedLocation, embeddedRange, embeddedRelease } from './schema/embedded.js';
import { defaultCacheDir, SchemaFetcher } from './schema/fetch.js';
import { checkBuiltInObject, missingName } from './schema/api-server-checks.js';
import { checkObjectName } from './schema/kubernetes-checks.js';
import { parseApiVersion } from './schema/api-version.js';
import { localLocationExists, normalizeKubernetesVersion, type SchemaLocation } from './schema/locations.js';
import { SchemaRegistry, schemaLocationsFrom, type KindValidator } from './schema/registry.js';
import { suggest } from '@chartforge/core';
import type { JsonPath, RuleDescriptor, Resource, ResourceResult } from './types.js';
import { DEFAULT_LIMITS, type YamlLimits } from './yaml/documents.js';

/** What a validation session needs; worker threads receive it, so it holds no callbacks. */
export interface SessionOptions {
  /** Kubernetes version to validate against (`1.35`, `1.35.0`, `v1.35.0`). Default: the newest embedded release. */
  kubernetesVersion?: string;
  /**
   * Where schemas come from, first hit wins: a directory of `vX.Y.Z.definitions.json[.gz]`, a
   * directory of kubeconform per-kind files, or a path/URL template with kubeconform's variables.
   * The literal `embedded` names the built-in schemas. Default: `['embedded']`.
   */
  schemaLocations?: readonly string[];
  /** Unknown fields are errors (default true). */
  strict?: boolean;
  /** CustomResourceDefinition files or directories whose schemas validate custom resources. */
  crds?: readonly string[];
  /** Kinds with no schema are skipped instead of being errors. */
  ignoreMissingSchemas?: boolean;
  /** Kinds to skip, lint rules included: `Kind` or `apiVersion/Kind` (e.g. `v1/Secret`, `apps/v1/Deployment`). */
  skip?: readonly string[];
  /** Kinds that are errors wherever they appear, same syntax as `skip`. */
  reject?: readonly string[];
  /** Directory for schemas downloaded over HTTP (kubeconform's layout). Default: see `defaultCacheDir()`. `false` turns caching off. */
  cacheDir?: string | false;
  /** Cached downloads older than this many milliseconds are downloaded again, the old copy kept for when that fails. Default: one day. */
  cacheMaxAgeMs?: number;
  /** Environment the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) are read from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Base for relative paths. Default: process.cwd(). */
  cwd?: string;
  /** Limits that keep hostile YAML from exhausting memory. */
  limits?: Partial<YamlLimits>;
  /**
   * Lint rules to run after the schema check (see `RULES`): rule selection, Pod Security level,
   * severities and parameters. Off when absent. Rules see every resource at once (cross-resource
   * rules), so with rules the input is held in memory and validated in this thread.
   */
  rules?: Omit<RuleOptions, 'kubernetesVersion'>;
}

export interface Pending {
  result: ResourceResult;
  resource: Resource;
}

/** The schema location that names the built-in schemas. */
export const EMBEDDED = 'embedded';
/** kubeconform's name for its default location (the Kubernetes schemas of the version): ours are embedded. */
const KUBECONFORM_DEFAULT = 'default';

function kindMatches(patterns: readonly string[], apiVersion: string, kind: string): boolean {
  return patterns.some((p) => p === kind || p === `${apiVersion}/${kind}`);
}

/** Schemas, compiled validators and the CRDs seen so far: everything one thread needs to validate files. */
export class ValidationSession {
  private constructor(
    readonly options: SessionOptions,
    readonly registry: SchemaRegistry,
    readonly kubernetesVersion: string,
    readonly limits: YamlLimits,
  ) {}

  static async create(options: SessionOptions): Promise<ValidationSession> {
    const cwd = options.cwd ?? process.cwd();
    const strict = options.strict ?? true;
    const limits: YamlLimits = { ...DEFAULT_LIMITS, maxDocuments: readLimits().maxDocuments, ...options.limits };
    const locationNames = options.schemaLocations && options.schemaLocations.length > 0 ? options.schemaLocations : [EMBEDDED];
    const requested = options.kubernetesVersion ?? EMBEDDED_KUBERNETES_VERSION;
    const version = normalizeKubernetesVersion(requested);
    if (!version) throw new ValidateError(`invalid Kubernetes version "${requested}": expected X.Y or X.Y.Z, e.g. 1.35.0`);
    const fetcher = new SchemaFetcher(options.cacheDir === false ? undefined : (options.cacheDir ?? defaultCacheDir()), {
      ...(options.cacheMaxAgeMs !== undefined ? { cacheMaxAgeMs: options.cacheMaxAgeMs } : {}),
      ...(options.env !== undefined ? { env: options.env } : {}),
    });
    const locations: SchemaLocation[] = [];
    for (const name of locationNames) {
      if (name === EMBEDDED || name === KUBECONFORM_DEFAULT) {
        const release = embeddedRelease(version.normalized);
        if (release) locations.push(new EmbeddedLocation(release));
        // Without schemas for the version, --ignore-missing-schemas still runs the lint rules, so
        // removed APIs are found for any target (a cluster older than the embedded releases too).
        else if (!options.ignoreMissingSchemas) {
          throw new ValidateError(`the embedded schemas cover Kubernetes ${embeddedRange()}; for ${version.normalized} give a schema location (a directory of vX.Y.Z.definitions.json[.gz] files, kubeconform schemas or a URL template), or ignore missing schemas (--ignore-missing-schemas) to run only the lint rules`);
        }
        continue;
      }
      const local = /^https?:\/\//i.test(name) ? name : isAbsolute(name) ? name : resolvePath(cwd, name);
      if (!localLocationExists(local, cwd)) throw new ValidateError(`schema location ${name}: no such file or directory`);
      locations.push(...schemaLocationsFrom([local], version.normalized, strict, fetcher, cwd));
    }
    const session = new ValidationSession(options, new SchemaRegistry(locations, fetcher, strict), version.normalized, limits);
    for (const crd of options.crds ?? []) await loadCrds(session.registry, crd, cwd, limits);
    return session;
  }

  /**
   * Validates one file's text. Resources whose schema is missing are returned as pending when
   * `deferMissing` is set (a CRD later in the input may define them), else they get their final status.
   */
  async validateFile(name: string, bytes: string | Uint8Array, deferMissing: boolean): Promise<{ results: ResourceResult[]; pending: Pending[] }> {
    const results: ResourceResult[] = [];
    const pending: Pending[] = [];
    // Without strict mode a repeated key is kubeconform's non-strict reading: a warning, the last value used.
    for (const { result, resource } of readResources(name, bytes, this.limits, results, this.options.strict === false ? 'warning' : 'error')) {
      if (!resource) continue;
      if (this.options.rules) this.checked.push({ resource, result, ...(kindMatches(this.options.skip ?? [], resource.apiVersion, resource.kind) ? { skipped: true } : {}) });
      if (isCustomResourceDefinition(resource.object)) this.registry.crds.add(resource.object as Record<string, unknown>, name);
      const checked = check(resource, result, this.registry, this.options, this.kubernetesVersion, !deferMissing);
      const deferred = typeof checked === 'boolean' ? checked : await checked;
      if (deferred) pending.push({ result, resource });
    }
    return { results, pending };
  }

  /** Every resource with its result, kept for the lint rules (only when rules are on). */
  private readonly checked: CheckedResource[] = [];
  /** The rules that ran, once settle() has run them. */
  lintRules: RuleDescriptor[] | undefined;

  /** Gives deferred resources their final status, now that every CRD of the input is known, then runs the lint rules. */
  async settle(pending: readonly Pending[]): Promise<void> {
    if (pending.length > 0) {
      this.registry.forgetMisses();
      for (const { result, resource } of pending) await check(resource, result, this.registry, this.options, this.kubernetesVersion, true);
    }
    if (this.options.rules) {
      // Loaded on demand: worker threads and schema-only runs never need the rule modules.
      const { applyRules } = await import('./rules/report.js');
      this.lintRules = applyRules(this.checked, { ...this.options.rules, kubernetesVersion: this.kubernetesVersion });
    }
  }
}

async function loadCrds(registry: SchemaRegistry, path: string, cwd: string, limits: YamlLimits): Promise<void> {
  const absolute = isAbsolute(path) ? path : resolvePath(cwd, path);
  let files: string[];
  try {
    files = statSync(absolute).isDirectory() ? expandPaths([absolute], cwd) : [absolute];
  } catch {
    throw new ValidateError(`--crd ${path}: no such file or directory`);
  }
  let added = 0;
  for (const file of files) {
    const text = readInputFile(file, cwd);
    for (const { resource, result } of readResources(file, text, limits, [])) {
      if (!resource && result.findings.length > 0) throw new ValidateError(`--crd ${file}:${result.findings[0]!.line}:${result.findings[0]!.column}: ${result.findings[0]!.message}`);
      if (resource && isCustomResourceDefinition(resource.object)) added += registry.crds.add(resource.object as Record<string, unknown>, file);
    }
  }
  if (added === 0) throw new ValidateError(`--crd ${path}: no CustomResourceDefinition with a schema found`);
}

/** Schema-checks one resource. Returns true when its schema was missing and it should be retried after all CRDs are known. */
function check(resource: Resource, result: ResourceResult, registry: SchemaRegistry, options: SessionOptions, kubernetesVersion: string, lastChance: boolean): boolean | Promise<boolean> {
  const { apiVersion, kind } = resource;
  const at = (path: JsonPath, key = false) => (key && resource.locateKey ? resource.locateKey(path) : resource.locate(path));
  if (kindMatches(options.reject ?? [], apiVersion, kind)) {
    result.status = 'error';
    result.findings.push(resultFinding(result, at(['kind']), ['kind'], 'schema', 'error', `prohibited resource kind ${kind}`));
    return false;
  }
  if (kindMatches(options.skip ?? [], apiVersion, kind)) {
    result.status = 'skipped';
    return false;
  }
  const peeked = registry.peek(apiVersion, kind);
  // Only the first resource of a kind waits for its schema; the rest stay synchronous.
  if (peeked === null) return registry.validator(apiVersion, kind).then((validator) => checkWith(validator, resource, result, registry, options, kubernetesVersion, lastChance));
  return checkWith(peeked, resource, result, registry, options, kubernetesVersion, lastChance);
}

function checkWith(validator: KindValidator | undefined, resource: Resource, result: ResourceResult, registry: SchemaRegistry, options: SessionOptions, kubernetesVersion: string, lastChance: boolean): boolean {
  const { apiVersion, kind } = resource;
  const at = (path: JsonPath, key = false) => (key && resource.locateKey ? resource.locateKey(path) : resource.locate(path));
  if (!validator) {
    if (!lastChance) return true;
    if (options.ignoreMissingSchemas) {
      result.status = 'skipped';
      return false;
    }
    result.status = 'error';
    result.findings.push(resultFinding(result, at(['kind']), ['kind'], 'schema', 'error', missingSchemaMessage(registry, apiVersion, kind, kubernetesVersion)));
    return false;
  }
  const violations: SchemaViolation[] = validator.validate(resource.object);
  const metadata = resource.object.metadata as Record<string, unknown> | undefined;
  if (metadata && typeof metadata === 'object' && typeof metadata.name === 'string') {
    const problem = checkObjectName(kind, metadata.name);
    if (problem) violations.push({ path: ['metadata', 'name'], message: problem, severity: 'error' });
  }
  const unnamed = missingName(resource.object);
  if (unnamed) violations.push(unnamed);
  const apiServer = checkBuiltInObject(apiVersion, kind, resource.object);
  if (apiServer.length > 0) violations.push(...withoutRepeats(apiServer, violations));
  for (const violation of violations) result.findings.push(resultFinding(result, at(violation.path, violation.atKey), violation.path, 'schema', violation.severity, violation.message));
  result.findings.sort((a, b) => a.line - b.line || a.column - b.column);
  result.status = result.findings.some((f) => f.severity === 'error') ? 'invalid' : 'valid';
  return false;
}

/**
 * The API server's checks beyond the schema, minus those the schema check already made at the
 * same place (schemas that carry an enum, or a keyed list's duplicate item): one message per problem.
 */
function withoutRepeats(apiServer: readonly SchemaViolation[], schema: readonly SchemaViolation[]): readonly SchemaViolation[] {
  if (schema.length === 0) return apiServer;
  const reported = new Set(schema.map((v) => formatPath(v.path)));
  const itemReported = (path: JsonPath) => typeof path[path.length - 2] === 'number' && reported.has(formatPath(path.slice(0, -1)));
  return apiServer.filter((v) => !reported.has(formatPath(v.path)) && !itemReported(v.path));
}

// Each message looks through every kind known, thousands: a kind without a schema is usually
// missing from many resources (a chart's custom resources), and is looked up once while the
// registry's CRDs stay the same (they are only ever added to, so their count tells).
const missingSchemaMessages = new WeakMap<SchemaRegistry, Map<string, string>>();

function missingSchemaMessage(registry: SchemaRegistry, apiVersion: string, kind: string, kubernetesVersion: string): string {
  let messages = missingSchemaMessages.get(registry);
  if (!messages) missingSchemaMessages.set(registry, (messages = new Map()));
  const key = `${registry.crds.size}\u0000${apiVersion}\u0000${kind}\u0000${kubernetesVersion}`;
  let message = messages.get(key);
  if (message === undefined) messages.set(key, (message = lookUpMissingSchemaMessage(registry, apiVersion, kind, kubernetesVersion)));
  return message;
}

function lookUpMissingSchemaMessage(registry: SchemaRegistry, apiVersion: string, kind: string, kubernetesVersion: string): string {
  const known = registry.knownKinds();
  const base = `no schema for ${apiVersion} ${kind} in Kubernetes ${kubernetesVersion}`;
  if (known.length === 0) return base;
  const sameKind = known.filter((k) => k.kind === kind).map((k) => (k.group ? `${k.group}/${k.version}` : k.version));
  if (sameKind.length > 0) return `${base}: ${kind} is served as ${[...new Set(sameKind)].sort().join(', ')}`;
  const { group, version } = parseApiVersion(apiVersion);
  const inGroup = known.filter((k) => k.group === group && k.version === version).map((k) => k.kind);
  const hint = suggest(kind, inGroup.length > 0 ? inGroup : known.map((k) => k.kind));
  return hint ? `${base} (did you mean "${hint}"?)` : base;
}
