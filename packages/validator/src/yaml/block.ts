// The fastest path: a parser for the plain block YAML that `helm template` and hand-written
// manifests are made of — indented mappings and sequences, plain and simply quoted scalars,
// one-line flow collections and literal block scalars (`|`). It reads nothing else: at anything
// outside that subset (tabs, anchors, tags, escapes, folded or multi-line scalars, duplicate or
// complex keys, merge keys, …) it gives up, and the document goes to js-yaml (fast.ts), then to
// `yaml` (documents.ts). What it accepts it must read exactly as those do; a property test holds
// it to js-yaml on random documents.

import { resolvePlain, STRING } from './scalars.js';

/** Thrown to abandon the subset; never escapes parseBlockYaml. */
const GIVE_UP = Symbol('give up');

interface Line {
  indent: number;
  /** The line without its indentation (comments still attached). */
  text: string;
}

// Characters that cannot start a plain scalar (or would make it mean something else).
const INDICATOR = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
const MAX_INDENT = 256;
const MAX_FLOW_DEPTH = 32;
const SAFE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.\/-]*$/;

class BlockParser {
  private index = 0;

  constructor(private readonly lines: Line[]) {}

  parseDocument(): unknown {
    if (this.lines.length === 0) return null;
    const first = this.lines[0]!;
    if (first.indent !== 0) throw GIVE_UP;
    const value = this.block(0);
    if (this.index !== this.lines.length) throw GIVE_UP;
    return value;
  }

  /** A mapping or a sequence whose entries start at `indent`. */
  private block(indent: number): unknown {
    const line = this.lines[this.index]!;
    // Deep nesting is left to the parsers that enforce the depth limit.
    if (line.indent !== indent || indent > MAX_INDENT) throw GIVE_UP;
    return isSequenceEntry(line.text) ? this.sequence(indent) : this.mapping(indent);
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    while (this.index < this.lines.length) {
      const line = this.lines[this.index]!;
      if (line.indent < indent || (line.indent === indent && !isSequenceEntry(line.text))) break;
      if (line.indent > indent) throw GIVE_UP;
      const rest = afterSpaces(line.text, 1);
      if (rest === '' || rest.startsWith('#')) {
        this.index++;
        out.push(this.nested(indent, false));
        continue;
      }
      const itemIndent = indent + (line.text.length - rest.length);
      if (isSequenceEntry(rest)) throw GIVE_UP; // `- - x`
      if (!'[{"\''.includes(rest[0]!) && mappingKeyEnd(rest) !== -1) {
        // A compact mapping: `- name: x` continues on the following lines at the item's indent.
        this.lines[this.index] = { indent: itemIndent, text: rest };
        out.push(this.mapping(itemIndent));
        continue;
      }
      this.index++;
      out.push(this.value(rest, indent));
    }
    return out;
  }

