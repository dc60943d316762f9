import { podRule, violation } from '../support/define.js';
import { arrayAt, getPath, isObject } from '../support/objects.js';
import { containersOf, describeContainer } from '../support/pod.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

export default podRule(
  {
    id: 'probe-port',
    category: 'best-practice',
    severity: 'error',
    summary: "Probe ports must be ports the container declares (named ports must exist)",
  },
  function* (pod) {
    for (const ref of containersOf(pod, ['initContainers', 'containers'])) {
      const declared = arrayAt(ref.container, ['ports']).filter(isObject);
      const names = new Set(declared.map((p) => p.name).filter((n) => typeof n === 'string'));
      const numbers = new Set(declared.map((p) => p.containerPort).filter((n) => typeof n === 'number'));
      for (const probe of PROBES) {
        for (const action of ['httpGet', 'tcpSocket', 'grpc']) {
          const port = getPath(ref.container, [probe, action, 'port']);
          if (port === undefined) continue;
          const path = [...ref.path, probe, action, 'port'];
          if (typeof port === 'string' && !/^\d+$/.test(port)) {
            if (!names.has(port)) yield violation(pod.resource, path, `${describeContainer(ref)} ${probe} uses port "${port}", which the container does not declare; the probe can never succeed`);
          } else if (declared.length > 0 && !numbers.has(Number(port))) {
            yield violation(pod.resource, path, `${describeContainer(ref)} ${probe} checks port ${String(port)}, which is not among the container's ports (${[...numbers].join(', ')})`);
          }
        }
      }
    }
  },
);
