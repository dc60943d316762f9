import { resourceRule, violation } from '../support/define.js';
import { objectAt } from '../support/objects.js';
import { kubernetesKind } from '../support/kinds.js';

export default resourceRule(
  {
    id: 'nodeport-service',
    category: 'best-practice',
    severity: 'warning',
    summary: 'A Service should not be of type NodePort: it opens the port on every node, outside any Ingress, Gateway or NetworkPolicy at the edge',
  },
  function* (resource) {
    if (kubernetesKind(resource) !== 'Service' || objectAt(resource.object, ['spec'])?.type !== 'NodePort') return;
    yield violation(resource, ['spec', 'type'], 'type: NodePort opens this port on every node of the cluster; use ClusterIP behind an Ingress or Gateway, or a LoadBalancer');
  },
);
