// Multi-document YAML (and JSON) with source positions.
//
// A stream is first cut into documents at `---` / `...` marker lines (the way kubectl and
// kubeconform split, and what makes a per-document size cap and streaming possible), then each
// document is parsed on its own. Kubernetes reads manifests as YAML 1.1 (sigs.k8s.io/yaml over
// go-yaml v2): `yes`/`on` are booleans and `0755` is octal, so that is the schema used here —
// minus timestamps and sexagesimal numbers, which go-yaml leaves as strings.

import { createRequire } from 'node:module';
import { composeYamlWithinNesting, DEFAULT_MAX_DEPTH, positionAt } from '@chartforge/core';
import type { Document, DocumentOptions, Node, ParseOptions, ScalarTag, SchemaOptions, ToJSOptions } from 'yaml';
import type { JsonPath, SourcePosition } from '../types.js';
import { blockYamlLocator, parseBlockYaml } from './block.js';
import { parseFast } from './fast.js';

export interface YamlLimits {
  /** Largest document accepted, in bytes of UTF-8 text. */
  maxDocumentBytes: number;
  /** Deepest nesting of maps and sequences accepted. */
  maxDepth: number;
  /** Most alias expansions a document may make (YAML bombs). */
  maxAliasCount: number;
  /** Most documents in one stream (millions of empty `---` exhaust the heap). */
  maxDocuments: number;
}

export const DEFAULT_LIMITS: YamlLimits = {
  // The API server rejects request bodies over 3 MiB; anything far past that is not a manifest.
  maxDocumentBytes: 16 * 1024 * 1024,
  maxDepth: DEFAULT_MAX_DEPTH,
  maxAliasCount: 100,
  maxDocuments: 100_000,
};

export interface YamlProblem {
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
  /** `yaml` error code (DUPLICATE_KEY, TAB_AS_INDENT, BAD_DQ_ESCAPE, …) or one of ours. */
  code: string;
}

export interface ParsedDocument {
  /** 0-based index of the document in its file. */
  index: number;
  /** 1-based line where the document's content (or its marker) starts. */
  line: number;
  column: number;
  /** The document as JSON data; undefined when the document is empty (or unreadable). */
  value: unknown;
  empty: boolean;
  /** From helm's `# Source: chart/templates/x.yaml` comment. */
  template?: string;
  problems: YamlProblem[];
  /** Position of the value at `path` (or of its nearest existing ancestor). */
  locate(path: JsonPath): SourcePosition;
  /** Position of the key of the map entry at `path` (the value's position for list items). */
  locateKey(path: JsonPath): SourcePosition;
}

const MARKER = /^(---|\.\.\.)(?=[ \t\r]|$)/;
const SOURCE_COMMENT = /^#\s*Source:\s*(.+?)\s*$/;

interface Chunk {
  /** Offset of the chunk in the text and its 1-based first line. */
  start: number;
  end: number;
  line: number;
  /** Chunk opened with an explicit `---` (an implicit first document may be only comments). */
  explicit: boolean;
}

/**
 * Cuts a stream at document markers. Text after `...` up to the next `---` belongs to no document.
 * Stops once past `maxChunks`: what follows is not read.
 */
function splitDocuments(text: string, maxChunks: number): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk | undefined = { start: 0, end: text.length, line: 1, explicit: false };
  let offset = 0;
  let line = 1;
  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 ? text.length : newline;
    if ((text.charCodeAt(offset) === 45 || text.charCodeAt(offset) === 46) && MARKER.test(text.slice(offset, Math.min(lineEnd, offset + 4)))) {
      if (current) {
        current.end = offset;
        chunks.push(current);
        // One spare: the first chunk may be blank and dropped below.
        if (chunks.length > maxChunks + 1) return chunks.filter((chunk) => chunk.explicit || !isBlank(text.slice(chunk.start, chunk.end)));
      }
      current = text.startsWith('---', offset) ? { start: offset, end: text.length, line, explicit: true } : undefined;
    }
    if (newline === -1) break;
    offset = newline + 1;
    line++;
  }
  if (current) {
    current.end = text.length;
    chunks.push(current);
  }
  return chunks.filter((chunk) => chunk.explicit || !isBlank(text.slice(chunk.start, chunk.end)));
}

