// Every generated chart, rendered by the real helm with each of its values sets, is clean as a
// user checks it: `chartforge validate --pss restricted` (strict schema of the embedded Kubernetes
// version plus the default rule set with the restricted Pod Security profile) reports nothing.
// Resources of custom kinds (no schema offline) are skipped by the schema check, never by the rules.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { KindName } from '@chartforge/spec';
import { chartDir, ciValuesFiles } from '../src/charts.js';
import { chartforge } from '../src/cli.js';
import { helm, HELM_MAJORS } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';

/**
 * Objects the charts' ci values reference on purpose without creating them (an existing Secret
 * with a Hugging Face token, a pre-provisioned model volume, …): a user's cluster has them before
 * the install. Declared the way a user declares them, as the reference rules' `external` names.
 */
const PREREQUISITES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  serving: {
    'secret-ref-exists': ['hf-token', 'regcred', 'model-store-credentials'],
    'pvc-ref-exists': ['models'],
    'configmap-ref-exists': ['extra-config'],
  },
  training: {
    'secret-ref-exists': ['regcred', 'object-store-credentials'],
    'pvc-ref-exists': ['datasets', 'experiment-checkpoints'],
    'configmap-ref-exists': ['extra-config', 'trainer-settings'],
  },
  migration: {
    'secret-ref-exists': ['regcred', 'old-db-credentials', 'flyway-credentials', 's3-credentials', 'gcs-credentials'],
    'pvc-ref-exists': ['model-store-v1', 'model-store-v2', 'datasets', 'data-v1', 'data-v2', 'data-backups'],
  },
};

/** Charts whose defaults render nothing: the migration kind's default plan has no steps (a spec's steps are the whole plan). */
const EMPTY_BY_DEFAULT = new Set(['migration']);

const charts = readdirSync(join(REPO_ROOT, 'charts')).filter((name) => existsSync(join(REPO_ROOT, 'charts', name, 'Chart.yaml'))).sort() as KindName[];

/** A `.chartforge.yaml` for one chart: the restricted profile and the chart's prerequisites. */
function configFile(chart: string): string {
  const rules = Object.fromEntries(Object.entries(PREREQUISITES[chart] ?? {}).map(([rule, external]) => [rule, { parameters: { external } }]));
  const file = join(mkdtempSync(join(tmpdir(), `chartforge-lint-${chart}-`)), '.chartforge.yaml');
  writeFileSync(file, stringify({ pss: 'restricted', rules }));
  return file;
}

interface JsonReport {
  resources: { kind: string; name: string; status: string; validationErrors?: { field: string; rule: string; msg: string }[] }[];
}

describe.each(charts)('charts/%s', (chart) => {
  const config = configFile(chart);
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
      // Custom resources (HTTPRoute, ServiceMonitor) have no schema offline; the rules still check them.
      const result = chartforge(['validate', '--pss', 'restricted', '--config', config, '--ignore-missing-schemas', '--verbose', '--output', 'json', '--fail-on', 'info', '-'], { input: manifests });
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
