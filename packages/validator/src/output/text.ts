import { findingText, paint as paintStyle, printable, wrapToWidth, type TextStyle } from '@chartforge/core';
import type { Report } from '../types.js';
import { resourceLabel, type FormatOptions } from './common.js';

/** Where a finding's resource starts on its line ("  1:2      error    "): continuation lines align there. */
const FINDING_INDENT = 2 + 8 + 1 + 7 + 2;

/** Human-readable findings grouped by file, like ESLint's stylish format; kubeconform's summary line. */
export function formatText(report: Report, options: FormatOptions = {}): string {
  const paint = (style: TextStyle, text: string) => paintStyle(style, text, options.color);
  const lines: string[] = [];
  const files = new Map<string, Report['resources']>();
  for (const resource of report.resources) {
    const list = files.get(resource.file) ?? [];
    list.push(resource);
    files.set(resource.file, list);
  }
  for (const [file, resources] of files) {
    const block: string[] = [];
    for (const resource of resources) {
      if (resource.findings.length === 0) {
        if (options.verbose) block.push(`  ${paint('dim', `${resource.line}:${resource.column}`.padEnd(8))} ${paint(resource.status === 'valid' ? 'ok' : 'dim', resource.status.padEnd(7))}  ${printable(resourceLabel(resource))}`);
        continue;
      }
      for (const f of resource.findings) {
        const where = `${f.line}:${f.column}`.padEnd(8);
        const template = f.template ? paint('dim', ` (${printable(f.template)})`) : '';
        const line = `  ${paint('dim', where)} ${paint(f.severity, f.severity.padEnd(7))}  ${printable(resourceLabel(f))}${template}  ${printable(findingText(f))}  ${paint('dim', f.rule)}`;
        block.push(options.width ? wrapToWidth(line, options.width, FINDING_INDENT) : line);
      }
    }
    // One push per line: spreading a file's findings into push() overflows the stack past ~120k.
    if (block.length > 0) {
      lines.push(paint('bold', printable(file)));
      for (const line of block) lines.push(line);
      lines.push('');
    }
  }
  if (options.summary) {
    const s = report.summary;
    const where = [...files.keys()].length === 1 && files.has('stdin') ? 'parsing stdin' : `in ${s.files} file${s.files === 1 ? '' : 's'}`;
    lines.push(`Summary: ${s.resources} resource${s.resources === 1 ? '' : 's'} found ${where} - Valid: ${s.valid}, Invalid: ${s.invalid}, Errors: ${s.errors}, Skipped: ${s.skipped}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
