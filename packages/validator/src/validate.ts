// validate(): manifests in, a report of per-resource statuses and positioned findings out.

import { isAbsolute, resolve as resolvePath } from 'node:path';
import { expandPaths, InputError } from './inputs.js';
import type { SchemaViolation } from './schema/compile.js';
import { isCustomResourceDefinition } from './schema/crds.js';
import { defaultCacheDir, SchemaFetcher, SchemaLoadError } from './schema/fetch.js';
import { checkObjectName } from './schema/kubernetes-checks.js';
import { checkBuiltInObject, missingName } from './schema/api-server-checks.js';
import { localLocationExists, normalizeKubernetesVersion, parseApiVersion, type SchemaLocation } from './schema/locations.js';
import { SchemaRegistry, schemaLocationsFrom, type KindValidator } from './schema/registry.js';
import { suggest } from './schema/suggest.js';
import type { Finding, JsonPath, Report, Resource, ResourceResult, RuleDescriptor, Severity, SourcePosition } from './types.js';
import { decodeText } from './yaml/decode.js';
import { DEFAULT_LIMITS, parseDocuments, type DuplicateKeys, type ParsedDocument, type YamlLimits } from './yaml/documents.js';
import { formatPath } from './path.js';
import type { CheckedResource } from './rules/report.js';
import type { RuleOptions } from './rules/engine.js';
import { EMBEDDED_KUBERNETES_VERSION, EmbeddedLocation, embeddedRange, embeddedRelease } from './schema/embedded.js';
import { validateInWorkers, workerCount } from './workers.js';
import { statSync } from 'node:fs';
import { readInputFile as readRegularFile, readInputStream } from './read/file.js';
import { readLimits } from './read/limits.js';
import { InputFileError } from './read/error.js';

/** A manifest given in memory. */
export interface ManifestFile {
  /** Shown in findings as the file name. */
  name: string;
  /** UTF-8 text, or raw bytes (decoded strictly: invalid UTF-8 is a finding). */
  text: string | Uint8Array;
}

export interface ValidateInput {
  /** Manifests in memory, validated first, in order. */
  files?: readonly ManifestFile[];
  /** Files, directories (recursive, *.yaml|*.yml|*.json), globs, or "-" for standard input. */
  paths?: readonly string[];
}

export interface ValidateOptions {
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
  /** Regular expressions: files (found in directories, by globs or named) whose path matches one are not read, as kubeconform's `-ignore-filename-pattern`. */
  ignoreFilenamePatterns?: readonly string[];
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
  /**
   * Worker threads for files on disk: 0 or 1 validates in this thread; default: one per CPU (at
   * most 4) when the files add up to more than 4 MiB, where threads pay for their start-up.
   */
  workers?: number;
  /** Reads standard input when a path is "-". Default: process.stdin. */
  readStdin?: () => Promise<Uint8Array>;
}

/** A usage-level failure: bad options, unreadable inputs or schema locations (exit 2 in the CLI). */
export class ValidateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidateError';
  }
}

export interface Pending {
  result: ResourceResult;
  resource: Resource;
}

async function readStdinDefault(): Promise<Uint8Array> {
  return readInputStream(process.stdin, 'stdin');
}

function kindMatches(patterns: readonly string[], apiVersion: string, kind: string): boolean {
  return patterns.some((p) => p === kind || p === `${apiVersion}/${kind}`);
}

