// Worker threads for large inputs: files are handed out a few at a time to whichever thread is
// free, and their results are put back in input order. YAML parsing is most of the work and is
// CPU-bound, so threads scale it with the cores; small inputs stay in one thread, where a
// worker's start-up (loading modules and schemas) would cost more than it saves.

import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { ResourceResult } from './types.js';
import { readInputFile, readResources } from './resource/read.js';
import { isCustomResourceDefinition } from './schema/crds.js';
import type { SessionOptions, ValidationSession } from './validator.js';

const WORKER_THRESHOLD_BYTES = 16 * 1024 * 1024;
const MAX_WORKERS = 4;
const BATCH = 4;

export interface WorkerSetup {
  options: SessionOptions;
  /** CustomResourceDefinitions found in the input, so every thread knows every custom kind. */
  crds: Array<{ object: Record<string, unknown>; origin: string }>;
}

export type WorkerRequest = Array<{ index: number; path: string }>;
export type WorkerReply = { type: 'file'; index: number; results: ResourceResult[] } | { type: 'ready' } | { type: 'error'; message: string };

export async function workerCount(files: readonly string[], cwd: string, requested: number | undefined): Promise<number> {
  if (requested !== undefined) return Math.max(0, Math.floor(requested));
  const cpus = availableParallelism();
  if (cpus < 2 || files.length < 2) return 0;
  return filesBytes(files, cwd, WORKER_THRESHOLD_BYTES) > WORKER_THRESHOLD_BYTES ? Math.min(cpus, MAX_WORKERS) : 0;
}

/** The size of `files` on disk, counted until it passes `limit`; a file that cannot be read counts 0 (it is reported when read). */
export function filesBytes(files: readonly string[], cwd: string, limit = Infinity): number {
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += statSync(isAbsolute(file) ? file : resolvePath(cwd, file)).size;
    } catch {
      // Reported when the file is read.
    }
    if (bytes > limit) break;
  }
  return bytes;
}

const CRD_MARKER = /^kind:\s*["']?CustomResourceDefinition\b/m;

/** CRDs anywhere in the input, registered here and handed to every worker before validation starts. */
function collectCrds(session: ValidationSession, files: readonly string[], cwd: string): WorkerSetup['crds'] {
  const crds: WorkerSetup['crds'] = [];
  for (const file of files) {
    let text: string;
    try {
      text = Buffer.from(readInputFile(file, cwd)).toString('utf8');
    } catch {
      // Reported when the file is read for validation.
      continue;
    }
    if (!CRD_MARKER.test(text)) continue;
    for (const { resource } of readResources(file, text, session.limits, [])) {
      if (resource && isCustomResourceDefinition(resource.object)) {
        const object = resource.object as Record<string, unknown>;
        session.registry.crds.add(object, file);
        crds.push({ object, origin: file });
      }
    }
  }
  return crds;
}

function workerUrl(): URL {
  // Tests run this module from src/ (TypeScript); the worker always runs the built dist/worker.js.
  return new URL(import.meta.url.endsWith('.ts') ? '../dist/worker.js' : './worker.js', import.meta.url);
}

/**
 * Validates files in this thread and `count - 1` workers, all taking files from one queue: this
 * thread starts at once while the workers load, so threads never cost more than they bring.
 * `thisThreadToo: false` leaves every file to the workers (`count - 1` of them).
 */
export async function validateInWorkers(
  session: ValidationSession,
  files: readonly string[],
  count: number,
  cwd: string,
  thisThreadToo = true,
  onFileDone?: (done: number, file: string) => void,
): Promise<ResourceResult[][]> {
  // Imported here, not at the top: node:worker_threads (with Node's worker internals) is not loaded
  // at start-up, and only inputs past WORKER_THRESHOLD_BYTES get this far.
  const { Worker } = await import('node:worker_threads');
  const setup: WorkerSetup = { options: { ...session.options, cwd }, crds: collectCrds(session, files, cwd) };
  const results: ResourceResult[][] = new Array(files.length);
  let next = 0;
  let finished = 0;
  const fileDone = (index: number) => onFileDone?.(++finished, files[index]!);
  const workers: Worker[] = [];
  let failure: Error | undefined;
  const workersDone = Array.from({ length: Math.min(count - 1, files.length - 1) }, () => {
    const worker = new Worker(workerUrl(), { workerData: setup });
    workers.push(worker);
    return new Promise<void>((resolve) => {
      const stop = (error?: Error) => {
        failure ??= error;
        void worker.terminate();
        resolve();
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'file') {
          results[reply.index] = reply.results;
          fileDone(reply.index);
        }
        else if (reply.type === 'error') stop(new Error(reply.message));
        else if (next >= files.length || failure) stop();
        else {
          const batch: WorkerRequest = [];
          while (batch.length < BATCH && next < files.length) batch.push({ index: next, path: files[next++]! });
          worker.postMessage(batch);
        }
      });
      worker.on('error', stop);
    });
  });
  try {
    while (thisThreadToo && next < files.length && !failure) {
      // Let the workers' messages in: they ask for their next files between this thread's files.
      await new Promise((resolve) => setImmediate(resolve));
      if (next >= files.length) break;
      const index = next++;
      const path = files[index]!;
      results[index] = (await session.validateFile(path, readInputFile(path, cwd), false)).results;
      fileDone(index);
    }
  } catch (error) {
    failure ??= error as Error;
  }
  await Promise.all(workersDone);
  for (const worker of workers) void worker.terminate();
  if (failure) throw failure;
  return results;
}
