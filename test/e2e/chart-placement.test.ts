// Pod placement (node selector, tolerations, affinity, topology spread) is one named template shared
// by the three chart kinds: every workload pod they render reads its node selector back as exactly the
// strings given, even those YAML would read as a number or a boolean.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KindName } from '@chartforge/kinds';
import { chartDir } from '../src/charts.js';
import { HELM_MAJORS, helmTemplate } from '../src/helm.js';
import { renderedPods, type Json } from '../src/pods.js';

/** Every workload pod spec in rendered manifests; `helm test` pods run anywhere. */
function podSpecs(rendered: string): Json[] {
  return renderedPods(rendered)
    .filter((pod) => !pod.test)
    .map((pod) => pod.spec);
}

const TRICKY = { zone: '1e3', gpu: 'true', pool: '0x1F', empty: 'null' };
const sets = Object.entries(TRICKY).flatMap(([key, value]) => ['--set-string', `nodeSelector.${key}=${value}`]);

// Migration renders pods only for a plan with steps: its ci files have them.
const CASES: Array<[KindName, string[]]> = [
  ['serving', []],
  ['training', []],
  ['training', ['--set', 'mode=scheduled']],
  ['migration', ['-f', join(chartDir('migration'), 'ci', 'files-values.yaml')]],
];

describe('pod placement in every chart kind', () => {
  for (const major of HELM_MAJORS) {
    it.each(CASES)(`%s %j: node selector values stay strings (helm ${major})`, (kind, extra) => {
      const pods = podSpecs(helmTemplate(major, chartDir(kind), [...extra, ...sets]));
      expect(pods.length).toBeGreaterThan(0);
      for (const pod of pods) expect(pod.nodeSelector).toEqual(expect.objectContaining(TRICKY));
    });
  }

  it('adds the GPU node selector and tolerations to GPU pods only', () => {
    const gpuSelector = ['--set-string', 'gpu.nodeSelector.nvidia\\.com/gpu\\.present=true'];
    const [serving] = podSpecs(helmTemplate('v4', chartDir('serving'), ['--set', 'gpu.count=1', ...gpuSelector, ...sets]));
    expect(serving!.nodeSelector).toEqual({ ...TRICKY, 'nvidia.com/gpu.present': 'true' });
    expect(serving!.tolerations).toContainEqual(expect.objectContaining({ key: 'nvidia.com/gpu' }));
    const [cpuOnly] = podSpecs(helmTemplate('v4', chartDir('serving'), ['--set', 'gpu.count=0', ...gpuSelector, ...sets]));
    expect(cpuOnly!.nodeSelector).toEqual(TRICKY);
  });
});
