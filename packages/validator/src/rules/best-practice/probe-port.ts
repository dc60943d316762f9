import { podRule, violation } from '../support/define.js';
import { arrayAt, getPath, isObject } from '../support/objects.js';
import { containersOf, describeContainer } from '../support/pod.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

export default podRule(
  {
    id: 'probe-port',
    category: 'best-practice',
    severity: 'error',
    summary: 'A probe on a named port must name a port the container declares',
    // A number needs no declaration: `ports` is informational, and kubebuilder's layout probes the
    // health endpoint on 8081 without declaring it (Kueue, JobSet, LeaderWorkerSet, KServe).
  },
  function* (pod) {
    for (const ref of containersOf(pod, ['initContainers', 'containers'])) {
      const names = new Set(arrayAt(ref.container, ['ports']).filter(isObject).map((p) => p.name).filter((n) => typeof n === 'string'));
      for (const probe of PROBES) {
        for (const action of ['httpGet', 'tcpSocket', 'grpc']) {
          const port = getPath(ref.container, [probe, action, 'port']);
          if (typeof port === 'string' && !/^\d+$/.test(port) && !names.has(port)) {
            yield violation(pod.resource, [...ref.path, probe, action, 'port'], `${describeContainer(ref)} ${probe} uses port "${port}", which the container does not declare; the probe can never succeed`);
          }
        }
      }
    }
  },
);
