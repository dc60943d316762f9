import { podRule, violation } from '../support/define.js';
import { objectsIn } from '../support/objects.js';

export default podRule(
  {
    id: 'pss-host-path-volumes',
    category: 'pod-security',
    pss: 'baseline',
    severity: 'error',
    summary: 'Pods must not mount hostPath volumes',
  },
  function* (pod) {
    for (const { value, path } of objectsIn(pod.spec, ['volumes'])) {
      if (value.hostPath !== undefined && value.hostPath !== null) {
        yield violation(pod.resource, [...pod.specPath, ...path, 'hostPath'], `volume "${String(value.name)}" mounts a path of the node (hostPath); Pod Security baseline forbids it`);
      }
    }
  },
);
