// Report formats for check findings: plain text for people, JSON for scripts, JUnit and TAP for
// test reporters, SARIF for code scanning, and GitHub workflow commands that annotate the pull
// request's diff. JUnit, TAP and GitHub are the validator's finding formats, shared with validate.
import type { RuleDescriptor } from '@chartforge/validator/core';
import { artifactUri, formatFindingsGithub, formatFindingsJunit, formatFindingsTap, OUTPUT_FORMATS, SARIF_LEVEL, sarifRule, type OutputFormat } from '@chartforge/validator/output';
import { paint, printable, wrapToWidth } from '@chartforge/validator/read';
import { CHECK_RULES } from './check-rules.js';
import type { CheckFinding } from './findings.js';

/** The same formats as `validate`'s. */
export const REPORT_FORMATS = OUTPUT_FORMATS;
export type ReportFormat = OutputFormat;

export interface ReportOptions {
  /** Tool name and version written into SARIF. */
  toolName?: string;
  toolVersion?: string;
  /** Where documentation lives (SARIF helpUri) for a rule that has no page of its own, e.g. the README. */
  helpUri?: string;
  /** The lint rules that ran (`lintCharts`' `rules`): SARIF describes them and links their pages, as validate's does. */
  rules?: readonly RuleDescriptor[];
  /** Colour the severities of the text format (the CLI decides: terminal, NO_COLOR, FORCE_COLOR). */
  color?: boolean;
  /** A terminal's width: long lines of the text format wrap to it (never set for piped output). */
  width?: number;
}

/** How many values files a text finding names before it counts the rest ("+3"). */
const VALUES_FILES_SHOWN = 2;

/**
 * The values files (or -f stacks) a finding occurred with, as a text report names them on the
 * finding's line: `with ci/a.yaml`; `with 2 values files: ci/a.yaml, ci/b.yaml`; `with 5 values
 * files: ci/a.yaml, ci/b.yaml, +3`. Machine formats list every one.
 */
export function valuesFilesSummary(names: readonly string[]): string {
  if (names.length <= 1) return `with ${names[0] ?? 'the chart\'s values'}`;
  const shown = names.slice(0, VALUES_FILES_SHOWN).join(', ');
  const more = names.length - VALUES_FILES_SHOWN;
  return `with ${names.length} values files: ${shown}${more > 0 ? `, +${more}` : ''}`;
}

/** A continuation of a wrapped text finding is indented this much, under its `file:line:col:`. */
const WRAP_INDENT = 4;

export function countBySeverity(findings: readonly CheckFinding[]): { errors: number; warnings: number; infos: number } {
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

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function formatText(findings: readonly CheckFinding[], checked: readonly string[], { color, width }: ReportOptions): string {
  // File names and messages quote the input: control characters are shown, never sent to the terminal.
  const lines = findings.map((f) => `${printable(`${f.file}:${f.line}:${f.column}:`)} ${paint(f.severity, f.severity, color)}: ${printable(f.message)} ${paint('dim', printable(`[${f.rule}]`), color)}`);
  const { errors, warnings } = countBySeverity(findings);
  const subject = checked.length === 1 ? checked[0]! : plural(checked.length, 'file');
  lines.push(printable(errors + warnings === 0 ? `${subject}: no problems` : `${subject}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`));
  return `${(width ? lines.map((line) => wrapToWidth(line, width, WRAP_INDENT)) : lines).join('\n')}\n`;
}

function formatJson(findings: readonly CheckFinding[], checked: readonly string[]): string {
  const summary = countBySeverity(findings);
  return `${JSON.stringify({ files: checked, findings, summary: { errors: summary.errors, warnings: summary.warnings, infos: summary.infos } }, null, 2)}\n`;
}

function formatSarif(findings: readonly CheckFinding[], options: ReportOptions): string {
  const ruleIds = [...new Set(findings.map((f) => f.rule))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.toolName ?? 'chartforge',
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules: ruleIds.map((id) => {
              const check = CHECK_RULES.find((rule) => rule.id === id);
              return sarifRule(id, options.rules, { text: check?.summary ?? id, ...(check ? { fullText: check.description } : {}), ...(options.helpUri ? { helpUri: options.helpUri } : {}) });
            }),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(f.file) },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
          // Code scanning matches a finding across commits by it: where and what, not the line it moved to.
          partialFingerprints: { 'findingPath/v1': `${f.file}|${f.rule}|${f.path ?? f.message}` },
          ...(f.path ? { properties: { path: f.path } } : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** Renders findings in one of the report formats. `checked` names what was checked (text, json, junit, tap). */
export function formatReport(format: ReportFormat, findings: readonly CheckFinding[], checked: readonly string[], options: ReportOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(findings, checked, options);
    case 'json':
      return formatJson(findings, checked);
    case 'junit':
      return formatFindingsJunit(findings, checked, options.toolName ?? 'chartforge');
    case 'tap':
      return formatFindingsTap(findings, checked);
    case 'sarif':
      return formatSarif(findings, options);
    case 'github':
      return formatFindingsGithub(findings);
  }
}
