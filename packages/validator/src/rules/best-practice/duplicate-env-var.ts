import { podRule, violation } from '../support/define.js';
import { objectsIn } from '../support/objects.js';
import { containersOf, describeContainer } from '../support/pod.js';

export default podRule(
  {
    id: 'duplicate-env-var',
    category: 'best-practice',
    severity: 'warning',
    summary: 'An environment variable must be set once per container (the last one silently wins)',
  },
  function* (pod) {
    for (const ref of containersOf(pod)) {
      const seen = new Set<string>();
      for (const { value, path } of objectsIn(ref.container, ['env'])) {
        if (typeof value.name !== 'string') continue;
        if (seen.has(value.name)) yield violation(pod.resource, [...ref.path, ...path, 'name'], `${describeContainer(ref)} sets env ${value.name} more than once; only the last value takes effect`);
        seen.add(value.name);
      }
    }
  },
);
