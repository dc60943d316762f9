// The limits every command reads its input under: bytes, documents, YAML aliases and what they
// expand to, nesting depth and keys per map. Each has a default sized far above any real chart,
// spec or manifest stream and far below what exhausts memory or time, and an environment variable
// that raises it (the same for every command, so a CI job sets it once).

import { MAX_DEPTH_CEILING } from '@chartforge/core';
import { DEFAULT_LIMITS } from '../yaml/documents.js';

export interface ReadLimits {
  /** Largest input file (or standard input) read, in bytes; checked before anything is decoded. */
  maxInputBytes: number;
  /** Most YAML documents in one input. */
  maxDocuments: number;
  /** Most alias nodes (`*name`) in one document. */
  maxAliases: number;
  /** Most nodes a document may have once its aliases are expanded (YAML bombs). */
  maxExpandedNodes: number;
  /** Deepest nesting of maps and sequences. */
  maxDepth: number;
  /** Most keys in one map. */
  maxKeys: number;
}

/** Each limit with its default and the environment variable that sets it. */
export const READ_LIMITS: ReadonlyArray<{ name: keyof ReadLimits; env: string; default: number; what: string; max?: number }> = [
  { name: 'maxInputBytes', env: 'CHARTFORGE_MAX_INPUT_BYTES', default: 64 * 1024 * 1024, what: 'bytes in one input file' },
  { name: 'maxDocuments', env: 'CHARTFORGE_MAX_DOCUMENTS', default: DEFAULT_LIMITS.maxDocuments, what: 'YAML documents in one input' },
  { name: 'maxAliases', env: 'CHARTFORGE_MAX_YAML_ALIASES', default: 10_000, what: 'YAML aliases in one document' },
  { name: 'maxExpandedNodes', env: 'CHARTFORGE_MAX_YAML_NODES', default: 1_000_000, what: 'YAML nodes in one document with its aliases expanded' },
  { name: 'maxDepth', env: 'CHARTFORGE_MAX_YAML_DEPTH', default: DEFAULT_LIMITS.maxDepth, what: 'levels of nesting', max: MAX_DEPTH_CEILING },
  { name: 'maxKeys', env: 'CHARTFORGE_MAX_YAML_KEYS', default: 100_000, what: 'keys in one map' },
];

/** The limits in force: each default, or the positive integer its environment variable holds (at most the limit's ceiling). */
export function readLimits(env: NodeJS.ProcessEnv = process.env): ReadLimits {
  const limits = {} as ReadLimits;
  for (const limit of READ_LIMITS) {
    const raw = env[limit.env];
    const value = raw === undefined || raw === '' ? limit.default : Number(raw);
    limits[limit.name] = Number.isSafeInteger(value) && value > 0 ? Math.min(value, limit.max ?? value) : limit.default;
  }
  return limits;
}

/** "more than the limit of 64 MiB (raise it with CHARTFORGE_MAX_INPUT_BYTES)". */
export function overLimit(name: keyof ReadLimits, limits: ReadLimits): string {
  const limit = READ_LIMITS.find((l) => l.name === name)!;
  return `more than the limit of ${limits[name]} ${limit.what} (raise it with ${limit.env}=N)`;
}
