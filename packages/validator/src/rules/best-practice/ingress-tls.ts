import { resourceRule, violation } from '../support/define.js';
import { arrayAt, isObject, objectsIn } from '../support/objects.js';
import { kubernetesKind } from '../support/kinds.js';

export default resourceRule(
  {
    id: 'ingress-tls',
    category: 'best-practice',
    severity: 'warning',
    summary: 'An Ingress should terminate TLS for every host it routes (spec.tls)',
  },
  function* (resource) {
    if (kubernetesKind(resource) !== 'Ingress') return;
    const tlsHosts = new Set(arrayAt(resource.object, ['spec', 'tls']).flatMap((entry) => (isObject(entry) ? arrayAt(entry, ['hosts']) : [])));
    if (arrayAt(resource.object, ['spec', 'tls']).length === 0) {
      yield violation(resource, ['spec'], 'the Ingress has no spec.tls, so its traffic (and any credentials in it) crosses the network in plain HTTP; add a tls entry with a certificate Secret');
      return;
    }
    for (const { value: rule, path } of objectsIn(resource.object, ['spec', 'rules'])) {
      if (typeof rule.host === 'string' && !tlsHosts.has(rule.host)) {
        yield violation(resource, [...path, 'host'], `host "${rule.host}" is in no spec.tls entry, so it is served over plain HTTP`);
      }
    }
  },
);
