import { podRule, violation } from '../support/define.js';
import { arrayAt } from '../support/objects.js';
import { describeContainer } from '../support/pod.js';
import { allContainers } from './shared.js';

/** The capabilities Pod Security baseline allows to be added (the container runtime's default set). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

export default podRule(
  {
    id: 'pss-capabilities-baseline',
    category: 'pod-security',
    pss: 'baseline',
    severity: 'error',
    summary: 'Containers may add only the default capabilities (AUDIT_WRITE, CHOWN, … SYS_CHROOT)',
  },
  function* (pod) {
    for (const ref of allContainers(pod)) {
      const added = arrayAt(ref.container, ['securityContext', 'capabilities', 'add']);
      for (let i = 0; i < added.length; i++) {
        const capability = added[i];
        if (typeof capability !== 'string' || !BASELINE_CAPABILITIES.has(capability)) {
          yield violation(pod.resource, [...ref.path, 'securityContext', 'capabilities', 'add', i], `${describeContainer(ref)} adds capability ${String(capability)}, which Pod Security baseline does not allow`);
        }
      }
    }
  },
);
