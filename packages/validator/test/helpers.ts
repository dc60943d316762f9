import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/** The shared Kubernetes schemas beside the repository (never copied into it): $CHARTFORGE_K8S_SCHEMAS, else the nearest `../shared/kubernetes-schemas` above the repository root (worktrees sit one level deeper). */
function findSchemasDir(): string {
  if (process.env.CHARTFORGE_K8S_SCHEMAS) return process.env.CHARTFORGE_K8S_SCHEMAS;
  for (let dir = REPO_ROOT; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dirname(dir), 'shared', 'kubernetes-schemas');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('../shared/kubernetes-schemas not found: set CHARTFORGE_K8S_SCHEMAS');
}

export const SCHEMAS_DIR = findSchemasDir();

export const V135 = { kubernetesVersion: '1.35.0', schemaLocations: [SCHEMAS_DIR] } as const;

/** Drops the shared indentation of a template literal so manifests can be written inline. */
export function yaml(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
