// Lookups across the whole input, for rules that check that one object's references resolve.
import type { Resource } from '../../types.js';
import { podTemplateOf, type PodTemplate } from './pod.js';
import { labelSelectorMatches, mapSelectorMatches, type Labels } from './selectors.js';

export class ResourceIndex {
  readonly resources: readonly Resource[];
  readonly podTemplates: readonly PodTemplate[];
  private readonly byKind = new Map<string, Resource[]>();

  constructor(resources: readonly Resource[]) {
    this.resources = resources;
    for (const resource of resources) {
      const list = this.byKind.get(resource.kind) ?? [];
      list.push(resource);
      this.byKind.set(resource.kind, list);
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
    return this.ofKind(kind).find((candidate) => candidate.name === name && sameNamespace(candidate, from));
  }

  /** Pod templates in the namespace of `from` whose labels a Service-style selector matches. */
  podsMatchingMap(selector: Labels, from: Resource): PodTemplate[] {
    return this.podTemplates.filter((pod) => sameNamespace(pod.resource, from) && mapSelectorMatches(selector, pod.labels));
  }

  /** Pod templates in the namespace of `from` that a LabelSelector matches. */
  podsMatchingSelector(selector: unknown, from: Resource): PodTemplate[] {
    return this.podTemplates.filter((pod) => sameNamespace(pod.resource, from) && labelSelectorMatches(selector, pod.labels));
  }
}

export function sameNamespace(a: Resource, b: Resource): boolean {
  return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
}
