// Every place a pod spec names a ConfigMap, Secret or PersistentVolumeClaim.
import type { JsonPath } from '../../types.js';
import { getPath, isObject, objectsIn, type JsonObject } from './objects.js';
import { containersOf, type PodTemplate } from './pod.js';

export type ReferencedKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';

export interface PodReference {
  readonly kind: ReferencedKind;
  readonly name: string;
  /** Key inside the ConfigMap/Secret, for single-key references. */
  readonly key?: string;
  /** Path of the field holding the key, set with `key`. */
  readonly keyPath?: JsonPath;
  /** `optional: true` references may be absent. */
  readonly optional: boolean;
  /** Path of the field holding the name. */
  readonly path: JsonPath;
}

function reference(kind: ReferencedKind, holder: JsonObject, nameField: string, path: JsonPath, key?: unknown): PodReference | undefined {
  const name = holder[nameField];
  if (typeof name !== 'string' || name === '') return undefined;
  const base = { kind, name, optional: holder.optional === true, path: [...path, nameField] };
  return typeof key === 'string' ? { ...base, key, keyPath: [...path, 'key'] } : base;
}

export function podReferences(pod: PodTemplate): PodReference[] {
  const found: (PodReference | undefined)[] = [];
  for (const { value: volume, path } of objectsIn(pod.spec, ['volumes'])) {
    const at = [...pod.specPath, ...path];
    if (isObject(volume.configMap)) found.push(reference('ConfigMap', volume.configMap, 'name', [...at, 'configMap']));
    if (isObject(volume.secret)) found.push(reference('Secret', volume.secret, 'secretName', [...at, 'secret']));
    if (isObject(volume.persistentVolumeClaim)) found.push(reference('PersistentVolumeClaim', volume.persistentVolumeClaim, 'claimName', [...at, 'persistentVolumeClaim']));
    for (const { value: source, path: sourcePath } of objectsIn(volume, ['projected', 'sources'])) {
      if (isObject(source.configMap)) found.push(reference('ConfigMap', source.configMap, 'name', [...at, ...sourcePath, 'configMap']));
      if (isObject(source.secret)) found.push(reference('Secret', source.secret, 'name', [...at, ...sourcePath, 'secret']));
    }
  }
  for (const { value, path } of objectsIn(pod.spec, ['imagePullSecrets'])) {
    found.push(reference('Secret', value, 'name', [...pod.specPath, ...path]));
  }
  for (const ref of containersOf(pod)) {
    for (const { value: env, path } of objectsIn(ref.container, ['env'])) {
      const at = [...ref.path, ...path, 'valueFrom'];
      const configMapKey = getPath(env, ['valueFrom', 'configMapKeyRef']);
      const secretKey = getPath(env, ['valueFrom', 'secretKeyRef']);
      if (isObject(configMapKey)) found.push(reference('ConfigMap', configMapKey, 'name', [...at, 'configMapKeyRef'], configMapKey.key));
      if (isObject(secretKey)) found.push(reference('Secret', secretKey, 'name', [...at, 'secretKeyRef'], secretKey.key));
    }
    for (const { value: source, path } of objectsIn(ref.container, ['envFrom'])) {
      const at = [...ref.path, ...path];
      if (isObject(source.configMapRef)) found.push(reference('ConfigMap', source.configMapRef, 'name', [...at, 'configMapRef']));
      if (isObject(source.secretRef)) found.push(reference('Secret', source.secretRef, 'name', [...at, 'secretRef']));
    }
  }
  return found.filter((r): r is PodReference => r !== undefined);
}
