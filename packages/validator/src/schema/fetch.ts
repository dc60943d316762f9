// Loading schema documents from files and URLs, and resolving `$ref`s between them.
// Remote documents are fetched once, kept in memory for the run and cached on disk in kubeconform's
// layout (one file per URL, named by the hex SHA-256 of the URL, no extension), so a kubeconform
// cache directory works for both. A cached copy older than the cache's maximum age is downloaded
// again (URL templates often name a moving branch), and used as it is when the download fails, so
// a second run works offline. Downloads honour HTTPS_PROXY, HTTP_PROXY and NO_PROXY, as Go's
// net/http (and so kubeconform) does.

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { gunzipSync } from './gunzip.js';
import { readInputFile } from '../read/file.js';
import { overLimit, readLimits } from '../read/limits.js';
import { jsonNestingBreach, MAX_DEPTH_CEILING, UserError } from '@chartforge/core';
import type { JsonSchema, RefResolver, SchemaDocument } from './compile.js';

/** Where remote schemas are cached: $CHARTFORGE_CACHE_DIR, else $XDG_CACHE_HOME/chartforge/schemas, else ~/.cache/chartforge/schemas. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHARTFORGE_CACHE_DIR) return resolvePath(env.CHARTFORGE_CACHE_DIR);
  const base = env.XDG_CACHE_HOME ? resolvePath(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
  return join(base, 'chartforge', 'schemas');
}

export class SchemaLoadError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaLoadError';
  }
}

function isRemote(uri: string): boolean {
  return /^https?:\/\//i.test(uri);
}

function parseSchema(text: Buffer, uri: string): JsonSchema | undefined {
  try {
    const raw = uri.endsWith('.gz') ? gunzipSync(text) : text;
    const json = raw.toString('utf8');
    // Compiling a schema recurses once per level: one nested past the ceiling is no usable schema.
    if (jsonNestingBreach(json, MAX_DEPTH_CEILING)) return undefined;
    const value = JSON.parse(json) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : undefined;
  } catch {
    return undefined;
  }
}

function readLocal(file: string): JsonSchema | undefined {
  try {
    // The hardened reader: a FIFO or device named as a schema location is no schema, not a hang.
    return parseSchema(readInputFile(file), file);
  } catch {
    return undefined;
  }
}

/** How long a cached download is used before it is downloaded again: one day. */
export const DEFAULT_CACHE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/**
 * fetch() through the proxy the environment names: Node's own fetch ignores HTTPS_PROXY and
 * NO_PROXY, undici's EnvHttpProxyAgent reads them as curl and Go do. Loaded only when a proxy is set.
 */
async function request(uri: string, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<{ response: Response; close: () => void }> {
  if (!PROXY_VARIABLES.some((name) => env[name])) return { response: await fetch(uri, { signal }), close: () => undefined };
  const { EnvHttpProxyAgent, fetch: proxiedFetch } = await import('undici');
  const noProxy = env.NO_PROXY ?? env.no_proxy;
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: env.HTTP_PROXY ?? env.http_proxy,
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy,
    ...(noProxy !== undefined ? { noProxy } : {}),
  });
  try {
    const response = (await proxiedFetch(uri, { signal, dispatcher })) as unknown as Response;
    return { response, close: () => void dispatcher.close() };
  } catch (error) {
    void dispatcher.close();
    throw error;
  }
}

/** Seconds a schema download may take in all (connecting, headers and body): CHARTFORGE_HTTP_TIMEOUT, default 30. */
export function downloadTimeoutSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.CHARTFORGE_HTTP_TIMEOUT);
  return Number.isFinite(value) && value > 0 ? value : 30;
}

/**
 * The body at `uri` (undefined for HTTP 404), within the download timeout and the input byte
 * limit: a server that stalls or sends without end is an error naming the limit, never a hang or
 * gigabytes in memory.
 */
async function download(uri: string, env: NodeJS.ProcessEnv): Promise<Buffer | undefined> {
  const seconds = downloadTimeoutSeconds(env);
  const limits = readLimits();
  const failed = (reason: string) => new SchemaLoadError(`could not download ${uri}: ${reason}`);
  const signal = AbortSignal.timeout(seconds * 1000);
  const why = (error: unknown): string =>
    signal.aborted ? `no complete answer within ${seconds} s (raise it with CHARTFORGE_HTTP_TIMEOUT=SECONDS)` : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  let answer: { response: Response; close: () => void };
  try {
    answer = await request(uri, env, signal);
  } catch (error) {
    throw failed(why(error));
  }
  const { response, close } = answer;
  try {
    if (response.status === 404) {
      await response.body?.cancel().catch(() => undefined);
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw failed(`HTTP ${response.status} ${response.statusText}`);
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > limits.maxInputBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw failed(`the body is ${declared} bytes, ${overLimit('maxInputBytes', limits)}`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of response.body ?? []) {
        total += chunk.length;
        if (total > limits.maxInputBytes) {
          await response.body?.cancel().catch(() => undefined);
          throw failed(`the body is over ${limits.maxInputBytes} bytes, ${overLimit('maxInputBytes', limits)}`);
        }
        chunks.push(Buffer.from(chunk));
      }
    } catch (error) {
      if (error instanceof SchemaLoadError) throw error;
      throw failed(why(error));
    }
    return Buffer.concat(chunks, total);
  } finally {
    close();
  }
}

