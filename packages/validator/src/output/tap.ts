import type { Report } from '../types.js';
import { findingText, resourceLabel } from './common.js';

/** A YAML-safe scalar for TAP's diagnostic block. */
function quote(text: string): string {
  return JSON.stringify(text);
}

/** TAP version 13: one test point per resource, findings in a YAML diagnostic block. */
export function formatTap(report: Report): string {
  const resources = report.resources.filter((r) => r.status !== 'empty');
  const lines = ['TAP version 13', `1..${resources.length}`];
  resources.forEach((r, i) => {
    const description = `${r.file} - ${resourceLabel(r)}`.replace(/#/g, '\\#');
    const ok = r.status === 'valid' || r.status === 'skipped';
    lines.push(`${ok ? 'ok' : 'not ok'} ${i + 1} - ${description}${r.status === 'skipped' ? ' # SKIP' : ''}`);
    if (r.findings.length > 0) {
      lines.push('  ---', `  status: ${r.status}`, '  findings:');
      for (const f of r.findings) {
        lines.push(`    - message: ${quote(findingText(f))}`, `      severity: ${f.severity}`, `      rule: ${quote(f.rule)}`, `      line: ${f.line}`, `      column: ${f.column}`);
        if (f.template) lines.push(`      template: ${quote(f.template)}`);
      }
      lines.push('  ...');
    }
  });
  return `${lines.join('\n')}\n`;
}
