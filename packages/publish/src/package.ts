// `chartforge package`: a chart directory → `<name>-<version>.tgz` whose bytes depend only on the
// chart's files (and SOURCE_DATE_EPOCH), unlike `helm package`, which stamps the current time.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTar, gzipDeterministic } from './archive.js';
import { loadChartDir, type ChartMetadata } from './chart.js';
import { ChartError, PublishIOError } from './errors.js';

export interface PackageOptions {
  chartDir: string;
  /** Directory the archive is written to (created if missing). */
  outDir: string;
  /**
   * Modification time of every entry, in seconds since the epoch. Defaults to SOURCE_DATE_EPOCH
   * from `env`, else 0 (1970-01-01): the reproducible-builds convention.
   */
  sourceDateEpoch?: number;
  env?: NodeJS.ProcessEnv;
  /** How the chart directory is named in messages. */
  displayDir?: string;
}

export interface PackagedChart {
  fileName: string;
  path: string;
  /** sha256 of the archive, hex. */
  digest: string;
  size: number;
  metadata: ChartMetadata;
  /** Paths inside the archive, sorted. */
  entries: string[];
  bytes: Buffer;
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The epoch from an explicit option or SOURCE_DATE_EPOCH; a malformed value is an error. */
export function resolveSourceDateEpoch(explicit: number | undefined, env: NodeJS.ProcessEnv): number {
  if (explicit !== undefined) {
    if (!Number.isInteger(explicit) || explicit < 0 || explicit > MAX_TAR_MTIME) throw new ChartError(`source date epoch must be a whole number of seconds from 0 to ${MAX_TAR_MTIME}, got ${explicit}`);
    return explicit;
  }
  const text = env.SOURCE_DATE_EPOCH;
  if (text === undefined || text === '') return 0;
  if (!/^\d+$/.test(text) || Number(text) > MAX_TAR_MTIME) throw new ChartError(`SOURCE_DATE_EPOCH must be a whole number of seconds from 0 to ${MAX_TAR_MTIME}, got "${text}"`);
  return Number(text);
}

/** The largest time a tar header's 11 octal digits hold (year 2242); past it the field would wrap. */
const MAX_TAR_MTIME = 8 ** 11 - 1;

/**
 * Longest archive file name: file systems allow 255 bytes per name, and the provenance file
 * (`.prov`) and the temporary file of an atomic write (`.tmp-PID`) add up to 20 more.
 */
const MAX_ARCHIVE_NAME_BYTES = 235;

/** Builds the archive in memory without writing anything. */
export function buildChartArchive(chartDir: string, options: { sourceDateEpoch?: number; env?: NodeJS.ProcessEnv; displayDir?: string } = {}): Omit<PackagedChart, 'path'> {
  const mtime = resolveSourceDateEpoch(options.sourceDateEpoch, options.env ?? process.env);
  const chart = loadChartDir(chartDir, options.displayDir ?? chartDir);
  const fileName = `${chart.metadata.name}-${chart.metadata.version}.tgz`;
  if (Buffer.byteLength(fileName) > MAX_ARCHIVE_NAME_BYTES) {
    throw new ChartError(`${join(options.displayDir ?? chartDir, 'Chart.yaml')}: name and version make an archive name of ${Buffer.byteLength(fileName)} bytes, more than the ${MAX_ARCHIVE_NAME_BYTES} a file name can hold here; shorten them`);
  }
  const prefix = `${chart.metadata.name}/`;
  const entries = chart.files.map((file) => ({ path: prefix + file.path, data: file.data }));
  const bytes = gzipDeterministic(createTar(entries, mtime));
  return {
    fileName,
    digest: sha256Hex(bytes),
    size: bytes.length,
    metadata: chart.metadata,
    entries: entries.map((entry) => entry.path).sort(),
    bytes,
  };
}

/** Writes `bytes` to `path` through a temporary file, so a failure never leaves a partial file. */
export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new PublishIOError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/** Packages the chart into `outDir/<name>-<version>.tgz`. */
export function packageChart(options: PackageOptions): PackagedChart {
  const built = buildChartArchive(options.chartDir, options);
  try {
    mkdirSync(options.outDir, { recursive: true });
  } catch (error) {
    throw new PublishIOError(`cannot create output directory ${options.outDir}: ${(error as Error).message}`);
  }
  const path = join(options.outDir, built.fileName);
  writeFileAtomic(path, built.bytes);
  return { ...built, path };
}
