// Objects a chart refers to but does not create (a user's pull secret, an existing claim, a token
// Secret), declared on the referring object so the reference rules take them to exist:
//   metadata.annotations["chartforge.dev/external"]: "Secret/regcred,PersistentVolumeClaim/models"
// Read from the object's annotations and, for workloads, from its pod template's annotations (the
// places `chartforge.dev/ignore` is read). Unlike ignoring the rule, only the names listed are
// exempt: any other reference that resolves to nothing is still reported.
import type { Resource } from '../../types.js';
import { objectAt, stringMap } from './objects.js';
import { podTemplateOf } from './pod.js';

export const EXTERNAL_ANNOTATION = 'chartforge.dev/external';

/** `Kind/name` entries of the annotation value; blanks and entries without a kind are dropped. */
export function parseExternalValue(value: string): Array<{ kind: string; name: string }> {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.includes('/'))
    .map((entry) => ({ kind: entry.slice(0, entry.indexOf('/')).trim(), name: entry.slice(entry.indexOf('/') + 1).trim() }))
    .filter((entry) => entry.kind !== '' && entry.name !== '');
}

/** Names of `kind` that `resource` declares as created outside the manifests. */
export function declaredExternal(resource: Resource, kind: string): Set<string> {
  const names = new Set<string>();
  const places = [['metadata']];
  const pod = podTemplateOf(resource);
  if (pod && pod.metadataPath.length > 1) places.push([...pod.metadataPath] as string[]);
  for (const metadataPath of places) {
    const value = stringMap(objectAt(resource.object, [...metadataPath, 'annotations']))[EXTERNAL_ANNOTATION];
    if (value === undefined) continue;
    for (const entry of parseExternalValue(value)) if (entry.kind === kind) names.add(entry.name);
  }
  return names;
}
