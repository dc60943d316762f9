import { podRule, violation } from '../support/define.js';
import { describeContainer } from '../support/pod.js';
import { allContainers, containerSecurityField, podSecurityField } from './shared.js';

const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export default podRule(
  {
    id: 'pss-apparmor',
    category: 'pod-security',
    pss: 'baseline',
    severity: 'error',
    summary: 'AppArmor must not be disabled or overridden: profile type RuntimeDefault or Localhost only',
  },
  function* (pod) {
    const fields = [
      { field: podSecurityField(pod, 'appArmorProfile', 'type'), who: 'the pod' },
      ...allContainers(pod).map((ref) => ({ field: containerSecurityField(ref, 'appArmorProfile', 'type'), who: describeContainer(ref) })),
    ];
    for (const { field, who } of fields) {
      if (field.value !== undefined && field.value !== null && !ALLOWED_TYPES.has(String(field.value))) {
        yield violation(pod.resource, field.path, `${who} sets AppArmor profile type ${String(field.value)}; Pod Security baseline allows RuntimeDefault or Localhost`);
      }
    }
    for (const [key, value] of Object.entries(pod.annotations)) {
      if (key.startsWith(ANNOTATION_PREFIX) && value !== 'runtime/default' && !value.startsWith('localhost/')) {
        yield violation(pod.resource, [...pod.metadataPath, 'annotations', key], `annotation ${key}: ${value} overrides AppArmor; Pod Security baseline allows runtime/default or localhost/*`);
      }
    }
  },
);
