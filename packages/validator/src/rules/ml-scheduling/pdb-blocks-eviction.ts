import type { Resource } from '../../types.js';
import { resourceRule, violation } from '../support/define.js';
import { replicaRange } from '../support/autoscaling.js';
import { getPath } from '../support/objects.js';
import type { RuleContext } from '../types.js';
import { kubernetesKind } from '../support/kinds.js';

/** Fewest pods the selected workloads run: an HPA's minReplicas wins over spec.replicas. */
function expectedPods(workloads: readonly Resource[], context: RuleContext): number | undefined {
  let total = 0;
  for (const workload of workloads) {
    const replicas = replicaRange(workload, context.index);
    if (replicas === undefined) return undefined; // DaemonSets and bare pods: count unknown here
    total += replicas.min;
  }
  return total;
}

export default resourceRule(
  {
    id: 'pdb-blocks-eviction',
    category: 'ml-scheduling',
    severity: 'warning',
    summary: 'A PodDisruptionBudget must allow at least one eviction, or node drains and upgrades hang',
  },
  function* (resource, context) {
    if (kubernetesKind(resource) !== 'PodDisruptionBudget') return;
    const maxUnavailable = getPath(resource.object, ['spec', 'maxUnavailable']);
    const minAvailable = getPath(resource.object, ['spec', 'minAvailable']);
    if (maxUnavailable === 0 || maxUnavailable === '0' || maxUnavailable === '0%') {
      yield violation(resource, ['spec', 'maxUnavailable'], 'maxUnavailable 0 forbids every voluntary eviction: node drains and cluster upgrades hang on these pods');
      return;
    }
    if (minAvailable === '100%') {
      yield violation(resource, ['spec', 'minAvailable'], 'minAvailable 100% forbids every voluntary eviction: node drains and cluster upgrades hang on these pods');
      return;
    }
    if (typeof minAvailable !== 'number') return;
    const workloads = [...new Set(context.index.podsMatchingSelector(getPath(resource.object, ['spec', 'selector']), resource).map((pod) => pod.resource))];
    const pods = workloads.length > 0 ? expectedPods(workloads, context) : undefined;
    if (pods !== undefined && minAvailable >= pods) {
      yield violation(resource, ['spec', 'minAvailable'], `minAvailable ${minAvailable} is not below the ${pods} pod(s) the selected workloads run, so no pod may ever be evicted and node drains hang`);
    }
  },
);
