// The fastest path: a parser for the plain block YAML that `helm template` and hand-written
// manifests are made of — indented mappings and sequences, plain and simply quoted scalars
// (double-quoted ones with the escapes JSON shares, which is what helm's `quote` writes),
// flow collections (on one line or over several), literal block scalars (`|`), and plain and
// quoted scalars folded over lines of prose (controller-gen's CRD descriptions). It reads nothing
// else: at anything outside that subset (tabs, anchors, tags, YAML's own escapes, folded block
// scalars, duplicate or complex keys, merge keys, …) it gives up, and the document goes to js-yaml
// (fast.ts), then to `yaml` (documents.ts). What it accepts it must read exactly as those do; a
// property test holds it to js-yaml on random documents.
//
// Asked where something is, it walks the lines along that path alone and records where each key
// and value on it starts, exactly where the `yaml` package would put them (a second property test
// holds it to that), so the lint rules' findings on plain manifests are located without the much
// slower `yaml` parse, or a second parse of the whole document.

import type { JsonPath, SourcePosition } from '../types.js';
import { resolvePlain, STRING } from './scalars.js';

/** Thrown to abandon the subset; never escapes parseBlockYaml. */
const GIVE_UP = Symbol('give up');
/** Where positions go when none were asked for: never recorded, so one object serves every value. */
const UNRECORDED: SourcePosition = Object.freeze({ line: 0, column: 0 });

/** A document's content lines, one array per attribute (no object per line: a manifest has many). */
interface Lines {
  /** Each line's indentation. */
  indent: number[];
  /** Each line without its indentation (comments still attached). */
  text: string[];
  /** Each line's 1-based number in the document's source. */
  line: number[];
}

/** Where a map entry's key and value (or a list item) start, and the value itself. */
interface Slot {
  key?: SourcePosition;
  at: SourcePosition;
  value: unknown;
}

/** The slots of every map and list of a document, by key or index. */
type Positions = WeakMap<object, Map<string | number, Slot>>;

// Characters that cannot start a plain scalar (or would make it mean something else).
const INDICATOR = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
const MAX_INDENT = 256;
const MAX_FLOW_DEPTH = 32;
/** A line that starts as a block sequence entry, explicit key or value would (`- x`, `?`, `:`). */
const BLOCK_INDICATOR = /^[-?:](?: |$)/;
const SAFE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.\/-]*$/;

class BlockParser {
  private index = 0;
  /** Steps of `focus` taken: the depth of the container being read, along the focus. */
  private depth = 0;
  /** Compact mappings' first lines as they were before sequence() rewrote them, to put back after a focused walk. */
  private readonly rewritten: Array<{ index: number; indent: number; text: string }> = [];

  /** Where the entries along the focus are; only in a focused walk. */
  readonly positions?: Positions;

  constructor(
    private readonly lines: Lines,
    /**
     * A path to record positions along, and nothing else: every entry off it is skipped line by
     * line, unread, and the walk ends at its last step. Only for a document the parser has read
     * whole before (a skip relies on it being well-formed).
     */
    private readonly focus?: JsonPath,
  ) {
    if (focus) this.positions = new WeakMap();
  }

  /** With a focus, whether entry `slot` of the container being read lies on it (without one, every entry does). */
  private onFocus(slot: string | number): boolean {
    const focus = this.focus;
    if (focus === undefined) return true;
    const step = focus[this.depth];
    return typeof slot === 'number' ? step === slot : step !== undefined && String(step) === slot;
  }

  /** Whether the entry on the focus just found is its last step: its value need not be read. */
  private atFocusEnd(): boolean {
    return this.focus !== undefined && this.depth === this.focus.length - 1;
  }

  /**
   * Ends a focused walk once the entry on it has been recorded: nothing after it is on the focus,
   * so every loop of the walk ends here.
   */
  private endFocus(): void {
    if (this.focus !== undefined) this.index = this.lines.text.length;
  }

  /** Skips the lines indented past `indent` (and blank lines, which only a literal block keeps): the rest of an entry. */
  private skipDeeper(indent: number): void {
    const lines = this.lines;
    while (this.index < lines.text.length && (lines.indent[this.index]! > indent || lines.text[this.index] === '')) this.index++;
  }

