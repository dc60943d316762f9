// A chart and its subcharts as far as values are concerned: each one's values.yaml and
// values.schema.json, read from a chart directory or from the `.tgz` archives in charts/ — the
// charts Helm validates values against when it installs the parent.
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { readTarGz } from './archive.js';
import { parseChartMetadata, type Dependency } from './chart.js';
import { describeIoError } from '@chartforge/validator/read';
import { ChartError, PublishIOError, readBytes, readOptionalText, readText } from './errors.js';

export interface ValuesChart {
  name: string;
  dependencies: Dependency[];
  /** How the chart's files are named in findings: `name` → display path. */
  fileName(name: string): string;
  valuesText?: string;
  schemaText?: string;
  subcharts: ValuesChart[];
}

function displayJoin(dir: string, name: string): string {
  return dir === '' || dir === '.' ? name : join(dir, name);
}

/** Reads a chart directory (and, recursively, its charts/ folder). `visiting`: real paths on the way here, to stop link loops. */
export function loadValuesChart(dir: string, display: string, visiting: ReadonlySet<string> = new Set()): ValuesChart {
  const real = realpathOf(dir, display);
  if (visiting.has(real)) throw new ChartError(`${display}: symbolic link loop (a subchart that contains itself)`);
  const inside = new Set([...visiting, real]);
  const chartYaml = readText(join(dir, 'Chart.yaml'), 'chart file', displayJoin(display, 'Chart.yaml'));
  const metadata = parseChartMetadata(chartYaml, displayJoin(display, 'Chart.yaml'));
  const subcharts: ValuesChart[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(join(dir, 'charts')).sort();
  } catch (error) {
    // No charts/ folder is no subcharts; one that cannot be read would hide their schemas.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new PublishIOError(`cannot read ${displayJoin(display, 'charts')}: ${describeIoError(error)}`);
    names = [];
  }
  for (const name of names) {
    const path = join(dir, 'charts', name);
    const subDisplay = displayJoin(display, `charts/${name}`);
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (error) {
      throw new PublishIOError(`cannot read ${subDisplay}: ${describeIoError(error)}`);
    }
    if (stats.isDirectory()) {
      if (readOptionalText(join(path, 'Chart.yaml'), displayJoin(subDisplay, 'Chart.yaml')) !== undefined) subcharts.push(loadValuesChart(path, subDisplay, inside));
    } else if (name.endsWith('.tgz')) {
      subcharts.push(loadArchivedChart(readBytes(path, subDisplay), subDisplay));
    }
  }
  const valuesText = readOptionalText(join(dir, 'values.yaml'));
  const schemaText = readOptionalText(join(dir, 'values.schema.json'));
  return {
    name: metadata.name,
    dependencies: metadata.dependencies ?? [],
    fileName: (file) => displayJoin(display, file),
    ...(valuesText !== undefined ? { valuesText } : {}),
    ...(schemaText !== undefined ? { schemaText } : {}),
    subcharts,
  };
}

/** A chart inside an archive: files under its top folder; subcharts as folders or nested archives. */
function chartFromFiles(files: Map<string, Uint8Array>, display: string): ValuesChart {
  const text = (path: string): string | undefined => {
    const data = files.get(path);
    return data === undefined ? undefined : Buffer.from(data).toString('utf8');
  };
  const chartYaml = text('Chart.yaml');
  if (chartYaml === undefined) throw new ChartError(`${display}: no Chart.yaml inside`);
  const metadata = parseChartMetadata(chartYaml, `${display}:Chart.yaml`);
  const nested = new Map<string, Map<string, Uint8Array>>();
  const subcharts: ValuesChart[] = [];
  for (const [path, data] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const match = /^charts\/([^/]+)(?:\/(.*))?$/.exec(path);
    if (!match) continue;
    if (match[2] === undefined && match[1]!.endsWith('.tgz')) subcharts.push(loadArchivedChart(data, `${display}:charts/${match[1]}`));
    else if (match[2] !== undefined) {
      const folder = nested.get(match[1]!) ?? new Map<string, Uint8Array>();
      folder.set(match[2], data);
      nested.set(match[1]!, folder);
    }
  }
  for (const [name, folder] of nested) if (folder.has('Chart.yaml')) subcharts.push(chartFromFiles(folder, `${display}:charts/${name}`));
  const valuesText = text('values.yaml');
  const schemaText = text('values.schema.json');
  return {
    name: metadata.name,
    dependencies: metadata.dependencies ?? [],
    fileName: (file) => `${display}:${file}`,
    ...(valuesText !== undefined ? { valuesText } : {}),
    ...(schemaText !== undefined ? { schemaText } : {}),
    subcharts,
  };
}

function realpathOf(dir: string, display: string): string {
  try {
    return realpathSync(dir);
  } catch (error) {
    throw new PublishIOError(`cannot read ${display}: ${describeIoError(error)}`);
  }
}

function loadArchivedChart(bytes: Uint8Array, display: string): ValuesChart {
  let entries;
  try {
    entries = readTarGz(bytes);
  } catch (error) {
    throw new ChartError(`${display}: ${(error as Error).message}`);
  }
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    const slash = entry.path.indexOf('/');
    if (slash > 0) files.set(entry.path.slice(slash + 1), entry.data);
  }
  return chartFromFiles(files, display);
}
