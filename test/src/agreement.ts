// The corpus on which chartforge's verdicts are measured against the API server's, and the
// file-level comparison. Files: every chart rendered by helm with each of its values sets, the
// validator's rule fixtures (hand-written real-world manifests), and the clean objects and mutants
// of agreement-mutants.ts, whose verdict is known from the API server's validation code. The real
// API server's verdicts come from test/src/api-server-judge.ts (test/cluster/api-server-agreement.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KindName } from '@chartforge/kinds';
import { validate } from '@chartforge/validator';
import { chartDir, ciValuesFiles } from './charts.js';
import { mutantCorpus } from './agreement-mutants.js';
import { helmTemplate } from './helm.js';
import { REPO_ROOT } from './paths.js';

export type Verdict = 'accepted' | 'rejected';

export interface CorpusFile {
  name: string;
  text: string;
  /** The API server's verdict where the corpus knows it by construction (mutants, clean bases). */
  expected?: Verdict;
}

/** The corpus, in a stable order: chart renders, rule fixtures, then the files whose verdict is known. */
export function agreementCorpus(): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const chart of readdirSync(join(REPO_ROOT, 'charts')).sort() as KindName[]) {
    for (const values of ciValuesFiles(chart)) {
      const rendered = helmTemplate('v3', chartDir(chart), values ? ['-f', values] : []);
      if (rendered.trim() !== '') files.push({ name: `charts/${chart} ${values ? values.slice(values.lastIndexOf('/') + 1) : 'defaults'}`, text: rendered });
    }
  }
  const fixtures = join(REPO_ROOT, 'packages', 'validator', 'test', 'fixtures', 'rules');
  for (const rule of readdirSync(fixtures).sort()) {
    for (const file of readdirSync(join(fixtures, rule)).sort()) files.push({ name: `rule fixture ${rule}/${file}`, text: readFileSync(join(fixtures, rule, file), 'utf8') });
  }
  files.push(...knownVerdicts());
  return files;
}

/** Files whose API-server verdict is known from its validation code: clean objects, and mutants that each make one change. */
export function knownVerdicts(): CorpusFile[] {
  return mutantCorpus();
}

/** chartforge's verdict on a file as a user gets it offline with no flags: schema and API-server checks, embedded schemas. */
export async function offlineVerdict(file: CorpusFile): Promise<Verdict> {
  const report = await validate({ files: [{ name: file.name, text: file.text }] });
  return report.findings.some((f) => f.severity === 'error') ? 'rejected' : 'accepted';
}

/**
 * The files on which chartforge's verdict, offline with no flags, is known to differ from the API
 * server's, and why (the README's agreement section lists them).
 */
export const KNOWN_DISAGREEMENTS: Readonly<Record<string, { chartforge: Verdict; reason: string }>> = {
  'rule fixture deprecated-api/fail.yaml': {
    chartforge: 'accepted',
    reason:
      'resource.k8s.io/v1beta1 is in the 1.36 API (so in its OpenAPI definitions) but, like every beta API since 1.24, not served unless the cluster enables it (--runtime-config): whether it is served is cluster configuration, which chartforge cannot see offline (it warns that the version is deprecated)',
  },
};

export interface Agreement {
  files: number;
  agreeing: number;
  disagreements: Array<{ name: string; ours: Verdict; theirs: Verdict }>;
}

/** File-level agreement between chartforge and another judge (the API server, or the verdicts the corpus knows). */
export async function agreement(files: readonly CorpusFile[], theirs: (file: CorpusFile) => Promise<Verdict | undefined>): Promise<Agreement> {
  const result: Agreement = { files: 0, agreeing: 0, disagreements: [] };
  for (const file of files) {
    const their = await theirs(file);
    if (their === undefined) continue;
    const ours = await offlineVerdict(file);
    result.files++;
    if (ours === their) result.agreeing++;
    else result.disagreements.push({ name: file.name, ours, theirs: their });
  }
  return result;
}
