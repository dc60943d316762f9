// Parsing YAML (and JSON, which is YAML) under the read limits: how many documents, how deep, how
// many keys per map, how many aliases and what they expand to. An alias that refers to the node
// containing it (`a: &x {b: *x}`) would make a cyclic value that every later step (JSON, a table,
// a merge) follows forever; it is refused here, at its position, like every other breach.

import { createRequire } from 'node:module';
import { composeYamlWithinNesting, positionAt } from '@chartforge/core';
import type { Document, DocumentOptions, LineCounter as LineCounterType, Node, ParseOptions, SchemaOptions } from 'yaml';
import { InputFileError } from './error.js';
import { overLimit, readLimits, type ReadLimits } from './limits.js';

const yamlLib = (() => {
  let loaded: typeof import('yaml') | undefined;
  return () => (loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
})();

export type YamlReadOptions = ParseOptions & DocumentOptions & SchemaOptions;

export interface CheckedYaml {
  documents: Document[];
  lineCounter: LineCounterType;
}

/**
 * Parses every document of `text` and checks each against `limits`; throws InputFileError at the
 * first breach (syntax errors stay in each document's `errors` for the caller to report its way).
 */
export function parseYamlWithinLimits(text: string, file: string, options: YamlReadOptions = {}, limits: ReadLimits = readLimits()): CheckedYaml {
  const yaml = yamlLib();
  // Text can come from elsewhere than a file (an archive, standard input): the byte limit holds for it too.
  if (text.length > limits.maxInputBytes) throw new InputFileError(file, 1, 1, `${text.length} characters, ${overLimit('maxInputBytes', limits)}`);
  const lineCounter = options.lineCounter ?? new yaml.LineCounter();
  // yaml checks unique keys by comparing every pair (100k keys: minutes); checkYamlDocument does it
  // with a set. Keys are unique unless the caller says otherwise, as in yaml.
  const uniqueKeys = options.uniqueKeys !== false;
  const { lineCounter: _, ...yamlOptions } = options;
  const composed = composeYamlWithinNesting<Document.Parsed>(yaml, text, { yamlOptions: { ...yamlOptions, uniqueKeys: false }, maxDepth: limits.maxDepth, onNewLine: lineCounter.addNewLine });
  if ('breach' in composed) {
    const { line, column } = positionAt(text, composed.breach.offset);
    throw new InputFileError(file, line, column, `nesting is too deep: ${overLimit('maxDepth', limits)}`);
  }
  const documents: Document[] = composed.documents;
  // Where each problem is, as yaml's prettyErrors records it (its messages stay unadorned).
  for (const document of documents) {
    for (const problem of [...document.errors, ...document.warnings]) problem.linePos ??= [lineCounter.linePos(problem.pos[0]), lineCounter.linePos(problem.pos[1])];
  }
  if (documents.length > limits.maxDocuments) {
    const { line, col } = lineCounter.linePos(documents[limits.maxDocuments]!.contents?.range?.[0] ?? 0);
    throw new InputFileError(file, line, col, `${documents.length} documents, ${overLimit('maxDocuments', limits)}`);
  }
  for (const document of documents) checkYamlDocument(document, lineCounter, file, limits, uniqueKeys);
  return { documents, lineCounter };
}

/** Throws InputFileError at the first place `document` breaks a limit (or repeats a key, with `uniqueKeys`). */
export function checkYamlDocument(document: Document, lineCounter: LineCounterType, file: string, limits: ReadLimits = readLimits(), uniqueKeys = false): void {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLib();
  const at = (node: unknown, problem: string): InputFileError => {
    const offset = (node as Node | null)?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    return new InputFileError(file, line, col, problem);
  };
  if (!document.contents) return;

  // Depth and keys, iteratively (the tree may be deep enough to break a recursion).
  let aliases = 0;
  const stack: Array<[unknown, number]> = [[document.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isAlias(node)) {
      if (++aliases > limits.maxAliases) throw at(node, `too many aliases: ${overLimit('maxAliases', limits)}`);
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > limits.maxDepth) throw at(node, `nesting is too deep: ${overLimit('maxDepth', limits)}`);
    if (isMap(node) && node.items.length > limits.maxKeys) throw at(node.items[limits.maxKeys]?.key ?? node, `a map with ${node.items.length} keys, ${overLimit('maxKeys', limits)}`);
    if (isMap(node) && uniqueKeys) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) throw at(pair.key, `Map keys must be unique: the key ${JSON.stringify(key)} is given twice`);
        seen.add(key);
      }
    }
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push([item.key, depth + 1]);
        stack.push([item.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  if (aliases === 0) return;

  // Sizes and depths with aliases expanded: an alias nests its target where it stands, so a chain
  // of anchors, each within the depth limit, can make a value too deep for what walks it. An alias
  // can only name an anchor before it, so in document order its target is either measured already
  // or still open, i.e. contains the alias: a cycle. Anchors are recorded as the walk meets them
  // (Alias.resolve would search the whole document for every alias).
  const anchors = new Map<string, unknown>();
  const measured = new Map<unknown, Expanded>();
  const open = new Set<unknown>();
  const measure = (node: unknown): Expanded => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) return SCALAR;
      if (open.has(target)) throw at(node, `alias *${node.source} refers to the node that contains it (a cyclic value)`);
      return measure(target);
    }
    const known = measured.get(node);
    if (known !== undefined) return known;
    const anchor = (node as Node | null)?.anchor;
    if (anchor) anchors.set(anchor, node);
    if (!isMap(node) && !isSeq(node)) return SCALAR;
    let size = 1;
    let below = 0;
    open.add(node);
    for (const item of node.items) {
      for (const child of isPair(item) ? [item.key, item.value] : [item]) {
        const expanded = measure(child);
        size += expanded.size;
        below = Math.max(below, expanded.depth);
      }
    }
    open.delete(node);
    if (size > limits.maxExpandedNodes) throw at(node, `aliases expand this to ${size} nodes, ${overLimit('maxExpandedNodes', limits)}`);
    if (below + 1 > limits.maxDepth) throw at(node, `aliases nest this ${below + 1} levels deep, ${overLimit('maxDepth', limits)}`);
    const expanded = { size, depth: below + 1 };
    measured.set(node, expanded);
    return expanded;
  };
  measure(document.contents);
}

/** A node's size (nodes) and depth (levels of maps and sequences) with its aliases expanded. */
interface Expanded {
  size: number;
  depth: number;
}

const SCALAR: Expanded = { size: 1, depth: 0 };
