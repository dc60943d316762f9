// The embedded removed/deprecated API table must be exactly what the real schemas say.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deriveApiLifecycle } from '../src/rules/api-lifecycle/derive.js';
import { DERIVED_API_LIFECYCLE, DERIVED_FROM } from '../src/rules/api-lifecycle/derived-table.js';
import { kubernetesSchemasDir, loadReleaseDefinitions, renderDerivedTable } from '../src/rules/api-lifecycle/schema-files.js';
import { apiLifecycle } from '../src/rules/api-lifecycle/table.js';

const schemas = kubernetesSchemasDir();

describe('API lifecycle table', () => {
  it('finds the Kubernetes schemas', () => {
    expect(existsSync(schemas), `${schemas} (set CHARTFORGE_K8S_SCHEMAS)`).toBe(true);
  });

  const releases = loadReleaseDefinitions(schemas);
  const derived = deriveApiLifecycle(releases);

  it('covers 1.22 to 1.36', () => {
    expect(releases.map((r) => r.version)).toEqual(Array.from({ length: 15 }, (_, i) => `1.${22 + i}`));
    expect(DERIVED_FROM).toEqual({ oldest: '1.22', newest: '1.36' });
  });

  it('embedded table equals the table derived from ../shared/kubernetes-schemas', () => {
    expect(DERIVED_API_LIFECYCLE).toEqual(derived);
    const file = fileURLToPath(new URL('../src/rules/api-lifecycle/derived-table.ts', import.meta.url));
    expect(readFileSync(file, 'utf8')).toBe(renderDerivedTable(derived, releases));
  });

  it.each([
    ['batch/v1beta1', 'CronJob', '1.25', 'batch/v1'],
    ['policy/v1beta1', 'PodDisruptionBudget', '1.25', 'policy/v1'],
    ['policy/v1beta1', 'PodSecurityPolicy', '1.25', undefined],
    ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', '1.25', 'autoscaling/v2'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.26', 'autoscaling/v2'],
    ['discovery.k8s.io/v1beta1', 'EndpointSlice', '1.25', 'discovery.k8s.io/v1'],
    ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.27', 'storage.k8s.io/v1'],
    ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.29', 'flowcontrol.apiserver.k8s.io/v1'],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', '1.32', 'flowcontrol.apiserver.k8s.io/v1'],
    ['policy/v1beta1', 'PodDisruptionBudgetList', '1.25', 'policy/v1'],
  ])('derives %s %s removed in %s, replaced by %s (agrees with the deprecation guide)', (apiVersion, kind, removedIn, replacement) => {
    const entry = derived.find((e) => e.apiVersion === apiVersion && e.kind === kind);
    expect(entry?.removedIn).toBe(removedIn);
    expect(entry?.replacement).toBe(replacement);
  });

  it('does not call a GA version deprecated because a newer GA exists', () => {
    expect(derived.find((e) => e.apiVersion === 'autoscaling/v1')).toBeUndefined();
    expect(derived.find((e) => e.apiVersion === 'apps/v1')).toBeUndefined();
  });

  it('takes deprecation notes from the schema descriptions', () => {
    expect(derived.find((e) => e.apiVersion === 'v1' && e.kind === 'Endpoints')).toMatchObject({ deprecatedIn: '1.33', note: 'Deprecated: This API is deprecated in v1.33+.' });
  });

  it('curates removals older than the schemas, with a source', () => {
    expect(apiLifecycle('extensions/v1beta1', 'Deployment')).toMatchObject({ removedIn: '1.16', replacement: 'apps/v1', source: expect.stringContaining('kubernetes.io') });
    expect(apiLifecycle('extensions/v1beta1', 'Ingress')).toMatchObject({ removedIn: '1.22', replacement: 'networking.k8s.io/v1' });
    // Curated entries must be absent from every schema release, else they would be derivable.
    for (const entry of ['extensions/v1beta1 Ingress', 'apiextensions.k8s.io/v1beta1 CustomResourceDefinition', 'rbac.authorization.k8s.io/v1beta1 Role']) {
      expect(derived.some((e) => `${e.apiVersion} ${e.kind}` === entry)).toBe(false);
    }
  });
});

describe('deprecations older than the schemas', () => {
  it('take the release from the deprecation guide where the schemas can only say "1.22 or earlier"', () => {
    expect(apiLifecycle('batch/v1beta1', 'CronJob')).toMatchObject({ deprecatedIn: '1.21', removedIn: '1.25', replacement: 'batch/v1' });
    expect(apiLifecycle('autoscaling/v2beta1', 'HorizontalPodAutoscaler')).toMatchObject({ deprecatedIn: '1.22', removedIn: '1.25' });
  });
});
