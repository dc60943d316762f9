import { parseQuantity } from '@chartforge/core';
import { podRule, violation } from '../support/define.js';
import { ACCELERATOR_PARAMETER, isAccelerator } from '../support/gpu.js';
import { isObject } from '../support/objects.js';
import { containersOf, describeContainer } from '../support/pod.js';

export default podRule(
  {
    id: 'gpu-limits',
    category: 'ml-scheduling',
    severity: 'error',
    summary: 'GPUs and other accelerators must be set in limits, with requests (if any) equal to limits, in whole units',
    parameters: ACCELERATOR_PARAMETER,
  },
  function* (pod, context) {
    const patterns = context.parameters.acceleratorResources as readonly string[];
    for (const ref of containersOf(pod, ['initContainers', 'containers'])) {
      const resources = isObject(ref.container.resources) ? ref.container.resources : {};
      const requests = isObject(resources.requests) ? resources.requests : {};
      const limits = isObject(resources.limits) ? resources.limits : {};
      const names = new Set([...Object.keys(requests), ...Object.keys(limits)].filter((n) => isAccelerator(n, patterns)));
      for (const name of names) {
        const request = requests[name];
        const limit = limits[name];
        const at = [...ref.path, 'resources', limit === undefined ? 'requests' : 'limits', name];
        if (limit === undefined) {
          yield violation(pod.resource, at, `${describeContainer(ref)} requests ${name} without a limit; extended resources must be set in limits (the API server rejects the pod)`);
        } else if (request !== undefined && parseQuantity(request) !== parseQuantity(limit)) {
          yield violation(pod.resource, [...ref.path, 'resources', 'requests', name], `${describeContainer(ref)} requests ${String(request)} ${name} but limits ${String(limit)}; accelerators cannot be overcommitted, requests must equal limits`);
        } else if (!Number.isInteger(parseQuantity(limit))) {
          yield violation(pod.resource, at, `${describeContainer(ref)} asks for ${String(limit)} ${name}; accelerators are whole devices`);
        }
      }
    }
  },
);
