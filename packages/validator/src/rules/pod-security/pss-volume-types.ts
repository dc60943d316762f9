import { podRule, violation } from '../support/define.js';
import { objectsIn } from '../support/objects.js';

const ALLOWED_VOLUME_TYPES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

export default podRule(
  {
    id: 'pss-volume-types',
    category: 'pod-security',
    pss: 'restricted',
    severity: 'error',
    summary: 'Volumes must be configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret',
  },
  function* (pod) {
    for (const { value, path } of objectsIn(pod.spec, ['volumes'])) {
      for (const [type, source] of Object.entries(value)) {
        if (type === 'name' || source === undefined || source === null || ALLOWED_VOLUME_TYPES.has(type)) continue;
        yield violation(pod.resource, [...pod.specPath, ...path, type], `volume "${String(value.name)}" is of type ${type}; Pod Security restricted allows only ${[...ALLOWED_VOLUME_TYPES].join(', ')}`);
      }
    }
  },
);