  /** Puts back what sequence() rewrote, so the same lines can be walked again. */
  restoreLines(): void {
    for (const { index, indent, text } of this.rewritten) {
      this.lines.indent[index] = indent;
      this.lines.text[index] = text;
    }
    this.rewritten.length = 0;
  }

  /** Records a slot of `container`; called only when recording positions (callers check, so a parse without them allocates no position). */
  private record(container: object, slot: string | number, at: SourcePosition, value: unknown, key?: SourcePosition): void {
    const positions = this.positions!;
    let slots = positions.get(container);
    if (!slots) positions.set(container, (slots = new Map()));
    slots.set(slot, key ? { key, at, value } : { at, value });
  }

  parseDocument(): unknown {
    const count = this.lines.text.length;
    if (count === 0) return null;
    if (this.lines.indent[0] !== 0) throw GIVE_UP;
    const value = this.block(0);
    if (this.index !== count) throw GIVE_UP;
    return value;
  }

  /** A mapping or a sequence whose entries start at `indent`. */
  private block(indent: number): unknown {
    // Deep nesting is left to the parsers that enforce the depth limit.
    if (this.lines.indent[this.index] !== indent || indent > MAX_INDENT) throw GIVE_UP;
    return isSequenceEntry(this.lines.text[this.index]!) ? this.sequence(indent) : this.mapping(indent);
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    const lines = this.lines;
    while (this.index < lines.text.length) {
      const lineIndent = lines.indent[this.index]!;
      const text = lines.text[this.index]!;
      if (lineIndent < indent || (lineIndent === indent && !isSequenceEntry(text))) break;
      if (lineIndent > indent) throw GIVE_UP;
      if (!this.onFocus(out.length)) {
        this.index++;
        this.skipDeeper(indent);
        out.push(null);
        continue;
      }
      const rest = afterSpaces(text, 1);
      const itemIndent = indent + (text.length - rest.length);
      const restAt = this.positions ? { line: lines.line[this.index]!, column: itemIndent + 1 } : UNRECORDED;
      if (rest === '' || rest.startsWith('#')) {
        this.index++;
        const nestedAt = this.positions ? (this.nestedAt(indent, false) ?? restAt) : UNRECORDED;
        if (this.atFocusEnd()) {
          this.record(out, out.length, nestedAt, null);
          this.endFocus();
          break;
        }
        this.depth++;
        const item = this.nested(indent, false);
        this.depth--;
        if (this.positions) this.record(out, out.length, nestedAt, item);
        out.push(item);
        this.endFocus();
        continue;
      }
      if (isSequenceEntry(rest)) throw GIVE_UP; // `- - x`
      if (this.atFocusEnd()) {
        this.record(out, out.length, restAt, null);
        this.endFocus();
        break;
      }
      let item: unknown;
      this.depth++;
      if (!'[{"\''.includes(rest[0]!) && mappingKeyEnd(rest) !== -1) {
        // A compact mapping: `- name: x` continues on the following lines at the item's indent.
        if (this.focus) this.rewritten.push({ index: this.index, indent: lineIndent, text });
        lines.indent[this.index] = itemIndent;
        lines.text[this.index] = rest;
        item = this.mapping(itemIndent);
      } else {
        this.index++;
        item = this.value(rest, indent, restAt);
      }
      this.depth--;
      if (this.positions) this.record(out, out.length, restAt, item);
      out.push(item);
      this.endFocus();
    }
    return out;
  }

