import type { Report } from '../types.js';
import { findingText, type FormatOptions } from './common.js';
import { formatFindingsGithub } from './findings.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatTap } from './tap.js';
import { formatText } from './text.js';

export type { FormatOptions, ReportedFinding } from './common.js';
export { formatFindingsGithub, formatFindingsJunit, formatFindingsTap } from './findings.js';
export { artifactUri, SARIF_LEVEL, sarifRule } from './sarif.js';

/** The report formats of every command that reports findings (validate, lint, values check, upgrade-check, version-check). */
export const OUTPUT_FORMATS = ['text', 'json', 'junit', 'tap', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Renders a report; output is deterministic (same report, same bytes). */
export function formatReport(report: Report, format: OutputFormat, options: FormatOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(report, options);
    case 'json':
      return formatJson(report, options);
    case 'junit':
      return formatJunit(report);
    case 'tap':
      return formatTap(report);
    case 'sarif':
      return formatSarif(report, options);
    case 'github':
      // The annotation names the field and, for helm output, the template the resource came from.
      return formatFindingsGithub(report.findings.map((f) => ({ ...f, message: `${findingText(f)}${f.template ? ` (template ${f.template})` : ''}` })));
  }
}
