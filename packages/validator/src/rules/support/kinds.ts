// A rule about a built-in kind (a Job, a Service) must not take a custom resource of the same name
// for one: Volcano's batch.volcano.sh Job has no activeDeadlineSeconds and no pod template at
// spec.template, Knative's serving.knative.dev Service no selector or ports.
import { parseApiVersion } from '../../schema/api-version.js';
import type { Resource } from '../../types.js';

/** The API groups without a dot: all Kubernetes' own (a CRD's group must hold a dot). */
const KUBERNETES_GROUPS_WITHOUT_DOT = new Set(['', 'apps', 'batch', 'autoscaling', 'policy', 'extensions']);

/**
 * Whether `apiVersion` names a group of the Kubernetes API itself: the core group, the groups
 * without a dot, and `*.k8s.io` (a group there needs Kubernetes' API review; `x-k8s.io` ones are
 * the ecosystem's).
 */
export function isKubernetesApiVersion(apiVersion: string): boolean {
  const { group } = parseApiVersion(apiVersion);
  return KUBERNETES_GROUPS_WITHOUT_DOT.has(group) || group.endsWith('.k8s.io');
}

/** The resource's kind when Kubernetes serves it (a Deployment of apps/v1), undefined for a custom resource, whatever its kind's name. */
export function kubernetesKind(resource: Pick<Resource, 'apiVersion' | 'kind'>): string | undefined {
  return isKubernetesApiVersion(resource.apiVersion) ? resource.kind : undefined;
}
