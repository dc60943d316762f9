import { podRule, violation } from '../support/define.js';
import { objectsIn } from '../support/objects.js';
import { describeContainer } from '../support/pod.js';
import { allContainers } from './shared.js';

export default podRule(
  {
    id: 'pss-host-ports',
    category: 'pod-security',
    pss: 'baseline',
    severity: 'error',
    summary: 'Containers must not bind host ports (hostPort must be unset or 0)',
  },
  function* (pod) {
    for (const ref of allContainers(pod)) {
      for (const { value, path } of objectsIn(ref.container, ['ports'])) {
        if (value.hostPort !== undefined && value.hostPort !== null && value.hostPort !== 0) {
          yield violation(pod.resource, [...ref.path, ...path, 'hostPort'], `${describeContainer(ref)} binds host port ${String(value.hostPort)}; Pod Security baseline forbids host ports`);
        }
      }
    }
  },
);