  private mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const lines = this.lines;
    while (this.index < lines.text.length) {
      const lineIndent = lines.indent[this.index]!;
      const text = lines.text[this.index]!;
      if (lineIndent < indent) break;
      if (lineIndent > indent) throw GIVE_UP;
      if (isSequenceEntry(text)) break; // a sequence that is the value of the enclosing key
      const end = mappingKeyEnd(text);
      if (end === -1) throw GIVE_UP;
      const key = parseKey(text.slice(0, end));
      const lineNumber = lines.line[this.index]!;
      if (Object.prototype.hasOwnProperty.call(out, key)) throw GIVE_UP; // duplicate keys are for `yaml` to report
      const rest = afterSpaces(text, end + 1);
      const empty = rest === '' || rest.startsWith('#');
      this.index++;
      if (!this.onFocus(key)) {
        this.skipDeeper(indent);
        // An empty value's sequence may sit at the key's own indentation.
        if (empty) while (this.index < lines.text.length && lines.indent[this.index] === indent && isSequenceEntry(lines.text[this.index]!)) {
          this.index++;
          this.skipDeeper(indent);
        }
        continue;
      }
      // An absent value (`env:`) is placed after the colon and its spaces, as `yaml` places it.
      const restAt = this.positions ? { line: lineNumber, column: indent + 1 + text.length - rest.length } : UNRECORDED;
      const keyAt = this.positions ? { line: lineNumber, column: indent + 1 } : UNRECORDED;
      let value: unknown;
      let at = restAt;
      if (empty && this.positions) at = this.nestedAt(indent, true) ?? restAt;
      if (this.atFocusEnd()) {
        this.record(out, key, at, null, keyAt);
        this.endFocus();
        break;
      }
      this.depth++;
      value = empty ? this.nested(indent, true) : this.value(rest, indent, restAt);
      this.depth--;
      out[key] = value;
      if (this.positions) this.record(out, key, at, value, keyAt);
      this.endFocus();
    }
    return out;
  }

  /** Where the block that nested() would read starts, if there is one. */
  private nestedAt(indent: number, inMapping: boolean): SourcePosition | undefined {
    const next = this.index;
    if (next >= this.lines.text.length) return undefined;
    const nextIndent = this.lines.indent[next]!;
    if (!(nextIndent > indent || (inMapping && nextIndent === indent && isSequenceEntry(this.lines.text[next]!)))) return undefined;
    return { line: this.lines.line[next]!, column: nextIndent + 1 };
  }

  /** The block below a key or `-` with nothing after it, or null when there is none. */
  private nested(indent: number, inMapping: boolean): unknown {
    if (this.index >= this.lines.text.length) return null;
    const nextIndent = this.lines.indent[this.index]!;
    if (nextIndent > indent) {
      const text = this.lines.text[this.index]!;
      // A value alone on the next line: helm's `toYaml` of an empty map or of null after `nindent` (`securityContext:\n  {}`).
      if (!isSequenceEntry(text) && mappingKeyEnd(text) === -1 && text[0] !== '|' && text[0] !== '>') {
        const at = this.positions ? { line: this.lines.line[this.index]!, column: nextIndent + 1 } : UNRECORDED;
        this.index++;
        // A flow collection here may close at its own indentation (the yaml package's `key:\n  [\n    a\n  ]`): only the key's line bounds it.
        return this.value(text, nextIndent, at, indent);
      }
      return this.block(nextIndent);
    }
    // A mapping's value may be a sequence at the mapping's own indentation.
    if (inMapping && nextIndent === indent && isSequenceEntry(this.lines.text[this.index]!)) return this.sequence(indent);
    return null;
  }

  /**
   * A value on the same line as its key or `-`; `indent` is that line's indentation, `at` where the
   * value starts. A flow collection may go on over the lines below indented past `flowIndent`.
   */
  private value(text: string, indent: number, at: SourcePosition, flowIndent = indent): unknown {
    const first = text[0]!;
    let value: unknown;
    if (first === '|') value = this.literal(text, indent);
    else {
      if (first === '"' || first === "'") {
        // No closing quote on the line (for `"`: none at all, not one behind an escape JSON lacks): folded over the lines below.
        const close = closingQuote(text, 0);
        if (close !== -1) value = quoted(text, close);
        else if (first === "'") value = this.foldedSingleQuoted(text, indent);
        else if (unescapedQuote(text, 1) === -1) value = this.foldedDoubleQuoted(text, indent);
        else throw GIVE_UP;
      } else if (first === '[' || first === '{') return this.flowCollection(text, flowIndent, at);
      else value = plain(text);
      if (this.index < this.lines.text.length && this.lines.indent[this.index]! > indent) {
        // Continued on more-indented lines: a plain scalar folded over lines, or not ours.
        if (first === '"' || first === "'") throw GIVE_UP;
        value = this.foldedPlain(text, indent);
      }
    }
    return value;
  }

  /**
   * A flow collection from `first` on, over the lines below it indented past `indent` if it does
   * not close on its line (`command: ["run", "--port",` then `"8080"]`, or the yaml package's
   * `[` and `]` on lines of their own). Line breaks join as spaces, which is what they are between
   * the collection's items; a scalar broken over lines is YAML's folding, and is not ours.
   */
  private flowCollection(first: string, indent: number, at: SourcePosition): unknown {
    // Where each line below the first starts in the joined text, and where that line's text is in the source.
    const lineStarts: number[] = [];
    const lineAts: SourcePosition[] = [];
    let text = first;
    for (let next = this.nextFoldedLine(indent); next !== undefined; next = this.nextFoldedLine(indent)) {
      text += ' ';
      lineStarts.push(text.length);
      lineAts.push({ line: this.lines.line[this.index - 1]!, column: this.lines.indent[this.index - 1]! + 1 });
      text += next;
    }
    const positionAt = (offset: number): SourcePosition => {
      let i = lineStarts.length - 1;
      while (i >= 0 && lineStarts[i]! > offset) i--;
      return i < 0 ? { line: at.line, column: at.column + offset } : { line: lineAts[i]!.line, column: lineAts[i]!.column + offset - lineStarts[i]! };
    };
    const record: FlowRecorder | undefined = this.positions
      ? (container, slot, offset, item, keyOffset) => this.record(container, slot, positionAt(offset), item, keyOffset === undefined ? undefined : positionAt(keyOffset))
      : undefined;
    return flow(text, lineStarts, record);
  }

  /**
   * The next line of a scalar folded over the lines below one at `indent`, or undefined where it
   * ends. A blank line inside (contentLines dropped it, or kept an empty text because a line above
   * looked like a literal block's header) or a comment line (dropped: the line numbers skip) is
   * not ours.
   */
  private nextFoldedLine(indent: number): string | undefined {
    const lines = this.lines;
    if (this.index >= lines.text.length || lines.indent[this.index]! <= indent) return undefined;
    const text = lines.text[this.index]!;
    if (text === '' || lines.line[this.index] !== lines.line[this.index - 1]! + 1) throw GIVE_UP;
    this.index++;
    return text;
  }

  /**
   * A single-quoted scalar that opens on `first` and closes on a more-indented line below (controller-gen
   * quotes descriptions that hold `: `): each line break between two lines reads as a space, spaces
   * around it go.
   */
  private foldedSingleQuoted(first: string, indent: number): string {
    const parts = [trimSpaces(first.slice(1))];
    if (parts[0] === '') throw GIVE_UP;
    for (let text = this.nextFoldedLine(indent); text !== undefined; text = this.nextFoldedLine(indent)) {
      // closingQuote reads from an opening quote: `close` is the offset in `'${text}`, so `close - 1` in text.
      const close = closingQuote(`'${text}`, 0);
      if (close === -1) {
        parts.push(trimSpaces(text));
        continue;
      }
      if (!onlyCommentAfter(text.slice(close))) throw GIVE_UP;
      parts.push(text.slice(0, close - 1));
      return parts.join(' ').replaceAll("''", "'");
    }
    throw GIVE_UP;
  }

  /**
   * A double-quoted scalar that opens on `first` and closes on a more-indented line below (go-yaml
   * writes descriptions with `\n` in them so): a line break reads as a space, or as nothing after
   * a `\` that escapes it, and spaces around it go; then the escapes JSON shares are read as
   * JSON.parse reads them, and any other is not ours.
   */
  private foldedDoubleQuoted(first: string, indent: number): string {
    // Lines are kept apart and joined once: reading the end of a growing concatenation would
    // flatten it at every line, quadratic in a long scalar.
    const parts: string[] = [];
    let line = first.slice(1);
    if (trimSpaces(line) === '') throw GIVE_UP;
    for (let text = this.nextFoldedLine(indent); text !== undefined; text = this.nextFoldedLine(indent)) {
      let backslashes = 0;
      while (line.charCodeAt(line.length - 1 - backslashes) === 92) backslashes++;
      parts.push(backslashes % 2 === 1 ? line.slice(0, -1) : `${trimSpaces(line)} `);
      // go-yaml escapes the space a folded line starts with (`\ `), where JSON has no such escape.
      const next = text.startsWith('\\ ') ? ` ${text.slice(2)}` : text;
      const close = unescapedQuote(next, 0);
      if (close === -1) {
        line = next;
        continue;
      }
      if (!onlyCommentAfter(next.slice(close + 1))) throw GIVE_UP;
      parts.push(next.slice(0, close));
      try {
        return JSON.parse(`"${parts.join('')}"`) as string;
      } catch {
        throw GIVE_UP;
      }
    }
    throw GIVE_UP;
  }

  /**
   * A plain scalar whose first line is `first`, continued on the more-indented lines that follow:
   * each line break between two lines reads as a space. Only lines of prose: a line that starts
   * like a block entry (`- `, `? `, `: `) or a comment, or holds `: ` or ` #`, is left to the
   * other parsers.
   * Other indicators (`"`, `[`, `*`, …) are only text past a scalar's first character.
   */
  private foldedPlain(first: string, indent: number): string {
    if (first.includes(' #')) throw GIVE_UP;
    const parts = [trimSpaces(first)];
    for (let text = this.nextFoldedLine(indent); text !== undefined; text = this.nextFoldedLine(indent)) {
      // (A line that starts with `#` is here only when contentLines took a line above, ending in ` |`, for a literal block's header.)
      if (BLOCK_INDICATOR.test(text) || text.charCodeAt(0) === 35 || text.includes(': ') || text.includes(' #') || text.endsWith(':')) throw GIVE_UP;
      parts.push(trimSpaces(text));
    }
    const folded = parts.join(' ');
    if (resolvePlain(folded) !== STRING) throw GIVE_UP;
    return folded;
  }

  /**
   * `|` or `|-` with its lines, with or without an indentation indicator (`|2`, `|2-`, `|-2`: the
   * text is indented that much past the line of its key or `-`, which lets it start with spaces or
   * a blank line).
   */
  private literal(header: string, indent: number): string {
    // `|+` keeps trailing blank lines: not ours.
    const match = /^\|(?:([1-9])(-?)|(-?)([1-9]?))[ ]*(#.*)?$/.exec(header);
    if (!match) throw GIVE_UP;
    const chomp = match[2] || match[3];
    const indicator = match[1] || match[4];
    const parts: string[] = [];
    let blockIndent = indicator ? indent + Number(indicator) : -1;
    // Blank lines seen and not yet followed by text: between two lines of text each is an empty
    // line of the value; at the end, chomping drops them (`|` keeps one line break, `|-` none).
    let blanks = 0;
    // Block scalars keep blank and comment-looking lines, so they are read from the raw lines.
    while (this.index < this.lines.text.length) {
      const lineIndent = this.lines.indent[this.index]!;
      const text = this.lines.text[this.index]!;
      if (text === '' && lineIndent <= blockIndent) {
        blanks++;
        this.index++;
        continue;
      }
      // Leading blank lines set the indentation: not ours. Once it is known, spaces past it are text.
      if (text === '' && blockIndent === -1) throw GIVE_UP;
      if (lineIndent <= indent) break;
      if (blockIndent === -1) blockIndent = lineIndent;
      if (lineIndent < blockIndent) throw GIVE_UP;
      for (; blanks > 0; blanks--) parts.push('');
      parts.push(' '.repeat(lineIndent - blockIndent) + text);
      this.index++;
    }
    if (parts.length === 0) throw GIVE_UP;
    const body = parts.join('\n');
    return chomp === '-' ? body : `${body}\n`;
  }
}

