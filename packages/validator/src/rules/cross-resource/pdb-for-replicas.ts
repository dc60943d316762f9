import { setRule, violation } from '../support/define.js';
import { replicaRange } from '../support/autoscaling.js';
import { getPath } from '../support/objects.js';

const KINDS = ['Deployment', 'StatefulSet'];

export default setRule(
  {
    id: 'pdb-for-replicas',
    category: 'cross-resource',
    severity: 'warning',
    summary: 'A Deployment or StatefulSet that runs 2 or more replicas (or autoscales up to 2 or more) needs a PodDisruptionBudget selecting its pods',
  },
  function* (_resources, context) {
    const budgeted = new Set(context.index.ofKind('PodDisruptionBudget').flatMap((budget) => context.index.podsMatchingSelector(getPath(budget.object, ['spec', 'selector']), budget)));
    for (const pod of context.index.podTemplates) {
      const workload = pod.resource;
      if (!KINDS.includes(workload.kind)) continue;
      const replicas = replicaRange(workload, context.index);
      // An autoscaled workload counts at its maximum: scaled out, a drain could take every pod at once.
      if (replicas === undefined || replicas.max < 2) continue;
      if (budgeted.has(pod)) continue;
      yield violation(
        workload,
        ['spec', 'selector'],
        `${workload.kind} "${workload.name}" runs ${replicas.min === replicas.max ? '' : 'up to '}${replicas.max} replicas but no PodDisruptionBudget selects its pods, so a node drain or cluster upgrade may evict all of them at once; add one with maxUnavailable: 1`,
      );
    }
  },
);
