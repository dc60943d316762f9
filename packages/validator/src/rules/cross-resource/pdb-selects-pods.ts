import { resourceRule, violation } from '../support/define.js';
import { getPath } from '../support/objects.js';
import { kubernetesKind } from '../support/kinds.js';

export default resourceRule(
  {
    id: 'pdb-selects-pods',
    category: 'cross-resource',
    severity: 'warning',
    summary: 'A PodDisruptionBudget must select the pods of some workload in the manifests',
  },
  function* (resource, context) {
    if (kubernetesKind(resource) !== 'PodDisruptionBudget') return;
    const selector = getPath(resource.object, ['spec', 'selector']);
    if (context.index.podsMatchingSelector(selector, resource).length === 0) {
      yield violation(resource, ['spec', 'selector'], 'the selector matches no pod template in the manifests, so the budget protects nothing');
    }
  },
);
