import { setRule, violation } from '../support/define.js';
import { containersOf, describeContainer } from '../support/pod.js';

export default setRule(
  {
    id: 'readiness-probe',
    category: 'cross-resource',
    severity: 'warning',
    summary: 'Containers that serve a Service must have a readinessProbe, or traffic reaches them before they are ready',
  },
  function* (_resources, context) {
    for (const [pod, serviceName] of context.index.servedPods()) {
      // Containers with ports are the ones a Service can route to; portless sidecars are not.
      for (const ref of containersOf(pod, ['containers'])) {
        if (ref.container.readinessProbe === undefined && Array.isArray(ref.container.ports) && ref.container.ports.length > 0) {
          yield violation(pod.resource, ref.path, `${describeContainer(ref)} serves Service "${serviceName}" but has no readinessProbe, so it receives traffic before it is ready`);
        }
      }
    }
  },
);
