// Lookups across the whole input, for rules that check that one object's references resolve.
import type { Resource } from '../../types.js';
import { kubernetesKind } from './kinds.js';
import { isObject, objectAt, stringMap } from './objects.js';
import { podTemplateOf, type PodTemplate } from './pod.js';
import { labelSelectorMatches, mapSelectorMatches, type Labels } from './selectors.js';

export class ResourceIndex {
  readonly resources: readonly Resource[];
  readonly podTemplates: readonly PodTemplate[];
  private readonly byKind = new Map<string, Resource[]>();
  private readonly byKindAndName = new Map<string, Resource[]>();
  private readonly memo = new Map<string, unknown>();

  constructor(resources: readonly Resource[]) {
    this.resources = resources;
    for (const resource of resources) {
      const list = this.byKind.get(resource.kind) ?? [];
      list.push(resource);
      this.byKind.set(resource.kind, list);
      const key = `${resource.kind}/${resource.name}`;
      const named = this.byKindAndName.get(key) ?? [];
      named.push(resource);
      this.byKindAndName.set(key, named);
    }
    this.podTemplates = resources.map(podTemplateOf).filter((pod): pod is PodTemplate => pod !== undefined);
  }

  ofKind(kind: string): readonly Resource[] {
    return this.byKind.get(kind) ?? [];
  }

  /**
   * The object of `kind` named `name` in the namespace of `from`. An object without a namespace
   * is taken to be in the release namespace, which matches any namespace: `helm template`
   * usually leaves it out.
   */
  find(kind: string, name: string, from: Resource): Resource | undefined {
    return this.byKindAndName.get(`${kind}/${name}`)?.find((candidate) => sameNamespace(candidate, from));
  }

  /** A value derived from the whole input, computed once per index (e.g. which HPA scales what). */
  derived<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  /** Pod templates carrying one label pair: selectors start from the pods of their first pair instead of every pod. */
  private podsWithLabel(key: string, value: string): readonly PodTemplate[] {
    const byLabel = this.derived('pods-by-label', () => {
      const map = new Map<string, PodTemplate[]>();
      for (const pod of this.podTemplates) {
        for (const [k, v] of Object.entries(pod.labels)) {
          const list = map.get(`${k}=${v}`) ?? [];
          list.push(pod);
          map.set(`${k}=${v}`, list);
        }
      }
      return map;
    });
    return byLabel.get(`${key}=${value}`) ?? [];
  }

  /** Pod templates in the namespace of `from` whose labels a Service-style selector matches. */
  podsMatchingMap(selector: Labels, from: Resource): PodTemplate[] {
    const first = Object.entries(selector)[0];
    if (!first) return [];
    return this.podsWithLabel(first[0], first[1]).filter((pod) => sameNamespace(pod.resource, from) && mapSelectorMatches(selector, pod.labels));
  }

  /**
   * The pods a Service sends traffic to: those its selector matches, less Helm hook pods
   * (`helm.sh/hook` on the pod or on the Job that runs it). A hook such as `helm create`'s
   * `helm test` pod carries the app's labels but runs only for moments, so it is not an endpoint.
   */
  serviceEndpointPods(selector: Labels, service: Resource): PodTemplate[] {
    return this.podsMatchingMap(selector, service).filter((pod) => !isHelmHook(pod.resource));
  }

  /**
   * Every pod template some Service sends traffic to, with the name of the first such Service.
   * `readinessGated`: only Services that wait for their pods to be ready, not those that publish
   * not-ready addresses (a training run's headless rendezvous Service).
   */
  servedPods({ readinessGated = false } = {}): ReadonlyMap<PodTemplate, string> {
    return this.derived(readinessGated ? 'readiness-gated-pods' : 'served-pods', () => {
      const served = new Map<PodTemplate, string>();
      for (const service of this.ofKind('Service')) {
        if (kubernetesKind(service) !== 'Service') continue;
        const spec = objectAt(service.object, ['spec']);
        if (readinessGated && spec?.publishNotReadyAddresses === true) continue;
        const selector = stringMap(spec?.selector);
        if (Object.keys(selector).length === 0) continue;
        for (const pod of this.serviceEndpointPods(selector, service)) if (!served.has(pod)) served.set(pod, service.name);
      }
      return served;
    });
  }

  /** Pod templates in the namespace of `from` that a LabelSelector matches. */
  podsMatchingSelector(selector: unknown, from: Resource): PodTemplate[] {
    const first = isObject(selector) ? Object.entries(stringMap(selector.matchLabels))[0] : undefined;
    const candidates = first ? this.podsWithLabel(first[0], first[1]) : this.podTemplates;
    return candidates.filter((pod) => sameNamespace(pod.resource, from) && labelSelectorMatches(selector, pod.labels));
  }
}

/** The `helm.sh/hook` events of a resource (`["test"]`, `["pre-install", "pre-upgrade"]`); empty when it is no hook. */
export function helmHookEvents(resource: Resource): string[] {
  const annotations = isObject(resource.object.metadata) ? stringMap(resource.object.metadata.annotations) : {};
  return (annotations['helm.sh/hook'] ?? '').split(',').map((event) => event.trim()).filter((event) => event !== '');
}

export function isHelmHook(resource: Resource): boolean {
  return helmHookEvents(resource).length > 0;
}

/** A `helm test` pod (or Job): a client run on demand for moments, never part of what the release serves. */
export function isHelmTest(resource: Resource): boolean {
  return helmHookEvents(resource).some((event) => event === 'test' || event === 'test-success');
}

export function sameNamespace(a: Resource, b: Resource): boolean {
  return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
}
