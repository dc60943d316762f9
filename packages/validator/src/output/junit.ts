import { findingDetail, findingText, junitXml, type JunitCase, type JunitOutcome } from '@chartforge/core';
import type { Report, ResourceResult } from '../types.js';
import { resourceLabel } from './common.js';

function outcome(r: ResourceResult): JunitOutcome | undefined {
  const details = r.findings.map((f) => findingDetail(f)).join('\n');
  const first = r.findings.find((f) => f.severity === 'error');
  switch (r.status) {
    case 'invalid':
      return { element: 'failure', message: first ? findingText(first) : 'invalid', type: 'invalid', text: details };
    case 'error':
      return { element: 'error', message: first ? findingText(first) : 'error', type: 'error', text: details };
    case 'skipped':
      return { element: 'skipped' };
    default:
      return details ? { element: 'system-out', text: details } : undefined;
  }
}

function testcase(r: ResourceResult): JunitCase {
  const result = outcome(r);
  return { classname: r.file, name: `${resourceLabel(r)} (document ${r.documentIndex}, line ${r.line})`, ...(result ? { outcome: result } : {}) };
}

/** JUnit XML: one test suite per file, one test case per resource (empty documents are left out). */
export function formatJunit(report: Report): string {
  const byFile = new Map<string, JunitCase[]>();
  for (const r of report.resources) {
    if (r.status === 'empty') continue;
    // Appending in place: copying the file's list for each resource was quadratic (40k documents: 30 s).
    const list = byFile.get(r.file);
    if (list) list.push(testcase(r));
    else byFile.set(r.file, [testcase(r)]);
  }
  // Skipped resources count as `disabled` in <testsuites>, as kubeconform counts them.
  return junitXml('chartforge validate', [...byFile.entries()].map(([name, cases]) => ({ name, cases })), { disabled: true });
}
