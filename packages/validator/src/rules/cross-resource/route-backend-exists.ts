import { resourceRule, violation } from '../support/define.js';
import { objectsIn } from '../support/objects.js';
import { serviceBackendProblem } from './service-port.js';

const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute']);

export default resourceRule(
  {
    id: 'route-backend-exists',
    category: 'cross-resource',
    severity: 'error',
    summary: 'Gateway API routes (HTTPRoute, GRPCRoute, …) must reference Services and ports that exist in the manifests',
  },
  function* (resource, context) {
    if (!ROUTE_KINDS.has(resource.kind) || !resource.apiVersion.startsWith('gateway.networking.k8s.io/')) return;
    for (const { value: rule, path: rulePath } of objectsIn(resource.object, ['spec', 'rules'])) {
      for (const { value: ref, path } of objectsIn(rule, ['backendRefs'])) {
        // Only core Services are resolvable here; other backend kinds belong to their own controllers.
        if ((ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service' || typeof ref.name !== 'string') continue;
        if (typeof ref.namespace === 'string' && resource.namespace !== undefined && ref.namespace !== resource.namespace) continue;
        const at = [...rulePath, ...path];
        if (ref.port === undefined) {
          yield violation(resource, at, `backendRef to Service "${ref.name}" has no port; a Service backend requires one`);
          continue;
        }
        const problem = serviceBackendProblem(context, resource, ref.name, ref.port);
        if (problem) yield violation(resource, [...at, problem.field], `backendRef ${problem.message}`);
      }
    }
  },
);
