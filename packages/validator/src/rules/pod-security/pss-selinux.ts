import { podRule, violation } from '../support/define.js';
import { describeContainer } from '../support/pod.js';
import { atLeast } from '../support/version.js';
import { allContainers, containerSecurityField, podSecurityField, type ContextField } from './shared.js';

const ALLOWED_TYPES = ['container_t', 'container_init_t', 'container_kvm_t'];

export default podRule(
  {
    id: 'pss-selinux',
    category: 'pod-security',
    pss: 'baseline',
    severity: 'error',
    summary: 'SELinux: no custom user or role, and type only container_t, container_init_t, container_kvm_t (container_engine_t on 1.31+)',
  },
  function* (pod, context) {
    const allowedTypes = new Set(atLeast(context.kubernetesVersion, '1.31') ? [...ALLOWED_TYPES, 'container_engine_t'] : ALLOWED_TYPES);
    const scopes: { who: string; field: (...path: string[]) => ContextField }[] = [
      { who: 'the pod', field: (...path) => podSecurityField(pod, 'seLinuxOptions', ...path) },
      ...allContainers(pod).map((ref) => ({ who: describeContainer(ref), field: (...path: string[]) => containerSecurityField(ref, 'seLinuxOptions', ...path) })),
    ];
    for (const { who, field } of scopes) {
      const type = field('type');
      if (type.value !== undefined && type.value !== null && type.value !== '' && !allowedTypes.has(String(type.value))) {
        yield violation(pod.resource, type.path, `${who} sets SELinux type ${String(type.value)}; Pod Security baseline allows ${[...allowedTypes].join(', ')}`);
      }
      for (const name of ['user', 'role']) {
        const value = field(name);
        if (value.value !== undefined && value.value !== null && value.value !== '') {
          yield violation(pod.resource, value.path, `${who} sets SELinux ${name} ${String(value.value)}; Pod Security baseline forbids a custom SELinux ${name}`);
        }
      }
    }
  },
);
