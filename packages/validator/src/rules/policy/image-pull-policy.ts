import { podRule, violation } from '../support/define.js';
import { containersOf, describeContainer } from '../support/pod.js';

export default podRule(
  {
    id: 'image-pull-policy',
    category: 'policy',
    severity: 'warning',
    profile: 'policy',
    summary: 'Containers set an imagePullPolicy the policy allows (default: Always, so image access is checked at every start)',
    parameters: {
      allowed: { type: 'string[]', default: ['Always'], description: 'Accepted imagePullPolicy values, e.g. [Always, IfNotPresent]' },
    },
  },
  function* (pod, context) {
    const allowed = context.parameters.allowed as readonly string[];
    for (const ref of containersOf(pod)) {
      const policy = ref.container.imagePullPolicy;
      if (typeof policy === 'string' && allowed.includes(policy)) continue;
      const expected = allowed.join(' or ');
      yield policy === undefined
        ? violation(pod.resource, ref.path, `${describeContainer(ref)} sets no imagePullPolicy, so Kubernetes picks one from the tag; set ${expected}`)
        : violation(pod.resource, [...ref.path, 'imagePullPolicy'], `${describeContainer(ref)} has imagePullPolicy ${String(policy)}; the policy allows ${expected}`);
    }
  },
);