/** Nothing but whitespace, comments and directives. */
function isBlank(text: string): boolean {
  return text.split('\n').every((l) => /^\s*(#.*)?$/.test(l) || l.startsWith('%'));
}

// `yaml` is loaded on first use: most runs never need it (see fast.ts), and loading its many
// CommonJS modules is a good part of a cold start.
let yamlModule: typeof import('yaml') | undefined;
function yamlLib(): typeof import('yaml') {
  return (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
}

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  prettyErrors: false,
  uniqueKeys: true,
  keepSourceTokens: false,
  customTags: (tags) =>
    tags
      .filter((t) => typeof t !== 'object' || (t.tag !== 'tag:yaml.org,2002:timestamp' && !('format' in t && t.format === 'TIME')))
      .map((t) => (typeof t === 'object' && 'test' in t && t.tag === 'tag:yaml.org,2002:float' && t.test && !/inf|nan/i.test(t.test.source) ? goYamlFloat(t) : t)),
};

// The `yaml` package's YAML 1.1 floats accept a mantissa without digits, reading `e0` and `.` as
// NaN, and overflow to Infinity; go-yaml (and so the API server) needs a digit before or after
// the point and reads both of those as strings. The special values (.inf, .nan) keep their tag.
function goYamlFloat(tag: ScalarTag): ScalarTag {
  const test = new RegExp(`(?=^[-+]?(?:[0-9]|\\.[0-9]))(?:${tag.test!.source})`, tag.test!.flags);
  const resolve: ScalarTag['resolve'] = (source, onError, options) => {
    const value = tag.resolve(source, onError, options);
    return typeof value === 'number' && !Number.isFinite(value) ? source : value;
  };
  return { ...tag, test, resolve };
}

type Locator = Pick<FullParse, 'locate'>;

// The positions of the document located last, and no other. Positions are asked for in runs — a
// document's schema findings as it is checked, then its lint findings (the engine locates them
// resource by resource) — so one entry serves them all, and a run that keeps every document for
// the lint rules does not keep every document's positions too.
let lastLocated: { chunk: Chunk; locator: Locator } | undefined;

/** Parses every document of a file. Never throws: problems become YamlProblems with positions. */
/**
 * How a key repeated in one mapping is judged: an `error` (the API server's strict field
 * validation, kubeconform -strict), or a `warning` with the last value used (kubeconform without
 * -strict, and go-yaml's non-strict decoding).
 */
export type DuplicateKeys = 'error' | 'warning';

export function parseDocuments(text: string, limits: YamlLimits = DEFAULT_LIMITS, duplicateKeys: DuplicateKeys = 'error'): ParsedDocument[] {
  const chunks = splitDocuments(text, limits.maxDocuments);
  const parse = (chunk: Chunk, index: number) => parseChunk(text, chunk, index, limits, duplicateKeys);
  if (chunks.length <= limits.maxDocuments) return chunks.map(parse);
  // Past the limit: one error where it was crossed.
  const kept = chunks.slice(0, limits.maxDocuments).map(parse);
  const over = chunks[limits.maxDocuments]!;
  const at = (): SourcePosition => ({ line: over.line, column: 1 });
  const message = `more than the limit of ${limits.maxDocuments} YAML documents in one input (raise it with CHARTFORGE_MAX_DOCUMENTS=N)`;
  kept.push({ index: limits.maxDocuments, ...at(), value: undefined, empty: false, problems: [{ ...at(), code: 'DOCUMENT_LIMIT', severity: 'error', message }], locate: at, locateKey: at });
  return kept;
}

function parseChunk(text: string, chunk: Chunk, index: number, limits: YamlLimits, duplicateKeys: DuplicateKeys): ParsedDocument {
  const source = text.slice(chunk.start, chunk.end);
  const lead = leadingLines(source, chunk);
  const template = lead.template;
  const base = { index, ...(template !== undefined ? { template } : {}) };
  const whole = (): SourcePosition => ({ line: chunk.line, column: 1 });
  const bytes = source.length > limits.maxDocumentBytes / 4 ? Buffer.byteLength(source, 'utf8') : source.length;
  if (bytes > limits.maxDocumentBytes) {
    return {
      ...base,
      ...whole(),
      value: undefined,
      empty: false,
      problems: [{ ...whole(), code: 'DOCUMENT_TOO_LARGE', severity: 'error', message: `document is ${bytes} bytes, more than the limit of ${limits.maxDocumentBytes} bytes` }],
      locate: whole,
      locateKey: whole,
    };
  }
  const block = parseBlockYaml(source);
  const fast = block ?? parseFast(source, limits.maxDepth);
  if ('value' in fast) {
    // Positions come from a second parse, made only if something asks for one: the block parser's
    // when the document is in its subset, else `yaml`'s.
    const positions = (): Locator => {
      if (lastLocated?.chunk === chunk) return lastLocated.locator;
      const blockPositions = block && blockYamlLocator(source);
      const locator: Locator = blockPositions ? { locate: (path, key) => shift(blockPositions.locate(path, key), chunk) } : parseFull(source, chunk, limits, duplicateKeys);
      lastLocated = { chunk, locator };
      return locator;
    };
    const value = fast.value;
    const empty = value === null || value === undefined;
    const start = empty ? whole() : lead.content;
    // Built field by field: this runs once per document, and spreading costs more than the rest of it.
    const parsed: ParsedDocument = {
      index,
      line: start.line,
      column: start.column,
      value: empty ? undefined : value,
      empty,
      problems: [],
      locate: (path) => positions().locate(path, false),
      locateKey: (path) => positions().locate(path, true),
    };
    if (template !== undefined) parsed.template = template;
    return parsed;
  }
  const full = parseFull(source, chunk, limits, duplicateKeys);
  const start = full.start;
  return {
    ...base,
    line: start.line,
    column: start.column,
    value: full.value,
    empty: full.problems.length === 0 && (full.value === null || full.value === undefined),
    problems: full.problems,
    locate: (path) => full.locate(path, false),
    locateKey: (path) => full.locate(path, true),
  };
}

/** A position in a document's source as a position in its file. */
function shift(position: SourcePosition, chunk: Chunk): SourcePosition {
  return { line: position.line + chunk.line - 1, column: position.column };
}

/**
 * Reads the lines before the document's content: where the content starts (the first line that
 * is not blank, a comment, a directive or the `---` marker), and helm's `# Source:` comment.
 */
function leadingLines(source: string, chunk: Chunk): { content: SourcePosition; template?: string } {
  let template: string | undefined;
  let offset = 0;
  let line = chunk.line;
  while (offset < source.length) {
    const newline = source.indexOf('\n', offset);
    const end = newline === -1 ? source.length : newline;
    let text = source.slice(offset, source.charCodeAt(end - 1) === 13 ? end - 1 : end);
    let column = 1;
    const marker = /^---[ \t]*/.exec(text);
    if (marker && offset === 0) {
      column += marker[0].length;
      text = text.slice(marker[0].length);
    }
    const indent = /^[ \t]*/.exec(text)![0].length;
    if (text[indent] === '#') template ??= SOURCE_COMMENT.exec(text.slice(indent))?.[1];
    else if (text.length > indent && !(offset === 0 && text.startsWith('%'))) return { content: { line, column: column + indent }, ...(template !== undefined ? { template } : {}) };
    if (newline === -1) break;
    offset = newline + 1;
    line++;
  }
  return { content: { line: chunk.line, column: 1 }, ...(template !== undefined ? { template } : {}) };
}

/** Positions as the `yaml` package gives them, for a whole text of one document (what the block parser's positions are held to). */
export function yamlPositions(source: string): Pick<FullParse, 'locate'> {
  return parseFull(source, { start: 0, end: source.length, line: 1, explicit: false }, DEFAULT_LIMITS);
}

interface FullParse {
  value: unknown;
  problems: YamlProblem[];
  start: SourcePosition;
  locate(path: JsonPath, key: boolean): SourcePosition;
}

/** The `yaml` parse: positions for every node, and precise errors. */
function parseFull(source: string, chunk: Chunk, limits: YamlLimits, duplicateKeys: DuplicateKeys = 'error'): FullParse {
  const whole = (): SourcePosition => ({ line: chunk.line, column: 1 });
  const yaml = yamlLib();
  const lineCounter = new yaml.LineCounter();
  const at = (offset: number): SourcePosition => {
    // An error at the end of the document ("expected ]") belongs on its last line, not on the next `---`.
    const pos = lineCounter.linePos(offset >= source.length && source.endsWith('\n') ? source.length - 1 : offset);
    return { line: pos.line + chunk.line - 1, column: pos.col };
  };
  const problems: YamlProblem[] = [];
  let document: Document.Parsed | undefined;
  const composed = composeYamlWithinNesting<Document.Parsed>(yaml, source, { yamlOptions: YAML_OPTIONS, maxDepth: limits.maxDepth, onNewLine: lineCounter.addNewLine, oneDocument: true });
  if ('breach' in composed) {
    problems.push({ ...shift(positionAt(source, composed.breach.offset), chunk), code: 'NESTING_TOO_DEEP', severity: 'error', message: `document nests deeper than the limit of ${composed.breach.limit} levels` });
  } else {
    // A chunk is cut at every document marker, so it composes to one document.
    document = composed.documents[0];
  }
  for (const error of document?.errors ?? []) {
    if (error.code === 'DUPLICATE_KEY' && duplicateKeys === 'warning') problems.push({ ...at(error.pos[0]), code: error.code, severity: 'warning', message: `${cleanMessage(error.message)}: the last value is used` });
    else problems.push({ ...at(error.pos[0]), code: error.code, severity: 'error', message: cleanMessage(error.message) });
  }
  for (const warning of document?.warnings ?? []) problems.push({ ...at(warning.pos[0]), code: warning.code, severity: 'warning', message: cleanMessage(warning.message) });

  const contents = document?.contents ?? null;
  const start = contents?.range ? at(contents.range[0]) : whole();
  let value: unknown;
  if (document && contents && !problems.some((p) => p.severity === 'error')) {
    const depth = depthOf(contents, limits.maxDepth);
    if (depth > limits.maxDepth) {
      problems.push({ ...start, code: 'NESTING_TOO_DEEP', severity: 'error', message: `document nests deeper than the limit of ${limits.maxDepth} levels` });
    } else {
      try {
        value = document.toJS({ maxAliasCount: limits.maxAliasCount } satisfies ToJSOptions);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const alias = /alias/i.test(message);
        problems.push({ ...start, code: alias ? 'ALIAS_LIMIT' : 'YAML_ERROR', severity: 'error', message: alias ? `too many alias expansions (limit ${limits.maxAliasCount}): refusing a possible YAML bomb` : message });
      }
    }
  }
  return {
    value,
    problems,
    start,
    locate: (path, key) => {
      const offset = contents ? offsetOf(contents, path, key) : undefined;
      return offset === undefined ? whole() : at(offset);
    },
  };
}

/** `yaml` messages end with a position suffix ("at line 3, column 1"); ours is in the finding. */
function cleanMessage(message: string): string {
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/** Nesting depth of the node tree, stopping once past `limit`. Aliases count as leaves. */
function depthOf(node: unknown, limit: number): number {
  const { isMap, isSeq } = yamlLib();
  let max = 0;
  const stack: Array<[unknown, number]> = [[node, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > limit) return max;
    if (isMap(current)) for (const pair of current.items) stack.push([pair.value, depth + 1]);
    else if (isSeq(current)) for (const item of current.items) stack.push([item, depth + 1]);
  }
  return max;
}

/** Source offset of the node at `path`, or of the deepest ancestor that exists. */
function offsetOf(root: Node, path: JsonPath, key: boolean): number | undefined {
  const { isMap, isScalar, isSeq } = yamlLib();
  let node: unknown = root;
  let offset = root.range?.[0];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) === String(segment) : false));
      if (!pair) return offset;
      const keyNode = pair.key as Node;
      if (last && key) return keyNode.range?.[0] ?? offset;
      const valueNode = pair.value as Node | null;
      // A key with no value (`env:`): point at the key.
      offset = valueNode?.range ? valueNode.range[0] : (keyNode.range?.[0] ?? offset);
      node = valueNode;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}