export interface FetcherOptions {
  /** Cached downloads older than this are downloaded again (the stale copy is kept for when that fails). */
  cacheMaxAgeMs?: number;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read. Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

export class SchemaFetcher {
  private readonly documents = new Map<string, JsonSchema | undefined>();
  private readonly cacheMaxAgeMs: number;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly cacheDir: string | undefined,
    options: FetcherOptions = {},
  ) {
    this.cacheMaxAgeMs = options.cacheMaxAgeMs ?? DEFAULT_CACHE_MAX_AGE_MS;
    this.env = options.env ?? process.env;
  }

  /**
   * The schema at `uri`, or undefined when there is none (missing file, HTTP 404, or content that
   * is not a JSON object — kubeconform moves on to the next location in all three cases).
   * Other HTTP failures are errors: a flaky registry must not silently pass manifests.
   */
  async load(uri: string): Promise<JsonSchema | undefined> {
    if (this.documents.has(uri)) return this.documents.get(uri);
    const schema = isRemote(uri) ? await this.loadRemote(uri) : readLocal(uri);
    this.documents.set(uri, schema);
    return schema;
  }

  private async cachePath(uri: string): Promise<string | undefined> {
    if (!this.cacheDir) return undefined;
    // Loaded here, not at start: node:crypto costs a run that downloads nothing ~15 ms.
    const { createHash } = await import('node:crypto');
    return join(this.cacheDir, createHash('sha256').update(uri).digest('hex'));
  }

  private async loadRemote(uri: string): Promise<JsonSchema | undefined> {
    const cached = await this.cachePath(uri);
    let stale: JsonSchema | undefined;
    if (cached) {
      try {
        const schema = parseSchema(readFileSync(cached), uri);
        if (schema && Date.now() - statSync(cached).mtimeMs <= this.cacheMaxAgeMs) return schema;
        stale = schema;
      } catch {
        // Not cached yet.
      }
    }
    let body: Buffer | undefined;
    try {
      body = await download(uri, this.env);
    } catch (error) {
      // A download that fails falls back to the copy cached earlier, as kubeconform's cache does.
      if (stale) return stale;
      throw error;
    }
    if (body === undefined) return undefined;
    const schema = parseSchema(body, uri);
    if (schema && cached) {
      // Write then rename, so a concurrent run never reads half a file.
      mkdirSync(dirname(cached), { recursive: true });
      const temporary = `${cached}.${process.pid}.tmp`;
      writeFileSync(temporary, body);
      renameSync(temporary, cached);
    }
    return schema;
  }

  /** Loads every document that `document` references, transitively, so resolution can be synchronous. */
  async prefetchRefs(document: SchemaDocument): Promise<void> {
    const seen = new Set<string>([document.uri]);
    const queue: SchemaDocument[] = [document];
    while (queue.length > 0) {
      const current = queue.shift()!;
      for (const ref of collectRefs(current.root)) {
        const target = refTarget(ref, current.uri);
        if (seen.has(target)) continue;
        seen.add(target);
        const root = await this.load(target);
        if (root) queue.push({ uri: target, root });
      }
    }
  }

  readonly resolve: RefResolver = (ref, base) => {
    const uri = refTarget(ref, base.uri);
    const root = uri === base.uri ? base.root : this.loaded(uri);
    if (!root) return undefined;
    const hash = ref.indexOf('#');
    const pointer = hash === -1 ? '' : ref.slice(hash + 1);
    const schema = resolvePointer(root, pointer);
    return schema ? { schema, document: { uri, root } } : undefined;
  };

  /** A document already loaded, or a local file loaded now. */
  private loaded(uri: string): JsonSchema | undefined {
    if (this.documents.has(uri)) return this.documents.get(uri);
    if (isRemote(uri)) return undefined;
    const schema = readLocal(uri);
    this.documents.set(uri, schema);
    return schema;
  }
}

/** The document URI a `$ref` points into, relative to the document it appears in. */
export function refTarget(ref: string, baseUri: string): string {
  const hash = ref.indexOf('#');
  const target = hash === -1 ? ref : ref.slice(0, hash);
  if (target === '') return baseUri;
  if (isRemote(baseUri) || isRemote(target)) return new URL(target, baseUri).href;
  return resolvePath(dirname(baseUri), target);
}

function collectRefs(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) collectRefs(item, out);
  else if (schema !== null && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) out.add(value);
      else collectRefs(value, out);
    }
  }
  return out;
}

export function resolvePointer(root: JsonSchema, pointer: string): JsonSchema | undefined {
  if (pointer === '' || pointer === '/') return root;
  let node: unknown = root;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node !== null && typeof node === 'object' ? (node as JsonSchema) : undefined;
}
