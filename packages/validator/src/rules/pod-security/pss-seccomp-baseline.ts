import { podRule, violation } from '../support/define.js';
import { describeContainer } from '../support/pod.js';
import { allContainers, containerSecurityField, podSecurityField } from './shared.js';

export default podRule(
  {
    id: 'pss-seccomp-baseline',
    category: 'pod-security',
    pss: 'baseline',
    severity: 'error',
    summary: 'Seccomp must not be disabled (seccompProfile.type Unconfined)',
  },
  function* (pod) {
    const podLevel = podSecurityField(pod, 'seccompProfile', 'type');
    if (podLevel.value === 'Unconfined') yield violation(pod.resource, podLevel.path, 'the pod disables seccomp (seccompProfile.type: Unconfined); Pod Security baseline forbids it');
    for (const ref of allContainers(pod)) {
      const field = containerSecurityField(ref, 'seccompProfile', 'type');
      if (field.value === 'Unconfined') yield violation(pod.resource, field.path, `${describeContainer(ref)} disables seccomp (seccompProfile.type: Unconfined); Pod Security baseline forbids it`);
    }
  },
);
