import { resourceRule, violation } from '../support/define.js';
import { declaredExternal } from '../support/external.js';
import { getPath } from '../support/objects.js';
import { kubernetesKind } from '../support/kinds.js';

export default resourceRule(
  {
    id: 'statefulset-headless-service',
    category: 'cross-resource',
    severity: 'warning',
    summary: 'A StatefulSet\'s serviceName must name a headless Service (clusterIP: None) in the manifests',
  },
  function* (resource, context) {
    if (kubernetesKind(resource) !== 'StatefulSet') return;
    const serviceName = getPath(resource.object, ['spec', 'serviceName']);
    if (typeof serviceName !== 'string' || serviceName === '') return;
    const service = context.index.find('Service', serviceName, resource);
    if (service === undefined) {
      if (declaredExternal(resource, 'Service').has(serviceName)) return;
      yield violation(resource, ['spec', 'serviceName'], `serviceName "${serviceName}" names no Service in the manifests, so the pods get no stable DNS names (<pod>.${serviceName}); add a headless Service of that name, or declare it in chartforge.dev/external`);
    } else if (getPath(service.object, ['spec', 'clusterIP']) !== 'None') {
      yield violation(resource, ['spec', 'serviceName'], `serviceName "${serviceName}" names a Service that is not headless (clusterIP: None), so DNS gives no per-pod records (<pod>.${serviceName}); make it headless or point serviceName at a headless one`);
    }
  },
);
