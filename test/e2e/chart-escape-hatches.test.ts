// Issue #16 item 13: the escape hatches users of mature charts expect, typed in values.schema.json
// (a typo is still refused) and applied to every workload pod each chart renders, under Helm 3 and 4.
import { join } from 'node:path';
import type { KindName } from '@chartforge/kinds';
import { describe, expect, it } from 'vitest';
import { expectSchemaRejection } from '../src/chart-assertions.js';
import { chartDir } from '../src/charts.js';
import { HELM_MAJORS, helmTemplate } from '../src/helm.js';
import { describeFindings, kubernetesProblems } from '../src/kube.js';
import { documentsOf, renderedPods, type Json } from '../src/pods.js';

// Migration renders pods only for a plan with steps: its ci files have them.
const CASES: [KindName, string[]][] = [
  ['serving', []],
  ['training', ['--set', 'mode=distributed']],
  ['migration', ['-f', join(chartDir('migration'), 'ci', 'files-values.yaml')]],
];

const SIDECAR = { name: 'sidecar', image: 'registry.example.com/ops/sidecar:1.0', restartPolicy: 'Always' };
const HATCHES = [
  '--set', 'runtimeClassName=nvidia',
  '--set', 'schedulerName=gang-scheduler',
  '--set', 'hostNetwork=true',
  '--set', 'dnsPolicy=ClusterFirstWithHostNet',
  '--set-json', `extraInitContainers=${JSON.stringify([SIDECAR])}`,
  '--set-json', 'extraObjects=[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{ .Release.Name }}-extra"},"data":{"chart":"{{ .Chart.Name }}"}}]',
];

describe.each(HELM_MAJORS)('item 13: escape hatches, helm %s', (major) => {
  it.each(CASES)('%s: every workload pod gets the runtime class, scheduler, host network, DNS policy, extra init containers and extra objects', async (kind, args) => {
    const rendered = helmTemplate(major, chartDir(kind), [...args, ...HATCHES]);
    const problems = await kubernetesProblems(rendered, `${kind} escape hatches`);
    expect(problems, describeFindings(problems)).toEqual([]);
    const pods = renderedPods(rendered).filter((pod) => !pod.test);
    expect(pods.length).toBeGreaterThan(0);
    for (const { owner, spec } of pods) {
      expect(spec, owner).toMatchObject({ runtimeClassName: 'nvidia', schedulerName: 'gang-scheduler', hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' });
      expect((spec.initContainers as Json[])[0], owner).toEqual(SIDECAR);
    }
    const extra = documentsOf(rendered).find((d) => d.kind === 'ConfigMap' && (d.metadata as Json).name === 'release-extra');
    expect(extra?.data).toEqual({ chart: kind });
  });

  it.each(CASES)('%s: without them the pods are as before (no host network, default scheduler)', (kind, args) => {
    for (const { spec } of renderedPods(helmTemplate(major, chartDir(kind), args))) {
      for (const key of ['runtimeClassName', 'schedulerName', 'hostNetwork', 'dnsPolicy']) expect(spec).not.toHaveProperty(key);
    }
  });

  it.each(CASES.map(([kind]) => kind))('%s: typos and wrong values are refused by values.schema.json', (kind) => {
    expectSchemaRejection(major, chartDir(kind), 'runtimeClasName=nvidia', /runtimeClasName/);
    expectSchemaRejection(major, chartDir(kind), 'dnsPolicy=ClusterFirstWithHostnet', /dnsPolicy/);
    // The API server rejects dnsPolicy None without a dnsConfig, which the charts do not offer.
    expectSchemaRejection(major, chartDir(kind), 'dnsPolicy=None', /dnsPolicy/);
    expectSchemaRejection(major, chartDir(kind), 'hostNetwork=yes', /hostNetwork/);
  });

  it.each([['serving', 'model-server'], ['training', 'train']] as const)('%s: the main container takes lifecycle hooks', (kind, container) => {
    const rendered = helmTemplate(major, chartDir(kind), ['--set-json', 'lifecycle={"preStop":{"sleep":{"seconds":10}}}']);
    for (const { spec } of renderedPods(rendered).filter((pod) => !pod.test && (pod.spec.containers as Json[]).some((c) => c.name === container))) {
      expect((spec.containers as Json[]).find((c) => c.name === container)!.lifecycle).toEqual({ preStop: { sleep: { seconds: 10 } } });
    }
  });

  it('serving: extra containers run beside the model server', () => {
    const rendered = helmTemplate(major, chartDir('serving'), ['--set-json', 'extraContainers=[{"name":"proxy","image":"registry.example.com/ops/proxy:1.0"}]']);
    const server = renderedPods(rendered).find((pod) => !pod.test)!;
    expect((server.spec.containers as Json[]).map((c) => c.name)).toEqual(['model-server', 'proxy']);
  });
});
