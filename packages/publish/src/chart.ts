// A chart directory as Helm loads it: Chart.yaml's metadata (checked the way Helm's
// Metadata.Validate checks it) and the files .helmignore lets into a package.
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describeIoError, InputFileError, parseYamlWithinLimits, readInputFile } from '@chartforge/validator/read';
import { parseDocument, stringify, type Document } from 'yaml';
import { parseHelmignore } from './helmignore.js';
import { parseSemVer } from './semver.js';
import { ChartError, PublishIOError, readOptionalText } from './errors.js';
import type { CheckRule } from './findings.js';

export const CHART_METADATA_RULE: CheckRule = {
  id: 'chart-metadata',
  summary: 'Chart.yaml is valid chart metadata',
  description: "The chart's Chart.yaml must be a YAML map with the fields Helm requires: apiVersion, a name Helm accepts and a SemVer 2 version.",
};

export interface Maintainer {
  name?: string;
  email?: string;
  url?: string;
}

export interface Dependency {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  tags?: string[];
  enabled?: boolean;
  'import-values'?: unknown[];
  alias?: string;
}

/** The fields of Helm's chart.Metadata; anything else in Chart.yaml Helm ignores. */
export interface ChartMetadata {
  name: string;
  version: string;
  apiVersion: string;
  home?: string;
  sources?: string[];
  description?: string;
  keywords?: string[];
  maintainers?: Maintainer[];
  icon?: string;
  condition?: string;
  tags?: string;
  appVersion?: string;
  deprecated?: boolean;
  annotations?: Record<string, string>;
  kubeVersion?: string;
  dependencies?: Dependency[];
  type?: string;
}

const STRING_FIELDS = ['name', 'version', 'apiVersion', 'home', 'description', 'icon', 'condition', 'tags', 'appVersion', 'kubeVersion', 'type'] as const;
const NAME = /^[a-zA-Z0-9._-]+$/;

/** Parses and validates Chart.yaml text. `file` names it in errors. */
export function parseChartMetadata(text: string, file: string): ChartMetadata {
  // Helm reads Chart.yaml with go-yaml, which refuses a key given twice.
  let document: Document;
  try {
    const documents = parseYamlWithinLimits(text, file, { version: '1.1', uniqueKeys: true, prettyErrors: false }).documents;
    document = documents[0] ?? parseDocument('');
  } catch (error) {
    if (error instanceof InputFileError) throw new ChartError(error.message);
    throw error;
  }
  const first = document.errors[0];
  if (first) {
    const [line, column] = [first.linePos?.[0]?.line ?? 1, first.linePos?.[0]?.col ?? 1];
    throw new ChartError(`${file}:${line}:${column}: invalid YAML: ${first.message.split('\n')[0]}`);
  }
  const data = document.toJS({ maxAliasCount: -1 }) as unknown;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ChartError(`${file}: must be a map of chart fields`);
  const raw = data as Record<string, unknown>;
  for (const field of STRING_FIELDS) {
    const value = raw[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new ChartError(`${file}: "${field}" must be a string, got ${JSON.stringify(value)} (quote it: ${field}: "${String(value)}")`);
    }
  }
  if (!raw.apiVersion) throw new ChartError(`${file}: apiVersion is required (apiVersion: v2)`);
  if (!raw.name) throw new ChartError(`${file}: name is required`);
  if (!NAME.test(String(raw.name)) || String(raw.name).length > 250) {
    throw new ChartError(`${file}: chart name "${String(raw.name)}" may contain only letters, digits, ".", "_" and "-"`);
  }
  if (!raw.version) throw new ChartError(`${file}: version is required`);
  if (!parseSemVer(String(raw.version))) throw new ChartError(`${file}: version "${String(raw.version)}" is not a valid SemVer 2 version`);
  if (raw.type && raw.type !== 'application' && raw.type !== 'library') {
    throw new ChartError(`${file}: type must be "application" or "library", got "${String(raw.type)}"`);
  }
  const metadata: Record<string, unknown> = {};
  const known = ['home', 'sources', 'description', 'keywords', 'maintainers', 'icon', 'condition', 'tags', 'appVersion', 'deprecated', 'annotations', 'kubeVersion', 'dependencies', 'type'];
  metadata.name = raw.name;
  metadata.version = raw.version;
  metadata.apiVersion = raw.apiVersion;
  for (const key of known) if (raw[key] !== undefined && raw[key] !== null) metadata[key] = raw[key];
  return metadata as unknown as ChartMetadata;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
}

/** JSON's view of the metadata with Go's omitempty, keys sorted, as sigs.k8s.io/yaml sees it. */
function goJson(value: unknown, keepEmpty: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(value)) return value.map((item) => goJson(item, keepEmpty));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (isEmpty(item) && !keepEmpty.has(key)) continue;
    out[key] = goJson(item, key === 'dependencies' ? new Set(['name', 'repository']) : new Set());
  }
  return out;
}

