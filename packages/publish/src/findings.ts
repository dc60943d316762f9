// One finding shape for every check this package runs (values against a schema, YAML syntax,
// chart metadata, helm's own lint output), so the CLI reports them all the same way.

export type CheckSeverity = 'error' | 'warning' | 'info';

export interface CheckFinding {
  /** File the finding is about, as the user named it. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  severity: CheckSeverity;
  /** Stable id of the check, e.g. `values-schema`, `values-yaml`, `helm-lint`. */
  rule: string;
  /** Dotted path of the value concerned (`image.tag`, `model.args[0]`), when there is one. */
  path?: string;
  message: string;
}

/** Position in a text, 1-based. */
export interface TextPosition {
  line: number;
  column: number;
}

/** Orders findings by file, line, column, then message, so every report is deterministic. */
export function compareFindings(a: CheckFinding, b: CheckFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.message !== b.message) return a.message < b.message ? -1 : 1;
  return 0;
}

/** Sorted, with exact duplicates (the same message at the same place) removed. */
export function sortFindings(findings: readonly CheckFinding[]): CheckFinding[] {
  const seen = new Set<string>();
  const unique: CheckFinding[] = [];
  for (const finding of [...findings].sort(compareFindings)) {
    const key = `${finding.file}\0${finding.line}\0${finding.column}\0${finding.rule}\0${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(finding);
  }
  return unique;
}

/** Dotted path with [index] for arrays: `model.args[0]`; keys that are not identifiers are quoted. */
export function formatPath(segments: ReadonlyArray<string | number>): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** 1-based line and column of a character offset in a text. */
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
