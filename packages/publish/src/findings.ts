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
