// chartforge's offline verdicts against a real kube-apiserver's (issue 17): each file of the
// agreement corpus (test/src/agreement.ts) is applied with a server-side dry-run and strict field
// validation, and its verdict compared with chartforge's, offline with no flags. What this test
// holds today: on the files whose verdict the corpus knows by construction (a clean workload, a
// null label value, and one mutant per API-server rule), the API server decides as the corpus says,
// so the rules chartforge checks are the API server's. The agreement on the whole corpus is printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreement, agreementCorpus, knownVerdicts, type CorpusFile, type Verdict } from '../src/agreement.js';
import { startPlane, type Plane } from '../src/plane.js';

const NODES = `
pools:
  - name: cpu
    count: 1
    allocatable: { cpu: "8", memory: 32Gi, pods: 50 }
`;

let plane: Plane;
beforeAll(async () => {
  plane = await startPlane({ nodes: NODES });
});
afterAll(async () => {
  await plane?.stop();
});

/** Why the API server rejected a file: the first line of kubectl's error, for the disagreement list. */
const reasons = new Map<string, string>();

function serverVerdict(file: CorpusFile): Verdict {
  const result = plane.kubectl(['apply', '--server-side', '--dry-run=server', '--validate=strict', '--field-manager=chartforge-agreement', '-n', 'default', '-f', '-'], file.text);
  if (result.status !== 0) reasons.set(file.name, result.stderr.trim().split('\n')[0] ?? '');
  return result.status === 0 ? 'accepted' : 'rejected';
}

describe('agreement with a real kube-apiserver', () => {
  it('the API server decides each known-verdict file as its validation code says', async () => {
    const files = knownVerdicts();
    const disagreements = files.filter((file) => serverVerdict(file) !== file.expected).map((file) => `${file.name}: expected ${file.expected}`);
    expect(disagreements).toEqual([]);
  });

  it('prints chartforge\'s file-level agreement with the API server on the whole corpus', { timeout: 900_000 }, async () => {
    const result = await agreement(agreementCorpus(), async (file) => serverVerdict(file));
    process.stdout.write(`agreement: ${result.agreeing}/${result.files} files\n${result.disagreements.map((d) => `  ${d.name}: chartforge ${d.ours}, API server ${d.theirs}${reasons.has(d.name) ? ` (${reasons.get(d.name)!.slice(0, 200)})` : ''}`).join('\n')}\n`);
    expect(result.files).toBeGreaterThan(0);
  });
});
