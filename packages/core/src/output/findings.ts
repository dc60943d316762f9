// Every report format of a flat finding list, for the commands whose findings are not per resource
// (lint, values check, upgrade-check, version-check). A finding's message here is the whole
// message: the checks name the value in it already.
import { countBySeverity, findingDetail, type ReportedFinding } from '../finding.js';
import { formatFindingsGithub } from './github.js';
import { junitXml } from './junit.js';
import { formatFindingsSarif, type SarifRuleText } from './sarif.js';
import { tapStream } from './tap.js';
import { paint, printable, wrapToWidth } from './terminal.js';

/** The report formats of every command that reports findings (validate, lint, values check, upgrade-check, version-check). */
export const OUTPUT_FORMATS = ['text', 'json', 'junit', 'tap', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface FindingsReportOptions {
  /** Tool name (SARIF's driver, JUnit's `<testsuites>`) and version (SARIF). */
  toolName?: string;
  toolVersion?: string;
  /** SARIF's descriptor of each rule id; by default the id is its own summary. */
  describeRule?(id: string): SarifRuleText;
  /** Colour the severities of the text format (the caller decides: terminal, NO_COLOR, FORCE_COLOR). */
  color?: boolean;
  /** A terminal's width: long lines of the text format wrap to it (never set for piped output). */
  width?: number;
}

/**
 * What a findings report is made of: each file a finding is in, with its findings, and each checked
 * input (a chart directory, a values file) that has none, so a clean input still shows as a pass.
 * Inputs come in the order they were named, a chart's files under it; files outside every input last.
 */
function subjects(findings: readonly ReportedFinding[], checked: readonly string[]): [string, ReportedFinding[]][] {
  const byFile = new Map<string, ReportedFinding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  // Each input by its name and by its name without trailing slashes, first named first: a file is
  // placed under the first input it is, or is inside, found by looking up the file's own ancestors
  // (linear in files × depth, where comparing every file with every input was quadratic).
  const inputIndex = new Map<string, number>();
  checked.forEach((input, i) => {
    for (const name of [input, input.replace(/[\\/]+$/, '')]) if (!inputIndex.has(name)) inputIndex.set(name, i);
  });
  const filesOf: string[][] = checked.map(() => []);
  const outside: string[] = [];
  for (const file of byFile.keys()) {
    let first = inputIndex.get(file);
    for (let end = 0; end < file.length; end++) {
      if (file[end] !== '/' && file[end] !== '\\') continue;
      const index = inputIndex.get(file.slice(0, end));
      if (index !== undefined && (first === undefined || index < first)) first = index;
    }
    if (first === undefined) outside.push(file);
    else filesOf[first]!.push(file);
  }
  const ordered: [string, ReportedFinding[]][] = [];
  const named = new Set<string>();
  checked.forEach((input, i) => {
    for (const file of filesOf[i]!) {
      named.add(file);
      ordered.push([file, byFile.get(file)!]);
    }
    if (filesOf[i]!.length === 0 && !named.has(input)) {
      named.add(input);
      ordered.push([input, []]);
    }
  });
  for (const file of outside) ordered.push([file, byFile.get(file)!]);
  return ordered;
}

/** A continuation of a wrapped text finding is indented this much, under its `file:line:col:`. */
const WRAP_INDENT = 4;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `file:line:col: severity: message [rule]` a line, then a summary line naming what was checked. */
function formatText(findings: readonly ReportedFinding[], checked: readonly string[], { color, width }: FindingsReportOptions): string {
  // File names and messages quote the input: control characters are shown, never sent to the terminal.
  const lines = findings.map((f) => `${printable(`${f.file}:${f.line}:${f.column}:`)} ${paint(f.severity, f.severity, color)}: ${printable(f.message)} ${paint('dim', printable(`[${f.rule}]`), color)}`);
  const { errors, warnings } = countBySeverity(findings);
  const subject = checked.length === 1 ? checked[0]! : plural(checked.length, 'file');
  lines.push(printable(errors + warnings === 0 ? `${subject}: no problems` : `${subject}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`));
  return `${(width ? lines.map((line) => wrapToWidth(line, width, WRAP_INDENT)) : lines).join('\n')}\n`;
}

function formatJson(findings: readonly ReportedFinding[], checked: readonly string[]): string {
  const summary = countBySeverity(findings);
  return `${JSON.stringify({ files: checked, findings, summary: { errors: summary.errors, warnings: summary.warnings, infos: summary.infos } }, null, 2)}\n`;
}

/**
 * JUnit XML: one test suite per file, one test case per finding (an error is its failure; a warning
 * or note passes with the finding in system-out), and one passing case for an input with no findings.
 */
export function formatFindingsJunit(findings: readonly ReportedFinding[], checked: readonly string[], suiteName: string): string {
  const suites = subjects(findings, checked).map(([file, list]) => ({
    name: file,
    cases:
      list.length === 0
        ? [{ classname: file, name: 'no problems' }]
        : list.map((f) => ({
            classname: file,
            name: `${f.line}:${f.column} ${f.rule}`,
            outcome: f.severity === 'error' ? { element: 'failure' as const, message: f.message, type: f.rule, text: findingDetail(f, f.message) } : { element: 'system-out' as const, text: findingDetail(f, f.message) },
          })),
  }));
  return junitXml(suiteName, suites);
}

/** TAP version 13: one test point per file (not ok when it has an error), its findings in a YAML diagnostic block. */
export function formatFindingsTap(findings: readonly ReportedFinding[], checked: readonly string[]): string {
  // A file name is one line of the stream: control characters and line breaks are shown escaped.
  const points = subjects(findings, checked).map(([file, list]) => ({ ok: !list.some((f) => f.severity === 'error'), description: printable(file), findings: list }));
  return tapStream(points, (f) => f.message);
}

/** Renders findings in one of the report formats; `checked` names what was checked (text, json, junit, tap). Deterministic. */
export function formatFindings(format: OutputFormat, findings: readonly ReportedFinding[], checked: readonly string[], options: FindingsReportOptions = {}): string {
  const toolName = options.toolName ?? 'chartforge';
  switch (format) {
    case 'text':
      return formatText(findings, checked, options);
    case 'json':
      return formatJson(findings, checked);
    case 'junit':
      return formatFindingsJunit(findings, checked, toolName);
    case 'tap':
      return formatFindingsTap(findings, checked);
    case 'sarif':
      return formatFindingsSarif(findings, { tool: { name: toolName, ...(options.toolVersion ? { version: options.toolVersion } : {}) }, describeRule: options.describeRule ?? ((id) => ({ summary: id })) });
    case 'github':
      return formatFindingsGithub(findings);
  }
}
