import { podRule, violation } from '../support/define.js';
import { objectsIn } from '../support/objects.js';
import { atLeast } from '../support/version.js';

/** The "safe" sysctls of Pod Security baseline, with the version that added each. */
const SAFE_SYSCTLS: readonly { name: string; since: string }[] = [
  { name: 'kernel.shm_rmid_forced', since: '1.0' },
  { name: 'net.ipv4.ip_local_port_range', since: '1.0' },
  { name: 'net.ipv4.ip_unprivileged_port_start', since: '1.0' },
  { name: 'net.ipv4.tcp_syncookies', since: '1.0' },
  { name: 'net.ipv4.ping_group_range', since: '1.0' },
  { name: 'net.ipv4.ip_local_reserved_ports', since: '1.27' },
  { name: 'net.ipv4.tcp_keepalive_time', since: '1.29' },
  { name: 'net.ipv4.tcp_fin_timeout', since: '1.29' },
  { name: 'net.ipv4.tcp_keepalive_intvl', since: '1.29' },
  { name: 'net.ipv4.tcp_keepalive_probes', since: '1.29' },
];

export default podRule(
  {
    id: 'pss-sysctls',
    category: 'pod-security',
    pss: 'baseline',
    severity: 'error',
    summary: 'Pods may set only the safe sysctls of Pod Security baseline',
  },
  function* (pod, context) {
    const allowed = new Set(SAFE_SYSCTLS.filter((s) => atLeast(context.kubernetesVersion, s.since)).map((s) => s.name));
    for (const { value, path } of objectsIn(pod.spec, ['securityContext', 'sysctls'])) {
      if (typeof value.name !== 'string' || !allowed.has(value.name)) {
        yield violation(pod.resource, [...pod.specPath, ...path, 'name'], `sysctl ${String(value.name)} is not one of the safe sysctls Pod Security baseline allows`);
      }
    }
  },
);
