import { podRule, violation } from '../support/define.js';
import { describeContainer } from '../support/pod.js';
import { allContainers, containerSecurityField, podSecurityField } from './shared.js';

export default podRule(
  {
    id: 'pss-run-as-user',
    category: 'pod-security',
    pss: 'restricted',
    severity: 'error',
    summary: 'runAsUser must not be 0 (root), at pod or container level',
  },
  function* (pod) {
    const podLevel = podSecurityField(pod, 'runAsUser');
    if (podLevel.value === 0) yield violation(pod.resource, podLevel.path, 'the pod sets runAsUser: 0 (root); Pod Security restricted forbids it');
    for (const ref of allContainers(pod)) {
      const field = containerSecurityField(ref, 'runAsUser');
      if (field.value === 0) yield violation(pod.resource, field.path, `${describeContainer(ref)} sets runAsUser: 0 (root); Pod Security restricted forbids it`);
    }
  },
);
