import { podRule, violation } from '../support/define.js';
import { describeContainer, isWindowsPod } from '../support/pod.js';
import { allContainers, containerSecurityField, podSecurityField } from './shared.js';

const ALLOWED = new Set(['RuntimeDefault', 'Localhost']);

export default podRule(
  {
    id: 'pss-seccomp-restricted',
    category: 'pod-security',
    pss: 'restricted',
    severity: 'error',
    summary: 'Seccomp profile RuntimeDefault or Localhost must be set for the pod or for every container (Linux pods)',
  },
  function* (pod) {
    if (isWindowsPod(pod)) return;
    const podLevel = podSecurityField(pod, 'seccompProfile', 'type');
    const podSet = podLevel.value !== undefined && podLevel.value !== null;
    if (podSet && !ALLOWED.has(String(podLevel.value))) {
      yield violation(pod.resource, podLevel.path, `the pod sets seccompProfile.type: ${String(podLevel.value)}; Pod Security restricted requires RuntimeDefault or Localhost`);
    }
    for (const ref of allContainers(pod)) {
      const field = containerSecurityField(ref, 'seccompProfile', 'type');
      if (field.value !== undefined && field.value !== null) {
        if (!ALLOWED.has(String(field.value))) {
          yield violation(pod.resource, field.path, `${describeContainer(ref)} sets seccompProfile.type: ${String(field.value)}; Pod Security restricted requires RuntimeDefault or Localhost`);
        }
      } else if (!podSet) {
        yield violation(pod.resource, ref.path, `${describeContainer(ref)} has no seccomp profile: set seccompProfile.type: RuntimeDefault in spec.securityContext or on the container`);
      }
    }
  },
);
