import { setRule, violation } from '../support/define.js';
import { autoscalersOf, minReplicas, replicaRange } from '../support/autoscaling.js';
import { integerAt } from '../support/objects.js';

const KINDS = ['Deployment', 'StatefulSet'];

export default setRule(
  {
    id: 'serving-replicas',
    category: 'policy',
    severity: 'warning',
    profile: 'policy',
    summary: 'A workload behind a Service should run at least 2 replicas (replicas or an HPA minReplicas)',
  },
  function* (_resources, context) {
    for (const [pod, serviceName] of context.index.servedPods()) {
      if (!KINDS.includes(pod.resource.kind)) continue;
      const replicas = replicaRange(pod.resource, context.index);
      if (replicas === undefined || replicas.min >= 2) continue;
      const served = `${pod.resource.kind} "${pod.resource.name}" serves Service "${serviceName}"`;
      const outage = 'so a restart, rollout or node failure is an outage; run at least 2 (replicas, or the HPA\'s minReplicas)';
      // An autoscaled workload's replica count is the HPA's to set: the finding goes where the minimum is.
      const autoscaler = autoscalersOf(pod.resource, context.index).find((hpa) => minReplicas(hpa) === replicas.min);
      if (autoscaler) {
        const at = integerAt(autoscaler.object, ['spec', 'minReplicas']) === undefined ? ['spec'] : ['spec', 'minReplicas'];
        yield violation(autoscaler, at, `${served} with an autoscaler minimum of ${replicas.min}, ${outage}`);
      } else {
        const at = integerAt(pod.resource.object, ['spec', 'replicas']) === undefined ? ['spec'] : ['spec', 'replicas'];
        yield violation(pod.resource, at, `${served} with ${replicas.min} replica, ${outage}`);
      }
    }
  },
);
