// Reading a spec file: YAML with positions, so every problem can name file:line:column.
import { composeYamlWithinNesting, DEFAULT_MAX_DEPTH, positionAt } from '@chartforge/core';
import { Composer, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, type Document, type Node } from 'yaml';
import type { ValuePath } from './path.js';

export interface Position {
  line: number;
  column: number;
}

export interface SpecSource {
  file: string;
  data: unknown;
  /** Position of the value at `path`, its key when `at` is 'key', or its nearest existing ancestor. */
  locate(path: ValuePath, at?: 'key' | 'value'): Position;
}

export interface SyntaxProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

const MAX_ALIAS_COUNT = 100;

/** Each map's entries by key, built on first lookup: a scan per lookup is quadratic over many problems. */
const mapIndexes = new WeakMap<object, Map<string, { key?: Node; value?: Node }>>();

function childOf(node: unknown, segment: string | number): { key?: Node; value?: Node } | undefined {
  if (isMap(node)) {
    let index = mapIndexes.get(node);
    if (!index) {
      index = new Map();
      for (const item of node.items) {
        if (isPair(item) && isScalar(item.key) && !index.has(String(item.key.value))) {
          index.set(String(item.key.value), { key: item.key as Node, value: (item.value ?? undefined) as Node | undefined });
        }
      }
      mapIndexes.set(node, index);
    }
    return index.get(String(segment));
  }
  if (isSeq(node) && typeof segment === 'number') {
    const value = node.items[segment];
    return value ? { value: value as Node } : undefined;
  }
  return undefined;
}

// Characters YAML 1.1 readers (go-yaml, so helm) treat as line breaks: in a value they would not
// survive the round trip through the chart (U+0085 becomes a space, U+2028 in a key breaks Chart.yaml).
const YAML11_BREAKS = /[\u0085\u2028\u2029]/;

/**
 * What a spec may not hold although YAML allows it, found in one linear walk: a key given twice
 * (yaml's own check compares every pair of keys: 40k keys took half a minute), a `__proto__` key
 * (JavaScript objects would drop it), YAML 1.1 line-break characters, and integers too large to be
 * written exactly (`1e23` would render as `1e+23`).
 */
function inputProblems(doc: Document, at: (offset: number) => Position): Array<Position & { message: string }> {
  const problems: Array<Position & { message: string }> = [];
  const report = (node: Node | null | undefined, message: string) => problems.push({ ...at(node?.range?.[0] ?? 0), message });
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const item of node.items) {
        if (!isPair(item)) continue;
        if (isScalar(item.key)) {
          const key = String(item.key.value);
          if (seen.has(key)) report(item.key as Node, 'Map keys must be unique');
          if (key === '__proto__') report(item.key as Node, 'the key "__proto__" is not allowed');
          seen.add(key);
          stack.push(item.key);
        }
        stack.push(item.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isScalar(node)) {
      const value = node.value;
      if (typeof value === 'string' && YAML11_BREAKS.test(value)) report(node as Node, `holds U+${value.match(YAML11_BREAKS)![0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which YAML 1.1 (helm) reads as a line break; remove it`);
      if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) report(node as Node, `${node.source ?? value} is too large an integer to be written exactly (at most ${Number.MAX_SAFE_INTEGER})`);
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

export function readSpecSource(text: string, file: string): { source: SpecSource } | { problems: SyntaxProblem[] } {
  const lineCounter = new LineCounter();
  // Nesting is measured as the text is parsed, before it is composed: yaml's composer recurses per level (see core's nesting.ts).
  // uniqueKeys: false — duplicates are found by inputProblems, in linear time.
  const composed = composeYamlWithinNesting<Document.Parsed>({ Composer, Lexer, Parser }, text, { yamlOptions: { uniqueKeys: false, strict: true }, maxDepth: DEFAULT_MAX_DEPTH, onNewLine: lineCounter.addNewLine, oneDocument: true });
  if ('breach' in composed) return { problems: [{ file, ...positionAt(text, composed.breach.offset), message: `nesting is too deep: more than the limit of ${composed.breach.limit} levels of nesting` }] };
  const [doc, second] = composed.documents as [Document.Parsed, ...Document.Parsed[]];
  if (second) {
    const { line, col } = lineCounter.linePos(second.range[0]);
    return { problems: [{ file, line, column: col, message: 'a spec is one YAML document; a second one starts here' }] };
  }
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems: SyntaxProblem[] = [...doc.errors, ...doc.warnings.filter((w) => w.code === 'TAB_AS_INDENT')].map((error) => ({
    file,
    ...position(error.pos[0]),
    message: error.message.split('\n')[0] ?? error.message,
  }));
  if (problems.length === 0) for (const problem of inputProblems(doc, position)) problems.push({ file, ...problem });
  if (problems.length > 0) return { problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { problems: [{ file, line: 1, column: 1, message: error instanceof Error ? error.message : String(error) }] };
  }
  const locate = (path: ValuePath, at: 'key' | 'value' = 'value'): Position => {
    let node: unknown = doc.contents;
    let best: Position = node && (node as Node).range ? position((node as Node).range![0]) : { line: 1, column: 1 };
    for (const [index, segment] of path.entries()) {
      const child = childOf(node, segment);
      if (!child) return best;
      const isLast = index === path.length - 1;
      const target = isLast && at === 'key' && child.key ? child.key : (child.value ?? child.key);
      if (target?.range) best = position(target.range[0]);
      node = child.value;
    }
    return best;
  };
  return { source: { file, data: data ?? {}, locate } };
}
