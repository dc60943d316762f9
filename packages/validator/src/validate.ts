// validate(): manifests in, a report of per-resource statuses and positioned findings out. It
// expands the paths, reads each input (resource/), schema-checks it in a session (validator.ts),
// in worker threads when the input is large (workers.ts), and sums up the report.

import { ValidateError } from './errors.js';
import { readInputStream } from './read/file.js';
import { expandPaths, InputError } from './resource/paths.js';
import { readInputFile } from './resource/read.js';
import { SchemaLoadError } from './schema/fetch.js';
import type { Report, ResourceResult, RuleDescriptor } from './types.js';
import { ValidationSession, type Pending, type SessionOptions } from './validator.js';
import { filesBytes, validateInWorkers, workerCount } from './workers.js';

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

export interface ValidateOptions extends SessionOptions {
  /** Regular expressions: files (found in directories, by globs or named) whose path matches one are not read, as kubeconform's `-ignore-filename-pattern`. */
  ignoreFilenamePatterns?: readonly string[];
  /**
   * Worker threads for files on disk: 0 or 1 validates in this thread; default: one per CPU (at
   * most 4) when the files add up to more than 16 MiB, where threads pay for their start-up.
   */
  workers?: number;
  /** Reads standard input when a path is "-". Default: process.stdin. */
  readStdin?: () => Promise<Uint8Array>;
  /** Told as each input starts (threads: as each is done), for a progress display. */
  onProgress?: (progress: ValidateProgress) => void;
  /**
   * Told the size of the input before it is validated: each file's (bytes, or characters of text
   * given in memory) as it is read, or all at once for files handed to worker threads.
   */
  onInput?: (size: number) => void;
}

/** How far validate() is: `done` of `total` inputs, `file` the one it is at. */
export interface ValidateProgress {
  done: number;
  total: number;
  file: string;
}

async function readStdinDefault(): Promise<Uint8Array> {
  return readInputStream(process.stdin, 'stdin');
}

/** Validates manifests against the Kubernetes schemas of one version. Never throws for bad manifests; throws ValidateError for bad options or unreadable inputs. */
export async function validate(input: ValidateInput, options: ValidateOptions = {}): Promise<Report> {
  const cwd = options.cwd ?? process.cwd();
  // Functions stay here: the session's options go to worker threads, which cannot take them.
  const { readStdin, onProgress, onInput, ...sessionOptions } = options;
  try {
    const session = await ValidationSession.create(sessionOptions);
    const perFile: ResourceResult[][] = [];
    const pending: Pending[] = [];
    const run = async (name: string, bytes: string | Uint8Array) => {
      onProgress?.({ done: perFile.length, total, file: name });
      onInput?.(bytes.length);
      const done = await session.validateFile(name, bytes, true);
      perFile.push(done.results);
      for (const item of done.pending) pending.push(item);
    };
    const paths = expandPaths(input.paths ?? [], cwd, ignoredFiles(options.ignoreFilenamePatterns));
    const total = (input.files?.length ?? 0) + paths.length;
    for (const file of input.files ?? []) await run(file.name, file.text);
    const onDisk = paths.filter((p) => p !== '-');
    const workers = await workerCount(onDisk, cwd, options.workers);
    if (workers > 1 && !paths.includes('-') && !options.rules) {
      const before = perFile.length;
      const progress = onProgress && ((done: number, file: string) => onProgress({ done: before + done, total, file }));
      onInput?.(filesBytes(onDisk, cwd));
      for (const item of await validateInWorkers(session, onDisk, workers, cwd, true, progress)) perFile.push(item);
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

