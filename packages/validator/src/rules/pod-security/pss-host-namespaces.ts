import { podRule, violation } from '../support/define.js';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export default podRule(
  {
    id: 'pss-host-namespaces',
    category: 'pod-security',
    pss: 'baseline',
    severity: 'error',
    summary: 'Pods must not share the host network, PID or IPC namespace',
  },
  function* (pod) {
    for (const field of FIELDS) {
      if (pod.spec[field] === true) {
        yield violation(pod.resource, [...pod.specPath, field], `${field}: true shares the node's namespace with the pod; Pod Security baseline forbids it`);
      }
    }
  },
);
