import { resourceRule, violation } from '../support/define.js';
import { getPath } from '../support/objects.js';
import { kubernetesKind } from '../support/kinds.js';

/** True for an IntOrString that is zero (`0`, `"0"`, `"0%"`). */
function isZero(value: unknown): boolean {
  return value === 0 || value === '0' || value === '0%';
}

export default resourceRule(
  {
    id: 'rolling-update-progress',
    category: 'ml-scheduling',
    severity: 'error',
    summary: 'A rolling update needs maxSurge or maxUnavailable above zero, or it can never progress',
  },
  function* (resource) {
    const kind = kubernetesKind(resource);
    if (kind !== 'Deployment' && kind !== 'DaemonSet') return;
    const strategyField = kind === 'Deployment' ? 'strategy' : 'updateStrategy';
    const type = getPath(resource.object, ['spec', strategyField, 'type']);
    if (type !== undefined && type !== 'RollingUpdate') return;
    const rollingUpdate = ['spec', strategyField, 'rollingUpdate'];
    const surge = getPath(resource.object, [...rollingUpdate, 'maxSurge']);
    const unavailable = getPath(resource.object, [...rollingUpdate, 'maxUnavailable']);
    // DaemonSets default maxSurge to 0, so an explicit maxUnavailable 0 alone is enough to stall them.
    const surgeZero = surge === undefined ? kind === 'DaemonSet' : isZero(surge);
    if (surgeZero && isZero(unavailable)) {
      yield violation(resource, [...rollingUpdate, 'maxUnavailable'], 'maxSurge and maxUnavailable are both 0: a rollout can neither add a new pod nor remove an old one');
    }
  },
);
