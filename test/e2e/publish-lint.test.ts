import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { chartforge } from '../src/cli.js';
import { helmBinary, HELM_MAJORS } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';
import { copyChart, isolatedHelmHome, MODEL_API_CHART, temporaryDir } from '../src/publish.js';

const FIXTURE = relative(REPO_ROOT, MODEL_API_CHART);

function edit(path: string, change: (text: string) => string): void {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

/** The model-api chart with one mistake of each kind chartforge lint catches. */
function brokenChart(): string {
  const chart = copyChart();
  // Kubernetes schema: a misspelt field, reported at the template line that writes it.
  edit(join(chart, 'templates', 'deployment.yaml'), (text) => text.replace('          imagePullPolicy:', '          imagePulPolicy:'));
  // Lint rule (Pod Security baseline): the pod joins the node's network namespace.
  edit(join(chart, 'templates', 'deployment.yaml'), (text) => text.replace('      automountServiceAccountToken: false', '      automountServiceAccountToken: false\n      hostNetwork: true'));
  // Values schema: only with this ci file.
  writeFileSync(join(chart, 'ci', 'broken-values.yaml'), '# CI values\nservice:\n  type: Ingress\n');
  return chart;
}

describe.each(HELM_MAJORS)('chartforge lint --helm .cache/helm/%s/helm', (major) => {
  const helmArgs = ['--helm', relative(REPO_ROOT, helmBinary(major))];
  const env = isolatedHelmHome();

  it('passes a clean chart with every ci/*-values.yaml and a user values file', () => {
    const [prod] = [join(temporaryDir(), 'values-prod.yaml')];
    writeFileSync(prod!, 'replicaCount: 4\nimage:\n  tag: "2.5.0"\n');
    const result = chartforge(['lint', FIXTURE, '-f', prod!, ...helmArgs], { env });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toBe(`${FIXTURE}: no problems\n`);
  });

  it('reports values, Kubernetes schema and rule findings at the file that causes them', () => {
    const chart = brokenChart();
    const result = chartforge(['lint', chart, ...helmArgs, '-o', 'json'], { env });
    expect(result.status, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Array<{ file: string; line: number; column: number; rule: string; message: string; severity: string }> };
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors).toContainEqual({
      file: join(chart, 'ci', 'broken-values.yaml'),
      line: 3,
      column: 9,
      severity: 'error',
      rule: 'values-schema',
      path: 'service.type',
      message: 'service.type: must be one of "ClusterIP", "NodePort", "LoadBalancer", got "Ingress"',
    });
    const typo = errors.find((f) => f.rule === 'schema' && f.message.includes('imagePulPolicy'));
    expect(typo).toMatchObject({ file: join(chart, 'templates', 'deployment.yaml'), line: 30, column: 11 });
    expect(errors.find((f) => f.rule === 'pss-host-namespaces')).toMatchObject({ file: join(chart, 'templates', 'deployment.yaml'), line: 21, column: 7 });
    expect(typo!.message).toContain('unknown field (did you mean "imagePullPolicy"?)');
    // Found with both ci files that render, reported once.
    expect(typo!.message).toContain(`[with ${join(chart, 'ci', 'default-values.yaml')}, ${join(chart, 'ci', 'scaled-values.yaml')}]`);
  });

  it('places a template error at the template line helm names', () => {
    const chart = copyChart();
    edit(join(chart, 'templates', 'service.yaml'), (text) => text.replace('{{ .Values.service.type }}', '{{ .Values.service.type.name.first }}'));
    const result = chartforge(['lint', chart, ...helmArgs], { env });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^${join(chart, 'templates', 'service.yaml')}:8:\\d+: error: .*can't evaluate field name`, 'm'));
  });

  it('writes SARIF next to another output with --sarif-file', () => {
    const sarif = join(temporaryDir(), 'lint.sarif');
    const result = chartforge(['lint', brokenChart(), ...helmArgs, '--output', 'github', '--sarif-file', sarif], { env });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^::error file=.*templates\/deployment\.yaml,line=30,col=11,/m);
    const parsed = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(parsed.version).toBe('2.1.0');
    expect(parsed.runs[0].results.length).toBeGreaterThan(1);
    // The same rule descriptors as validate's SARIF: a lint rule's summary and its documentation page.
    const rules = parsed.runs[0].tool.driver.rules as Array<{ id: string; shortDescription: { text: string }; helpUri?: string }>;
    const hostNamespaces = rules.find((rule) => rule.id === 'pss-host-namespaces');
    expect(hostNamespaces?.helpUri).toBe('https://github.com/chartforge/chartforge/blob/main/packages/validator/docs/rules/pss-host-namespaces.md');
    expect(hostNamespaces?.shortDescription.text).not.toBe('pss-host-namespaces');
    for (const result of parsed.runs[0].results) expect(result.partialFingerprints['findingPath/v1']).toContain(`|${result.ruleId}|`);
  });
});

