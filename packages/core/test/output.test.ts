// The formats of a flat finding list (lint, values check, upgrade-check, version-check) and the
// terminal text helpers every text format uses; validate's per-resource formats are tested in the
// validator, on these writers.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Parser as TapParser } from 'tap-parser';
import { describe, expect, it } from 'vitest';
import { formatFindings, formatFindingsJunit, formatFindingsTap, junitXml, wrapToWidth, type ReportedFinding } from '../src/index.js';

describe('wrapToWidth', () => {
  it('breaks at spaces, cuts a word no line can hold, and leaves short lines and narrow widths alone', () => {
    expect(wrapToWidth('short line', 40, 4)).toBe('short line');
    expect(wrapToWidth('alpha beta gamma delta epsilon zeta eta theta', 30, 4)).toBe('alpha beta gamma delta epsilon\n    zeta eta theta');
    expect(wrapToWidth(`x ${'a'.repeat(60)}`, 30, 4)).toBe(`x ${'a'.repeat(28)}\n    ${'a'.repeat(26)}\n    ${'a'.repeat(6)}`);
    expect(wrapToWidth('alpha beta gamma delta epsilon zeta eta theta', 10, 4)).toBe('alpha beta gamma delta epsilon zeta eta theta');
  });
});

describe('a flat finding list (lint, values check, upgrade-check, version-check)', () => {
  const findings: ReportedFinding[] = [
    { file: 'charts/x/templates/a.yaml', line: 3, column: 5, severity: 'error', rule: 'pss-host-namespaces', message: 'hostNetwork: true <shared>' },
    { file: 'charts/x/templates/a.yaml', line: 9, column: 1, severity: 'warning', rule: 'liveness-probe', message: 'no livenessProbe' },
    { file: 'values # prod.yaml', line: 1, column: 1, severity: 'error', rule: 'values-yaml', message: 'bad' },
  ];

  it('junit: a suite per file under its chart, a case per finding, a passing case for a clean input; well-formed', () => {
    const xml = formatFindingsJunit(findings, ['charts/x/', 'charts/clean'], 'chartforge lint');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(parsed.testsuites).toMatchObject({ name: 'chartforge lint', tests: '4', failures: '2' });
    expect(parsed.testsuites.testsuite.map((s: { name: string; tests: string; failures: string }) => [s.name, s.tests, s.failures])).toEqual([
      ['charts/x/templates/a.yaml', '2', '1'],
      ['charts/clean', '1', '0'],
      ['values # prod.yaml', '1', '1'],
    ]);
  });

  it('places a file under the first input it is or is inside, whatever the separator; an input named twice shows once', () => {
    const at = (file: string): ReportedFinding => ({ file, line: 1, column: 1, severity: 'error', rule: 'values-yaml', message: 'bad' });
    const nested = [at('charts/x/sub/values.yaml'), at('elsewhere.yaml'), at('charts\\win\\a.yaml'), at('charts/x'), at('charts/xy/b.yaml')];
    const tap = formatFindingsTap(nested, ['charts/x/sub', 'charts/x//', 'charts\\win', 'charts/clean', 'charts/clean']);
    const points = tap.split('\n').filter((line) => /^(not )?ok /.test(line)).map((line) => line.replace(/^(not )?ok \d+ - /, ''));
    expect(points).toEqual(['charts/x/sub/values.yaml', 'charts/x', 'charts\\win\\a.yaml', 'charts/clean', 'elsewhere.yaml', 'charts/xy/b.yaml']);
  });

  it('tap: parses as TAP 13, a test point per file, not ok when it has an error', async () => {
    const results = await new Promise<{ plan: { end: number }; pass: number; fail: number; failures: Array<{ name: string; diag: { findings: Array<{ line: number; message: string }> } }> }>((resolve) => {
      const parser = new TapParser((r) => resolve(r as never));
      parser.end(formatFindingsTap(findings, ['charts/x', 'charts/clean']));
    });
    expect([results.plan.end, results.pass, results.fail]).toEqual([3, 1, 2]);
    expect(results.failures.map((f) => f.name)).toEqual(['charts/x/templates/a.yaml', 'values # prod.yaml']);
    expect(results.failures[0]!.diag.findings.map((f) => [f.line, f.message])).toEqual([
      [3, 'hostNetwork: true <shared>'],
      [9, 'no livenessProbe'],
    ]);
  });
});

describe('sarif of a flat finding list', () => {
  const findings: ReportedFinding[] = [
    { file: 'charts/x/values.yaml', line: 2, column: 3, severity: 'error', rule: 'values-schema', path: 'replicas', message: 'replicas: expected integer' },
    { file: 'charts/x/Chart.yaml', line: 1, column: 1, severity: 'info', rule: 'helm-lint', message: 'icon is recommended' },
  ];

  it('describes each rule as the caller says, and fingerprints a result by file, rule and path (or message)', () => {
    const sarif = JSON.parse(formatFindings('sarif', findings, ['charts/x'], { toolName: 'chartforge lint', toolVersion: '1.2.3', describeRule: (id) => ({ summary: `about ${id}`, ...(id === 'helm-lint' ? { description: 'What helm lint says.', helpUri: 'https://example.invalid/helm-lint' } : {}) }) }));
    const [run] = sarif.runs;
    expect(run.tool.driver).toEqual({
      name: 'chartforge lint',
      version: '1.2.3',
      rules: [
        { id: 'helm-lint', name: 'helm-lint', shortDescription: { text: 'about helm-lint' }, fullDescription: { text: 'What helm lint says.' }, helpUri: 'https://example.invalid/helm-lint' },
        { id: 'values-schema', name: 'values-schema', shortDescription: { text: 'about values-schema' } },
      ],
    });
    expect(run.results.map((r: { ruleIndex: number; level: string; partialFingerprints: object; properties?: object }) => [r.ruleIndex, r.level, r.partialFingerprints, r.properties])).toEqual([
      [1, 'error', { 'findingPath/v1': 'charts/x/values.yaml|values-schema|replicas' }, { path: 'replicas' }],
      [0, 'note', { 'findingPath/v1': 'charts/x/Chart.yaml|helm-lint|icon is recommended' }, undefined],
    ]);
  });
});

describe('junitXml, the one JUnit writer', () => {
  it('counts failures, errors and skips from the cases, disabled only when asked, and escapes every value', () => {
    const suites = [
      {
        name: 'a<&>.yaml',
        cases: [
          { classname: 'a<&>.yaml', name: 'fails', outcome: { element: 'failure' as const, message: 'bad "x"', type: 'invalid', text: 'line\u0001' } },
          { classname: 'a<&>.yaml', name: 'errs', outcome: { element: 'error' as const, message: 'broken', type: 'error', text: '' } },
          { classname: 'a<&>.yaml', name: 'skips', outcome: { element: 'skipped' as const } },
          { classname: 'a<&>.yaml', name: 'passes' },
        ],
      },
    ];
    const xml = junitXml('run', suites, { disabled: true });
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(parsed.testsuites).toMatchObject({ name: 'run', tests: '4', failures: '1', errors: '1', disabled: '1' });
    expect(parsed.testsuites.testsuite).toMatchObject({ name: 'a<&>.yaml', tests: '4', failures: '1', errors: '1', skipped: '1' });
    expect(parsed.testsuites.testsuite.testcase[0].failure).toMatchObject({ message: 'bad "x"', '#text': 'line\ufffd' });
    expect(junitXml('run', suites)).not.toContain('disabled=');
  });
});
