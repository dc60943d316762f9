import type { JsonPath } from '../../types.js';
import { resourceRule, violation } from '../support/define.js';
import { getPath, isObject, objectsIn, type JsonObject } from '../support/objects.js';
import { ingressBackendService, serviceBackendProblem } from './service-port.js';
import { kubernetesKind } from '../support/kinds.js';

export default resourceRule(
  {
    id: 'ingress-backend-exists',
    category: 'cross-resource',
    severity: 'error',
    summary: "An Ingress's backend Services and ports must exist in the manifests",
  },
  function* (resource, context) {
    if (kubernetesKind(resource) !== 'Ingress') return;
    const backends: { backend: JsonObject; path: JsonPath }[] = [];
    for (const field of ['defaultBackend', 'backend']) {
      const backend = getPath(resource.object, ['spec', field]);
      if (isObject(backend)) backends.push({ backend, path: ['spec', field] });
    }
    for (const { value: rule, path: rulePath } of objectsIn(resource.object, ['spec', 'rules'])) {
      for (const { value: httpPath, path } of objectsIn(rule, ['http', 'paths'])) {
        if (isObject(httpPath.backend)) backends.push({ backend: httpPath.backend, path: [...rulePath, ...path, 'backend'] });
      }
    }
    for (const { backend, path } of backends) {
      const { name, namePath, port, portPath } = ingressBackendService(backend);
      if (typeof name !== 'string') continue; // resource backends point at objects, not Services
      const problem = serviceBackendProblem(context, resource, name, port);
      if (problem) yield violation(resource, [...path, ...(problem.field === 'name' ? namePath : portPath)], `backend ${problem.message}`);
    }
  },
);
