// Issue #16 item 12 on a real API server: charts installed under random release names Helm
// accepts (digits first, dots, the full 53 characters) are accepted object by object, under
// Helm 3 and 4. The render-only property test (e2e/chart-names.test.ts) covers name overrides.
import { join } from 'node:path';
import fc from 'fast-check';
import type { KindName } from '@chartforge/kinds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartDir } from '../src/charts.js';
import { helmReleaseName } from '../src/release-names.js';
import { HELM_MAJORS } from '../src/helm.js';
import { testCrdFiles } from '../src/kube.js';
import { helmOn, helmOk } from '../src/lifecycle.js';
import { startPlane, type Plane } from '../src/plane.js';

const NODES = `
pools:
  - name: cpu
    count: 1
    allocatable: { cpu: "16", memory: 64Gi, pods: 110 }
`;


// ci files that render each chart's named objects (Services included); installed without --wait,
// since what is asserted is that the API server accepts every object the release creates.
const CHARTS: [KindName, string][] = [
  ['serving', 'all-features-values.yaml'],
  ['training', 'distributed-values.yaml'],
];

let plane: Plane;
const namespace = 'names';

beforeAll(async () => {
  plane = await startPlane({ nodes: NODES, storageClasses: ['shared-fs'], crds: testCrdFiles() });
  plane.createRestrictedNamespace(namespace);
});
afterAll(async () => {
  await plane?.stop();
});

describe('item 12 on the control plane: every release name Helm accepts installs', () => {
  it.each(CHARTS)('%s: "7b" and random valid release names install and uninstall (helm 3 and 4)', async (kind, values) => {
    let run = 0;
    const install = async (release: string) => {
      const major = HELM_MAJORS[run++ % HELM_MAJORS.length]!;
      const result = await helmOn(plane, major, ['install', release, chartDir(kind), '-f', join(chartDir(kind), 'ci', values), '--namespace', namespace]);
      expect(result.status, `helm ${major} install ${release}:\n${result.stderr}`).toBe(0);
      await helmOk(plane, major, ['uninstall', release, '--namespace', namespace]);
    };
    await install('7b');
    await fc.assert(fc.asyncProperty(helmReleaseName, install), { numRuns: 6, seed: 20261129 });
  });
});
