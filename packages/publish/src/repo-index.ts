// `chartforge index`: a chart repository's index.yaml, in the format `helm repo index` writes
// (entries per chart name, newest version first, keys sorted, sha256 digests, urls joined onto the
// base URL), but deterministic: `created` is the timestamp stored in the archive (set by
// SOURCE_DATE_EPOCH when packaging) and `generated` the newest `created`, never the clock.
import { readdirSync, statSync, type Stats } from 'node:fs';
import { join, posix } from 'node:path';
import { jsonNestingBreach, positionAt } from '@chartforge/core';
import { describeIoError, InputFileError, overLimit, parseYamlWithinLimits, readLimits } from '@chartforge/validator/read';
import { stringify } from 'yaml';
import { readTarGz } from './archive.js';
import { parseChartMetadata, type ChartMetadata } from './chart.js';
import { ChartError, PublishIOError, readBytes, readText } from './errors.js';
import { sha256Hex } from './package.js';
import { compareSemVer, parseSemVer } from './semver.js';

export interface IndexOptions {
  /** Directory holding the packaged charts: its `.tgz` files and those one folder down, as Helm scans. */
  dir: string;
  /** Base URL the charts are served from; without it urls are relative to index.yaml. */
  url?: string;
  /** An existing index to merge: its entries for versions not in `dir` are kept. */
  merge?: string;
}

export interface IndexEntry extends Record<string, unknown> {
  name: string;
  version: string;
  urls: string[];
  created: string;
  digest: string;
}

export interface RepoIndex {
  apiVersion: 'v1';
  entries: Record<string, IndexEntry[]>;
  generated: string;
}

export interface IndexResult {
  index: RepoIndex;
  /** index.yaml text. */
  text: string;
  /** Archives that were indexed, relative to `dir`. */
  added: string[];
  /** Entries kept from the merged index. */
  kept: number;
  /** Files that looked like charts but are not, with the reason (Helm skips them silently). */
  skipped: Array<{ file: string; reason: string }>;
  /** Entries of the merged index left out because they are not valid, with the reason. */
  rejected: Array<{ entry: string; reason: string }>;
}

/** Go's RFC 3339 rendering of a UTC time with whole seconds. */
export function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** Helm's urlutil.URLJoin: the path of `base` joined with `parts`, query and fragment kept. */
export function urlJoin(base: string, ...parts: string[]): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return posix.join(base, ...parts);
  }
  url.pathname = posix.join(url.pathname || '/', ...parts);
  return url.toString();
}

/** A directory's sorted names; an unreadable directory is a PublishIOError naming it and why. */
function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (error) {
    throw new PublishIOError(`cannot read chart directory ${dir}: ${describeIoError(error)}`);
  }
}

/** What is at `path` (a broken symbolic link, a loop or an unreadable entry is a PublishIOError). */
function statEntry(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    throw new PublishIOError(`cannot read ${path}: ${describeIoError(error)}`);
  }
}

function archivesIn(dir: string): string[] {
  const found: string[] = [];
  for (const name of namesIn(dir)) {
    const path = join(dir, name);
    const info = statEntry(path);
    if (info.isFile() && name.endsWith('.tgz')) found.push(name);
    else if (info.isDirectory()) {
      for (const inner of namesIn(path)) {
        if (inner.endsWith('.tgz') && statEntry(join(path, inner)).isFile()) found.push(`${name}/${inner}`);
      }
    }
  }
  return found;
}

/** Reads Chart.yaml and its timestamp out of a chart archive. */
export function readArchiveChart(bytes: Uint8Array, file: string): { metadata: ChartMetadata; mtime: number } {
  let entries;
  try {
    entries = readTarGz(bytes);
  } catch (error) {
    throw new ChartError(`${file}: ${(error as Error).message}`);
  }
  const chartYaml = entries.find((entry) => /^[^/]+\/Chart\.yaml$/.test(entry.path));
  if (!chartYaml) throw new ChartError(`${file}: no <chart>/Chart.yaml inside`);
  const metadata = parseChartMetadata(Buffer.from(chartYaml.data).toString('utf8'), `${file}:${chartYaml.path}`);
  return { metadata, mtime: chartYaml.mtime ?? 0 };
}

const DIGEST = /^[0-9a-f]{64}$/;

/**
 * Why an entry of a published index must not be copied into ours, or undefined: an index is
 * input from anyone who could write to the repository, and helm (and browsers showing it) follow
 * its URLs.
 */
function invalidEntry(name: string, entry: IndexEntry): string | undefined {
  if (entry.name !== name) return `its name ${JSON.stringify(entry.name)} is not the chart name ${JSON.stringify(name)}`;
  if (!parseSemVer(entry.version)) return `version ${JSON.stringify(entry.version)} is not SemVer 2`;
  if (typeof entry.digest !== 'string' || !DIGEST.test(entry.digest)) return `digest ${JSON.stringify(entry.digest)} is not a sha256 in hex`;
  if (typeof entry.created !== 'string' || Number.isNaN(Date.parse(entry.created))) return `created ${JSON.stringify(entry.created)} is not a time`;
  if (!Array.isArray(entry.urls) || entry.urls.length === 0) return 'it has no urls';
  for (const url of entry.urls) {
    if (typeof url !== 'string' || /[\u0000-\u0020\u007f-\u009f]/.test(url)) return `url ${JSON.stringify(url)} holds a control character or space`;
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
    if (scheme !== undefined && !['http', 'https', 'oci'].includes(scheme)) return `url ${JSON.stringify(url)} is not http, https or oci`;
  }
  return undefined;
}

