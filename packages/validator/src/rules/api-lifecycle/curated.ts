// Removals that predate the oldest schema release the table is derived from (1.22): those APIs
// are absent from every schema file, so they cannot be derived and are listed by hand.
import type { ApiLifecycleEntry } from './types.js';

const GUIDE = 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/';

function removed(removedIn: string, deprecatedIn: string, replacement: string, apiVersions: readonly string[], kinds: readonly string[]): ApiLifecycleEntry[] {
  return apiVersions.flatMap((apiVersion) => kinds.map((kind) => ({ apiVersion, kind, removedIn, deprecatedIn, replacement, source: GUIDE })));
}

export const CURATED_API_LIFECYCLE: readonly ApiLifecycleEntry[] = [
  ...removed('1.16', '1.9', 'networking.k8s.io/v1', ['extensions/v1beta1'], ['NetworkPolicy']),
  ...removed('1.16', '1.9', 'apps/v1', ['extensions/v1beta1', 'apps/v1beta2'], ['DaemonSet']),
  ...removed('1.16', '1.9', 'apps/v1', ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'], ['Deployment', 'ReplicaSet']),
  ...removed('1.16', '1.9', 'apps/v1', ['apps/v1beta1', 'apps/v1beta2'], ['StatefulSet']),
  ...removed('1.16', '1.10', 'policy/v1beta1', ['extensions/v1beta1'], ['PodSecurityPolicy']),
  ...removed('1.22', '1.16', 'admissionregistration.k8s.io/v1', ['admissionregistration.k8s.io/v1beta1'], ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']),
  ...removed('1.22', '1.16', 'apiextensions.k8s.io/v1', ['apiextensions.k8s.io/v1beta1'], ['CustomResourceDefinition']),
  ...removed('1.22', '1.10', 'apiregistration.k8s.io/v1', ['apiregistration.k8s.io/v1beta1'], ['APIService']),
  ...removed('1.22', '1.6', 'authentication.k8s.io/v1', ['authentication.k8s.io/v1beta1'], ['TokenReview']),
  ...removed('1.22', '1.6', 'authorization.k8s.io/v1', ['authorization.k8s.io/v1beta1'], ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview', 'SelfSubjectRulesReview']),
  ...removed('1.22', '1.19', 'certificates.k8s.io/v1', ['certificates.k8s.io/v1beta1'], ['CertificateSigningRequest']),
  ...removed('1.22', '1.14', 'coordination.k8s.io/v1', ['coordination.k8s.io/v1beta1'], ['Lease']),
  ...removed('1.22', '1.14', 'networking.k8s.io/v1', ['extensions/v1beta1'], ['Ingress']),
  ...removed('1.22', '1.19', 'networking.k8s.io/v1', ['networking.k8s.io/v1beta1'], ['Ingress', 'IngressClass']),
  ...removed('1.22', '1.17', 'rbac.authorization.k8s.io/v1', ['rbac.authorization.k8s.io/v1beta1'], ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']),
  ...removed('1.22', '1.14', 'scheduling.k8s.io/v1', ['scheduling.k8s.io/v1beta1'], ['PriorityClass']),
  ...removed('1.22', '1.19', 'storage.k8s.io/v1', ['storage.k8s.io/v1beta1'], ['CSIDriver']),
  ...removed('1.22', '1.17', 'storage.k8s.io/v1', ['storage.k8s.io/v1beta1'], ['CSINode']),
  ...removed('1.22', '1.6', 'storage.k8s.io/v1', ['storage.k8s.io/v1beta1'], ['StorageClass']),
  ...removed('1.22', '1.13', 'storage.k8s.io/v1', ['storage.k8s.io/v1beta1'], ['VolumeAttachment']),
];

/**
 * Deprecations older than the oldest schema release: derived entries can only say "1.22 or
 * earlier" for them; the deprecation guide has the release.
 */
export const EARLIER_DEPRECATIONS: readonly { apiVersion: string; kinds: readonly string[]; deprecatedIn: string }[] = [
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: '1.21' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], deprecatedIn: '1.21' },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecatedIn: '1.19' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget', 'PodSecurityPolicy'], deprecatedIn: '1.21' },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], deprecatedIn: '1.17' },
];
