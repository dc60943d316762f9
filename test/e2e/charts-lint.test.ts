// Every generated chart, rendered by the real helm with each of its values sets, lints clean:
// zero findings from the default rule set with the restricted Pod Security profile.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifestText, runRules, type RuleSetting } from '@chartforge/validator';
import type { KindName } from '@chartforge/spec';
import { chartDir, ciValuesFiles } from '../src/charts.js';
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
    // Kubernetes publishes the cluster CA into every namespace as kube-root-ca.crt.
    'configmap-ref-exists': ['kube-root-ca.crt'],
  },
};

/** Charts whose defaults render nothing: the migration kind's default plan has no steps (a spec's steps are the whole plan). */
const EMPTY_BY_DEFAULT = new Set(['migration']);

const charts = readdirSync(join(REPO_ROOT, 'charts')).filter((name) => existsSync(join(REPO_ROOT, 'charts', name, 'Chart.yaml'))).sort() as KindName[];

function ruleSettings(chart: string): Record<string, RuleSetting> {
  return Object.fromEntries(Object.entries(PREREQUISITES[chart] ?? {}).map(([rule, external]) => [rule, { parameters: { external } }]));
}

describe.each(charts)('charts/%s lints clean under --pss restricted', (chart) => {
  const valueSets = ciValuesFiles(chart).map((file) => [file ? file.slice(file.lastIndexOf('/') + 1) : 'default values', file] as const);
  describe.each(HELM_MAJORS)('rendered by helm %s', (major) => {
    it.each(valueSets)('with %s', (_name, values) => {
      const render = helm(major, ['template', 'release', chartDir(chart), ...(values ? ['-f', values] : [])]);
      expect(render.status, render.stderr).toBe(0);
      const { resources, problems } = parseManifestText('rendered.yaml', render.stdout);
      expect(problems).toEqual([]);
      if (values || !EMPTY_BY_DEFAULT.has(chart)) expect(resources.length).toBeGreaterThan(0);
      const findings = runRules(resources, { kubernetesVersion: '1.36', pss: 'restricted', rules: ruleSettings(chart) });
      expect(findings.map((f) => `${f.kind}/${f.name} ${f.path} [${f.rule}] ${f.message}`)).toEqual([]);
    });
  });
});