function loadExistingIndex(path: string, rejected: IndexResult['rejected']): Record<string, IndexEntry[]> {
  const text = readText(path, 'index');
  let data: unknown;
  try {
    if (text.trimStart().startsWith('{')) {
      // The limit YAML indexes are read under, so the message (and CHARTFORGE_MAX_YAML_DEPTH) is the same for both.
      const limits = readLimits();
      const breach = jsonNestingBreach(text, limits.maxDepth);
      if (breach) {
        const { line, column } = positionAt(text, breach.offset);
        throw new InputFileError(path, line, column, `nesting is too deep: ${overLimit('maxDepth', limits)}`);
      }
      data = JSON.parse(text);
    } else {
      const [document] = parseYamlWithinLimits(text, path, { version: '1.1' }).documents;
      const problem = document?.errors[0];
      if (problem) throw new InputFileError(path, problem.linePos?.[0].line ?? 1, problem.linePos?.[0].col ?? 1, `not a valid index: ${problem.message}`);
      data = document?.toJS({ maxAliasCount: -1 });
    }
  } catch (error) {
    if (error instanceof InputFileError) throw new ChartError(error.message);
    throw new ChartError(`${path}: not a valid index: ${(error as Error).message.split('\n')[0]}`);
  }
  const index = data as { apiVersion?: unknown; entries?: unknown } | null;
  if (!index || typeof index !== 'object' || !index.apiVersion) throw new ChartError(`${path}: not a chart repository index (no apiVersion)`);
  const entries = index.entries ?? {};
  if (typeof entries !== 'object' || Array.isArray(entries)) throw new ChartError(`${path}: "entries" must be a map of chart names to versions`);
  // Keyed by chart names from a file anyone may publish: no prototype, so `constructor` or
  // `__proto__` is a chart like any other.
  const result: Record<string, IndexEntry[]> = Object.create(null) as Record<string, IndexEntry[]>;
  for (const [name, versions] of Object.entries(entries as Record<string, unknown>)) {
    if (!Array.isArray(versions)) throw new ChartError(`${path}: entries.${JSON.stringify(name)} must be a list of versions`);
    result[name] = versions.filter((v, i): v is IndexEntry => {
      const reason = typeof v === 'object' && v !== null ? invalidEntry(name, v as IndexEntry) : 'it is not a map';
      if (reason) rejected.push({ entry: `${path}: entries[${JSON.stringify(name)}][${i}]`, reason });
      return reason === undefined;
    });
  }
  return result;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
}

function byVersionDescending(a: IndexEntry, b: IndexEntry): number {
  const x = parseSemVer(a.version);
  const y = parseSemVer(b.version);
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return compareSemVer(y, x);
}

/** Serialises an index the way Helm does (sorted keys, lists not indented, times quoted). */
export function serializeIndex(index: RepoIndex): string {
  return stringify(sortKeys(index), { version: '1.1', indentSeq: false, lineWidth: 0 });
}

/** Builds the index for a directory of packaged charts, merged with an existing index if asked. */
export function buildRepoIndex(options: IndexOptions): IndexResult {
  // Keyed by chart names (`constructor` and `__proto__` are valid ones): no prototype.
  const entries: Record<string, IndexEntry[]> = Object.create(null) as Record<string, IndexEntry[]>;
  const added: string[] = [];
  const skipped: IndexResult['skipped'] = [];
  const rejected: IndexResult['rejected'] = [];
  const origin = new Map<string, string>();
  for (const file of archivesIn(options.dir)) {
    const bytes = readBytes(join(options.dir, file), file);
    let chart;
    try {
      chart = readArchiveChart(bytes, file);
    } catch (error) {
      skipped.push({ file, reason: (error as Error).message });
      continue;
    }
    const { metadata, mtime } = chart;
    const key = `${metadata.name}@${metadata.version}`;
    const previous = origin.get(key);
    if (previous) throw new ChartError(`${previous} and ${file} are both ${metadata.name} ${metadata.version}: a repository can hold a version only once`);
    origin.set(key, file);
    const parent = posix.dirname(file);
    const base = file.slice(parent === '.' ? 0 : parent.length + 1);
    const url = options.url ? urlJoin(options.url, ...(parent === '.' ? [] : [parent]), base) : file;
    const entry: IndexEntry = { ...(metadata as unknown as Record<string, unknown>), apiVersion: metadata.apiVersion || 'v1', name: metadata.name, version: metadata.version, urls: [url], created: rfc3339(mtime), digest: sha256Hex(bytes) };
    (entries[metadata.name] ??= []).push(entry);
    added.push(file);
  }
  let kept = 0;
  if (options.merge) {
    for (const [name, versions] of Object.entries(loadExistingIndex(options.merge, rejected))) {
      for (const version of versions) {
        if ((entries[name] ?? []).some((entry) => entry.version === version.version)) continue;
        (entries[name] ??= []).push(version);
        kept++;
      }
    }
  }
  const sorted: Record<string, IndexEntry[]> = Object.create(null) as Record<string, IndexEntry[]>;
  for (const name of Object.keys(entries).sort()) sorted[name] = [...entries[name]!].sort(byVersionDescending);
  const newest = Object.values(sorted)
    .flat()
    .map((entry) => String(entry.created))
    .reduce<string | undefined>((best, created) => (best === undefined || Date.parse(created) > Date.parse(best) ? created : best), undefined);
  const index: RepoIndex = { apiVersion: 'v1', entries: sorted, generated: newest ?? rfc3339(0) };
  return { index, text: serializeIndex(index), added, kept, skipped, rejected };
}