function stringField(object: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** Options a worker thread can receive (everything but callbacks). */
/** The schema location that names the built-in schemas. */
export const EMBEDDED = 'embedded';
/** kubeconform's name for its default location (the Kubernetes schemas of the version): ours are embedded. */
const KUBECONFORM_DEFAULT = 'default';

export type SessionOptions = Omit<ValidateOptions, 'readStdin'>;

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

// Read synchronously: a manifest is small, and an asynchronous read costs more in thread-pool round
// trips (open, stat, read, close) than it could overlap with validation. Through the hardened
// reader: regular files only, size-capped before a byte is decoded.
export function readInputFile(path: string, cwd: string): Uint8Array {
  try {
    return readRegularFile(isAbsolute(path) ? path : resolvePath(cwd, path), path);
  } catch (error) {
    if (error instanceof InputFileError) throw new ValidateError(error.message);
    throw error;
  }
}

/** Validates manifests against the Kubernetes schemas of one version. Never throws for bad manifests; throws ValidateError for bad options or unreadable inputs. */
export async function validate(input: ValidateInput, options: ValidateOptions = {}): Promise<Report> {
  const cwd = options.cwd ?? process.cwd();
  const { readStdin, ...sessionOptions } = options;
  try {
    const session = await ValidationSession.create(sessionOptions);
    const perFile: ResourceResult[][] = [];
    const pending: Pending[] = [];
    const run = async (name: string, bytes: string | Uint8Array) => {
      const done = await session.validateFile(name, bytes, true);
      perFile.push(done.results);
      for (const item of done.pending) pending.push(item);
    };
    for (const file of input.files ?? []) await run(file.name, file.text);
    const paths = expandPaths(input.paths ?? [], cwd, ignoredFiles(options.ignoreFilenamePatterns));
    const onDisk = paths.filter((p) => p !== '-');
    const workers = await workerCount(onDisk, cwd, options.workers);
    if (workers > 1 && !paths.includes('-') && !options.rules) {
      for (const item of await validateInWorkers(session, onDisk, workers, cwd)) perFile.push(item);
    } else {
      for (const path of paths) {
        if (path === '-') await run('stdin', await (readStdin ?? readStdinDefault)());
        else await run(path, readInputFile(path, cwd));
      }
    }
    // Kinds whose CRD came later in the input get a second chance.
    await session.settle(pending);
    return report(session.kubernetesVersion, perFile, session.lintRules);
  } catch (error) {
    if (error instanceof InputError || error instanceof SchemaLoadError) throw new ValidateError(error.message);
    throw error;
  }
}

function ignoredFiles(patterns: readonly string[] | undefined): ((path: string) => boolean) | undefined {
  if (!patterns || patterns.length === 0) return undefined;
  const regexes = patterns.map((pattern) => {
    try {
      return new RegExp(pattern);
    } catch (error) {
      throw new ValidateError(`--ignore-filename-pattern ${pattern}: ${(error as Error).message}`);
    }
  });
  return (path) => regexes.some((regex) => regex.test(path));
}

function report(kubernetesVersion: string, perFile: ResourceResult[][], lintRules: RuleDescriptor[] | undefined): Report {
  const results = perFile.flat();
  const summary = { files: perFile.length, resources: 0, valid: 0, invalid: 0, errors: 0, skipped: 0, empty: 0 };
  const key = { valid: 'valid', invalid: 'invalid', error: 'errors', skipped: 'skipped', empty: 'empty' } as const;
  for (const result of results) {
    summary[key[result.status]]++;
    if (result.status !== 'empty') summary.resources++;
  }
  return { kubernetesVersion, ...(lintRules ? { lintRules } : {}), resources: results, findings: results.flatMap((r) => r.findings), summary };
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

function emptyIdentity(): Pick<ResourceResult, 'apiVersion' | 'kind' | 'name'> {
  return { apiVersion: '', kind: '', name: '' };
}

function finding(result: ResourceResult, position: SourcePosition, path: JsonPath, rule: string, severity: Severity, message: string): Finding {
  return {
    file: result.file,
    line: position.line,
    column: position.column,
    documentIndex: result.documentIndex,
    apiVersion: result.apiVersion,
    kind: result.kind,
    ...(result.namespace !== undefined ? { namespace: result.namespace } : {}),
    name: result.name,
    ...(result.template !== undefined ? { template: result.template } : {}),
    path: formatPath(path),
    rule,
    severity,
    message,
  };
}

/**
 * Parses a file into results (pushed onto `results` in order) and the resources to check.
 * Documents that cannot become resources get their final status here (empty, or error).
 */
export function* readResources(name: string, bytes: string | Uint8Array, limits: YamlLimits, results: ResourceResult[], duplicateKeys: DuplicateKeys = 'error'): Generator<{ result: ResourceResult; resource?: Resource }> {
  const base = (line: number, column: number, documentIndex: number): ResourceResult => ({ file: name, line, column, documentIndex, ...emptyIdentity(), status: 'valid', findings: [] });
  const decoded = decodeText(bytes);
  if ('error' in decoded) {
    const result: ResourceResult = { ...base(decoded.line, decoded.column, 0), status: 'error' };
    result.findings.push(finding(result, decoded, [], 'yaml', 'error', decoded.error));
    results.push(result);
    yield { result };
    return;
  }
  for (const document of parseDocuments(decoded.text, limits, duplicateKeys)) {
    yield* documentResources(name, document, results, base);
  }
}

function* documentResources(name: string, document: ParsedDocument, results: ResourceResult[], base: (line: number, column: number, index: number) => ResourceResult): Generator<{ result: ResourceResult; resource?: Resource }> {
  // Most documents have no problems: one pass over them, and no array when there are none.
  const problems = document.problems;
  let hasErrors = false;
  let warnings: ParsedDocument['problems'] = NO_PROBLEMS;
  for (const problem of problems) {
    if (problem.severity === 'error') hasErrors = true;
    else if (problem.severity === 'warning') (warnings === NO_PROBLEMS ? (warnings = []) : warnings).push(problem);
  }
  if (hasErrors || document.empty) {
    const result = withTemplate(base(document.line, document.column, document.index), document);
    result.status = hasErrors ? 'error' : 'empty';
    identify(result, document.value);
    for (const problem of document.problems) result.findings.push(finding(result, problem, [], 'yaml', problem.severity, problem.message));
    results.push(result);
    yield { result };
    return;
  }
  const value = document.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const result = withTemplate(base(document.line, document.column, document.index), document);
    result.status = 'error';
    result.findings.push(finding(result, document, [], 'schema', 'error', `expected a Kubernetes object (a mapping with apiVersion and kind), got ${Array.isArray(value) ? 'a list' : typeof value === 'string' ? 'a string' : String(value)}`));
    results.push(result);
    yield { result };
    return;
  }
  const object = value as Record<string, unknown>;
  const kind = stringField(object, 'kind');
  const items = object.items;
  // `kind: List` (and typed lists such as PodList) are validated item by item.
  if (kind !== undefined && /List$/.test(kind) && Array.isArray(items) && typeof object.apiVersion === 'string') {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      const prefix: JsonPath = ['items', i];
      const position = document.locate(prefix);
      const result = withTemplate(base(position.line, position.column, document.index), document);
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        result.status = 'error';
        result.findings.push(finding(result, position, prefix, 'schema', 'error', 'list item must be a Kubernetes object'));
        results.push(result);
        yield { result };
        continue;
      }
      // Items of a typed list may leave out their apiVersion and kind.
      const typed = itemKind !== undefined ? { apiVersion: object.apiVersion, kind: itemKind, ...(item as Record<string, unknown>) } : (item as Record<string, unknown>);
      yield* resourceOf(name, document, typed, prefix, result, results, warnings);
    }
    return;
  }
  const result = withTemplate(base(document.line, document.column, document.index), document);
  yield* resourceOf(name, document, object, [], result, results, warnings);
}

