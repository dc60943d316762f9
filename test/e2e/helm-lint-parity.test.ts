// `chartforge lint` is a stricter gate than `helm lint --strict`: on charts rebuilt from what Helm's
// own lint tests check (test/fixtures/helm-lint), every problem helm reports, chartforge reports
// too, as an error, at a path inside the chart; directories and .tgz archives alike.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartforge } from '../src/cli.js';
import { helm, helmBinary, HELM_MAJORS, type HelmMajor } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';
import { isolatedHelmHome, temporaryDir } from '../src/publish.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'helm-lint');
const FIXTURE_NAMES = readdirSync(FIXTURES).sort();

interface Finding {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

interface HelmRecord {
  level: 'ERROR' | 'WARNING' | 'INFO';
  /** The message without helm's `subject: ` prefix, whitespace collapsed. */
  message: string;
}

/** helm lint's records, read from its stdout alone (its log lines go to stderr). */
function helmLintRecords(stdout: string): HelmRecord[] {
  const records: Array<{ level: HelmRecord['level']; text: string }> = [];
  for (const line of stdout.split('\n')) {
    const start = /^\[(ERROR|WARNING|INFO)\] (.*)$/.exec(line);
    if (start) records.push({ level: start[1] as HelmRecord['level'], text: start[2]! });
    else if (/^(==>|\d+ chart\(s\) linted)/.test(line) || line.trim() === '') records.push({ level: 'INFO', text: '' });
    else if (records.length > 0) records[records.length - 1]!.text += ` ${line}`;
  }
  return records
    .filter((record) => record.text !== '')
    .map(({ level, text }) => {
      const colon = text.indexOf(': ');
      const body = colon >= 0 && !text.slice(0, colon).includes(' ') ? text.slice(colon + 2) : text;
      return { level, message: body.replace(/\s+/g, ' ').trim() };
    });
}

function lintBoth(major: HelmMajor, chart: string): { helmStatus: number; records: HelmRecord[]; status: number; findings: Finding[]; stderr: string } {
  const env = isolatedHelmHome();
  const byHelm = helm(major, ['lint', '--strict', chart], { env });
  const result = chartforge(['lint', chart, '--helm', helmBinary(major), '-o', 'json'], { env });
  const findings = result.stdout ? (JSON.parse(result.stdout) as { findings: Finding[] }).findings : [];
  return { helmStatus: byHelm.status, records: helmLintRecords(byHelm.stdout), status: result.status, findings, stderr: result.stderr };
}

/** What helm catches, chartforge catches: a failing helm verdict fails, each record is there (warnings as errors). */
function expectNothingLetThrough(major: HelmMajor, chart: string, chartDisplay: string): Finding[] {
  const { helmStatus, records, status, findings, stderr } = lintBoth(major, chart);
  if (helmStatus !== 0) expect(status, stderr).toBe(1);
  for (const record of records) {
    const severity = record.level === 'INFO' ? 'info' : 'error';
    const match = findings.find((f) => f.rule === 'helm-lint' && f.severity === severity && f.message.startsWith(record.message));
    expect(match, `helm ${major} [${record.level}] ${record.message}\nchartforge: ${JSON.stringify(findings, null, 1)}`).toBeDefined();
  }
  // Sane paths: inside the chart as the user named it, never an absolute path glued onto it.
  for (const finding of findings) {
    expect(finding.file.startsWith(`${chartDisplay}/`) || finding.file === chartDisplay, finding.file).toBe(true);
    expect(finding.file.slice(chartDisplay.length)).not.toContain(REPO_ROOT);
    expect(finding.line).toBeGreaterThan(0);
  }
  return findings;
}

describe.each(HELM_MAJORS)('chartforge lint lets nothing through that helm %s lint --strict catches', (major) => {
  it.each(FIXTURE_NAMES)('test/fixtures/helm-lint/%s', (name) => {
    const chart = join(FIXTURES, name);
    expectNothingLetThrough(major, chart, chart);
  });

  it('chart archives (.tgz) as directories, with findings named inside the archive', () => {
    const out = temporaryDir();
    for (const name of ['good-chart', 'deprecated-api']) helm(major, ['package', join(FIXTURES, name), '-d', out]);
    const good = chartforge(['lint', join(out, 'good-chart-0.1.0.tgz'), '--helm', helmBinary(major)], { env: isolatedHelmHome() });
    expect(good.status, good.stdout + good.stderr).toBe(0);
    const archive = join(out, 'deprecated-api-0.1.0.tgz');
    const findings = expectNothingLetThrough(major, archive, join(archive, 'deprecated-api'));
    expect(findings).toContainEqual(expect.objectContaining({ file: join(archive, 'deprecated-api', 'templates', 'deployment.yaml'), severity: 'error', rule: 'helm-lint' }));
  });
});

describe('chartforge lint on what helm lint tests', () => {
  const major: HelmMajor = 'v4';

  it('reports every Chart.yaml problem at once, at the field it is about', () => {
    const chart = relative(REPO_ROOT, join(FIXTURES, 'bad-chart-file'));
    const { findings } = lintBoth(major, chart);
    const at = (message: string): [number, number] | undefined => {
      const found = findings.find((f) => f.message.startsWith(message));
      return found && [found.line, found.column];
    };
    expect(at('name is required')).toEqual([1, 1]);
    expect(at('apiVersion is required')).toEqual([1, 1]);
    expect(at("version '0.0.0.0' is not a valid SemVer")).toEqual([2, 1]);
    expect(at('chart type is not valid')).toEqual([3, 1]);
    expect(findings.every((f) => f.file === `${chart}/Chart.yaml`)).toBe(true);
  });

  it('places a missing dependency at its entry, in Chart.yaml or (apiVersion v1) requirements.yaml', () => {
    const v2 = relative(REPO_ROOT, join(FIXTURES, 'missing-dependency'));
    const v1 = relative(REPO_ROOT, join(FIXTURES, 'v1-requirements'));
    expect(lintBoth(major, v2).findings.find((f) => f.severity === 'error')).toMatchObject({ file: `${v2}/Chart.yaml`, line: 6, column: 5, message: expect.stringContaining('missing these dependencies: database') });
    expect(lintBoth(major, v1).findings.find((f) => f.severity === 'error')).toMatchObject({ file: `${v1}/requirements.yaml`, line: 2, column: 5 });
  });

  it('names the missing templates/ directory, not Chart.yaml', () => {
    const chart = relative(REPO_ROOT, join(FIXTURES, 'no-templates'));
    expect(lintBoth(major, chart).findings).toContainEqual(expect.objectContaining({ file: `${chart}/templates`, severity: 'error', message: expect.stringMatching(/^directory does not exist/) }));
  });

  it("passes helm create's chart (exit 0) with only findings a reviewer would agree with, and no hook-pod false positive", () => {
    const chart = join(temporaryDir(), 'starter');
    helm(major, ['create', chart]);
    const { status, findings, stderr } = lintBoth(major, chart);
    // The helm test pod carries the app's labels but is no endpoint of the Service.
    expect(findings.filter((f) => ['service-target-port', 'service-selects-pods', 'readiness-probe'].includes(f.rule))).toEqual([]);
    // No error: the test pod's unpinned busybox runs only on `helm test` and serves nothing, so it is a warning.
    expect(status, stderr).toBe(0);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.find((f) => f.rule === 'image-tag')).toMatchObject({ file: join(chart, 'templates', 'tests', 'test-connection.yaml'), severity: 'warning', message: expect.stringContaining('image busybox has no tag') });
    // One replica, no NetworkPolicy, no RBAC: none of the availability, isolation or RBAC rules apply.
    expect([...new Set(findings.filter((f) => f.severity === 'warning').map((f) => f.rule))].sort()).toEqual(['automount-service-account-token', 'container-resources', 'identical-probes', 'image-tag', 'read-only-root-filesystem']);
  });
});
