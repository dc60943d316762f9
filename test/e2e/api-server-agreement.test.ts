// chartforge's verdicts against the API server's, file by file (issue 17). The corpus and the
// comparison are in src/agreement.ts. Here the judge is the verdict each mutant has by construction
// (it breaks one rule of the API server's validation code, or is a near miss of one), with no
// control plane; test/cluster/api-server-agreement.test.ts holds the real API server to the same
// verdicts and measures the whole corpus against it.
import { describe, expect, it } from 'vitest';
import { agreement, agreementCorpus, knownVerdicts } from '../src/agreement.js';

describe('agreement with the API server', () => {
  it('chartforge, offline with no flags, rejects every broken mutant and accepts every clean object and near miss', async () => {
    const files = knownVerdicts();
    const result = await agreement(files, async (file) => file.expected);
    expect(result.disagreements).toEqual([]);
    expect(result).toMatchObject({ files: files.length, agreeing: files.length });
    // Both ways, on every kind the corpus covers: broken variants and near misses that must pass.
    const kinds = new Set(files.map((f) => f.name.slice(0, f.name.indexOf(':'))));
    for (const kind of kinds) {
      const ofKind = files.filter((f) => f.name.startsWith(`${kind}:`));
      expect(ofKind.filter((f) => f.expected === 'rejected').length, kind).toBeGreaterThan(0);
      expect(ofKind.filter((f) => f.expected === 'accepted').length, kind).toBeGreaterThan(1);
    }
    expect([...kinds].sort()).toEqual(['CronJob', 'DaemonSet', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'Job', 'NetworkPolicy', 'PersistentVolumeClaim', 'Pod', 'PodDisruptionBudget', 'RBAC', 'Service', 'StatefulSet', 'Volcano Job']);
    expect(files.length).toBeGreaterThanOrEqual(400);
  });

  it('the corpus holds every chart render, the rule fixtures and the mutants', { timeout: 120_000 }, () => {
    const corpus = agreementCorpus();
    const names = corpus.map((f) => f.name);
    expect(names.filter((n) => n.startsWith('charts/')).length).toBeGreaterThanOrEqual(10);
    expect(names.filter((n) => n.startsWith('rule fixture ')).length).toBeGreaterThan(50);
    expect(new Set(names).size).toBe(names.length);
  });
});