/** Chart metadata serialised as Helm serialises it in provenance files (sorted keys, omitempty). */
export function marshalMetadata(metadata: ChartMetadata): string {
  return stringify(goJson(metadata), { version: '1.1', indentSeq: false, lineWidth: 0, sortMapEntries: true });
}

export interface ChartFile {
  /** Path relative to the chart directory, forward slashes. */
  path: string;
  data: Uint8Array;
}

export interface LoadedChart {
  dir: string;
  metadata: ChartMetadata;
  chartYamlText: string;
  files: ChartFile[];
}

/** Loads a chart directory the way `helm package` does: .helmignore applied, links followed. */
export function loadChartDir(dir: string, displayDir = dir): LoadedChart {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new PublishIOError(`chart directory ${displayDir} does not exist`);
  }
  if (!stat.isDirectory()) throw new PublishIOError(`${displayDir} is not a chart directory`);
  const chartYamlPath = join(dir, 'Chart.yaml');
  const chartYamlText = readOptionalText(chartYamlPath);
  if (chartYamlText === undefined) throw new ChartError(`${join(displayDir, 'Chart.yaml')}: Chart.yaml file is missing`);
  const metadata = parseChartMetadata(chartYamlText, join(displayDir, 'Chart.yaml'));

  const ignore = parseHelmignore(readOptionalText(join(dir, '.helmignore')), join(displayDir, '.helmignore'));
  const bad = ignore.findings[0];
  if (bad) throw new ChartError(`${bad.file}:${bad.line}:${bad.column}: ${bad.message}`);

  const files: ChartFile[] = [];
  const visited = new Set<string>();
  const chartRoot = realpathSync(dir);
  const walk = (absolute: string, relativePath: string): void => {
    const real = realpathSync(absolute);
    if (visited.has(real)) throw new ChartError(`${join(displayDir, relativePath)}: symbolic link loop`);
    visited.add(real);
    let names: string[];
    try {
      names = readdirSync(absolute).sort();
    } catch (error) {
      throw new PublishIOError(`cannot read ${join(displayDir, relativePath)}: ${describeIoError(error)}`);
    }
    for (const name of names) {
      const child = join(absolute, name);
      const path = relativePath === '' ? name : `${relativePath}/${name}`;
      let info;
      try {
        info = statSync(child);
      } catch (error) {
        const link = lstatSync(child, { throwIfNoEntry: false })?.isSymbolicLink();
        throw new ChartError(`${join(displayDir, path)}: ${link ? `broken symbolic link (${describeIoError(error)})` : `unreadable (${describeIoError(error)})`}`);
      }
      if (info.isDirectory()) {
        if (!ignore.rules.ignores(path, true)) walk(child, path);
        continue;
      }
      if (ignore.rules.ignores(path, false)) continue;
      if (!info.isFile()) throw new ChartError(`${join(displayDir, path)}: cannot package an irregular file (device, socket or pipe)`);
      // Helm follows links out of the chart with a warning; a package must never carry a file from
      // elsewhere on the machine (a link to /etc/shadow), so that is an error here.
      const target = realpathSync(child);
      if (target !== chartRoot && !target.startsWith(`${chartRoot}${sep}`)) {
        throw new ChartError(`${join(displayDir, path)}: symbolic link to ${target}, outside the chart; copy the file into the chart instead`);
      }
      let data: Buffer;
      try {
        data = readInputFile(child, join(displayDir, path));
      } catch (error) {
        if (error instanceof InputFileError) throw new ChartError(error.message);
        throw error;
      }
      files.push({ path, data });
    }
    visited.delete(real);
  };
  walk(dir, '');
  checkDependencies(metadata, files, displayDir);
  return { dir, metadata, chartYamlText, files };
}

/** `helm package` refuses a chart whose Chart.yaml dependencies are not in charts/. */
function checkDependencies(metadata: ChartMetadata, files: readonly ChartFile[], displayDir: string): void {
  const missing: string[] = [];
  for (const dependency of metadata.dependencies ?? []) {
    const name = dependency.name;
    const present = files.some((file) => file.path.startsWith(`charts/${name}/`) || (file.path.startsWith(`charts/${name}-`) && file.path.endsWith('.tgz') && !file.path.slice(7).includes('/')));
    if (!present) missing.push(name);
  }
  if (missing.length > 0) {
    throw new ChartError(`${join(displayDir, 'Chart.yaml')}: dependencies missing from charts/: ${missing.join(', ')} (run "helm dependency build" first)`);
  }
}
