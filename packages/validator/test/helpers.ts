import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/** The shared Kubernetes schemas beside the repository (never copied into it), or $CHARTFORGE_K8S_SCHEMAS. */
export const SCHEMAS_DIR = process.env.CHARTFORGE_K8S_SCHEMAS ?? join(REPO_ROOT, '..', 'shared', 'kubernetes-schemas');

export const V135 = { kubernetesVersion: '1.35.0', schemaLocations: [SCHEMAS_DIR] } as const;

/** Drops the shared indentation of a template literal so manifests can be written inline. */
export function yaml(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** A CustomResourceDefinition for `example.com/v1` Widgets (spec.size 1–10 required, spec.colour red|green). */
export const widgetCrd = yaml(`
  apiVersion: apiextensions.k8s.io/v1
  kind: CustomResourceDefinition
  metadata: {name: widgets.example.com}
  spec:
    group: example.com
    names: {kind: Widget, plural: widgets}
    scope: Namespaced
    versions:
      - name: v1
        served: true
        storage: true
        schema:
          openAPIV3Schema:
            type: object
            properties:
              spec:
                type: object
                required: [size]
                properties:
                  size: {type: integer, minimum: 1, maximum: 10}
                  colour: {type: string, enum: [red, green]}
                  extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
      - name: v1alpha1
        served: false
        storage: false
        schema: {openAPIV3Schema: {type: object}}
`);
