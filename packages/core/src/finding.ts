// The finding every chartforge command reports (validate's per resource, lint's, values check's,
// upgrade-check's and version-check's), so that every output format takes one shape.

export type Severity = 'error' | 'warning' | 'info';

/** Severities in increasing order, for "at least this severe" comparisons (--fail-on, a rule's ceiling). */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/**
 * The finding shape every command reports in every format: where, which rule, how severe, what.
 * The validator's `Finding` extends it with the resource it is about; publish's `CheckFinding` is it.
 */
export interface ReportedFinding {
  file: string;
  /** 1-based line and column. */
  line: number;
  column: number;
  severity: Severity;
  /** Stable id of the rule or check, e.g. `schema`, `no-latest-tag`, `values-schema`. */
  rule: string;
  /** Dotted path of the field or value concerned, when there is one. */
  path?: string;
  message: string;
  /** Template file from helm's `# Source:` comment. */
  template?: string;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The one order of findings, so that every report is deterministic: file, line, column, rule, message. */
export function compareFindings(a: ReportedFinding, b: ReportedFinding): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.rule, b.rule) || compareText(a.message, b.message);
}

/** What a report's readers need to know about a lint rule (SARIF's rule descriptors). */
export interface RuleDescriptor {
  id: string;
  summary: string;
  /** The rule's documentation page, relative to the repository root. */
  docs: string;
}

/** `path: message`, or the message alone when the finding has no path. */
export function findingText(f: Pick<ReportedFinding, 'path' | 'message'>): string {
  return f.path ? `${f.path}: ${f.message}` : f.message;
}

/** `file:line:col severity message [rule] (template)`: one finding on one line, as JUnit bodies carry it. */
export function findingDetail(f: ReportedFinding, message = findingText(f)): string {
  return `${f.file}:${f.line}:${f.column} ${f.severity} ${message} [${f.rule}]${f.template ? ` (${f.template})` : ''}`;
}

export function countBySeverity(findings: readonly ReportedFinding[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const finding of findings) {
    if (finding.severity === 'error') errors++;
    else if (finding.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
