// chartforge's verdicts against the API server's, file by file (issue 17). The corpus and the
// comparison are in src/agreement.ts. Until the tests can start a kube-apiserver, the judge is the
// verdict each mutant has by construction (it breaks one rule of the API server's validation code);
// with a control plane, the judge becomes its server-side apply dry-run with strict field validation.
import { describe, expect, it } from 'vitest';
import { agreement, agreementCorpus, knownVerdicts } from '../src/agreement.js';

describe('agreement with the API server', () => {
  it('chartforge, offline with no flags, rejects every mutant the API server rejects and accepts what it accepts (a null label value included)', async () => {
    const files = knownVerdicts();
    const result = await agreement(files, async (file) => file.expected);
    expect(result.disagreements).toEqual([]);
    expect(result).toMatchObject({ files: files.length, agreeing: files.length });
    expect(files.filter((f) => f.expected === 'rejected').length).toBeGreaterThanOrEqual(18);
  });

  it('the corpus holds every chart render, the rule fixtures and the mutants', { timeout: 120_000 }, () => {
    const corpus = agreementCorpus();
    const names = corpus.map((f) => f.name);
    expect(names.filter((n) => n.startsWith('charts/')).length).toBeGreaterThanOrEqual(10);
    expect(names.filter((n) => n.startsWith('rule fixture ')).length).toBeGreaterThan(50);
    expect(new Set(names).size).toBe(names.length);
  });
});
