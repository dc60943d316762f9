import type { ReportedFinding } from '../finding.js';

// Workflow-command escaping: data escapes % CR LF, property values also : and ,.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND: Record<ReportedFinding['severity'], string> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub workflow commands (`::error file=…,line=…,col=…,title=…::message`) that annotate a pull request's diff. */
export function formatFindingsGithub(findings: readonly ReportedFinding[]): string {
  return findings
    .map((f) => `::${GITHUB_COMMAND[f.severity]} file=${escapeProperty(f.file)},line=${f.line},col=${f.column},title=${escapeProperty(`chartforge ${f.rule}`)}::${escapeData(f.message)}\n`)
    .join('');
}