describe('chartforge lint test-report formats', () => {
  // One Helm major suffices: the formats render the findings the tests above check under both.
  const helmArgs = ['--helm', relative(REPO_ROOT, helmBinary('v4'))];
  const env = isolatedHelmHome();

  it('writes JUnit (a test case per finding) and TAP (a test point per file) for a broken chart', () => {
    const chart = brokenChart();
    const deployment = join(chart, 'templates', 'deployment.yaml');
    const json = JSON.parse(chartforge(['lint', chart, ...helmArgs, '-o', 'json'], { env }).stdout) as { findings: Array<{ file: string; severity: string }> };
    const files = [...new Set(json.findings.map((f) => f.file))];
    expect(files).toContain(deployment);

    const junit = chartforge(['lint', chart, ...helmArgs, '-o', 'junit'], { env });
    expect(junit.status).toBe(1);
    expect(XMLValidator.validate(junit.stdout)).toBe(true);
    const errors = json.findings.filter((f) => f.severity === 'error').length;
    expect(junit.stdout).toContain(`<testsuites name="chartforge lint" tests="${json.findings.length}" failures="${errors}" errors="0">`);
    expect(junit.stdout.match(/<testcase /g)).toHaveLength(json.findings.length);
    expect(junit.stdout.match(/<testsuite /g)).toHaveLength(files.length);

    const tap = chartforge(['lint', chart, ...helmArgs, '-o', 'tap'], { env });
    expect(tap.status).toBe(1);
    const points = tap.stdout.split('\n').filter((line) => /^(not )?ok \d+ - /.test(line));
    expect(tap.stdout.startsWith(`TAP version 13\n1..${files.length}\n`)).toBe(true);
    expect(points).toHaveLength(files.length);
    expect(points).toContain(`not ok ${files.indexOf(deployment) + 1} - ${deployment}`);
  });
});

describe('chartforge lint on the generated charts', () => {
  const charts = readdirSync(join(REPO_ROOT, 'charts')).filter((name) => existsSync(join(REPO_ROOT, 'charts', name, 'Chart.yaml')));

  it.each(HELM_MAJORS.flatMap((major) => charts.map((chart) => [chart, major] as const)))('charts/%s has no problem with helm %s and no other flag', (chart, major) => {
    // ServiceMonitor and HTTPRoute validate against the embedded CRDs; names the ci values refer
    // to without creating them are declared by the chart (chartforge.dev/external).
    const result = chartforge(['lint', `charts/${chart}`, '--helm', helmBinary(major), '-o', 'json'], { env: isolatedHelmHome() });
    const report = JSON.parse(result.stdout) as { findings: Array<{ severity: string; message: string; file: string; line: number }> };
    // Not even one of helm's INFO lines: the charts carry an icon and the rest of Chart.yaml.
    expect(report.findings, result.stderr).toEqual([]);
    expect(result.status).toBe(0);
  });
});

describe('chartforge lint without a usable helm', () => {
  it('says so clearly, with exit 2', () => {
    const missing = chartforge(['lint', FIXTURE, '--helm', '/nonexistent/helm']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('chartforge lint: helm was not found (looked for "/nonexistent/helm"): install Helm 3 or 4 and put it on PATH, or pass --helm PATH\n');
    const noPath = chartforge(['lint', FIXTURE], { env: { PATH: '/nonexistent' } });
    expect(noPath.status).toBe(2);
    expect(noPath.stderr).toContain('helm was not found (looked for "helm")');
    const notHelm = chartforge(['lint', FIXTURE, '--helm', '/bin/true']);
    expect(notHelm.status).toBe(2);
    expect(notHelm.stderr).toContain('does not behave like helm');
  });

  it('rejects a directory without Chart.yaml', () => {
    const result = chartforge(['lint', temporaryDir(), '--helm', helmBinary('v3')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is not a chart directory \(no Chart\.yaml\) or chart archive/);
  });
});

// `lint` validates what helm renders with the flags of `validate`: one helm is enough to show each
// flag reaches the validator (the helm majors are covered above).
describe('chartforge lint takes the schema-check flags of chartforge validate', () => {
  const helmArgs = ['--helm', relative(REPO_ROOT, helmBinary('v4'))];
  const env = isolatedHelmHome();

  it('--strict=false, --skip, --reject, --fail-on, -k and -s as validate reads them', () => {
    const misspelt = copyChart();
    edit(join(misspelt, 'templates', 'deployment.yaml'), (text) => text.replace('          imagePullPolicy:', '          imagePulPolicy:'));
    edit(join(misspelt, 'Chart.yaml'), (text) => text.replace(/^icon: .*\n/m, ''));
    const lint = (...args: string[]) => chartforge(['lint', misspelt, ...helmArgs, ...args], { env });

    const strict = lint('-k', '1.35', '-s', 'embedded');
    expect(strict.status, strict.stderr).toBe(1);
    expect(strict.stdout).toMatch(/deployment\.yaml:\d+:\d+: error: Deployment\/release-name-model-api .*imagePulPolicy: unknown field .*\[schema\]/);
    // Unknown fields allowed: only helm lint's "icon is recommended" (info) is left, which passes
    // unless --fail-on info.
    const lenient = lint('--strict=false');
    expect(lenient.status, lenient.stdout).toBe(0);
    expect(lenient.stdout).toMatch(/Chart\.yaml:1:1: info: icon is recommended/);
    expect(lenient.stdout).not.toContain('imagePulPolicy');
    expect(lint('--strict=false', '--fail-on', 'info').status).toBe(1);
    expect(lint('--skip', 'apps/v1/Deployment').stdout).not.toContain('imagePulPolicy');
    expect(lint('--strict=false', '--reject', 'Service').stdout).toMatch(/service\.yaml:\d+:\d+: error: Service\/release-name-model-api kind: prohibited resource kind Service/);
    expect(lint('--cache-max-age', 'soon')).toMatchObject({ status: 2, stderr: 'chartforge lint: --cache-max-age: expected a duration such as 30m, 12h or 7d, got "soon"\n' });
  });
});
