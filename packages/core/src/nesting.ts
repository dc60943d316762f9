// Nesting limits, measured as a document is parsed and before it is composed.
//
// yaml's composer recurses once per level of nesting and tests a regular expression on every
// scalar. When V8 compiles a regular expression with the stack nearly full it does not throw a
// RangeError: it aborts the whole process ("RegExpCompiler Allocation failed"). So a document
// nested too deeply must be refused before it is composed, not caught while it is. yaml's lexer
// and CST parser keep their own stacks (they do not recurse per level and test no regular
// expression), so they can read any nesting; composing is fed from them and stops at the first
// collection past the limit, before the rest of a hostile document is even read.

/** Nesting accepted by default: far past any real chart, values file or manifest. */
export const DEFAULT_MAX_DEPTH = 256;

/**
 * The most nesting any limit may allow: composing (and every later walk of the value, such as
 * compiling a JSON Schema) stays far from the end of the stack below it, wherever in a program
 * the parse is called from.
 */
export const MAX_DEPTH_CEILING = 1000;

/** The parts of yaml's CST `Parser` the nesting check reads; typed by shape, since core imports nothing. */
export interface YamlCstParser {
  readonly stack: ReadonlyArray<{ type: string; offset: number }>;
  next(lexeme: string): Iterable<unknown>;
  end(): Iterable<unknown>;
}

/** The parts of the `yaml` package that composing drives (pass the package itself). */
export interface YamlComposing<Doc> {
  Lexer: new () => { lex(source: string): Iterable<string> };
  Parser: new (onNewLine?: (offset: number) => void) => YamlCstParser;
  Composer: new (options: object) => { compose(tokens: Iterable<unknown>, forceDoc?: boolean, endOffset?: number): Iterable<Doc> };
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** Where a document first nests too deeply, and the limit it breaks. */
export interface NestingBreach {
  /** Source offset of the first map or sequence past the limit. */
  offset: number;
  /** The limit applied: the one asked for, at most MAX_DEPTH_CEILING. */
  limit: number;
}

export interface ComposeOptions {
  /** yaml's parse, document and schema options. */
  yamlOptions: object;
  maxDepth: number;
  /** yaml's `LineCounter.addNewLine`, to turn offsets into lines. */
  onNewLine?: (offset: number) => void;
  /** As yaml's parseDocument: one document, present even when the source is empty. */
  oneDocument?: boolean;
}

/**
 * The documents of `source` as yaml composes them (parseAllDocuments, or parseDocument with
 * `oneDocument`), built in the same pass that measures their nesting: the composer is handed
 * the parser's tokens only while no map or sequence nests deeper than `maxDepth`. Past it, the
 * breach is returned and no document.
 */
export function composeYamlWithinNesting<Doc>(yaml: YamlComposing<Doc>, source: string, options: ComposeOptions): { documents: Doc[] } | { breach: NestingBreach } {
  options.onNewLine?.(0);
  const parser = new yaml.Parser(options.onNewLine);
  let breach: NestingBreach | undefined;
  const tokens = tokensWithinNesting(new yaml.Lexer().lex(source), parser, options.maxDepth, (found) => (breach = found));
  const documents = [...new yaml.Composer(options.yamlOptions).compose(tokens, options.oneDocument, options.oneDocument ? source.length : undefined)];
  return breach ? { breach } : { documents };
}

/**
 * `parser`'s tokens for `lexemes`, until a map or sequence is nested deeper than `maxDepth`: then
 * `onBreach` is told where, and no more come (the document being read is never completed, so
 * never composed, and the rest of a hostile source is not even read).
 */
function* tokensWithinNesting(lexemes: Iterable<string>, parser: YamlCstParser, maxDepth: number, onBreach: (breach: NestingBreach) => void): Generator<unknown> {
  const limit = Math.min(maxDepth, MAX_DEPTH_CEILING);
  const stack = parser.stack;
  for (const lexeme of lexemes) {
    yield* parser.next(lexeme);
    // Besides collections the stack holds the document and the scalar being read: count them
    // only once the stack is long enough for the count to matter.
    if (stack.length > limit) {
      let depth = 0;
      for (const token of stack) {
        if (COLLECTIONS.has(token.type) && ++depth > limit) {
          onBreach({ offset: token.offset, limit });
          return;
        }
      }
    }
  }
  yield* parser.end();
}

/**
 * Where JSON `text` first nests deeper than `maxDepth` (at most MAX_DEPTH_CEILING), or undefined.
 * JSON.parse itself reads any depth, but what walks its value (a schema compiler, a serializer)
 * recurses once per level, as yaml's composer does. Text that is not JSON is left to JSON.parse.
 */
export function jsonNestingBreach(text: string, maxDepth: number): NestingBreach | undefined {
  const limit = Math.min(maxDepth, MAX_DEPTH_CEILING);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      // A string: skip to its closing quote, over escapes.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return { offset: i, limit };
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return undefined;
}
