import { referenceRule } from './reference-rule.js';

export default referenceRule({ id: 'configmap-ref-exists', severity: 'warning', summary: 'ConfigMaps (and keys) that pods reference must be defined in the manifests' }, 'ConfigMap');
