import { resourceRule, violation } from '../support/define.js';
import { scaleTarget, utilizationMetrics } from '../support/autoscaling.js';
import { containerResource, describeContainer, longRunningContainers, podTemplateOf } from '../support/pod.js';
import { kubernetesKind } from '../support/kinds.js';

export default resourceRule(
  {
    id: 'hpa-requires-requests',
    category: 'ml-scheduling',
    severity: 'error',
    summary: 'An HPA on CPU/memory utilization needs that request on every container of its target',
  },
  function* (resource, context) {
    if (kubernetesKind(resource) !== 'HorizontalPodAutoscaler') return;
    const target = scaleTarget(resource, context.index);
    const pod = target && podTemplateOf(target);
    if (!pod) return;
    for (const metric of utilizationMetrics(resource)) {
      const containers = longRunningContainers(pod).filter((ref) => metric.container === undefined || ref.name === metric.container);
      const missing = containers.filter((ref) => containerResource(ref, 'requests', metric.resource) === undefined);
      if (missing.length > 0) {
        yield violation(resource, metric.path, `scales on ${metric.resource} utilization, but ${missing.map(describeContainer).join(', ')} of ${target.kind} "${target.name}" set no ${metric.resource} request; utilization is usage divided by the request, so the autoscaler cannot act`);
      }
    }
  },
);
