import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Kubernetes JSON Schemas beside the repository (never copied into it); override with CHARTFORGE_K8S_SCHEMAS. */
export const KUBERNETES_SCHEMAS = process.env.CHARTFORGE_K8S_SCHEMAS ?? join(REPO_ROOT, '..', 'shared', 'kubernetes-schemas');

export function requireKubernetesSchemas(): string {
  if (!existsSync(join(KUBERNETES_SCHEMAS, 'v1.35.0.definitions.json.gz'))) {
    throw new Error(`Kubernetes schemas not found at ${KUBERNETES_SCHEMAS}: the tests read them from ../shared/kubernetes-schemas`);
  }
  return KUBERNETES_SCHEMAS;
}
