import type { Resource } from '../../types.js';
import { podRule, violation } from '../support/define.js';
import { getPath, objectsIn } from '../support/objects.js';
import { serviceAccountOf } from '../support/pod.js';
import type { RuleContext } from '../types.js';

/** Whether a RoleBinding or ClusterRoleBinding in the input grants the ServiceAccount anything. */
function isBound(name: string, from: Resource, context: RuleContext): boolean {
  return [...context.index.ofKind('RoleBinding'), ...context.index.ofKind('ClusterRoleBinding')].some((binding) =>
    [...objectsIn(binding.object, ['subjects'])].some(({ value }) =>
      value.kind === 'ServiceAccount' && value.name === name &&
      (typeof value.namespace !== 'string' || from.namespace === undefined || value.namespace === from.namespace)));
}

export default podRule(
  {
    id: 'automount-service-account-token',
    category: 'cross-resource',
    severity: 'warning',
    summary: 'Pods whose ServiceAccount has no RBAC bindings should not mount an API token (automountServiceAccountToken: false)',
  },
  function* (pod, context) {
    const podSetting = pod.spec.automountServiceAccountToken;
    if (podSetting === false) return;
    const name = serviceAccountOf(pod);
    const account = context.index.find('ServiceAccount', name, pod.resource);
    // The pod-level field wins over the ServiceAccount's; an explicit true is a deliberate choice.
    if (podSetting === true || (podSetting === undefined && account && getPath(account.object, ['automountServiceAccountToken']) === false)) return;
    if (isBound(name, pod.resource, context)) return;
    yield violation(pod.resource, pod.specPath, `the pod mounts a Kubernetes API token for ServiceAccount "${name}", which no RoleBinding in the manifests grants anything; set automountServiceAccountToken: false`);
  },
);
