import { resourceRule, violation } from '../support/define.js';
import { compareVersions, formatVersion, parseKubeVersion } from '../support/version.js';
import { apiLifecycle } from './table.js';

export default resourceRule(
  {
    id: 'removed-api',
    category: 'api-lifecycle',
    severity: 'error',
    summary: 'apiVersion/kind must still be served by the target Kubernetes version (and by --upgrade-to)',
  },
  function* (resource, context) {
    const entry = apiLifecycle(resource.apiVersion, resource.kind);
    const removedIn = entry?.removedIn === undefined ? undefined : parseKubeVersion(entry.removedIn);
    if (!entry || !removedIn) return;
    const use = entry.replacement ? `; use ${entry.replacement}` : '; it has no replacement';
    const what = `${entry.apiVersion} ${entry.kind}`;
    if (compareVersions(context.kubernetesVersion, removedIn) >= 0) {
      yield violation(resource, ['apiVersion'], `${what} was removed in Kubernetes ${entry.removedIn}${use}`);
    } else if (context.upgradeTo && compareVersions(context.upgradeTo, removedIn) >= 0) {
      yield violation(resource, ['apiVersion'], `${what} is removed in Kubernetes ${entry.removedIn}: upgrading from ${formatVersion(context.kubernetesVersion)} to ${formatVersion(context.upgradeTo)} breaks it${use}`);
    }
  },
);
