import { podRule, violation } from '../support/define.js';
import { containerResource, containersOf, describeContainer } from '../support/pod.js';

export default podRule(
  {
    id: 'container-resources',
    category: 'best-practice',
    severity: 'warning',
    summary: 'Containers must request CPU and memory and limit memory (CPU limit optional)',
    parameters: {
      requireCpuLimit: { type: 'boolean', default: false, profileDefaults: { policy: true }, description: 'Also require a CPU limit (off by default: CPU limits throttle latency-sensitive servers; on under --profile policy).' },
    },
  },
  function* (pod, context) {
    const required: ['requests' | 'limits', string][] = [['requests', 'cpu'], ['requests', 'memory'], ['limits', 'memory']];
    if (context.parameters.requireCpuLimit === true) required.push(['limits', 'cpu']);
    // Ephemeral containers cannot have resources; everything else is scheduled against them.
    for (const ref of containersOf(pod, ['initContainers', 'containers'])) {
      const missing = required.filter(([section, name]) => containerResource(ref, section, name) === undefined).map(([section, name]) => `${section}.${name}`);
      if (missing.length > 0) {
        yield violation(pod.resource, ref.container.resources === undefined ? ref.path : [...ref.path, 'resources'], `${describeContainer(ref)} does not set resources ${missing.join(', ')}`);
      }
    }
  },
);
