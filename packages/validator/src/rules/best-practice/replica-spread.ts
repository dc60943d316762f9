import { podRule, violation } from '../support/define.js';
import { replicaRange } from '../support/autoscaling.js';
import { arrayAt, getPath, isObject, objectsIn } from '../support/objects.js';
import { labelSelectorMatches } from '../support/selectors.js';

const KINDS = new Set(['Deployment', 'StatefulSet']);

export const FAILURE_DOMAIN_KEYS = ['kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

export default podRule(
  {
    id: 'replica-spread',
    category: 'best-practice',
    severity: 'warning',
    summary: 'A workload that can run 2 or more replicas should spread them over nodes or zones (pod anti-affinity or topologySpreadConstraints)',
    parameters: {
      topologyKeys: { type: 'string[]', default: FAILURE_DOMAIN_KEYS, description: 'Node labels that count as failure domains to spread over' },
    },
  },
  function* (pod, context) {
    if (!KINDS.has(pod.resource.kind)) return;
    const replicas = replicaRange(pod.resource, context.index);
    if (replicas === undefined || replicas.max < 2) return;
    const keys = context.parameters.topologyKeys as readonly string[];
    // Only terms that count this workload's own pods spread it.
    const spreadsSelf = (term: unknown) => isObject(term) && typeof term.topologyKey === 'string' && keys.includes(term.topologyKey) && labelSelectorMatches(term.labelSelector, pod.labels);
    const antiAffinity = getPath(pod.spec, ['affinity', 'podAntiAffinity']);
    const terms = [
      ...arrayAt(antiAffinity, ['requiredDuringSchedulingIgnoredDuringExecution']),
      ...arrayAt(antiAffinity, ['preferredDuringSchedulingIgnoredDuringExecution']).map((weighted) => getPath(weighted, ['podAffinityTerm'])),
      ...[...objectsIn(pod.spec, ['topologySpreadConstraints'])].map(({ value }) => value),
    ];
    if (terms.some(spreadsSelf)) return;
    const count = replicas.min === replicas.max ? `${replicas.max} replicas` : `up to ${replicas.max} replicas`;
    yield violation(
      pod.resource,
      pod.specPath,
      `${pod.resource.kind} "${pod.resource.name}" runs ${count} with no pod anti-affinity or topology spread over ${keys.join(' or ')} that selects its own pods, so the scheduler may put them all on one node and one node failure takes them all down`,
    );
  },
);
