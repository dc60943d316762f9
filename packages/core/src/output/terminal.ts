// Text for a terminal: what may be printed of a file's content, the colours of text reports, and
// wrapping to a terminal's width.

import type { Severity } from '../finding.js';

/**
 * Text safe to print on a terminal: control characters (ESC, CR, BEL, C1, …), line and paragraph
 * separators and bidirectional overrides from a file or resource name become visible `\u{…}`
 * escapes, so a manifest cannot rewrite the screen or hide a finding.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** The ANSI styles of text reports: a severity's colour, dimmed positions and rule ids, bold file names. */
const STYLES: Record<Severity | 'dim' | 'bold' | 'ok', [string, string]> = {
  error: ['\u001b[31m', '\u001b[39m'],
  warning: ['\u001b[33m', '\u001b[39m'],
  info: ['\u001b[36m', '\u001b[39m'],
  ok: ['\u001b[32m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  bold: ['\u001b[1m', '\u001b[22m'],
};
export type TextStyle = keyof typeof STYLES;

/** `text` in `style` when colour is on (the caller decides: terminal, NO_COLOR, FORCE_COLOR), else as it is. */
export function paint(style: TextStyle, text: string, color: boolean | undefined): string {
  return color ? `${STYLES[style][0]}${text}${STYLES[style][1]}` : text;
}

/** An ANSI colour code (paint's), which takes no column on a terminal. */
const COLOR_CODE = /\u001b\[[0-9;]*m/g;

function visibleWidth(text: string): number {
  let width = 0;
  for (const _ of text.replace(COLOR_CODE, '')) width++;
  return width;
}

/** `word` split after `columns` visible characters, colour codes kept with the text they precede. */
function cutWord(word: string, columns: number): [string, string] {
  let taken = 0;
  let index = 0;
  while (index < word.length && taken < columns) {
    const code = /^\u001b\[[0-9;]*m/.exec(word.slice(index));
    if (code) {
      index += code[0].length;
      continue;
    }
    index += word.codePointAt(index)! > 0xffff ? 2 : 1;
    taken++;
  }
  return [word.slice(0, index), word.slice(index)];
}

/**
 * `line` broken at spaces into lines of at most `width` terminal columns (colour codes take none),
 * each continuation indented by `indent` spaces; a word longer than a whole line is cut. For text
 * reports on a terminal only: piped, a finding stays on one line for grep and scripts. A width too
 * narrow to hold the indent and some text leaves the line as it is.
 */
export function wrapToWidth(line: string, width: number, indent: number): string {
  if (width < indent + 20 || visibleWidth(line) <= width) return line;
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let current = '';
  let used = 0;
  const breakLine = () => {
    lines.push(current.trimEnd());
    current = pad;
    used = indent;
  };
  for (const [token] of line.matchAll(/ +|[^ ]+/g)) {
    let word = token;
    let size = visibleWidth(word);
    if (word.startsWith(' ')) {
      // Spaces at a break are dropped: the next line starts at its indent.
      if (used + size < width) {
        current += word;
        used += size;
      } else if (used > indent) breakLine();
      continue;
    }
    // A word that fits no line is cut where it stands, rather than after an almost empty line.
    if (used + size > width && used > (lines.length === 0 ? 0 : indent) && size <= width - indent) breakLine();
    while (used + size > width) {
      const [head, rest] = cutWord(word, width - used);
      current += head;
      breakLine();
      word = rest;
      size = visibleWidth(rest);
    }
    current += word;
    used += size;
  }
  lines.push(current.trimEnd());
  return lines.join('\n');
}
