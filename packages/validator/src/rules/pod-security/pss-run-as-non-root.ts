import { podRule, violation } from '../support/define.js';
import { describeContainer } from '../support/pod.js';
import { allContainers, containerSecurityField, podSecurityField } from './shared.js';

export default podRule(
  {
    id: 'pss-run-as-non-root',
    category: 'pod-security',
    pss: 'restricted',
    severity: 'error',
    summary: 'runAsNonRoot must be true for the pod, or for every container, and never false',
  },
  function* (pod) {
    // Either-or: a pod-level `true` covers containers that leave the field unset, but an explicit
    // container-level `false` overrides it and fails on its own.
    const podLevel = podSecurityField(pod, 'runAsNonRoot');
    if (podLevel.value === false) yield violation(pod.resource, podLevel.path, 'the pod sets runAsNonRoot: false; Pod Security restricted requires true');
    const podSaysNonRoot = podLevel.value === true;
    for (const ref of allContainers(pod)) {
      const field = containerSecurityField(ref, 'runAsNonRoot');
      if (field.value === false) {
        yield violation(pod.resource, field.path, `${describeContainer(ref)} sets runAsNonRoot: false; Pod Security restricted requires true`);
      } else if (field.value !== true && !podSaysNonRoot) {
        yield violation(pod.resource, ref.path, `${describeContainer(ref)} may run as root: set runAsNonRoot: true on the container or in spec.securityContext`);
      }
    }
  },
);