/** `text` from `from` on, without leading spaces. */
function afterSpaces(text: string, from: number): string {
  let i = from;
  while (text.charCodeAt(i) === 32) i++;
  return i === 0 ? text : text.slice(i);
}

/** `text` without trailing spaces (only spaces: YAML does not trim other white space here). */
function trimSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}

function isSequenceEntry(text: string): boolean {
  return text[0] === '-' && (text.length === 1 || text[1] === ' ');
}

/** Offset of the `:` that ends a mapping key (followed by a space or the end of the line), or -1. */
function mappingKeyEnd(text: string): number {
  const first = text[0];
  if (first === '"' || first === "'") {
    const close = closingQuote(text, 0);
    if (close === -1 || text[close + 1] !== ':') return -1;
    return text.length === close + 2 || text[close + 2] === ' ' ? close + 1 : -1;
  }
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) {
    if (i + 1 === text.length || text[i + 1] === ' ') return i;
  }
  return -1;
}

/** Plain keys already found safe: manifests use the same few hundred keys over and over. */
const safeKeys = new Set<string>();

function parseKey(raw: string): string {
  if (safeKeys.has(raw)) return raw;
  // js-yaml defines `__proto__` as an own property, where an assignment would set the prototype.
  const key = raw[0] === '"' || raw[0] === "'" ? quoted(raw) : raw;
  if (key === '__proto__') throw GIVE_UP;
  if (key !== raw) return key;
  // Keys that YAML 1.1 reads as something else (`on`, `y`, `1`) or that hold indicators are not ours.
  if (!SAFE_KEY.test(raw) || resolvePlain(raw) !== STRING) throw GIVE_UP;
  if (safeKeys.size < 10_000) safeKeys.add(raw);
  return raw;
}