const NO_PROBLEMS: ParsedDocument['problems'] = [];

/** `result` with the template of its document, when helm named one (added last, as the JSON output orders it). */
function withTemplate(result: ResourceResult, document: ParsedDocument): ResourceResult {
  if (document.template !== undefined) result.template = document.template;
  return result;
}

function identify(result: ResourceResult, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const object = value as Record<string, unknown>;
  const metadata = object.metadata !== null && typeof object.metadata === 'object' ? (object.metadata as Record<string, unknown>) : undefined;
  result.apiVersion = stringField(object, 'apiVersion') ?? '';
  result.kind = stringField(object, 'kind') ?? '';
  result.name = stringField(metadata, 'name') ?? stringField(metadata, 'generateName') ?? '';
  const namespace = stringField(metadata, 'namespace');
  if (namespace !== undefined) result.namespace = namespace;
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}

function* resourceOf(
  name: string,
  document: ParsedDocument,
  object: Record<string, unknown>,
  prefix: JsonPath,
  result: ResourceResult,
  results: ResourceResult[],
  warnings: ParsedDocument['problems'],
): Generator<{ result: ResourceResult; resource?: Resource }> {
  identify(result, object);
  results.push(result);
  for (const warning of warnings) result.findings.push(finding(result, warning, [], 'yaml', 'warning', warning.message));
  if (!nonEmptyString(object.apiVersion) || !nonEmptyString(object.kind)) {
    result.status = 'error';
    for (const key of ['apiVersion', 'kind'] as const) {
      if (nonEmptyString(object[key])) continue;
      const present = object[key] !== undefined && object[key] !== null;
      const position = present ? document.locate([...prefix, key]) : document.locate(prefix);
      result.findings.push(finding(result, position, present ? [key] : [], 'schema', 'error', present ? `"${key}" must be a non-empty string` : `missing "${key}"`));
    }
    yield { result };
    return;
  }
  // Built field by field (no spreads of throwaway objects), in the order the fields always had.
  const resource: Partial<{ -readonly [K in keyof Resource]: Resource[K] }> = { object, file: name, documentIndex: document.index, apiVersion: result.apiVersion, kind: result.kind, name: result.name };
  if (result.namespace !== undefined) resource.namespace = result.namespace;
  if (result.template !== undefined) resource.template = result.template;
  // A document's own resource is located as the document is; list items under their prefix.
  if (prefix.length === 0) {
    resource.locate = document.locate;
    resource.locateKey = document.locateKey;
  } else {
    resource.locate = (path) => document.locate([...prefix, ...path]);
    resource.locateKey = (path) => document.locateKey([...prefix, ...path]);
  }
  yield { result, resource: resource as Resource };
}

