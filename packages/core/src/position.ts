/** A place in a text, 1-based. */
export interface TextPosition {
  line: number;
  column: number;
}

/** 1-based line and column of a character offset in a text (JSON.parse's `position N`, a yaml node's range). */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
