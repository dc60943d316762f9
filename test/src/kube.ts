// Strict validation of rendered charts against the real Kubernetes schemas, with the validator.
import { validate, type Finding } from '@chartforge/validator';
import { requireKubernetesSchemas } from './paths.js';

export const KUBERNETES_VERSION = '1.35.0';

/**
 * Every error and warning in rendered manifests, in strict mode; info findings are left out. The
 * custom resources charts render (ServiceMonitor, HTTPRoute) are checked against the validator's
 * embedded upstream CRDs, CEL rules included.
 */
export async function kubernetesProblems(rendered: string, name = 'rendered.yaml'): Promise<Finding[]> {
  const report = await validate(
    { files: [{ name, text: rendered }] },
    { kubernetesVersion: KUBERNETES_VERSION, schemaLocations: [requireKubernetesSchemas()], strict: true },
  );
  return report.findings.filter((finding) => finding.severity !== 'info');
}

export function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.template ?? f.file}:${f.line}:${f.column} ${f.kind}/${f.name} ${f.path}: ${f.message} [${f.rule}]`).join('\n');
}