/** Plain scalars may start with `-`, `?` or `:` when a non-space follows (`-1`, `--port=80`). */
function startsPlain(text: string): boolean {
  const c = text[0]!;
  if (!INDICATOR.has(c)) return true;
  return (c === '-' || c === '?' || c === ':') && text.length > 1 && text[1] !== ' ';
}

/**
 * Offset of the quote that closes the quoted scalar opening at `start`, or -1: none on the line, or
 * an escape of YAML's double-quoted style that JSON does not share (`\x41`, `\0`, `\ `, a line
 * break). The escapes both have (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\uXXXX`) mean the
 * same in both, so JSON.parse reads such a scalar as YAML does. In single quotes, `''` is a quote
 * (the one escape of that style: controller-gen's CRDs are full of it).
 */
function closingQuote(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === quote) {
      if (quote === 39 && text.charCodeAt(i + 1) === 39) i++;
      else return i;
    }
    if (c === 92 && quote === 34) {
      const escaped = text[i + 1];
      if (escaped === 'u') {
        if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) return -1;
        i += 5;
      } else if (escaped !== undefined && JSON_ESCAPES.includes(escaped)) i++;
      else return -1;
    }
  }
  return -1;
}

const JSON_ESCAPES = '"\\/bfnrt';

/** Offset of the first `"` in `text` from `start` on that no backslash escapes, or -1. */
function unescapedQuote(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return -1;
}

