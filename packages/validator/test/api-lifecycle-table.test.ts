// The embedded removed/deprecated API table must be exactly what the embedded definitions of every
// release say.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deriveApiLifecycle } from '../src/rules/api-lifecycle/derive.js';
import { DERIVED_API_LIFECYCLE, DERIVED_FROM } from '../src/rules/api-lifecycle/derived-table.js';
import { loadReleaseDefinitions, renderDerivedTable } from '../src/rules/api-lifecycle/schema-files.js';
import { apiLifecycle, replacementServedBy } from '../src/rules/api-lifecycle/table.js';

const v = (minor: number) => ({ major: 1, minor });

describe('API lifecycle table', () => {
  const releases = loadReleaseDefinitions();
  const derived = deriveApiLifecycle(releases);

  it('covers 1.22 to 1.37', () => {
    expect(releases.map((r) => r.version)).toEqual(Array.from({ length: 16 }, (_, i) => `1.${22 + i}`));
    expect(DERIVED_FROM).toEqual({ oldest: '1.22', newest: '1.37' });
  });

  it('embedded table equals the table derived from the embedded definitions', () => {
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
    expect(entry?.replacements?.[0]?.apiVersion).toBe(replacement);
  });

  it('does not call a GA version deprecated because a newer GA exists', () => {
    expect(derived.find((e) => e.apiVersion === 'autoscaling/v1')).toBeUndefined();
    expect(derived.find((e) => e.apiVersion === 'apps/v1')).toBeUndefined();
  });

  it('deprecates a beta when a version that supersedes it is served, not when a GA of a lower major is', () => {
    // autoscaling/v1 (GA since 1.2) cannot replace v2beta2; autoscaling/v2 arrived in 1.23.
    expect(apiLifecycle('autoscaling/v2beta2', 'HorizontalPodAutoscaler')).toMatchObject({ deprecatedIn: '1.23', removedIn: '1.26', replacements: [{ apiVersion: 'autoscaling/v2', since: '1.23' }] });
  });

  it('names, for each target version, a replacement that version serves', () => {
    const hpa = apiLifecycle('autoscaling/v2beta1', 'HorizontalPodAutoscaler')!;
    expect(replacementServedBy(hpa, v(22))?.apiVersion).toBe('autoscaling/v2beta2');
    expect(replacementServedBy(hpa, v(23))?.apiVersion).toBe('autoscaling/v2');
    // No version is served by both 1.22 and 1.27: v2 arrived in 1.23, v2beta2 left in 1.26.
    expect(replacementServedBy(hpa, v(22), v(27))).toBeUndefined();
    const ingress = apiLifecycle('extensions/v1beta1', 'Ingress')!;
    expect(replacementServedBy(ingress, v(16))?.apiVersion).toBe('networking.k8s.io/v1beta1');
    expect(replacementServedBy(ingress, v(19))?.apiVersion).toBe('networking.k8s.io/v1');
    expect(replacementServedBy(ingress, v(22))?.apiVersion).toBe('networking.k8s.io/v1');
    expect(replacementServedBy(apiLifecycle('batch/v1beta1', 'CronJob')!, v(20))).toBeUndefined();
    expect(replacementServedBy(apiLifecycle('batch/v1beta1', 'CronJob')!, v(21))?.apiVersion).toBe('batch/v1');
  });

  it('gives List kinds the versions of their items', () => {
    expect(apiLifecycle('extensions/v1beta1', 'DeploymentList')).toMatchObject({ kind: 'DeploymentList', removedIn: '1.16', replacements: [{ apiVersion: 'apps/v1' }] });
    expect(apiLifecycle('audit.k8s.io/v1beta1', 'PolicyList')).toMatchObject({ removedIn: '1.24', deprecatedIn: '1.21' });
    expect(apiLifecycle('apps/v1', 'DeploymentList')).toBeUndefined();
  });

  it('covers audit.k8s.io, which no OpenAPI definitions carry', () => {
    for (const apiVersion of ['audit.k8s.io/v1alpha1', 'audit.k8s.io/v1beta1']) {
      for (const kind of ['Policy', 'Event']) expect(apiLifecycle(apiVersion, kind)).toMatchObject({ removedIn: '1.24', deprecatedIn: '1.21', replacements: [{ apiVersion: 'audit.k8s.io/v1', since: '1.12' }] });
    }
    expect(apiLifecycle('audit.k8s.io/v1', 'Policy')).toBeUndefined();
  });

  it('takes deprecation notes from the schema descriptions', () => {
    expect(derived.find((e) => e.apiVersion === 'v1' && e.kind === 'Endpoints')).toMatchObject({ deprecatedIn: '1.33', note: 'Deprecated: This API is deprecated in v1.33+.' });
  });

  it('curates removals older than the schemas, with a source', () => {
    expect(apiLifecycle('extensions/v1beta1', 'Deployment')).toMatchObject({ removedIn: '1.16', replacements: [{ apiVersion: 'apps/v1', since: '1.9' }], source: expect.stringContaining('kubernetes.io') });
    expect(apiLifecycle('extensions/v1beta1', 'Ingress')).toMatchObject({ removedIn: '1.22', replacements: [{ apiVersion: 'networking.k8s.io/v1' }, { apiVersion: 'networking.k8s.io/v1beta1' }] });
    // Curated entries must be absent from every schema release, else they would be derivable.
    for (const entry of ['extensions/v1beta1 Ingress', 'apiextensions.k8s.io/v1beta1 CustomResourceDefinition', 'rbac.authorization.k8s.io/v1beta1 Role']) {
      expect(derived.some((e) => `${e.apiVersion} ${e.kind}` === entry)).toBe(false);
    }
  });
});

describe('deprecations older than the schemas', () => {
  it('take the release from the deprecation guide where the schemas can only say "1.22 or earlier"', () => {
    expect(apiLifecycle('batch/v1beta1', 'CronJob')).toMatchObject({ deprecatedIn: '1.21', removedIn: '1.25', replacements: [{ apiVersion: 'batch/v1', since: '1.21' }] });
    expect(apiLifecycle('autoscaling/v2beta1', 'HorizontalPodAutoscaler')).toMatchObject({ deprecatedIn: '1.22', removedIn: '1.25' });
  });
});
