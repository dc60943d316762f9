import { resourceRule, violation } from '../support/define.js';
import { compareVersions, parseKubeVersion } from '../support/version.js';
import { DERIVED_FROM } from './derived-table.js';
import { apiLifecycle, replacementServedBy } from './table.js';

export default resourceRule(
  {
    id: 'deprecated-api',
    category: 'api-lifecycle',
    severity: 'warning',
    summary: 'apiVersion/kind should not be deprecated in the target Kubernetes version',
  },
  function* (resource, context) {
    const entry = apiLifecycle(resource.apiVersion, resource.kind);
    const deprecatedIn = entry?.deprecatedIn === undefined ? undefined : parseKubeVersion(entry.deprecatedIn);
    if (!entry || !deprecatedIn || compareVersions(context.kubernetesVersion, deprecatedIn) < 0) return;
    const removedIn = entry.removedIn === undefined ? undefined : parseKubeVersion(entry.removedIn);
    // Already removed: removed-api reports it as an error.
    if (removedIn && compareVersions(context.kubernetesVersion, removedIn) >= 0) return;
    const since = entry.deprecatedIn === DERIVED_FROM.oldest && !entry.source ? `${entry.deprecatedIn} or earlier` : entry.deprecatedIn;
    const parts = [`${entry.apiVersion} ${entry.kind} is deprecated since Kubernetes ${since}`];
    if (entry.removedIn) parts.push(`and removed in ${entry.removedIn}`);
    // Only a replacement the target version serves is advice the user can follow now.
    const replacement = replacementServedBy(entry, context.kubernetesVersion);
    const advice = replacement ? `; use ${replacement.apiVersion}` : entry.note ? ` (${entry.note})` : '';
    yield violation(resource, ['apiVersion'], `${parts.join(' ')}${advice}`);
  },
);
