import type { Report } from '../types.js';
import type { FormatOptions } from './common.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatTap } from './tap.js';
import { formatText } from './text.js';

export type { FormatOptions } from './common.js';

export const OUTPUT_FORMATS = ['text', 'json', 'junit', 'tap', 'sarif'] as const;
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
  }
}
