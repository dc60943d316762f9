// Strict validation of rendered charts against the embedded Kubernetes schemas, with the validator.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validate, type Finding } from '@chartforge/validator';
import { REPO_ROOT } from './paths.js';

export const KUBERNETES_VERSION = '1.35.0';

/**
 * CRDs the control plane installs so charts that render a ServiceMonitor or HTTPRoute can be
 * installed; the validator itself knows them from its embedded CRDs.
 */
export const TEST_CRDS = join(REPO_ROOT, 'test', 'fixtures', 'crds');

/** The CRD manifests in TEST_CRDS, for `startPlane({ crds })`. */
export function testCrdFiles(): string[] {
  return readdirSync(TEST_CRDS).filter((file) => file.endsWith('.yaml')).map((file) => join(TEST_CRDS, file));
}

/**
 * Every error and warning in rendered manifests, in strict mode; info findings are left out. The
 * custom resources charts render (ServiceMonitor, HTTPRoute) are checked against the validator's
 * embedded upstream CRDs, CEL rules included.
 */
export async function kubernetesProblems(rendered: string, name = 'rendered.yaml'): Promise<Finding[]> {
  const report = await validate(
    { files: [{ name, text: rendered }] },
    { kubernetesVersion: KUBERNETES_VERSION, strict: true },
  );
  return report.findings.filter((finding) => finding.severity !== 'info');
}

export function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.template ?? f.file}:${f.line}:${f.column} ${f.kind}/${f.name} ${f.path}: ${f.message} [${f.rule}]`).join('\n');
}
