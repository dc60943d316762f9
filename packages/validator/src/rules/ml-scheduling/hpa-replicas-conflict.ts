import { resourceRule, violation } from '../support/define.js';
import { maxReplicas, minReplicas, scaleTarget } from '../support/autoscaling.js';
import { getPath } from '../support/objects.js';
import { kubernetesKind } from '../support/kinds.js';

export default resourceRule(
  {
    id: 'hpa-replicas-conflict',
    category: 'ml-scheduling',
    severity: 'warning',
    summary: "An HPA's minReplicas must not exceed maxReplicas or the replicas its target declares",
  },
  function* (resource, context) {
    if (kubernetesKind(resource) !== 'HorizontalPodAutoscaler') return;
    const min = minReplicas(resource);
    const max = maxReplicas(resource);
    if (max !== undefined && min > max) {
      yield violation(resource, ['spec', 'minReplicas'], `minReplicas ${min} is greater than maxReplicas ${max}`);
    }
    const target = scaleTarget(resource, context.index);
    const declared = target && getPath(target.object, ['spec', 'replicas']);
    if (target && typeof declared === 'number' && declared < min) {
      yield violation(resource, ['spec', 'minReplicas'], `minReplicas ${min} is above the ${declared} replicas ${target.kind} "${target.name}" declares: every deploy resets it to ${declared} and the autoscaler scales back up (drop spec.replicas when an HPA manages it)`);
    }
  },
);
