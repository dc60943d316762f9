import type { Resource } from '../../types.js';
import { setRule, violation } from '../support/define.js';
import { arrayAt, getPath } from '../support/objects.js';
import { isHelmTest, sameNamespace } from '../support/resource-index.js';
import { labelSelectorMatches } from '../support/selectors.js';

/** The directions a NetworkPolicy isolates: `policyTypes`, or as the API server defaults it (Ingress, plus Egress when it has egress rules). */
function isolates(policy: Resource): { ingress: boolean; egress: boolean } {
  const types = arrayAt(policy.object, ['spec', 'policyTypes']);
  if (types.length > 0) return { ingress: types.includes('Ingress'), egress: types.includes('Egress') };
  return { ingress: true, egress: getPath(policy.object, ['spec', 'egress']) !== undefined };
}

export default setRule(
  {
    id: 'network-policy-coverage',
    category: 'cross-resource',
    severity: 'warning',
    summary: 'Where the manifests define NetworkPolicies, every workload\'s pods must be selected by an ingress policy of their namespace',
  },
  function* (_resources, context) {
    const policies = context.index.ofKind('NetworkPolicy');
    // Without any NetworkPolicy the input is not where isolation is managed (a platform's
    // namespace default-deny, a separate policy chart): coverage is judged only where it is.
    if (policies.length === 0) return;
    for (const pod of context.index.podTemplates) {
      if (isHelmTest(pod.resource)) continue; // a test client listens on nothing
      const selecting = policies.filter((policy) => sameNamespace(policy, pod.resource) && labelSelectorMatches(getPath(policy.object, ['spec', 'podSelector']), pod.labels));
      if (selecting.length === 0 && !policies.some((policy) => sameNamespace(policy, pod.resource))) continue;
      const directions = selecting.map(isolates);
      if (directions.some((d) => d.ingress)) continue;
      const egress = directions.some((d) => d.egress) ? '' : '; no policy restricts their egress either';
      yield violation(
        pod.resource,
        pod.metadataPath,
        `the pods of ${pod.resource.kind} "${pod.resource.name}" are selected by no NetworkPolicy with Ingress, though the manifests isolate other pods of the namespace: any pod in the cluster can connect to them${egress}; add their labels to a policy's podSelector`,
      );
    }
  },
);
