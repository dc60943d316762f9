// Per-object suppression: `chartforge.dev/ignore: "<rule-id>[,<rule-id>…][; <reason>]"`, or `"*"`
// (optionally with a reason) to silence every rule. Read from the object's annotations and, for
// workloads, from the pod template's annotations.
import type { JsonPath, Resource } from '../types.js';
import { objectAt } from './support/objects.js';
import { podTemplateOf } from './support/pod.js';

export const IGNORE_ANNOTATION = 'chartforge.dev/ignore';
export const IGNORE_ALL = '*';

export interface IgnoreAnnotation {
  /** Rule ids as written (may include `*`). */
  readonly ruleIds: readonly string[];
  readonly reason?: string;
  /** Path of the annotation, for findings about it. */
  readonly path: JsonPath;
}

export function parseIgnoreValue(value: string): { ruleIds: string[]; reason?: string } {
  const separator = value.indexOf(';');
  const list = separator === -1 ? value : value.slice(0, separator);
  const reason = separator === -1 ? '' : value.slice(separator + 1).trim();
  const ruleIds = list.split(',').map((id) => id.trim()).filter((id) => id !== '');
  return reason === '' ? { ruleIds } : { ruleIds, reason };
}

/** The ignore annotations of a resource (object metadata, then pod template metadata). */
export function ignoreAnnotations(resource: Resource): IgnoreAnnotation[] {
  // Asked for every resource of a run: read in place, without copying the annotation maps.
  const found: IgnoreAnnotation[] = [];
  const own = objectAt(resource.object, ['metadata', 'annotations'])?.[IGNORE_ANNOTATION];
  if (typeof own === 'string') found.push({ ...parseIgnoreValue(own), path: ['metadata', 'annotations', IGNORE_ANNOTATION] });
  const pod = podTemplateOf(resource);
  const onPod = pod && pod.metadataPath.length > 1 ? pod.annotations[IGNORE_ANNOTATION] : undefined;
  if (onPod !== undefined) found.push({ ...parseIgnoreValue(onPod), path: [...pod!.metadataPath, 'annotations', IGNORE_ANNOTATION] });
  return found;
}

const NONE_SUPPRESSED: ReadonlySet<string> = new Set();

/** Rule ids silenced on a resource; `*` silences all. */
export function suppressedRules(resource: Resource): ReadonlySet<string> {
  const annotations = ignoreAnnotations(resource);
  return annotations.length === 0 ? NONE_SUPPRESSED : new Set(annotations.flatMap((annotation) => annotation.ruleIds));
}
