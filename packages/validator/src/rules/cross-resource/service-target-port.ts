import { resourceRule, violation } from '../support/define.js';
import { arrayAt, isObject, objectAt, objectsIn, stringMap } from '../support/objects.js';
import { containersOf } from '../support/pod.js';
import { kubernetesKind } from '../support/kinds.js';

export default resourceRule(
  {
    id: 'service-target-port',
    category: 'cross-resource',
    severity: 'error',
    summary: "A Service's named targetPort must be a port name declared by the pods it selects",
  },
  function* (resource, context) {
    if (kubernetesKind(resource) !== 'Service') return;
    const selector = stringMap(objectAt(resource.object, ['spec'])?.selector);
    if (Object.keys(selector).length === 0) return;
    const pods = context.index.serviceEndpointPods(selector, resource);
    if (pods.length === 0) return;
    for (const { value: port, path } of objectsIn(resource.object, ['spec', 'ports'])) {
      const target = port.targetPort;
      if (typeof target !== 'string' || /^\d+$/.test(target)) continue;
      const missing = pods.filter((pod) => !containersOf(pod, ['containers', 'initContainers']).some((ref) =>
        arrayAt(ref.container, ['ports']).some((p) => isObject(p) && p.name === target)));
      for (const pod of missing) {
        yield violation(resource, [...path, 'targetPort'], `targetPort "${target}" is not a container port name of ${pod.resource.kind} "${pod.resource.name}", so traffic to it goes nowhere`);
      }
    }
  },
);
