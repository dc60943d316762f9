import { resourceRule, violation } from '../support/define.js';
import { objectAt } from '../support/objects.js';
import { kubernetesKind } from '../support/kinds.js';

export default resourceRule(
  {
    id: 'hpa-target-exists',
    category: 'cross-resource',
    severity: 'error',
    summary: "A HorizontalPodAutoscaler's scaleTargetRef must name a workload defined in the manifests",
  },
  function* (resource, context) {
    if (kubernetesKind(resource) !== 'HorizontalPodAutoscaler') return;
    const target = objectAt(resource.object, ['spec', 'scaleTargetRef']);
    if (!target || typeof target.kind !== 'string' || typeof target.name !== 'string') return;
    if (!context.index.find(target.kind, target.name, resource)) {
      yield violation(resource, ['spec', 'scaleTargetRef'], `scaleTargetRef ${target.kind} "${target.name}" is not defined in the manifests, so the autoscaler scales nothing`);
    }
  },
);
