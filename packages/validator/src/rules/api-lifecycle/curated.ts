// Facts older than the oldest embedded release (1.22), which its definitions cannot show: removals
// before 1.22 and APIs that are no served resources (audit.k8s.io: the audit policy file and audit
// events), and the release that first served a replacement the oldest release already serves.
// Source: the Kubernetes deprecation guide.
import type { ApiLifecycleEntry, ApiReplacement } from './types.js';

const GUIDE = 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/';

function removed(removedIn: string, deprecatedIn: string, replacements: readonly ApiReplacement[], apiVersions: readonly string[], kinds: readonly string[]): ApiLifecycleEntry[] {
  return apiVersions.flatMap((apiVersion) => kinds.map((kind) => ({ apiVersion, kind, removedIn, deprecatedIn, replacements, source: GUIDE })));
}

const to = (apiVersion: string, since: string): ApiReplacement => ({ apiVersion, since });

export const CURATED_API_LIFECYCLE: readonly ApiLifecycleEntry[] = [
  ...removed('1.16', '1.9', [to('networking.k8s.io/v1', '1.8')], ['extensions/v1beta1'], ['NetworkPolicy']),
  ...removed('1.16', '1.9', [to('apps/v1', '1.9')], ['extensions/v1beta1', 'apps/v1beta2'], ['DaemonSet']),
  ...removed('1.16', '1.9', [to('apps/v1', '1.9')], ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'], ['Deployment', 'ReplicaSet']),
  ...removed('1.16', '1.9', [to('apps/v1', '1.9')], ['apps/v1beta1', 'apps/v1beta2'], ['StatefulSet']),
  ...removed('1.16', '1.10', [to('policy/v1beta1', '1.10')], ['extensions/v1beta1'], ['PodSecurityPolicy']),
  ...removed('1.22', '1.16', [to('admissionregistration.k8s.io/v1', '1.16')], ['admissionregistration.k8s.io/v1beta1'], ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']),
  ...removed('1.22', '1.16', [to('apiextensions.k8s.io/v1', '1.16')], ['apiextensions.k8s.io/v1beta1'], ['CustomResourceDefinition']),
  ...removed('1.22', '1.10', [to('apiregistration.k8s.io/v1', '1.10')], ['apiregistration.k8s.io/v1beta1'], ['APIService']),
  ...removed('1.22', '1.6', [to('authentication.k8s.io/v1', '1.6')], ['authentication.k8s.io/v1beta1'], ['TokenReview']),
  ...removed('1.22', '1.6', [to('authorization.k8s.io/v1', '1.6')], ['authorization.k8s.io/v1beta1'], ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview', 'SelfSubjectRulesReview']),
  ...removed('1.22', '1.19', [to('certificates.k8s.io/v1', '1.19')], ['certificates.k8s.io/v1beta1'], ['CertificateSigningRequest']),
  ...removed('1.22', '1.14', [to('coordination.k8s.io/v1', '1.14')], ['coordination.k8s.io/v1beta1'], ['Lease']),
  ...removed('1.22', '1.14', [to('networking.k8s.io/v1', '1.19'), to('networking.k8s.io/v1beta1', '1.14')], ['extensions/v1beta1'], ['Ingress']),
  ...removed('1.22', '1.19', [to('networking.k8s.io/v1', '1.19')], ['networking.k8s.io/v1beta1'], ['Ingress', 'IngressClass']),
  ...removed('1.22', '1.17', [to('rbac.authorization.k8s.io/v1', '1.8')], ['rbac.authorization.k8s.io/v1beta1'], ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']),
  ...removed('1.22', '1.14', [to('scheduling.k8s.io/v1', '1.14')], ['scheduling.k8s.io/v1beta1'], ['PriorityClass']),
  ...removed('1.22', '1.19', [to('storage.k8s.io/v1', '1.19')], ['storage.k8s.io/v1beta1'], ['CSIDriver']),
  ...removed('1.22', '1.17', [to('storage.k8s.io/v1', '1.17')], ['storage.k8s.io/v1beta1'], ['CSINode']),
  ...removed('1.22', '1.6', [to('storage.k8s.io/v1', '1.6')], ['storage.k8s.io/v1beta1'], ['StorageClass']),
  ...removed('1.22', '1.13', [to('storage.k8s.io/v1', '1.13')], ['storage.k8s.io/v1beta1'], ['VolumeAttachment']),
  // Not served by the API server, so in no OpenAPI definitions: the audit policy file and audit events.
  ...removed('1.24', '1.21', [to('audit.k8s.io/v1', '1.12')], ['audit.k8s.io/v1alpha1', 'audit.k8s.io/v1beta1'], ['Event', 'Policy']),
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

/**
 * The release that first served a replacement which the oldest schema release already serves (the
 * derived table can only say "1.22"), so that advice for an older target names what it serves.
 */
export const EARLIER_REPLACEMENTS: Readonly<Record<string, string>> = {
  'autoscaling/v2beta2 HorizontalPodAutoscaler': '1.12',
  'batch/v1 CronJob': '1.21',
  'discovery.k8s.io/v1 EndpointSlice': '1.21',
  'events.k8s.io/v1 Event': '1.19',
  'node.k8s.io/v1 RuntimeClass': '1.20',
  'node.k8s.io/v1beta1 RuntimeClass': '1.14',
  'policy/v1 PodDisruptionBudget': '1.21',
  'rbac.authorization.k8s.io/v1 ClusterRole': '1.8',
  'rbac.authorization.k8s.io/v1 ClusterRoleBinding': '1.8',
  'rbac.authorization.k8s.io/v1 Role': '1.8',
  'rbac.authorization.k8s.io/v1 RoleBinding': '1.8',
  'scheduling.k8s.io/v1 PriorityClass': '1.14',
  'storage.k8s.io/v1 VolumeAttachment': '1.13',
  'storage.k8s.io/v1beta1 CSIStorageCapacity': '1.21',
};
