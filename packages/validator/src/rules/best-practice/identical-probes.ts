import { isDeepStrictEqual } from 'node:util';
import { podRule, violation } from '../support/define.js';
import { containersOf, describeContainer } from '../support/pod.js';

export default podRule(
  {
    id: 'identical-probes',
    category: 'best-practice',
    severity: 'warning',
    summary: 'A container\'s livenessProbe should not be the same as its readinessProbe',
  },
  function* (pod) {
    for (const ref of containersOf(pod, ['containers'])) {
      const { livenessProbe, readinessProbe } = ref.container;
      if (livenessProbe !== undefined && isDeepStrictEqual(livenessProbe, readinessProbe)) {
        yield violation(
          pod.resource,
          [...ref.path, 'livenessProbe'],
          `${describeContainer(ref)} has the same livenessProbe as readinessProbe: when it is busy and stops being ready, the kubelet also restarts it; make liveness check only that the process is alive, with a higher failureThreshold`,
        );
      }
    }
  },
);
