// The workload model the lint rules read Kubernetes objects with (pod templates, replicas,
// autoscalers, selectors; quantities are core's parseQuantity), for packages that reason about the same objects (`fit`).
export { arrayAt, getPath, integerAt, isObject, objectsIn, stringMap, type JsonObject } from './rules/support/objects.js';
export { containersOf, declaredReplicas, podTemplateOf, type PodTemplate } from './rules/support/pod.js';
export { autoscalersOf, maxReplicas } from './rules/support/autoscaling.js';
export { ResourceIndex } from './rules/support/resource-index.js';
export { isKubernetesApiVersion, kubernetesKind } from './rules/support/kinds.js';
export { labelSelectorMatches } from './rules/support/selectors.js';
export { readYamlAgainstSchema } from './rules/support/yaml-file.js';
