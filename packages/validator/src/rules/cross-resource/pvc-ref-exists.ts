import { referenceRule } from './reference-rule.js';

export default referenceRule({ id: 'pvc-ref-exists', severity: 'warning', summary: 'PersistentVolumeClaims that pods mount must be defined in the manifests' }, 'PersistentVolumeClaim');
