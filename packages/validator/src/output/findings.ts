// Formats of a flat finding list, for every command whose findings are not per resource (lint,
// values check, upgrade-check, version-check) and, for `github`, validate too: one copy of each.
// A finding's message here is the whole message: publish's checks name the value in it already, and
// validate's `github` puts the field path in front before it calls.
import { findingDetail, printable, tapFindingLines, xmlEscape, type ReportedFinding } from './common.js';

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

/**
 * JUnit XML: one test suite per file, one test case per finding (an error is its failure; a warning
 * or note passes with the finding in system-out), and one passing case for an input with no findings.
 */
export function formatFindingsJunit(findings: readonly ReportedFinding[], checked: readonly string[], suiteName: string): string {
  let tests = 0;
  let failures = 0;
  const suites = subjects(findings, checked).map(([file, list], i) => {
    const errors = list.filter((f) => f.severity === 'error').length;
    tests += Math.max(list.length, 1);
    failures += errors;
    const cases =
      list.length === 0
        ? [`    <testcase classname="${xmlEscape(file)}" name="no problems"></testcase>`]
        : list.map((f) => {
            const open = `    <testcase classname="${xmlEscape(file)}" name="${xmlEscape(`${f.line}:${f.column} ${f.rule}`)}">`;
            const body = f.severity === 'error' ? `<failure message="${xmlEscape(f.message)}" type="${xmlEscape(f.rule)}">${xmlEscape(findingDetail(f, f.message))}</failure>` : `<system-out>${xmlEscape(findingDetail(f, f.message))}</system-out>`;
            return `${open}\n      ${body}\n    </testcase>`;
          });
    return [`  <testsuite name="${xmlEscape(file)}" id="${i}" tests="${Math.max(list.length, 1)}" failures="${errors}" errors="0" skipped="0">`, ...cases, '  </testsuite>'].join('\n');
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xmlEscape(suiteName)}" tests="${tests}" failures="${failures}" errors="0">`, ...suites, '</testsuites>', ''].join('\n');
}

/** TAP version 13: one test point per file (not ok when it has an error), its findings in a YAML diagnostic block. */
export function formatFindingsTap(findings: readonly ReportedFinding[], checked: readonly string[]): string {
  const points = subjects(findings, checked);
  const lines = ['TAP version 13', `1..${points.length}`];
  points.forEach(([file, list], i) => {
    const ok = !list.some((f) => f.severity === 'error');
    // A file name is one line of the stream: control characters and line breaks are shown escaped.
    lines.push(`${ok ? 'ok' : 'not ok'} ${i + 1} - ${printable(file).replace(/#/g, '\\#')}`);
    if (list.length > 0) lines.push('  ---', '  findings:', ...tapFindingLines(list, (f) => f.message), '  ...');
  });
  return `${lines.join('\n')}\n`;
}
