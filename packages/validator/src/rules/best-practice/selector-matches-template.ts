import { resourceRule, violation } from '../support/define.js';
import { getPath, isObject } from '../support/objects.js';
import { podTemplateOf } from '../support/pod.js';
import { labelSelectorMatches } from '../support/selectors.js';

const SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

export default resourceRule(
  {
    id: 'selector-matches-template',
    category: 'best-practice',
    severity: 'error',
    summary: "A workload's spec.selector must match its pod template's labels",
  },
  function* (resource) {
    const pod = podTemplateOf(resource);
    const selector = getPath(resource.object, ['spec', 'selector']);
    if (!pod || !SELECTOR_KINDS.has(resource.kind) || !isObject(selector)) return;
    if (!labelSelectorMatches(selector, pod.labels)) {
      yield violation(resource, ['spec', 'selector'], `spec.selector does not match the pod template's labels, so the ${resource.kind} can never own its own pods (the API server rejects it)`);
    }
  },
);
