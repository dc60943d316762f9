// Per-object suppression: `chartforge.dev/ignore: "<rule-id>[,<rule-id>…][; <reason>]"`, or `"*"`
// (optionally with a reason) to silence every rule. Read from the object's annotations and, for
// workloads, from the pod template's annotations.
import type { JsonPath, Resource } from '../types.js';
import { objectAt, stringMap } from './support/objects.js';
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
  const places: JsonPath[] = [['metadata']];
  const pod = podTemplateOf(resource);
  if (pod && pod.metadataPath.length > 1) places.push(pod.metadataPath);
  const found: IgnoreAnnotation[] = [];
  for (const metadataPath of places) {
    const value = stringMap(objectAt(resource.object, [...metadataPath, 'annotations']))[IGNORE_ANNOTATION];
    if (value !== undefined) found.push({ ...parseIgnoreValue(value), path: [...metadataPath, 'annotations', IGNORE_ANNOTATION] });
  }
  return found;
}

/** Rule ids silenced on a resource; `*` silences all. */
export function suppressedRules(resource: Resource): ReadonlySet<string> {
  return new Set(ignoreAnnotations(resource).flatMap((annotation) => annotation.ruleIds));
}
