// One implementation behind configmap-ref-exists, secret-ref-exists and pvc-ref-exists.
import type { Resource } from '../../types.js';
import { resourceRule, violation, type MetaInput } from '../support/define.js';
import { declaredExternal } from '../support/external.js';
import { getPath, isObject, objectsIn } from '../support/objects.js';
import { podTemplateOf } from '../support/pod.js';
import { sameNamespace } from '../support/resource-index.js';
import { podReferences, type ReferencedKind } from '../support/references.js';
import type { ResourceRule, RuleContext } from '../types.js';

/** Objects Kubernetes itself keeps in every namespace (the cluster CA bundle, since 1.21 GA). */
const BUILT_IN: Readonly<Partial<Record<ReferencedKind, readonly string[]>>> = {
  ConfigMap: ['kube-root-ca.crt'],
};

/** Keys a ConfigMap or Secret provides. */
function keysOf(target: Resource): Set<string> {
  const keys = new Set<string>();
  for (const field of ['data', 'binaryData', 'stringData']) {
    const map = target.object[field];
    if (isObject(map)) for (const key of Object.keys(map)) keys.add(key);
  }
  return keys;
}

/** A StatefulSet's volumeClaimTemplates create PVCs named `<template>-<statefulset>-<ordinal>`. */
function claimFromTemplate(name: string, context: RuleContext, from: Resource): boolean {
  return context.index.ofKind('StatefulSet').some((set) =>
    [...objectsIn(set.object, ['spec', 'volumeClaimTemplates'])].some(({ value }) => {
      const templateName = isObject(value.metadata) ? value.metadata.name : undefined;
      if (typeof templateName !== 'string' || !sameNamespace(set, from)) return false;
      const prefix = `${templateName}-${set.name}-`;
      return name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length));
    }),
  );
}

/**
 * Custom resources whose controller writes a Secret of the name they give: cert-manager's
 * Certificate (a webhook's serving certificate, the usual case), External Secrets' ExternalSecret
 * and Sealed Secrets' SealedSecret. The Secret exists once they are reconciled.
 */
const SECRET_MAKERS: ReadonlyArray<{ kind: string; group: string; secretName: (maker: Resource) => unknown }> = [
  { kind: 'Certificate', group: 'cert-manager.io/', secretName: (maker) => getPath(maker.object, ['spec', 'secretName']) },
  { kind: 'ExternalSecret', group: 'external-secrets.io/', secretName: (maker) => getPath(maker.object, ['spec', 'target', 'name']) ?? maker.name },
  { kind: 'SealedSecret', group: 'bitnami.com/', secretName: (maker) => maker.name },
];

function secretFromController(name: string, context: RuleContext, from: Resource): boolean {
  return SECRET_MAKERS.some(({ kind, group, secretName }) =>
    context.index.ofKind(kind).some((maker) => maker.apiVersion.startsWith(group) && sameNamespace(maker, from) && secretName(maker) === name),
  );
}

/**
 * Objects another object of the manifests makes exist once its controller runs, by referenced
 * kind: their keys are the controller's, so they are not checked.
 */
const MADE_BY_CONTROLLER: Readonly<Partial<Record<ReferencedKind, (name: string, context: RuleContext, from: Resource) => boolean>>> = {
  PersistentVolumeClaim: claimFromTemplate,
  Secret: secretFromController,
};

export function referenceRule(meta: Omit<MetaInput, 'parameters' | 'category'>, kind: ReferencedKind): ResourceRule {
  return resourceRule(
    {
      ...meta,
      category: 'cross-resource',
      parameters: {
        external: { type: 'string[]', default: [], description: `Names of ${kind}s created outside the linted manifests (by another chart, an operator or by hand); they are taken to exist.` },
      },
    },
    function* (resource, context) {
      const pod = podTemplateOf(resource);
      if (!pod) return;
      const external = new Set([...(context.parameters.external as readonly string[]), ...declaredExternal(resource, kind)]);
      for (const ref of podReferences(pod)) {
        if (ref.kind !== kind || ref.optional || external.has(ref.name) || BUILT_IN[kind]?.includes(ref.name)) continue;
        const target = context.index.find(kind, ref.name, resource);
        if (!target) {
          if (MADE_BY_CONTROLLER[kind]?.(ref.name, context, resource)) continue;
          yield violation(resource, ref.path, `${kind} "${ref.name}" is not defined in the manifests; the pod will not start until it exists (add it, mark the reference optional, declare it in the "chartforge.dev/external" annotation, or list it in the rule's "external" parameter)`);
        } else if (ref.key !== undefined && kind !== 'PersistentVolumeClaim' && !keysOf(target).has(ref.key)) {
          yield violation(resource, ref.keyPath ?? ref.path, `${kind} "${ref.name}" has no key "${ref.key}"`);
        }
      }
    },
  );
}