/** The value of the quoted scalar from `start` to its closing quote `close` (see closingQuote). */
function quotedValue(text: string, start: number, close: number): string {
  const raw = text.slice(start, close + 1);
  if (raw.charCodeAt(0) === 39) return raw.includes("''") ? raw.slice(1, -1).replaceAll("''", "'") : raw.slice(1, -1);
  if (!raw.includes('\\')) return raw.slice(1, -1);
  try {
    return JSON.parse(raw) as string;
  } catch {
    throw GIVE_UP; // a control character JSON refuses raw: for the other parsers to judge
  }
}

/** What may follow a value on its line: nothing, or spaces and a comment. */
function onlyCommentAfter(after: string): boolean {
  return after === '' || /^ +(#.*)?$/.test(after);
}

/** A quoted scalar alone on the rest of the line (a comment may follow); `close` is its closing quote, when known. */
function quoted(text: string, close = closingQuote(text, 0)): string {
  if (close === -1 || !onlyCommentAfter(text.slice(close + 1))) throw GIVE_UP;
  return quotedValue(text, 0, close);
}

/** A plain scalar up to a comment, resolved by YAML 1.1 rules. */
function plain(text: string): unknown {
  if (!startsPlain(text)) throw GIVE_UP;
  const comment = text.indexOf(' #');
  const raw = trimSpaces(comment === -1 ? text : text.slice(0, comment));
  if (raw.includes(': ') || raw.endsWith(':') || raw.includes(' #')) throw GIVE_UP;
  const value = resolvePlain(raw);
  return value === STRING ? raw : value;
}

/** Records a flow collection's item at `offset` in the text (and its key's offset, in a map). */
type FlowRecorder = (container: object, slot: string | number, offset: number, value: unknown, keyOffset?: number) => void;

/**
 * A flow collection that ends in `text`: `[a, b]`, `{a: 1, b: [x]}`. `lineStarts` are where the
 * lines after the first begin in `text`, each behind the space that stands for its line break: no
 * scalar may span one.
 */
function flow(text: string, lineStarts: readonly number[], record?: FlowRecorder): unknown {
  let i = 0;
  const unbroken = (start: number, end: number) => {
    if (lineStarts.some((lineStart) => lineStart - 1 > start && lineStart - 1 < end)) throw GIVE_UP;
  };
  const skip = () => {
    while (text[i] === ' ') i++;
  };
  const scalarIn = (stops: string): unknown => {
    skip();
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = closingQuote(text, i);
      if (close === -1) throw GIVE_UP;
      unbroken(i, close);
      const body = quotedValue(text, i, close);
      i = close + 1;
      return body;
    }
    if (c === '[' || c === '{') return node();
    const start = i;
    while (i < text.length && !stops.includes(text[i]!)) i++;
    const raw = trimSpaces(text.slice(start, i));
    if (raw === '' || !startsPlain(raw) || raw.includes(' #') || raw.includes(':')) throw GIVE_UP;
    unbroken(start, start + raw.length);
    const value = resolvePlain(raw);
    return value === STRING ? raw : value;
  };
  let depth = 0;
  const node = (): unknown => {
    if (++depth > MAX_FLOW_DEPTH) throw GIVE_UP;
    const open = text[i];
    i++;
    skip();
    if (open === '[') {
      const out: unknown[] = [];
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        skip();
        const itemOffset = i;
        const item = scalarIn(',]');
        record?.(out, out.length, itemOffset, item);
        out.push(item);
        skip();
        if (text[i] === ',') {
          i++;
          skip();
          if (text[i] === ']') throw GIVE_UP; // trailing comma: leave the edge cases to js-yaml
          continue;
        }
        if (text[i] === ']') {
          i++;
          return out;
        }
        throw GIVE_UP;
      }
    }
    const out: Record<string, unknown> = {};
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      skip();
      const start = i;
      while (i < text.length && text[i] !== ':' && !',{}[]'.includes(text[i]!)) i++;
      if (text[i] !== ':' || text[i + 1] !== ' ') throw GIVE_UP;
      unbroken(start, i + 1);
      const key = parseKey(trimSpaces(text.slice(start, i)));
      i += 2;
      if (Object.prototype.hasOwnProperty.call(out, key)) throw GIVE_UP;
      skip();
      const valueOffset = i;
      out[key] = scalarIn(',}');
      record?.(out, key, valueOffset, out[key], start);
      skip();
      if (text[i] === ',') {
        i++;
        skip();
        if (text[i] === '}') throw GIVE_UP;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return out;
      }
      throw GIVE_UP;
    }
  };
  const value = node();
  if (!onlyCommentAfter(text.slice(i))) throw GIVE_UP;
  return value;
}

