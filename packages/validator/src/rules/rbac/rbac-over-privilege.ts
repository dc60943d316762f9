import type { JsonPath } from '../../types.js';
import { resourceRule, violation } from '../support/define.js';
import { arrayAt, objectsIn } from '../support/objects.js';
import { kubernetesKind } from '../support/kinds.js';

const READ_VERBS = ['get', 'list', 'watch', '*'];
/** Verbs that let a subject gain permissions it does not have (Kubernetes' privilege-escalation prevention bypasses). */
const ESCALATING_VERBS = ['escalate', 'bind', 'impersonate'];
/** Subresources that run commands in, or attach to, a running container. */
const SHELL_SUBRESOURCES = ['pods/exec', 'pods/attach', 'pods/*'];

const WILDCARD_MEANS: Readonly<Record<string, string>> = {
  apiGroups: 'every API group, including those of CRDs installed later',
  resources: 'every resource, Secrets and subresources such as pods/exec included',
  verbs: 'every verb, escalate, bind and impersonate included',
};

function strings(items: readonly unknown[]): string[] {
  return items.filter((item): item is string => typeof item === 'string');
}

export default resourceRule(
  {
    id: 'rbac-over-privilege',
    category: 'rbac',
    severity: 'warning',
    summary: 'Roles should not grant wildcards, Secret reads, pods/exec or pods/attach, or the escalate, bind and impersonate verbs',
  },
  function* (resource) {
    const kind = kubernetesKind(resource);
    if (kind !== 'Role' && kind !== 'ClusterRole') return;
    for (const { value: rule, path } of objectsIn(resource.object, ['rules'])) {
      const verbs = strings(arrayAt(rule, ['verbs']));
      const resources = strings(arrayAt(rule, ['resources']));
      const apiGroups = strings(arrayAt(rule, ['apiGroups']));
      const at = (field: string, item: string, list: readonly string[]): JsonPath => [...path, field, list.indexOf(item)];
      for (const [field, list] of [['apiGroups', apiGroups], ['resources', resources], ['verbs', verbs]] as const) {
        if (list.includes('*')) yield violation(resource, at(field, '*', list), `rules[${String(path[1])}] grants "*" in ${field}: ${WILDCARD_MEANS[field]}; list only what is needed`);
      }
      const coreGroup = apiGroups.includes('') || apiGroups.includes('*');
      const reads = verbs.filter((verb) => READ_VERBS.includes(verb));
      // Secrets named in resourceNames are the least privilege there is (a webhook's serving certificate): not reported.
      if (coreGroup && resources.includes('secrets') && reads.length > 0 && arrayAt(rule, ['resourceNames']).length === 0) {
        yield violation(resource, at('resources', 'secrets', resources), `rules[${String(path[1])}] lets its subjects ${reads.join('/')} Secrets: every credential they hold; mount the one Secret a pod needs instead`);
      }
      for (const shell of SHELL_SUBRESOURCES) {
        if (coreGroup && resources.includes(shell) && verbs.some((verb) => ['create', 'get', '*'].includes(verb))) {
          yield violation(resource, at('resources', shell, resources), `rules[${String(path[1])}] grants ${shell}: its subjects can run commands in (or attach to) the namespace's containers and act with their credentials`);
        }
      }
      for (const verb of verbs.filter((v) => ESCALATING_VERBS.includes(v))) {
        yield violation(resource, at('verbs', verb, verbs), `rules[${String(path[1])}] grants the ${verb} verb, which lets its subjects obtain permissions they do not have; grant it only to administrators`);
      }
    }
  },
);
