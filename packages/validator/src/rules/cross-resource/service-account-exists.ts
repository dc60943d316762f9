import { podRule, violation } from '../support/define.js';
import { declaredExternal } from '../support/external.js';

export default podRule(
  {
    id: 'service-account-exists',
    category: 'cross-resource',
    severity: 'warning',
    summary: 'A pod\'s serviceAccountName must be a ServiceAccount defined in the manifests (or "default")',
    parameters: {
      external: { type: 'string[]', default: [], description: 'ServiceAccounts created outside the linted manifests; they are taken to exist.' },
    },
  },
  function* (pod, context) {
    for (const field of ['serviceAccountName', 'serviceAccount']) {
      const name = pod.spec[field];
      if (typeof name !== 'string' || name === '' || name === 'default') continue;
      if ((context.parameters.external as readonly string[]).includes(name) || declaredExternal(pod.resource, 'ServiceAccount').has(name)) continue;
      if (!context.index.find('ServiceAccount', name, pod.resource)) {
        yield violation(pod.resource, [...pod.specPath, field], `ServiceAccount "${name}" is not defined in the manifests; the pod is rejected until it exists`);
      }
    }
  },
);
