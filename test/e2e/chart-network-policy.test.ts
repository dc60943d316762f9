// Issue #16 item 16: every chart offers a NetworkPolicy with egress (DNS, the object store or model
// source, further rules as values); training and migration pods accept traffic only from their
// own release's pods. Rendered under Helm 3 and 4 and validated strictly.
import { join } from 'node:path';
import type { KindName } from '@chartforge/kinds';
import { describe, expect, it } from 'vitest';
import { chartDir } from '../src/charts.js';
import { HELM_MAJORS, helmTemplate } from '../src/helm.js';
import { describeFindings, kubernetesProblems } from '../src/kube.js';
import { documentsOf, renderedPods, type Json } from '../src/pods.js';

const ENABLED = ['networkPolicy.enabled=true', 'networkPolicy.egress.enabled=true', 'networkPolicy.egress.objectStore[0].ipBlock.cidr=203.0.113.0/24'];

// Migration renders pods only for a plan with steps: its ci files have them.
const CASES: [KindName, string[]][] = [
  ['serving', ['--set', 'model.source.type=uri', '--set', 'model.source.uri.location=s3://models/opt']],
  ['training', ['--set', 'mode=distributed']],
  ['migration', ['-f', join(chartDir('migration'), 'ci', 'object-store-values.yaml')]],
];

function render(major: (typeof HELM_MAJORS)[number], kind: KindName, args: string[], sets: string[]): string {
  return helmTemplate(major, chartDir(kind), [...args, ...sets.flatMap((set) => ['--set', set])]);
}

function policies(rendered: string): Json[] {
  return documentsOf(rendered).filter((d) => d.kind === 'NetworkPolicy');
}

function portsOf(rule: Json): string[] {
  return ((rule.ports as Json[] | undefined) ?? []).map((p) => `${String(p.port)}/${String(p.protocol)}`);
}

describe.each(HELM_MAJORS)('item 16: NetworkPolicy with egress, helm %s', (major) => {
  it.each(CASES)('%s: none by default', (kind, args) => {
    expect(policies(render(major, kind, args, []))).toEqual([]);
  });

  it.each(CASES)('%s: governs every workload pod, restricts egress to DNS, the object store and its own pods', async (kind, args) => {
    const rendered = render(major, kind, args, ENABLED);
    const problems = await kubernetesProblems(rendered, `${kind} network policy`);
    expect(problems, describeFindings(problems)).toEqual([]);
    const [policy, ...others] = policies(rendered);
    expect(others).toEqual([]);
    const spec = policy!.spec as { podSelector: { matchLabels: Record<string, string> }; policyTypes: string[]; ingress: Json[]; egress: Json[] };
    expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
    const pods = renderedPods(rendered).filter((pod) => !pod.test);
    expect(pods.length).toBeGreaterThan(0);
    const templates = documentsOf(rendered).flatMap((d) => {
      const s = d.spec as Json | undefined;
      const template = (((s?.jobTemplate as Json | undefined)?.spec as Json | undefined) ?? s)?.template as Json | undefined;
      return template ? [((template.metadata as Json).labels ?? {}) as Record<string, string>] : [];
    });
    for (const labels of templates) expect(labels).toMatchObject(spec.podSelector.matchLabels);
    const dns = spec.egress.find((rule) => portsOf(rule).includes('53/UDP'));
    expect(dns && portsOf(dns)).toEqual(['53/UDP', '53/TCP']);
    const store = spec.egress.find((rule) => JSON.stringify(rule.to).includes('203.0.113.0/24'));
    expect(store && portsOf(store)).toEqual(['443/TCP']);
    if (kind !== 'serving') expect(spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: spec.podSelector.matchLabels } }] }]);
  });
});

describe('item 16: the migration NetworkPolicy exists before the steps it governs', () => {
  it.each(HELM_MAJORS)('helm %s: it is a hook of every phase a step runs in, weighted before the steps', (major) => {
    const documents = documentsOf(render(major, 'migration', CASES[2]![1], ENABLED));
    const annotations = (d: Json) => ((d.metadata as Json).annotations ?? {}) as Record<string, string>;
    const policy = annotations(documents.find((d) => d.kind === 'NetworkPolicy')!);
    const jobs = documents.filter((d) => d.kind === 'Job').map(annotations);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      for (const phase of job['helm.sh/hook']!.split(',')) expect(policy['helm.sh/hook']!.split(',')).toContain(phase);
      expect(Number(policy['helm.sh/hook-weight'])).toBeLessThan(Number(job['helm.sh/hook-weight']));
    }
  });
});
