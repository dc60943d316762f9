import { podRule, violation } from '../support/define.js';
import { getPath } from '../support/objects.js';
import { containersOf, describeContainer } from '../support/pod.js';
import { atLeast } from '../support/version.js';

const HANDLERS: readonly (readonly string[])[] = [
  ['livenessProbe'], ['readinessProbe'], ['startupProbe'], ['lifecycle', 'postStart'], ['lifecycle', 'preStop'],
];

export default podRule(
  {
    id: 'pss-host-probes',
    category: 'pod-security',
    pss: 'baseline',
    severity: 'error',
    summary: 'Probes and lifecycle hooks must not target another host (httpGet/tcpSocket host unset or ""; Kubernetes 1.34+)',
  },
  function* (pod, context) {
    // The control entered the Pod Security Standards in 1.34; older API servers do not enforce it.
    if (!atLeast(context.kubernetesVersion, '1.34')) return;
    for (const ref of containersOf(pod, ['initContainers', 'containers'])) {
      for (const handler of HANDLERS) {
        for (const action of ['httpGet', 'tcpSocket']) {
          const host = getPath(ref.container, [...handler, action, 'host']);
          if (host !== undefined && host !== null && host !== '') {
            yield violation(pod.resource, [...ref.path, ...handler, action, 'host'], `${describeContainer(ref)} ${handler.join('.')} connects to host ${JSON.stringify(host)}; Pod Security baseline (1.34+) allows only the pod's own address`);
          }
        }
      }
    }
  },
);
