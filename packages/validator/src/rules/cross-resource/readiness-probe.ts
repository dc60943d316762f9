import { setRule, violation } from '../support/define.js';
import { kubernetesKind } from '../support/kinds.js';
import { objectAt, stringMap } from '../support/objects.js';
import { containersOf, describeContainer, type PodTemplate } from '../support/pod.js';

export default setRule(
  {
    id: 'readiness-probe',
    category: 'cross-resource',
    severity: 'warning',
    summary: 'Containers that serve a Service must have a readinessProbe, or traffic reaches them before they are ready',
  },
  function* (_resources, context) {
    const judged = new Set<PodTemplate>();
    for (const service of context.index.ofKind('Service')) {
      if (kubernetesKind(service) !== 'Service') continue;
      const spec = objectAt(service.object, ['spec']);
      // A Service that publishes not-ready addresses (a training run's headless rendezvous Service)
      // does not wait for readiness, so a probe would gate nothing.
      if (spec?.publishNotReadyAddresses === true) continue;
      const selector = stringMap(spec?.selector);
      if (Object.keys(selector).length === 0) continue;
      for (const pod of context.index.serviceEndpointPods(selector, service)) {
        if (judged.has(pod)) continue;
        judged.add(pod);
        // Containers with ports are the ones a Service can route to; portless sidecars are not. A
        // pod's only container serves whatever it declares: a numeric targetPort reaches it anyway.
        const containers = [...containersOf(pod, ['containers'])];
        for (const ref of containers) {
          const serves = containers.length === 1 || (Array.isArray(ref.container.ports) && ref.container.ports.length > 0);
          if (ref.container.readinessProbe === undefined && serves) {
            yield violation(pod.resource, ref.path, `${describeContainer(ref)} serves Service "${service.name}" but has no readinessProbe, so it receives traffic before it is ready`);
          }
        }
      }
    }
  },
);
