// Issue #16 item 12: every object name the charts render is valid for its kind (Services are
// RFC 1035 labels: they must start with a letter) for any release name Helm accepts — digits
// first (`7b`), dots, the full 53 characters — and for any name override the schema accepts.
import { join } from 'node:path';
import fc from 'fast-check';
import type { KindName } from '@chartforge/kinds';
import { describe, expect, it } from 'vitest';
import { chartDir } from '../src/charts.js';
import { helm, HELM_MAJORS } from '../src/helm.js';
import { helmReleaseName } from '../src/release-names.js';
import { describeFindings, kubernetesProblems } from '../src/kube.js';
import { documentsOf, type Json } from '../src/pods.js';

// The schema's rule for nameOverride and fullnameOverride: an RFC 1035 label.
const override = fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/));

// Values that render every named object each chart has: its Service(s), Jobs, RBAC, config.
const CHARTS: [KindName, string][] = [
  ['serving', 'all-features-values.yaml'],
  ['training', 'distributed-values.yaml'],
  ['migration', 'all-features-values.yaml'],
];

function render(major: (typeof HELM_MAJORS)[number], kind: KindName, values: string, release: string, overrides: string[] = []): string {
  const args = ['template', release, chartDir(kind), '-f', join(chartDir(kind), 'ci', values), ...overrides.flatMap((set) => ['--set', set])];
  const result = helm(major, args);
  if (result.status !== 0) throw new Error(`helm ${major} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

function serviceNames(rendered: string): string[] {
  return documentsOf(rendered)
    .filter((doc) => doc.kind === 'Service')
    .map((doc) => String((doc.metadata as Json).name));
}

describe('item 12: object names are valid for their kind for every release name Helm accepts', () => {
  describe.each(HELM_MAJORS)('helm %s', (major) => {
    it.each(CHARTS)('%s: release "7b" (a digit first) and "a.b" (a dot) render valid names', async (kind, values) => {
      for (const release of ['7b', 'a.b', '7b.v1.serving']) {
        const rendered = render(major, kind, values, release);
        const problems = await kubernetesProblems(rendered, `${kind} ${release}`);
        expect(problems, describeFindings(problems)).toEqual([]);
      }
    });
  });

  it('names a digit-first release readably: the chart name comes first', () => {
    for (const major of HELM_MAJORS) {
      expect(serviceNames(render(major, 'serving', 'all-features-values.yaml', '7b'))).toEqual(['serving-7b']);
      expect(serviceNames(render(major, 'serving', 'all-features-values.yaml', 'llama.v2'))).toEqual(['llama-v2-serving']);
      expect(serviceNames(render(major, 'serving', 'all-features-values.yaml', 'chat'))).toEqual(['chat-serving']);
    }
  });

  it.each(CHARTS)('%s: random valid release names and name overrides render valid names (helm 3 and 4)', async (kind, values) => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(helmReleaseName, override, override, async (release, nameOverride, fullnameOverride) => {
        const major = HELM_MAJORS[run++ % HELM_MAJORS.length]!;
        const sets = [`nameOverride=${nameOverride}`, `fullnameOverride=${fullnameOverride}`];
        const problems = await kubernetesProblems(render(major, kind, values, release, sets), `${kind} ${release}`);
        expect(problems, `helm ${major}, release ${release}, ${sets.join(', ')}:\n${describeFindings(problems)}`).toEqual([]);
      }),
      { numRuns: 24, seed: 20261129 },
    );
  });
});
