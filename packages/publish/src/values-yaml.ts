// Reads a values file the way Helm does and keeps where every value was written.
//
// Helm parses values with sigs.k8s.io/yaml on top of go-yaml v2, i.e. YAML 1.1 scalars:
// `yes`/`no`/`on`/`off`/`y`/`n` are booleans, `0777` is octal, `0x1F` hex, `1_000` is 1000, merge
// keys (`<<`) work, while sexagesimal numbers (`1:30`) and timestamps stay strings. Duplicate keys
// are accepted (the last one wins). A file whose top level is not a map is an error. A file with
// several documents: Helm 4 merges them in order, Helm 3 reads only the first.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Document,
  type Node as YamlNode,
  type ParsedNode,
  type Tags,
} from 'yaml';
import { InputFileError, parseYamlWithinLimits } from '@chartforge/validator/read';
import type { TextPosition } from '@chartforge/core';
import type { CheckFinding, CheckRule } from './findings.js';

export const VALUES_YAML_RULE: CheckRule = {
  id: 'values-yaml',
  summary: 'Values file is YAML that Helm reads as written',
  description: 'A values file must parse as one YAML map that Helm reads as written: no syntax errors, unknown aliases, duplicate or YAML 1.1 boolean keys, or numbers JSON cannot hold.',
};

/** Where a value sits: the file and the 1-based position of the value (and of its key, if any). */
export interface Origin extends TextPosition {
  file: string;
}

/** A value as Helm sees it, with the position of every part of it. */
export type Tracked = TrackedMap | TrackedList | TrackedScalar;

interface TrackedBase {
  at: Origin;
  /** Position of the key this value is stored under, when it is a map entry. */
  keyAt?: Origin;
}

export interface TrackedMap extends TrackedBase {
  kind: 'map';
  entries: Map<string, Tracked>;
  /** Keys whose chart default a user's `null` removed, with the position of that null. */
  removed?: Map<string, Origin>;
}

export interface TrackedList extends TrackedBase {
  kind: 'list';
  items: Tracked[];
}

export interface TrackedScalar extends TrackedBase {
  kind: 'scalar';
  value: string | number | boolean | null;
}

export interface ParsedValues {
  /** The file's top-level map (an empty map for an empty file). */
  root: TrackedMap;
  findings: CheckFinding[];
}

/** Past this many values a file is treated as an alias bomb rather than expanded. */
const MAX_VALUE_NODES = 100_000;

/** go-yaml v2 leaves sexagesimal numbers and timestamps as strings; drop those YAML 1.1 tags. */
function helmScalarTags(tags: Tags): Tags {
  return tags.filter((tag) => typeof tag === 'string' || (tag.format !== 'TIME' && tag.tag !== 'tag:yaml.org,2002:timestamp'));
}

class ValuesReader {
  private readonly lines = new LineCounter();
  private nodes = 0;
  /** Alias.resolve searches the whole document; an alias bomb resolves the same alias many times. */
  private readonly aliases = new Map<object, YamlNode>();
  readonly findings: CheckFinding[] = [];

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  read(): TrackedMap {
    let root: TrackedMap = { kind: 'map', entries: new Map(), at: this.origin(0) };
    let list: Document.Parsed[];
    try {
      list = parseYamlWithinLimits(this.text, this.file, { version: '1.1', customTags: helmScalarTags, uniqueKeys: false, lineCounter: this.lines, prettyErrors: false }).documents as Document.Parsed[];
    } catch (error) {
      if (!(error instanceof InputFileError)) throw error;
      this.error({ file: this.file, line: error.line, column: error.column }, error.problem);
      return root;
    }
    let contentDocuments = 0;
    for (const document of list) {
      if (!this.reportErrors(document)) return root;
      const contents = document.contents;
      if (contents === null || (isScalar(contents) && contents.value === null)) continue;
      contentDocuments++;
      const value = this.convert(document, contents as ParsedNode);
      if (value === undefined) return root;
      if (value.kind !== 'map') {
        this.error(value.at, `a values file must be a map of keys to values, found ${describe(value)}`);
        return root;
      }
      root = contentDocuments === 1 ? value : mergeUserValues(root, value);
    }
    if (contentDocuments > 1) {
      this.finding(this.origin(0), 'warning', 'this values file has several YAML documents: Helm 4 merges them in order, Helm 3 reads only the first');
    }
    return root;
  }