  private mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.index < this.lines.length) {
      const line = this.lines[this.index]!;
      if (line.indent < indent) break;
      if (line.indent > indent) throw GIVE_UP;
      if (isSequenceEntry(line.text)) break; // a sequence that is the value of the enclosing key
      const end = mappingKeyEnd(line.text);
      if (end === -1) throw GIVE_UP;
      const key = parseKey(line.text.slice(0, end));
      if (Object.prototype.hasOwnProperty.call(out, key)) throw GIVE_UP; // duplicate keys are for `yaml` to report
      const rest = afterSpaces(line.text, end + 1);
      this.index++;
      if (rest === '' || rest.startsWith('#')) out[key] = this.nested(indent, true);
      else out[key] = this.value(rest, indent);
    }
    return out;
  }

  /** The block below a key or `-` with nothing after it, or null when there is none. */
  private nested(indent: number, inMapping: boolean): unknown {
    const next = this.lines[this.index];
    if (!next) return null;
    if (next.indent > indent) return this.block(next.indent);
    // A mapping's value may be a sequence at the mapping's own indentation.
    if (inMapping && next.indent === indent && isSequenceEntry(next.text)) return this.sequence(indent);
    return null;
  }

  /** A value on the same line as its key or `-`; `indent` is that line's indentation. */
  private value(text: string, indent: number): unknown {
    const first = text[0]!;
    let value: unknown;
    if (first === '|') value = this.literal(text, indent);
    else {
      if (first === '"' || first === "'") value = quoted(text);
      else if (first === '[' || first === '{') value = flow(text);
      else value = plain(text);
      // A plain scalar continued on more-indented lines is a multi-line scalar: not ours.
      const next = this.lines[this.index];
      if (next && next.indent > indent) throw GIVE_UP;
    }
    return value;
  }

  /** `|` or `|-` with its lines (no indentation indicator). */
  private literal(header: string, indent: number): string {
    // `|+` keeps trailing blank lines, which contentLines drops: not ours.
    const match = /^\|(-?)[ ]*(#.*)?$/.exec(header);
    if (!match) throw GIVE_UP;
    const chomp = match[1];
    const parts: string[] = [];
    let blockIndent = -1;
    // Block scalars keep blank and comment-looking lines, so they are read from the raw lines.
    while (this.index < this.lines.length) {
      const line = this.lines[this.index]!;
      if (line.indent <= indent) break;
      if (blockIndent === -1) blockIndent = line.indent;
      if (line.indent < blockIndent) throw GIVE_UP;
      parts.push(' '.repeat(line.indent - blockIndent) + line.text);
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
    const close = text.indexOf(first, 1);
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

/** A quoted scalar alone on the rest of the line (a comment may follow). No escapes, no `''`. */
function quoted(text: string): string {
  const quote = text[0]!;
  const close = text.indexOf(quote, 1);
  if (close === -1) throw GIVE_UP;
  const body = text.slice(1, close);
  if (body.includes('\\') || (quote === "'" && text[close + 1] === "'")) throw GIVE_UP;
  const after = text.slice(close + 1);
  if (after !== '' && !/^ +(#.*)?$/.test(after)) throw GIVE_UP;
  return body;
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

/** A flow collection that ends on its line: `[a, b]`, `{a: 1, b: [x]}`. */
function flow(text: string): unknown {
  let i = 0;
  const skip = () => {
    while (text[i] === ' ') i++;
  };
  const scalarIn = (stops: string): unknown => {
    skip();
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close === -1) throw GIVE_UP;
      const body = text.slice(i + 1, close);
      if (body.includes('\\') || (c === "'" && text[close + 1] === "'")) throw GIVE_UP;
      i = close + 1;
      return body;
    }
    if (c === '[' || c === '{') return node();
    const start = i;
    while (i < text.length && !stops.includes(text[i]!)) i++;
    const raw = trimSpaces(text.slice(start, i));
    if (raw === '' || !startsPlain(raw) || raw.includes(' #') || raw.includes(':')) throw GIVE_UP;
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
        out.push(scalarIn(',]'));
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
      const key = parseKey(trimSpaces(text.slice(start, i)));
      i += 2;
      if (Object.prototype.hasOwnProperty.call(out, key)) throw GIVE_UP;
      out[key] = scalarIn(',}');
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
  const after = text.slice(i);
  if (after !== '' && !/^ +(#.*)?$/.test(after)) throw GIVE_UP;
  return value;
}

/**
 * Lines of a document that are content (blank lines and comment lines dropped, the leading `---`
 * marker skipped), or undefined when the text has anything the block parser does not read line
 * by line: tabs, carriage returns, directives, content after `---`.
 */
function contentLines(source: string): Line[] | undefined {
  if (source.includes('\t') || source.includes('\r')) return undefined;
  const lines: Line[] = [];
  let literalIndent = -1; // inside a literal block scalar, blank and `#` lines are content
  let blankInLiteral = false;
  let start = 0;
  let first = true;
  while (start <= source.length) {
    let end = source.indexOf('\n', start);
    if (end === -1) end = source.length;
    const raw = source.slice(start, end);
    start = end + 1;
    if (first) {
      first = false;
      if (raw.startsWith('---')) {
        if (!/^---[ ]*(#.*)?$/.test(raw)) return undefined;
        continue;
      }
      if (raw.startsWith('%')) return undefined;
    }
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    const text = raw.slice(indent);
    if (literalIndent !== -1) {
      if (text === '') {
        blankInLiteral = true;
        continue;
      }
      if (indent > literalIndent) {
        // A blank line inside a literal block is part of its text: not ours to get right.
        if (blankInLiteral) return undefined;
        lines.push({ indent, text });
        continue;
      }
      literalIndent = -1;
      blankInLiteral = false;
    }
    if (text === '' || text[0] === '#') continue;
    lines.push({ indent, text });
    if (text.includes('|') && /(^|[: ])\|[-+]?[ ]*(#.*)?$/.test(text)) literalIndent = indent;
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
