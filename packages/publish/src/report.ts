// Report formats for check findings: core's formats of a finding list, with SARIF's descriptor of
// each rule taken from the check that reports it (CHECK_RULES) or the validator's lint rule.
import { formatFindings, type OutputFormat, type RuleDescriptor } from '@chartforge/core';
import { describeRule } from '@chartforge/validator/output';
import { CHECK_RULES } from './check-rules.js';
import type { CheckFinding } from './findings.js';

export interface CheckReportOptions {
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

/** Renders findings in one of the report formats. `checked` names what was checked (text, json, junit, tap). */
export function formatCheckReport(format: OutputFormat, findings: readonly CheckFinding[], checked: readonly string[], options: CheckReportOptions = {}): string {
  const { toolName, toolVersion, color, width } = options;
  return formatFindings(format, findings, checked, {
    toolName,
    toolVersion,
    color,
    width,
    describeRule: (id) => {
      const check = CHECK_RULES.find((rule) => rule.id === id);
      return describeRule(id, options.rules, { summary: check?.summary ?? id, ...(check ? { description: check.description } : {}), ...(options.helpUri ? { helpUri: options.helpUri } : {}) });
    },
  });
}
