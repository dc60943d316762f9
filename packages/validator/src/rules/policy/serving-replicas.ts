import { setRule, violation } from '../support/define.js';
import { replicaRange } from '../support/autoscaling.js';
import { objectAt } from '../support/objects.js';

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
      const autoscaled = replicas.min !== replicas.max;
      yield violation(
        pod.resource,
        autoscaled ? ['spec'] : objectAt(pod.resource.object, ['spec'])?.replicas === undefined ? ['spec'] : ['spec', 'replicas'],
        `${pod.resource.kind} "${pod.resource.name}" serves Service "${serviceName}" with ${autoscaled ? `an autoscaler minimum of ${replicas.min}` : `${replicas.min} replica`}, so a restart, rollout or node failure is an outage; run at least 2 (replicas, or the HPA's minReplicas)`,
      );
    }
  },
);
