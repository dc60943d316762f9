import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `../shared/kubernetes-schemas` beside the repository (upstream definitions v1.22.0–v1.36.0 in
 * kubeconform's form), or $CHARTFORGE_K8S_SCHEMAS: a cross-check of the embedded schemas, run when
 * it is there. No test needs it: the validator embeds every version.
 */
export const SHARED_KUBERNETES_SCHEMAS = process.env.CHARTFORGE_K8S_SCHEMAS ?? join(REPO_ROOT, '..', 'shared', 'kubernetes-schemas');

export function sharedKubernetesSchemas(version: string): string | undefined {
  const file = join(SHARED_KUBERNETES_SCHEMAS, `${version}.definitions.json.gz`);
  return existsSync(file) ? file : undefined;
}
