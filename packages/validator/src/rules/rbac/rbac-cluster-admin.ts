import { resourceRule, violation } from '../support/define.js';
import { objectAt } from '../support/objects.js';
import { kubernetesKind } from '../support/kinds.js';

export default resourceRule(
  {
    id: 'rbac-cluster-admin',
    category: 'rbac',
    severity: 'error',
    summary: 'No RoleBinding or ClusterRoleBinding may grant the cluster-admin ClusterRole',
  },
  function* (resource) {
    const kind = kubernetesKind(resource);
    if (kind !== 'RoleBinding' && kind !== 'ClusterRoleBinding') return;
    const roleRef = objectAt(resource.object, ['roleRef']);
    if (roleRef?.kind !== 'ClusterRole' || roleRef.name !== 'cluster-admin') return;
    const scope = kind === 'ClusterRoleBinding' ? 'every resource of the cluster' : 'every resource of its namespace';
    yield violation(resource, ['roleRef', 'name'], `binds cluster-admin: its subjects may do anything to ${scope}, Secrets and RBAC included; bind a Role that lists only the verbs and resources they use`);
  },
);
