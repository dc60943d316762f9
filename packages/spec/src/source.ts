// Reading a spec file: YAML with positions, so every problem can name file:line:column.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
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

function childOf(node: unknown, segment: string | number): { key?: Node; value?: Node } | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment)) {
        return { key: item.key as Node, value: (item.value ?? undefined) as Node | undefined };
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const value = node.items[segment];
    return value ? { value: value as Node } : undefined;
  }
  return undefined;
}

export function readSpecSource(text: string, file: string): { source: SpecSource } | { problems: SyntaxProblem[] } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems: SyntaxProblem[] = [...doc.errors, ...doc.warnings.filter((w) => w.code === 'TAB_AS_INDENT')].map((error) => ({
    file,
    ...position(error.pos[0]),
    message: error.message.split('\n')[0] ?? error.message,
  }));
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
