import { findingText, formatFindingsGithub, type OutputFormat } from '@chartforge/core';
import type { Report } from '../types.js';
import type { FormatOptions } from './common.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatTap } from './tap.js';
import { formatText } from './text.js';

// The formats are @chartforge/core's; re-exported because formatReport takes them.
export { OUTPUT_FORMATS, type OutputFormat } from '@chartforge/core';
export type { FormatOptions } from './common.js';
export { describeRule } from './sarif.js';

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
