import { podRule, violation } from '../support/define.js';
import { describeContainer } from '../support/pod.js';
import { allContainers, containerSecurityField } from './shared.js';

export default podRule(
  {
    id: 'pss-proc-mount',
    category: 'pod-security',
    pss: 'baseline',
    severity: 'error',
    summary: 'Containers must keep the default /proc mask (procMount unset or Default)',
  },
  function* (pod) {
    for (const ref of allContainers(pod)) {
      const field = containerSecurityField(ref, 'procMount');
      if (field.value !== undefined && field.value !== null && field.value !== 'Default') {
        yield violation(pod.resource, field.path, `${describeContainer(ref)} sets procMount: ${String(field.value)}, unmasking /proc; Pod Security baseline allows only Default`);
      }
    }
  },
);
