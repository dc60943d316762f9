// Field access shared by the Pod Security Standards controls: the same securityContext fields
// exist at pod level (`spec.securityContext`) and container level (`*containers[*].securityContext`).
import type { JsonPath } from '../../types.js';
import { getPath } from '../support/objects.js';
import { containersOf, type ContainerRef, type PodTemplate } from '../support/pod.js';

export interface ContextField {
  readonly value: unknown;
  readonly path: JsonPath;
}

/** `spec.securityContext.<field…>` of the pod. */
export function podSecurityField(pod: PodTemplate, ...field: string[]): ContextField {
  const path = [...pod.specPath, 'securityContext', ...field];
  return { value: getPath(pod.resource.object, path), path };
}

/** `securityContext.<field…>` of a container. */
export function containerSecurityField(ref: ContainerRef, ...field: string[]): ContextField {
  const path = [...ref.path, 'securityContext', ...field];
  return { value: getPath(ref.container, ['securityContext', ...field]), path };
}

/** Every container of the pod (containers, initContainers, ephemeralContainers), as PSS evaluates. */
export function allContainers(pod: PodTemplate): readonly ContainerRef[] {
  return containersOf(pod);
}

export const PSS_DOCS_NOTE = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
