import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECK_RULES, formatCheckReport, locateInTemplate, parseHelmLint, parseHelmTemplateError, valuesFilesSummary, type CheckFinding } from '../src/index.js';
import { VALUES_SCHEMA_RULE } from '../src/values-check.js';
import { parsePath } from '@chartforge/core';

const findings: CheckFinding[] = [
  { file: 'prod.yaml', line: 3, column: 15, severity: 'error', rule: 'values-schema', path: 'image.pullPolicy', message: 'image.pullPolicy: must be one of "Always", got "Sometimes"' },
  { file: 'a,b:c.yaml', line: 1, column: 1, severity: 'warning', rule: 'values-yaml', message: '100% sure\nsecond line' },
];

describe('report formats', () => {
  it('text: file:line:col, severity, message and rule, then a summary', () => {
    expect(formatCheckReport('text', findings, ['prod.yaml'])).toBe(
      'prod.yaml:3:15: error: image.pullPolicy: must be one of "Always", got "Sometimes" [values-schema]\na,b:c.yaml:1:1: warning: 100% sure\nsecond line [values-yaml]\nprod.yaml: 1 error, 1 warning\n',
    );
    expect(formatCheckReport('text', [], ['a.yaml', 'b.yaml'])).toBe('2 files: no problems\n');
  });

  it('text: lines wrap to a terminal width given, continuations indented; none without one', () => {
    const long: CheckFinding = { file: 'charts/serving/templates/deployment.yaml', line: 21, column: 7, severity: 'error', rule: 'pss-host-namespaces', message: 'Deployment/x spec.template.spec.hostNetwork: hostNetwork: true shares the node\'s namespace with the pod' };
    expect(formatCheckReport('text', [long], ['charts/serving'], { width: 60 })).toBe(
      [
        'charts/serving/templates/deployment.yaml:21:7: error:',
        '    Deployment/x spec.template.spec.hostNetwork:',
        "    hostNetwork: true shares the node's namespace with the",
        '    pod [pss-host-namespaces]',
        'charts/serving: 1 error, 0 warnings',
        '',
      ].join('\n'),
    );
    expect(formatCheckReport('text', [long], ['charts/serving']).split('\n')[0]!.length).toBeGreaterThan(60);
  });

  it('github: workflow commands with escaped properties and data', () => {
    expect(formatCheckReport('github', findings, [])).toBe(
      '::error file=prod.yaml,line=3,col=15,title=chartforge values-schema::image.pullPolicy: must be one of "Always", got "Sometimes"\n' +
        '::warning file=a%2Cb%3Ac.yaml,line=1,col=1,title=chartforge values-yaml::100%25 sure%0Asecond line\n',
    );
  });

  it('sarif: 2.1.0 results with rule index, level, region and fingerprint; URIs percent-encoded as validate writes them', () => {
    const sarif = JSON.parse(formatCheckReport('sarif', findings, [], { toolName: 'chartforge', toolVersion: '0.1.0' }));
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['values-schema', 'values-yaml']);
    expect(run.results[1]).toEqual({
      ruleId: 'values-yaml',
      ruleIndex: 1,
      level: 'warning',
      message: { text: '100% sure\nsecond line' },
      // Unencoded, `a,b:c.yaml` would read as a URI of scheme `a,b`.
      locations: [{ physicalLocation: { artifactLocation: { uri: 'a%2Cb%3Ac.yaml' }, region: { startLine: 1, startColumn: 1 } } }],
      partialFingerprints: { 'findingPath/v1': 'a,b:c.yaml|values-yaml|100% sure\nsecond line' },
    });
  });

  it('sarif: a lint rule that ran is described and links its page; a check of publish by its own description', () => {
    const hostNetwork: CheckFinding = { file: 'charts/x/templates/deployment.yaml', line: 21, column: 7, severity: 'error', rule: 'pss-host-namespaces', message: 'hostNetwork: true' };
    const rules = [{ id: 'pss-host-namespaces', summary: 'Pods do not share the host namespaces.', docs: 'packages/validator/docs/rules/pss-host-namespaces.md' }];
    const sarif = JSON.parse(formatCheckReport('sarif', [hostNetwork, findings[0]!], [], { rules }));
    expect(sarif.runs[0].tool.driver.rules).toEqual([
      { id: 'pss-host-namespaces', name: 'pss-host-namespaces', shortDescription: { text: 'Pods do not share the host namespaces.' }, helpUri: 'https://github.com/chartforge/chartforge/blob/main/packages/validator/docs/rules/pss-host-namespaces.md' },
      { id: 'values-schema', name: 'values-schema', shortDescription: { text: VALUES_SCHEMA_RULE.summary }, fullDescription: { text: VALUES_SCHEMA_RULE.description } },
    ]);
  });

  it('sarif: every rule id a check of publish reports is described, in words other than its id', () => {
    // The ids the sources can report: quoted ones (`rule: 'job-rerun'`) and the described rules' constants (`rule: HELM_LINT_RULE.id`).
    const sourceDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
    const sources = readdirSync(sourceDir).filter((name) => name.endsWith('.ts')).map((name) => readFileSync(join(sourceDir, name), 'utf8'));
    const quoted = sources.flatMap((text) => [...text.matchAll(/\brule: '([a-z-]+)'/g)].map((match) => match[1]!));
    const constants = new Set(sources.flatMap((text) => [...text.matchAll(/\brule: ([A-Z_]+)\.id\b/g)].map((match) => match[1]!)));
    const listed = readFileSync(join(sourceDir, 'check-rules.ts'), 'utf8');
    for (const constant of constants) expect(listed, `check-rules.ts lists ${constant}`).toMatch(new RegExp(`^  ${constant},$`, 'm'));
    expect(quoted.length).toBeGreaterThan(0);
    const ids = CHECK_RULES.map((rule) => rule.id);
    for (const id of quoted) expect(ids).toContain(id);
    expect(ids).toEqual(expect.arrayContaining(['values-schema', 'values-yaml', 'helm-lint', 'version-bump', 'pods-replaced']));

    const reported: CheckFinding[] = ids.map((rule) => ({ file: 'Chart.yaml', line: 1, column: 1, severity: 'error', rule, message: 'found' }));
    const described = JSON.parse(formatCheckReport('sarif', reported, [], { helpUri: 'https://github.com/chartforge/chartforge#readme' })).runs[0].tool.driver.rules;
    expect(described.map((rule: { id: string }) => rule.id)).toEqual([...ids].sort());
    for (const rule of described) {
      expect(rule.shortDescription.text, rule.id).not.toBe(rule.id);
      expect(rule.fullDescription.text, rule.id).toMatch(/^[A-Z].+\.$/);
      expect(rule.fullDescription.text).not.toBe(rule.shortDescription.text);
      expect(rule.helpUri).toBe('https://github.com/chartforge/chartforge#readme');
    }
  });

  it('junit and tap: a case per finding, a test point per file, a clean input passing', () => {
    const junit = formatCheckReport('junit', findings, ['prod.yaml', 'clean.yaml'], { toolName: 'chartforge values check' });
    expect(junit).toContain('<testsuites name="chartforge values check" tests="3" failures="1" errors="0">');
    expect(junit).toContain('<testcase classname="a,b:c.yaml" name="1:1 values-yaml">\n      <system-out>a,b:c.yaml:1:1 warning 100% sure\nsecond line [values-yaml]</system-out>');
    expect(junit).toContain('<testcase classname="clean.yaml" name="no problems"></testcase>');
    expect(formatCheckReport('tap', findings, ['prod.yaml', 'clean.yaml']).split('\n').filter((line) => /^(not )?ok /.test(line))).toEqual(['not ok 1 - prod.yaml', 'ok 2 - clean.yaml', 'ok 3 - a,b:c.yaml']);
  });

  it('json: findings and a summary', () => {
    expect(JSON.parse(formatCheckReport('json', findings, ['prod.yaml']))).toMatchObject({ files: ['prod.yaml'], summary: { errors: 1, warnings: 1, infos: 0 } });
  });
});

