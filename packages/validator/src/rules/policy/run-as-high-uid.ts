import { podRule, violation } from '../support/define.js';
import { describeContainer, isWindowsPod } from '../support/pod.js';
import { allContainers, containerSecurityField, podSecurityField } from '../pod-security/shared.js';

export default podRule(
  {
    id: 'run-as-high-uid',
    category: 'policy',
    severity: 'warning',
    profile: 'policy',
    summary: 'Containers run as a UID above 10000, so they share no UID with a host user (organisation policy)',
    parameters: {
      above: { type: 'number', default: 10000, description: 'runAsUser must be greater than this' },
    },
  },
  function* (pod, context) {
    if (isWindowsPod(pod)) return; // Windows containers have no Linux UID (runAsUserName instead)
    const above = context.parameters.above as number;
    const podLevel = podSecurityField(pod, 'runAsUser');
    for (const ref of allContainers(pod)) {
      const own = containerSecurityField(ref, 'runAsUser');
      const field = own.value !== undefined ? own : podLevel;
      if (typeof field.value === 'number' && field.value > above) continue;
      if (field.value === undefined) {
        yield violation(pod.resource, ref.path, `${describeContainer(ref)} sets no runAsUser (here or in spec.securityContext), so it runs as the image's user; set a UID above ${above}`);
      } else {
        yield violation(pod.resource, field.path, `${describeContainer(ref)} runs as UID ${String(field.value)}, not above ${above}; a low UID may match a user of the node`);
      }
    }
  },
);
