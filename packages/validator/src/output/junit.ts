import type { Report, ResourceResult } from '../types.js';
import { findingDetail, findingText, resourceLabel, xmlEscape as escape } from './common.js';

function testcase(r: ResourceResult): string {
  const name = escape(`${resourceLabel(r)} (document ${r.documentIndex}, line ${r.line})`);
  const open = `    <testcase classname="${escape(r.file)}" name="${name}">`;
  const details = r.findings.map((f) => findingDetail(f)).join('\n');
  const first = r.findings.find((f) => f.severity === 'error');
  switch (r.status) {
    case 'invalid':
      return `${open}\n      <failure message="${escape(first ? findingText(first) : 'invalid')}" type="invalid">${escape(details)}</failure>\n    </testcase>`;
    case 'error':
      return `${open}\n      <error message="${escape(first ? findingText(first) : 'error')}" type="error">${escape(details)}</error>\n    </testcase>`;
    case 'skipped':
      return `${open}\n      <skipped/>\n    </testcase>`;
    default:
      return details ? `${open}\n      <system-out>${escape(details)}</system-out>\n    </testcase>` : `${open}</testcase>`;
  }
}

/** JUnit XML: one test suite per file, one test case per resource (empty documents are left out). */
export function formatJunit(report: Report): string {
  const byFile = new Map<string, ResourceResult[]>();
  for (const r of report.resources) {
    if (r.status === 'empty') continue;
    // Appending in place: copying the file's list for each resource was quadratic (40k documents: 30 s).
    const list = byFile.get(r.file);
    if (list) list.push(r);
    else byFile.set(r.file, [r]);
  }
  const count = (list: ResourceResult[], status: ResourceResult['status']) => list.filter((r) => r.status === status).length;
  const all = [...byFile.values()].flat();
  const suites = [...byFile.entries()].map(([file, list], i) =>
    [`  <testsuite name="${escape(file)}" id="${i}" tests="${list.length}" failures="${count(list, 'invalid')}" errors="${count(list, 'error')}" skipped="${count(list, 'skipped')}">`, ...list.map(testcase), '  </testsuite>'].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // <testsuites> has no `skipped` in the Jenkins JUnit schema kubeconform's output follows: skipped resources count as `disabled`, as kubeconform counts them.
    `<testsuites name="chartforge validate" tests="${all.length}" failures="${count(all, 'invalid')}" errors="${count(all, 'error')}" disabled="${count(all, 'skipped')}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
