// TAP version 13, the one writer of it: validate's report (a test point per resource) and every
// flat finding list (a test point per file), findings in a YAML diagnostic block.
import { findingText, type ReportedFinding } from '../finding.js';

export interface TapPoint<F extends ReportedFinding> {
  ok: boolean;
  description: string;
  skip?: boolean;
  /** Written as `status:` in the diagnostic block (validate's resource status). */
  status?: string;
  findings: readonly F[];
}

/** TAP's YAML diagnostic lines for findings (a list under `findings:`), scalars JSON-quoted to stay YAML-safe. */
function findingLines<F extends ReportedFinding>(findings: readonly F[], message: (f: F) => string): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`    - message: ${JSON.stringify(message(f))}`, `      severity: ${f.severity}`, `      rule: ${JSON.stringify(f.rule)}`, `      line: ${f.line}`, `      column: ${f.column}`);
    if (f.template) lines.push(`      template: ${JSON.stringify(f.template)}`);
  }
  return lines;
}

/** A TAP stream of `points`; `#` in a description is escaped (it would start a directive). */
export function tapStream<F extends ReportedFinding>(points: readonly TapPoint<F>[], message: (f: F) => string = findingText): string {
  const lines = ['TAP version 13', `1..${points.length}`];
  points.forEach((point, i) => {
    lines.push(`${point.ok ? 'ok' : 'not ok'} ${i + 1} - ${point.description.replace(/#/g, '\\#')}${point.skip ? ' # SKIP' : ''}`);
    if (point.findings.length > 0) lines.push('  ---', ...(point.status ? [`  status: ${point.status}`] : []), '  findings:', ...findingLines(point.findings, message), '  ...');
  });
  return `${lines.join('\n')}\n`;
}
