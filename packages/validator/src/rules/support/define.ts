// Builders that keep each rule module down to its metadata and its actual check.
import type { JsonPath, Resource } from '../../types.js';
import { docsPath, type ResourceRule, type RuleContext, type RuleMeta, type Violation } from '../types.js';
import { podTemplateOf, type PodTemplate } from './pod.js';

export type MetaInput = Omit<RuleMeta, 'docs'>;

/** A violation on `resource` at `path`. */
export function violation(resource: Resource, path: JsonPath, message: string): Violation {
  return { resource, path, message };
}

export function resourceRule(meta: MetaInput, check: ResourceRule['check']): ResourceRule {
  return { meta: { ...meta, docs: docsPath(meta.id) }, scope: 'resource', check };
}

const NO_VIOLATIONS: Iterable<Violation> = Object.freeze([]);

/** A rule over the pod template of every pod-bearing kind (Pod, Deployment, …, CronJob's jobTemplate). */
export function podRule(meta: MetaInput, check: (pod: PodTemplate, context: RuleContext) => Iterable<Violation>): ResourceRule {
  return resourceRule(meta, (resource, context) => {
    const pod = podTemplateOf(resource);
    return pod ? check(pod, context) : NO_VIOLATIONS;
  });
}

export function setRule(meta: MetaInput, check: (resources: readonly Resource[], context: RuleContext) => Iterable<Violation>) {
  return { meta: { ...meta, docs: docsPath(meta.id) }, scope: 'set' as const, check };
}
