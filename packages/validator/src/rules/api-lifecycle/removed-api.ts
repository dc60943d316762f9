import { resourceRule, violation } from '../support/define.js';
import { compareVersions, formatVersion, parseKubeVersion } from '../support/version.js';
import { apiLifecycle, replacementServedBy } from './table.js';

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
    const what = `${entry.apiVersion} ${entry.kind}`;
    if (compareVersions(context.kubernetesVersion, removedIn) >= 0) {
      const replacement = replacementServedBy(entry, context.kubernetesVersion);
      yield violation(resource, ['apiVersion'], `${what} was removed in Kubernetes ${entry.removedIn}${replacement ? `; use ${replacement.apiVersion}` : '; it has no replacement'}`);
    } else if (context.upgradeTo && compareVersions(context.upgradeTo, removedIn) >= 0) {
      // Best: a replacement both versions serve, to move to before the upgrade; else one the new version serves.
      const both = replacementServedBy(entry, context.kubernetesVersion, context.upgradeTo);
      const later = both ?? replacementServedBy(entry, context.upgradeTo);
      const use = both ? `; use ${both.apiVersion}` : later ? `; use ${later.apiVersion}, served from Kubernetes ${later.since}` : '; it has no replacement';
      yield violation(resource, ['apiVersion'], `${what} is removed in Kubernetes ${entry.removedIn}: upgrading from ${formatVersion(context.kubernetesVersion)} to ${formatVersion(context.upgradeTo)} breaks it${use}`);
    }
  },
);
