import { parseQuantity } from '@chartforge/core';
import { podRule, violation } from '../support/define.js';
import { isObject } from '../support/objects.js';
import { containersOf, describeContainer } from '../support/pod.js';

export default podRule(
  {
    id: 'requests-within-limits',
    category: 'best-practice',
    severity: 'error',
    summary: 'A resource request must not exceed its limit (the API server rejects the pod)',
  },
  function* (pod) {
    for (const ref of containersOf(pod, ['initContainers', 'containers'])) {
      const resources = ref.container.resources;
      if (!isObject(resources) || !isObject(resources.requests) || !isObject(resources.limits)) continue;
      for (const [name, requestValue] of Object.entries(resources.requests)) {
        const request = parseQuantity(requestValue);
        const limit = parseQuantity(resources.limits[name]);
        if (request !== undefined && limit !== undefined && request > limit) {
          yield violation(pod.resource, [...ref.path, 'resources', 'requests', name], `${describeContainer(ref)} requests ${String(requestValue)} ${name} but its limit is ${String(resources.limits[name])}`);
        }
      }
    }
  },
);
