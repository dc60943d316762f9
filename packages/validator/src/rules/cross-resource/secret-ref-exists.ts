import { referenceRule } from './reference-rule.js';

export default referenceRule({ id: 'secret-ref-exists', severity: 'warning', summary: 'Secrets (and keys) that pods reference, including imagePullSecrets, must be defined in the manifests' }, 'Secret');
