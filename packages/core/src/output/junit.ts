// JUnit XML, the one writer of it: validate's report (a test case per resource) and every flat
// finding list (a test case per finding) are built here, so escaping and counting are written once.

/** XML text and attribute values: XML 1.0 cannot carry most control characters at all, even escaped. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** What a test case holds: a failure or error (counted as such), a skip, output of a passing case, or nothing. */
export type JunitOutcome = { element: 'failure' | 'error'; message: string; type: string; text: string } | { element: 'skipped' } | { element: 'system-out'; text: string };

export interface JunitCase {
  classname: string;
  name: string;
  outcome?: JunitOutcome;
}

export interface JunitSuite {
  name: string;
  cases: readonly JunitCase[];
}

function testcase({ classname, name, outcome }: JunitCase): string {
  const open = `    <testcase classname="${xmlEscape(classname)}" name="${xmlEscape(name)}">`;
  if (!outcome) return `${open}</testcase>`;
  const body =
    outcome.element === 'skipped'
      ? '<skipped/>'
      : outcome.element === 'system-out'
        ? `<system-out>${xmlEscape(outcome.text)}</system-out>`
        : `<${outcome.element} message="${xmlEscape(outcome.message)}" type="${xmlEscape(outcome.type)}">${xmlEscape(outcome.text)}</${outcome.element}>`;
  return `${open}\n      ${body}\n    </testcase>`;
}

function count(cases: readonly JunitCase[], element: JunitOutcome['element']): number {
  return cases.filter((c) => c.outcome?.element === element).length;
}

/**
 * A JUnit XML document of `suites`, their counts taken from the cases' outcomes. `<testsuites>` has
 * no `skipped` in the Jenkins JUnit schema: with `disabled`, skipped cases are counted as disabled
 * there, as kubeconform counts skipped resources.
 */
export function junitXml(name: string, suites: readonly JunitSuite[], { disabled = false }: { disabled?: boolean } = {}): string {
  const all = suites.flatMap((suite) => suite.cases);
  const written = suites.map((suite, i) =>
    [`  <testsuite name="${xmlEscape(suite.name)}" id="${i}" tests="${suite.cases.length}" failures="${count(suite.cases, 'failure')}" errors="${count(suite.cases, 'error')}" skipped="${count(suite.cases, 'skipped')}">`, ...suite.cases.map(testcase), '  </testsuite>'].join('\n'),
  );
  const totals = `tests="${all.length}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}"${disabled ? ` disabled="${count(all, 'skipped')}"` : ''}`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xmlEscape(name)}" ${totals}>`, ...written, '</testsuites>', ''].join('\n');
}
