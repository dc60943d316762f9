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
    // A Service that publishes not-ready addresses does not wait for readiness: a probe would gate nothing.
    for (const [pod, serviceName] of context.index.servedPods({ readinessGated: true })) {
      // Containers with ports are the ones a Service can route to; portless sidecars are not. A
      // pod's only container serves whatever it declares: a numeric targetPort reaches it anyway.
      const containers = [...containersOf(pod, ['containers'])];
      for (const ref of containers) {
        const serves = containers.length === 1 || (Array.isArray(ref.container.ports) && ref.container.ports.length > 0);
        if (ref.container.readinessProbe === undefined && serves) {
          yield violation(pod.resource, ref.path, `${describeContainer(ref)} serves Service "${serviceName}" but has no readinessProbe, so it receives traffic before it is ready`);
        }
      }
    }
  },
);