/** Schema-checks one resource. Returns true when its schema was missing and it should be retried after all CRDs are known. */
function check(resource: Resource, result: ResourceResult, registry: SchemaRegistry, options: ValidateOptions, kubernetesVersion: string, lastChance: boolean): boolean | Promise<boolean> {
  const { apiVersion, kind } = resource;
  const at = (path: JsonPath, key = false) => (key && resource.locateKey ? resource.locateKey(path) : resource.locate(path));
  if (kindMatches(options.reject ?? [], apiVersion, kind)) {
    result.status = 'error';
    result.findings.push(finding(result, at(['kind']), ['kind'], 'schema', 'error', `prohibited resource kind ${kind}`));
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

function checkWith(validator: KindValidator | undefined, resource: Resource, result: ResourceResult, registry: SchemaRegistry, options: ValidateOptions, kubernetesVersion: string, lastChance: boolean): boolean {
  const { apiVersion, kind } = resource;
  const at = (path: JsonPath, key = false) => (key && resource.locateKey ? resource.locateKey(path) : resource.locate(path));
  if (!validator) {
    if (!lastChance) return true;
    if (options.ignoreMissingSchemas) {
      result.status = 'skipped';
      return false;
    }
    result.status = 'error';
    result.findings.push(finding(result, at(['kind']), ['kind'], 'schema', 'error', missingSchemaMessage(registry, apiVersion, kind, kubernetesVersion)));
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
  for (const violation of violations) result.findings.push(finding(result, at(violation.path, violation.atKey), violation.path, 'schema', violation.severity, violation.message));
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

function missingSchemaMessage(registry: SchemaRegistry, apiVersion: string, kind: string, kubernetesVersion: string): string {
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
