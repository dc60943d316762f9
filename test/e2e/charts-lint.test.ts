// Every generated chart, rendered by the real helm with each of its values sets, is clean as a
// user checks it: `chartforge validate --pss restricted` (strict schema of the embedded Kubernetes
// version and the embedded CRDs — ServiceMonitor, HTTPRoute — plus the default rule set with the
// restricted Pod Security profile) reports nothing, with no other flag and no configuration: the
// objects a chart refers to without creating them (a pull secret, an existing claim) are declared
// by the chart itself in its `chartforge.dev/external` annotations.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KindName } from '@chartforge/kinds';
import { chartDir, ciValuesFiles } from '../src/charts.js';
import { chartforge } from '../src/cli.js';
import { helm, HELM_MAJORS } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';

/** Charts whose defaults render nothing: the migration kind's default plan has no steps (a spec's steps are the whole plan). */
const EMPTY_BY_DEFAULT = new Set(['migration']);

const charts = readdirSync(join(REPO_ROOT, 'charts')).filter((name) => existsSync(join(REPO_ROOT, 'charts', name, 'Chart.yaml'))).sort() as KindName[];

interface JsonReport {
  resources: { kind: string; name: string; status: string; validationErrors?: { field: string; rule: string; msg: string }[] }[];
}

describe.each(charts)('charts/%s', (chart) => {
  it.each(HELM_MAJORS)('helm %s lint --strict has nothing to say, not even INFO (icon, maintainers and the rest of Chart.yaml are there)', (major) => {
    const lint = helm(major, ['lint', '--strict', chartDir(chart)]);
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    expect(lint.stdout.split('\n').filter((line) => /^\[(INFO|WARNING|ERROR)\]/.test(line))).toEqual([]);
  });

  const valueSets = ciValuesFiles(chart).map((file) => [file ? file.slice(file.lastIndexOf('/') + 1) : 'default values', file] as const);

  it.each(valueSets)('renders with %s to manifests `chartforge validate --pss restricted` finds nothing in', { timeout: 120_000 }, (_name, values) => {
    const renders = new Set<string>();
    for (const major of HELM_MAJORS) {
      const render = helm(major, ['template', 'release', chartDir(chart), ...(values ? ['-f', values] : [])]);
      expect(render.status, render.stderr).toBe(0);
      renders.add(render.stdout);
    }
    // Helm 3 and 4 usually render identically; each distinct rendering is checked.
    for (const manifests of renders) {
      const result = chartforge(['validate', '--pss', 'restricted', '--verbose', '--output', 'json', '--fail-on', 'info', '-'], { input: manifests, cwd: mkdtempSync(join(tmpdir(), `chartforge-lint-${chart}-`)) });
      const report = JSON.parse(result.stdout) as JsonReport;
      const findings = report.resources.flatMap((r) => (r.validationErrors ?? []).map((e) => `${r.kind}/${r.name} ${e.field} [${e.rule}] ${e.msg}`));
      expect(findings).toEqual([]);
      if (values || !EMPTY_BY_DEFAULT.has(chart)) {
        expect(report.resources.length).toBeGreaterThan(0);
        expect(result.status, result.stderr).toBe(0);
      } else {
        // Nothing rendered is nothing validated: an error, as in kubeconform, so a CI gate cannot pass on it.
        expect(report.resources).toEqual([]);
        expect(result).toMatchObject({ status: 1, stderr: 'chartforge validate: no Kubernetes resources found in 1 input\n' });
      }
    }
  });
});
