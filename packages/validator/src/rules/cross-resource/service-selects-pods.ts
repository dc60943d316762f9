import { resourceRule, violation } from '../support/define.js';
import { objectAt, stringMap } from '../support/objects.js';
import { kubernetesKind } from '../support/kinds.js';

export default resourceRule(
  {
    id: 'service-selects-pods',
    category: 'cross-resource',
    severity: 'warning',
    summary: "A Service's selector must match the pod labels of some workload in the manifests",
  },
  function* (resource, context) {
    if (kubernetesKind(resource) !== 'Service') return;
    const selector = stringMap(objectAt(resource.object, ['spec'])?.selector);
    // No selector: endpoints are managed by hand or by a controller (ExternalName, headless to external IPs).
    if (Object.keys(selector).length === 0) return;
    if (context.index.serviceEndpointPods(selector, resource).length === 0) {
      const wanted = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
      yield violation(resource, ['spec', 'selector'], `no pod template in the manifests has the labels ${wanted}, so the Service has no endpoints`);
    }
  },
);
