import { podRule, violation } from '../support/define.js';
import { arrayAt, getPath, isObject, type JsonObject } from '../support/objects.js';
import { containersOf, describeContainer } from '../support/pod.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/**
 * What a port name says its protocol is, by the `<protocol>[-<suffix>]` convention Istio and
 * Kubernetes' appProtocol names use: only the names that leave no doubt.
 */
function namedProtocol(name: unknown): 'grpc' | 'https' | undefined {
  if (typeof name !== 'string') return undefined;
  if (/^grpc(-|$)/.test(name) && !/^grpc-web(-|$)/.test(name)) return 'grpc'; // gRPC-Web is HTTP/1.1
  if (/^https(-|$)/.test(name)) return 'https';
  return undefined;
}

/** Why `action` can never get an answer from `port` and what to do, or undefined when it can. */
function mismatch(action: string, probe: JsonObject, port: JsonObject): { why: string; fix: string } | undefined {
  const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
  // The kubelet probes over TCP only: a UDP or SCTP port never answers an httpGet, tcpSocket or grpc probe.
  if (protocol !== 'TCP') return { why: `is declared ${protocol}, but the kubelet probes over TCP`, fix: 'probe a TCP port of the container, or use an exec probe' };
  const named = namedProtocol(port.name);
  if (action === 'httpGet' && named === 'grpc') return { why: 'is named as a gRPC port: a gRPC server speaks HTTP/2 only and refuses the HTTP/1.1 request of an httpGet probe', fix: 'use a grpc probe' };
  if (action === 'grpc' && named === 'https') return { why: 'is named as an HTTPS port, and the kubelet\'s grpc probe connects without TLS', fix: 'probe the gRPC port' };
  if (action === 'httpGet' && named === 'https' && probe.scheme !== 'HTTPS') return { why: 'is named as an HTTPS port, but the probe speaks plain HTTP to it', fix: 'set scheme: HTTPS' };
  return undefined;
}

export default podRule(
  {
    id: 'probe-protocol',
    category: 'best-practice',
    severity: 'error',
    summary: 'A probe must speak the protocol of the port it checks (no probe on a UDP/SCTP port, no httpGet on a gRPC port, …)',
  },
  function* (pod) {
    for (const ref of containersOf(pod, ['initContainers', 'containers'])) {
      const declared = arrayAt(ref.container, ['ports']).filter(isObject);
      for (const probe of PROBES) {
        for (const action of ['httpGet', 'tcpSocket', 'grpc']) {
          const handler = getPath(ref.container, [probe, action]);
          if (!isObject(handler) || handler.port === undefined) continue;
          const port = handler.port;
          const numeric = typeof port === 'number' || (typeof port === 'string' && /^\d+$/.test(port));
          // A port number may be declared for TCP and UDP alike (DNS on 53): only a port with no TCP declaration is wrong.
          const matching = declared.filter((p) => (numeric ? p.containerPort === Number(port) : p.name === port));
          if (matching.length === 0) continue; // an undeclared port is probe-port's finding
          const reasons = matching.map((p) => mismatch(action, handler, p));
          const reason = reasons.find((r) => r !== undefined);
          if (reason === undefined || reasons.some((r) => r === undefined)) continue;
          yield violation(pod.resource, [...ref.path, probe, action, 'port'], `${describeContainer(ref)} ${probe} ${action} checks port ${typeof port === 'string' ? `"${port}"` : String(port)}, which ${reason.why}, so the probe can never succeed; ${reason.fix}`);
        }
      }
    }
  },
);
