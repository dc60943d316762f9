// chartforge's offline verdicts against a real kube-apiserver's (issue 17): each file of the
// agreement corpus (test/src/agreement.ts) is sent to the plane's API server as a server-side
// apply dry-run with strict field validation (test/src/api-server-judge.ts), and its verdict
// compared with chartforge's, offline with no flags. The plane carries what the files refer to
// (the validator's embedded upstream CRDs, the namespaces and ServiceAccounts they name), so what is measured is validity.
// The files whose verdict the corpus knows by construction must be decided as it says, and the
// disagreements on the whole corpus must be exactly the known ones (a new one fails, a fixed one too).
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreement, agreementCorpus, KNOWN_DISAGREEMENTS, knownVerdicts, type CorpusFile } from '../src/agreement.js';
import { ApiServerJudge, embeddedCrdFile, type ServerVerdict } from '../src/api-server-judge.js';
import { startPlane, type Plane } from '../src/plane.js';

const NODES = `
pools:
  - name: cpu
    count: 1
    allocatable: { cpu: "8", memory: 32Gi, pods: 50 }
`;

let plane: Plane;
let judge: ApiServerJudge;
let corpus: CorpusFile[];
let crdFile: string | undefined;
const verdicts = new Map<string, ServerVerdict>();

beforeAll(async () => {
  corpus = agreementCorpus();
  plane = await startPlane({ nodes: NODES, crds: [(crdFile = embeddedCrdFile(corpus.map((file) => file.text)))] });
  judge = ApiServerJudge.fromKubeconfig(plane.server, readFileSync(plane.kubeconfig, 'utf8'));
  await judge.discover();
  await judge.prepare(corpus.map((file) => file.text));
  const results = await judge.fileVerdicts(corpus.map((file) => file.text));
  corpus.forEach((file, index) => verdicts.set(file.name, results[index]!));
});
afterAll(async () => {
  judge?.close();
  await plane?.stop();
  if (crdFile) rmSync(dirname(crdFile), { recursive: true, force: true });
});

describe('agreement with a real kube-apiserver', () => {
  it('the API server decides each known-verdict file as its validation code says', () => {
    const disagreements = knownVerdicts()
      .filter((file) => verdicts.get(file.name)?.verdict !== file.expected)
      .map((file) => `${file.name}: expected ${file.expected}, API server: ${verdicts.get(file.name)?.reason ?? 'accepted'}`);
    expect(disagreements).toEqual([]);
  });

  it('chartforge, offline with no flags, disagrees with the API server on exactly the known files', { timeout: 600_000 }, async () => {
    const result = await agreement(corpus, async (file) => verdicts.get(file.name)?.verdict);
    const percent = ((100 * result.agreeing) / result.files).toFixed(1);
    process.stdout.write(
      `agreement: ${result.agreeing}/${result.files} files (${percent}%)\n${result.disagreements
        .map((d) => `  ${d.name}: chartforge ${d.ours}, API server ${d.theirs}${verdicts.get(d.name)?.reason ? ` (${verdicts.get(d.name)!.reason!.slice(0, 240)})` : ''}`)
        .join('\n')}\n`,
    );
    expect(result.disagreements.map((d) => `${d.name}: chartforge ${d.ours}`).sort()).toEqual(
      Object.entries(KNOWN_DISAGREEMENTS).map(([name, { chartforge }]) => `${name}: chartforge ${chartforge}`).sort(),
    );
    expect(result.agreeing / result.files).toBeGreaterThanOrEqual(0.99);
  });
});