/**
 * Lines of a document that are content (blank lines and comment lines dropped, the leading `---`
 * marker skipped), or undefined when the text has anything the block parser does not read line
 * by line: tabs, carriage returns, directives, content after `---`.
 */
function contentLines(source: string): Lines | undefined {
  if (source.includes('\t') || source.includes('\r')) return undefined;
  const lines: Lines = { indent: [], text: [], line: [] };
  let literalIndent = -1; // inside a literal block scalar, blank and `#` lines are content
  let start = 0;
  let first = true;
  let lineNumber = 0;
  while (start <= source.length) {
    lineNumber++;
    let end = source.indexOf('\n', start);
    if (end === -1) end = source.length;
    if (first) {
      first = false;
      const raw = source.slice(start, end);
      if (raw.startsWith('---')) {
        if (!/^---[ ]*(#.*)?$/.test(raw)) return undefined;
        start = end + 1;
        continue;
      }
      if (raw.startsWith('%')) return undefined;
    }
    // Indentation is counted in the source itself, so each line is sliced once.
    let offset = start;
    while (offset < end && source.charCodeAt(offset) === 32) offset++;
    const indent = offset - start;
    const text = source.slice(offset, end);
    start = end + 1;
    if (literalIndent !== -1) {
      // A blank line is kept (text ''): the literal block it may belong to decides (literal()).
      if (text === '' || indent > literalIndent) {
        lines.indent.push(indent);
        lines.text.push(text);
        lines.line.push(lineNumber);
        continue;
      }
      literalIndent = -1;
    }
    if (text === '' || text[0] === '#') continue;
    lines.indent.push(indent);
    lines.text.push(text);
    lines.line.push(lineNumber);
    if (text.includes('|') && /(^|[: ])\|[-+1-9]*[ ]*(#.*)?$/.test(text)) literalIndent = indent;
    if (text.includes('>') && /(^|[: ])[>][-+0-9]*[ ]*(#.*)?$/.test(text)) return undefined;
  }
  return lines;
}

/** The document's value, or undefined when it is not in the subset this parser reads. */
export function parseBlockYaml(source: string): { value: unknown } | undefined {
  const lines = contentLines(source);
  if (!lines) return undefined;
  try {
    return { value: new BlockParser(lines).parseDocument() };
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

/**
 * Where things are in a document of the block subset, or undefined when it is not in it:
 * `locate(path, key)` is the position (line 1 = the source's first line) of the value at `path`,
 * or of its key when `key` is set and the last step is a map key, or of the deepest ancestor that
 * exists — what the `yaml` package's node ranges say.
 *
 * Each locate walks the lines along `path` alone, skipping every other entry unread: a finding
 * on a CRD's `metadata.name` costs a scan of its lines, not a second parse of its megabyte of
 * schema.
 */
export function blockYamlPositions(source: string): { locate(path: JsonPath, key: boolean): SourcePosition } | undefined {
  return parseBlockYaml(source) && blockYamlLocator(source);
}

/** Asked of a source parseBlockYaml did not read: the caller's mistake, never the input's. */
function notInSubset(): Error {
  return new Error('blockYamlLocator: the source is not in the block subset');
}

/** blockYamlPositions for a source that parseBlockYaml has read (the reader's case: it does not read it again). */
export function blockYamlLocator(source: string): { locate(path: JsonPath, key: boolean): SourcePosition } {
  const lines = contentLines(source);
  if (!lines) throw notInSubset();
  const rootAt: SourcePosition = { line: lines.line[0] ?? 1, column: 1 };
  return {
    locate(path, key) {
      if (path.length === 0) return rootAt;
      const parser = new BlockParser(lines, path);
      const positions = parser.positions!;
      let root: unknown;
      try {
        root = parser.parseDocument();
      } catch (error) {
        throw error === GIVE_UP ? notInSubset() : error;
      } finally {
        parser.restoreLines();
      }
      let node = root;
      let at = rootAt;
      for (let i = 0; i < path.length; i++) {
        const step = path[i]!;
        if (node === null || typeof node !== 'object') return at;
        const isList = Array.isArray(node);
        if (isList && typeof step !== 'number') return at;
        const slot = positions.get(node)?.get(isList ? step : String(step));
        if (!slot) return at;
        if (i === path.length - 1 && key && slot.key) return slot.key;
        at = slot.at;
        node = slot.value;
      }
      return at;
    },
  };
}
