// Strict validation of rendered charts against the embedded Kubernetes schemas, with the validator.
import { join } from 'node:path';
import { validate, type Finding } from '@chartforge/validator';
import { REPO_ROOT } from './paths.js';

export const KUBERNETES_VERSION = '1.35.0';

/** CRDs of the custom resources charts may render (ServiceMonitor, HTTPRoute); see test/fixtures/crds. */
export const TEST_CRDS = join(REPO_ROOT, 'test', 'fixtures', 'crds');

/** Every error and warning in rendered manifests, in strict mode; info findings are left out. */
export async function kubernetesProblems(rendered: string, name = 'rendered.yaml'): Promise<Finding[]> {
  const report = await validate(
    { files: [{ name, text: rendered }] },
    { kubernetesVersion: KUBERNETES_VERSION, strict: true, crds: [TEST_CRDS] },
  );
  return report.findings.filter((finding) => finding.severity !== 'info');
}

export function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.template ?? f.file}:${f.line}:${f.column} ${f.kind}/${f.name} ${f.path}: ${f.message} [${f.rule}]`).join('\n');
}