describe('reading helm output', () => {
  const helm3 = `==> Linting charts/demo
[INFO] Chart.yaml: icon is recommended
[WARNING] templates/ingress.yaml: object name does not conform to Kubernetes naming requirements
[ERROR] templates/: template: demo/templates/deployment.yaml:8:22: executing "demo/templates/deployment.yaml" at <.Values.x.y>: nil pointer
[ERROR] values.yaml: - replicaCount: Invalid type. Expected: integer, given: string

[ERROR] templates/: values don't meet the specifications of the schema(s) in the following chart(s):
demo:
- replicaCount: Invalid type. Expected: integer, given: string

Error: 1 chart(s) linted, 1 chart(s) failed
`;
  const helm4 = `==> Linting .
[ERROR] templates/: demo/templates/deployment.yaml:8:22
  executing "demo/templates/deployment.yaml" at <.Values.x.y>:
    nil pointer

Error: 1 chart(s) linted, 1 chart(s) failed
`;

  it('turns helm 3 and helm 4 lint records into findings at the template position', () => {
    expect(parseHelmLint(helm3, 'charts/demo', { dropSchemaErrors: true }).map((f) => [f.file, f.line, f.column, f.severity])).toEqual([
      ['charts/demo/Chart.yaml', 1, 1, 'info'],
      ['charts/demo/templates/ingress.yaml', 1, 1, 'warning'],
      ['charts/demo/templates/deployment.yaml', 8, 22, 'error'],
    ]);
    expect(parseHelmLint(helm3, 'charts/demo')).toHaveLength(5);
    expect(parseHelmLint(helm4, 'c')).toEqual([
      { file: 'c/templates/deployment.yaml', line: 8, column: 22, severity: 'error', rule: 'helm-lint', message: 'demo/templates/deployment.yaml:8:22 executing "demo/templates/deployment.yaml" at <.Values.x.y>: nil pointer' },
    ]);
  });

  it('under --strict makes warnings errors, ends records at helm log lines, and places chart-path subjects in Chart.yaml', () => {
    const output = `==> Linting /abs/demo
[WARNING] /abs/demo: chart directory is missing these dependencies: db
[ERROR] templates/: demo/templates/a.yaml:2:3
  executing it
level=INFO msg="funcMap fail" message="stop"
[ERROR] : unable to load chart
	validation: chart.metadata.name is required
`;
    expect(parseHelmLint(output, 'demo', { strict: true }).map((f) => [f.file, f.line, f.severity, f.message])).toEqual([
      ['demo/Chart.yaml', 1, 'error', 'chart directory is missing these dependencies: db'],
      ['demo/templates/a.yaml', 2, 'error', 'demo/templates/a.yaml:2:3 executing it'],
      ['demo/Chart.yaml', 1, 'error', 'unable to load chart validation: chart.metadata.name is required'],
    ]);
  });

  it('places a failed render at the template helm names', () => {
    expect(parseHelmTemplateError('Error: template: demo/templates/svc.yaml:3:5: executing x\n\nUse --debug flag to render out invalid YAML\n', 'c')).toMatchObject({ file: 'c/templates/svc.yaml', line: 3, column: 5, rule: 'helm-template' });
  });

  it('finds the template line of a rendered path by following its keys', () => {
    const template = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: {{ .Values.n }}\n  template:\n    spec:\n      containers:\n        - name: app\n          image: {{ .Values.image }}\n';
    expect(locateInTemplate(template, parsePath('spec.template.spec.containers[0].image'))).toEqual({ line: 9, column: 11 });
    expect(locateInTemplate(template, parsePath('spec.template.spec.containers[0].name'))).toEqual({ line: 8, column: 11 });
    expect(locateInTemplate(template, parsePath('spec.template.spec.volumes'))).toEqual({ line: 6, column: 5 });
    expect(parsePath('metadata.labels["app.kubernetes.io/name"]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
  });
});

describe('valuesFilesSummary: the values files a finding occurred with, on one line', () => {
  it('names one or two, and counts the rest after two', () => {
    expect(valuesFilesSummary(['ci/a-values.yaml'])).toBe('with ci/a-values.yaml');
    expect(valuesFilesSummary(['ci/a-values.yaml', 'ci/b-values.yaml'])).toBe('with 2 values files: ci/a-values.yaml, ci/b-values.yaml');
    expect(valuesFilesSummary(['ci/a.yaml', 'ci/b.yaml', 'ci/c.yaml'])).toBe('with 3 values files: ci/a.yaml, ci/b.yaml, +1');
    expect(valuesFilesSummary(['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', 'e.yaml'])).toBe('with 5 values files: a.yaml, b.yaml, +3');
  });

  it('keeps a -f stack as the one set it is', () => {
    expect(valuesFilesSummary(['values-prod.yaml + values-eu.yaml', 'ci/a.yaml'])).toBe('with 2 values files: values-prod.yaml + values-eu.yaml, ci/a.yaml');
  });
});
