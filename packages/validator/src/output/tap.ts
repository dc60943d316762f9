import type { Report } from '../types.js';
import { resourceLabel, tapFindingLines } from './common.js';

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
      lines.push(...tapFindingLines(r.findings), '  ...');
    }
  });
  return `${lines.join('\n')}\n`;
}
