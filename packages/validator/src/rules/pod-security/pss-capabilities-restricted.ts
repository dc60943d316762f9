import { podRule, violation } from '../support/define.js';
import { arrayAt } from '../support/objects.js';
import { describeContainer, isWindowsPod } from '../support/pod.js';
import { allContainers } from './shared.js';

export default podRule(
  {
    id: 'pss-capabilities-restricted',
    category: 'pod-security',
    pss: 'restricted',
    severity: 'error',
    summary: 'Containers must drop ALL capabilities and may add back only NET_BIND_SERVICE (Linux pods)',
  },
  function* (pod) {
    if (isWindowsPod(pod)) return;
    for (const ref of allContainers(pod)) {
      const capabilitiesPath = [...ref.path, 'securityContext', 'capabilities'];
      const dropped = arrayAt(ref.container, ['securityContext', 'capabilities', 'drop']);
      if (!dropped.includes('ALL')) {
        yield violation(pod.resource, dropped.length > 0 ? [...capabilitiesPath, 'drop'] : ref.path, `${describeContainer(ref)} does not drop ALL capabilities; Pod Security restricted requires capabilities.drop: [ALL]`);
      }
      const added = arrayAt(ref.container, ['securityContext', 'capabilities', 'add']);
      for (let i = 0; i < added.length; i++) {
        if (added[i] !== 'NET_BIND_SERVICE') {
          yield violation(pod.resource, [...capabilitiesPath, 'add', i], `${describeContainer(ref)} adds capability ${String(added[i])}; Pod Security restricted allows adding only NET_BIND_SERVICE`);
        }
      }
    }
  },
);
