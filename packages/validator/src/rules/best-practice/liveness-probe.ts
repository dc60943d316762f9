import { podRule, violation } from '../support/define.js';
import { describeContainer, longRunningContainers } from '../support/pod.js';

/** Kinds whose pods are meant to run until replaced; Jobs and bare Pods finish or are one-offs. */
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

export default podRule(
  {
    id: 'liveness-probe',
    category: 'best-practice',
    severity: 'warning',
    summary: 'Containers of long-running workloads need a livenessProbe',
  },
  function* (pod) {
    if (!LONG_RUNNING.has(pod.resource.kind)) return;
    for (const ref of longRunningContainers(pod)) {
      if (ref.container.livenessProbe === undefined) {
        yield violation(pod.resource, ref.path, `${describeContainer(ref)} has no livenessProbe, so a hung process is never restarted`);
      }
    }
  },
);
