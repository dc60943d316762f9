// Pod-level settings every chart kind shares (issue #16 item 11), checked on every pod each chart
// renders with its defaults and each ci/*-values.yaml, under Helm 3 and 4.
import { describe, expect, it } from 'vitest';
import type { KindName } from '@chartforge/kinds';
import { chartDir, ciValuesFiles } from '../src/charts.js';
import { HELM_MAJORS, helmTemplate } from '../src/helm.js';
import { renderedPods, type Json, type RenderedPod } from '../src/pods.js';

const KINDS: KindName[] = ['serving', 'training', 'migration'];

function podsOf(major: (typeof HELM_MAJORS)[number], kind: KindName): RenderedPod[] {
  return ciValuesFiles(kind).flatMap((values) => renderedPods(helmTemplate(major, chartDir(kind), values ? ['-f', values] : [])));
}

describe('item 11: pods of every chart', () => {
  describe.each(HELM_MAJORS)('helm %s', (major) => {
    it.each(KINDS)('%s: every pod turns Service links off (a Service named vllm would set VLLM_PORT)', (kind) => {
      const pods = podsOf(major, kind);
      expect(pods.length).toBeGreaterThan(0);
      for (const pod of pods) expect(pod.spec.enableServiceLinks, pod.owner).toBe(false);
    });

    it.each(KINDS)('%s: every pod that mounts a claim changes volume ownership only on a root mismatch', (kind) => {
      const withClaims = podsOf(major, kind).filter((pod) => ((pod.spec.volumes as Json[] | undefined) ?? []).some((volume) => volume.persistentVolumeClaim));
      expect(withClaims.length).toBeGreaterThan(0);
      for (const pod of withClaims) expect((pod.spec.securityContext as Json).fsGroupChangePolicy, pod.owner).toBe('OnRootMismatch');
    });
  });
});
