import { setRule, violation } from '../support/define.js';
import { objectAt, stringMap } from '../support/objects.js';
import { containersOf, describeContainer, type PodTemplate } from '../support/pod.js';

export default setRule(
  {
    id: 'readiness-probe',
    category: 'cross-resource',
    severity: 'warning',
    summary: 'Containers that serve a Service must have a readinessProbe, or traffic reaches them before they are ready',
  },
  function* (resources, context) {
    const served = new Map<PodTemplate, string>();
    for (const service of context.index.ofKind('Service')) {
      const selector = stringMap(objectAt(service.object, ['spec'])?.selector);
      if (Object.keys(selector).length === 0) continue;
      for (const pod of context.index.serviceEndpointPods(selector, service)) if (!served.has(pod)) served.set(pod, service.name);
    }
    for (const [pod, serviceName] of served) {
      // Containers with ports are the ones a Service can route to; portless sidecars are not.
      for (const ref of containersOf(pod, ['containers'])) {
        if (ref.container.readinessProbe === undefined && Array.isArray(ref.container.ports) && ref.container.ports.length > 0) {
          yield violation(pod.resource, ref.path, `${describeContainer(ref)} serves Service "${serviceName}" but has no readinessProbe, so it receives traffic before it is ready`);
        }
      }
    }
  },
);
