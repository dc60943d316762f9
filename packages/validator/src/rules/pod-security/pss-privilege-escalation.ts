import { podRule, violation } from '../support/define.js';
import { describeContainer, isWindowsPod } from '../support/pod.js';
import { allContainers, containerSecurityField } from './shared.js';

export default podRule(
  {
    id: 'pss-privilege-escalation',
    category: 'pod-security',
    pss: 'restricted',
    severity: 'error',
    summary: 'Containers must set securityContext.allowPrivilegeEscalation: false (Linux pods)',
  },
  function* (pod) {
    if (isWindowsPod(pod)) return;
    for (const ref of allContainers(pod)) {
      const field = containerSecurityField(ref, 'allowPrivilegeEscalation');
      if (field.value !== false) {
        const state = field.value === undefined ? 'does not set allowPrivilegeEscalation: false' : `sets allowPrivilegeEscalation: ${String(field.value)}`;
        yield violation(pod.resource, field.value === undefined ? ref.path : field.path, `${describeContainer(ref)} ${state}; Pod Security restricted requires false`);
      }
    }
  },
);
