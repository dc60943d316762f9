import { podRule, violation } from '../support/define.js';
import { describeContainer } from '../support/pod.js';
import { allContainers, containerSecurityField } from './shared.js';

export default podRule(
  {
    id: 'pss-privileged',
    category: 'pod-security',
    pss: 'baseline',
    severity: 'error',
    summary: 'Containers must not run privileged',
  },
  function* (pod) {
    for (const ref of allContainers(pod)) {
      const field = containerSecurityField(ref, 'privileged');
      if (field.value === true) yield violation(pod.resource, field.path, `${describeContainer(ref)} is privileged (full access to the node); Pod Security baseline forbids it`);
    }
  },
);