  private reportErrors(document: Document.Parsed): boolean {
    for (const error of document.errors) {
      const offset = error.pos[0];
      this.error(this.origin(offset), `invalid YAML: ${firstLine(error.message)}`);
    }
    return document.errors.length === 0;
  }

  private origin(offset: number): Origin {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  private finding(at: Origin, severity: CheckFinding['severity'], message: string): void {
    this.findings.push({ file: at.file, line: at.line, column: at.column, severity, rule: VALUES_YAML_RULE.id, message });
  }

  private error(at: Origin, message: string): void {
    this.finding(at, 'error', message);
  }

  /** Converts a YAML node; undefined after an error has been reported. */
  private convert(document: Document.Parsed, node: YamlNode | null, depth = 0): Tracked | undefined {
    if (++this.nodes > MAX_VALUE_NODES) {
      if (this.nodes === MAX_VALUE_NODES + 1) {
        this.error(this.origin(0), `more than ${MAX_VALUE_NODES} values after expanding aliases: refusing to expand further`);
      }
      return undefined;
    }
    if (node === null) return { kind: 'scalar', value: null, at: this.origin(0) };
    const at = this.origin(node.range?.[0] ?? 0);
    if (isAlias(node)) {
      let target = this.aliases.get(node);
      if (target === undefined) {
        target = node.resolve(document);
        if (target) this.aliases.set(node, target);
      }
      if (!target) {
        this.error(at, `unknown alias *${node.source}`);
        return undefined;
      }
      const resolved = this.convert(document, target, depth + 1);
      return resolved && { ...resolved, at };
    }
    if (isMap(node)) return this.convertMap(document, node.items, at, depth);
    if (isSeq(node)) {
      const items: Tracked[] = [];
      for (const item of node.items) {
        const value = this.convert(document, item as YamlNode | null, depth + 1);
        if (value === undefined) return undefined;
        items.push(value);
      }
      return { kind: 'list', items, at };
    }
    if (isScalar(node)) return this.convertScalar(node.value, node.source, at);
    this.error(at, 'unsupported YAML node');
    return undefined;
  }

  private convertScalar(value: unknown, source: string | undefined, at: Origin): TrackedScalar | undefined {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      this.error(at, `${source ?? String(value)} is not a number JSON can hold, and Helm converts values to JSON`);
      return undefined;
    }
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return { kind: 'scalar', value, at };
    }
    if (typeof value === 'bigint') return { kind: 'scalar', value: Number(value), at };
    if (value instanceof Uint8Array) return { kind: 'scalar', value: Buffer.from(value).toString('utf8'), at };
    return { kind: 'scalar', value: source ?? String(value), at };
  }

  private convertMap(document: Document.Parsed, pairs: readonly unknown[], at: Origin, depth: number): TrackedMap | undefined {
    const entries = new Map<string, Tracked>();
    const merged: TrackedMap[] = [];
    for (const pair of pairs) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const keyAt = this.origin(keyNode?.range?.[0] ?? 0);
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        const sources = this.mergeSources(document, pair.value as YamlNode | null, depth);
        if (sources === undefined) return undefined;
        for (const item of sources) merged.push(item);
        continue;
      }
      const key = this.keyText(document, keyNode);
      const value = this.convert(document, pair.value as YamlNode | null, depth + 1);
      if (value === undefined) return undefined;
      if (pair.value === null) value.at = keyAt;
      if (entries.has(key)) {
        this.finding(keyAt, 'warning', `duplicate key "${key}": Helm keeps only this last one`);
        entries.delete(key);
      }
      entries.set(key, { ...value, keyAt });
    }
    // Merge keys never override keys written in the map itself; earlier sources win over later ones.
    for (const source of merged) {
      for (const [key, value] of source.entries) if (!entries.has(key)) entries.set(key, value);
    }
    return { kind: 'map', entries, at };
  }

  private mergeSources(document: Document.Parsed, node: YamlNode | null, depth: number): TrackedMap[] | undefined {
    const nodes = isSeq(node) ? (node.items as YamlNode[]) : [node];
    const sources: TrackedMap[] = [];
    for (const item of nodes) {
      const value = this.convert(document, item, depth + 1);
      if (value === undefined) return undefined;
      if (value.kind !== 'map') {
        this.error(value.at, 'a merge key (<<) needs a map or a list of maps');
        return undefined;
      }
      sources.push(value);
    }
    return sources;
  }

  /** Helm turns every map key into a string (`1: a` and `true: a` become "1" and "true"). */
  private keyText(document: Document.Parsed, keyNode: YamlNode | null): string {
    if (keyNode === null) return 'null';
    if (isScalar(keyNode)) {
      const value = keyNode.value;
      if (value === null) return 'null';
      if (typeof value === 'boolean' && !/^(true|false)$/i.test(keyNode.source ?? '')) {
        const at = this.origin(keyNode.range?.[0] ?? 0);
        this.finding(at, 'warning', `key "${keyNode.source}" is a YAML 1.1 boolean to Helm and becomes "${String(value)}": quote it ("${keyNode.source}":) to keep the name`);
      }
      return typeof value === 'string' ? value : String(value);
    }
    const resolved = isAlias(keyNode) ? keyNode.resolve(document) : keyNode;
    return resolved ? String(resolved.toJSON()) : 'null';
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

export function describe(value: Tracked): string {
  if (value.kind === 'map') return 'a map';
  if (value.kind === 'list') return 'a list';
  if (value.value === null) return 'null';
  return `${typeof value.value === 'string' ? 'the string' : `the ${typeof value.value}`} ${JSON.stringify(value.value)}`;
}

/** Parses one values file. Syntax errors and a non-map top level come back as findings. */
export function parseValues(file: string, text: string): ParsedValues {
  const reader = new ValuesReader(file, text.startsWith('\uFEFF') ? text.slice(1) : text);
  const root = reader.read();
  return { root, findings: reader.findings };
}

/**
 * Helm's merge of several `-f` files (pkg/cli/values mergeMaps): maps merge key by key, anything
 * else — lists, scalars, null — replaces what came before.
 */
export function mergeUserValues(base: TrackedMap, override: TrackedMap): TrackedMap {
  const entries = new Map(base.entries);
  for (const [key, value] of override.entries) {
    const previous = entries.get(key);
    entries.set(key, value.kind === 'map' && previous?.kind === 'map' ? { ...mergeUserValues(previous, value), keyAt: value.keyAt } : value);
  }
  return { kind: 'map', entries, at: override.at, ...(override.keyAt ? { keyAt: override.keyAt } : {}) };
}

/**
 * Helm's coalescing of the user's values with the chart's values.yaml (chartutil CoalesceValues):
 * the user's value wins; maps present on both sides merge recursively; a user `null` deletes the
 * chart's default for that key (a null for a key the chart does not have stays null).
 */
export function coalesceWithDefaults(user: TrackedMap, defaults: TrackedMap): TrackedMap {
  const entries = new Map(user.entries);
  let removed: Map<string, Origin> | undefined;
  for (const [key, fallback] of defaults.entries) {
    const value = entries.get(key);
    if (value === undefined) {
      entries.set(key, fallback);
    } else if (value.kind === 'scalar' && value.value === null) {
      entries.delete(key);
      (removed ??= new Map()).set(key, value.at);
    } else if (value.kind === 'map' && fallback.kind === 'map') {
      entries.set(key, { ...coalesceWithDefaults(value, fallback), keyAt: value.keyAt ?? fallback.keyAt });
    }
  }
  return { kind: 'map', entries, at: user.at, ...(user.keyAt ? { keyAt: user.keyAt } : {}), ...(removed ? { removed } : {}) };
}

/** The plain JSON value Helm validates and renders. */
export function toPlain(value: Tracked): unknown {
  if (value.kind === 'scalar') return value.value;
  if (value.kind === 'list') return value.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const [key, entry] of value.entries) {
    Object.defineProperty(out, key, { value: toPlain(entry), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
