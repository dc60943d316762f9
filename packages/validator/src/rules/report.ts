// Merging rule findings into validate()'s report: each finding joins the result of the resource
// it is about, and a rule error makes that resource invalid — even one whose schema check was
// skipped (`--ignore-missing-schemas`), so a removed API never passes as merely "skipped".
import type { Resource, ResourceResult, RuleDescriptor } from '../types.js';
import { lintResources, resolveRules, type RuleOptions } from './engine.js';

export interface CheckedResource {
  readonly resource: Resource;
  readonly result: ResourceResult;
  /**
   * Skipped by the user (`--skip`): the rules still see it (a skipped Secret still exists for the
   * rules that look references up), but no finding is reported about it.
   */
  readonly skipped?: boolean;
}

/** Adds the rules' findings to the results they are about; returns the rules that ran. */
export function applyRules(checked: readonly CheckedResource[], options: RuleOptions): RuleDescriptor[] {
  const resultOf = new Map(checked.filter((c) => !c.skipped).map(({ resource, result }) => [resource, result]));
  const touched = new Set<ResourceResult>();
  for (const { resource, finding } of lintResources(checked.map((c) => c.resource), options)) {
    const result = resultOf.get(resource);
    if (!result) continue;
    result.findings.push(finding);
    touched.add(result);
  }
  for (const result of touched) {
    result.findings.sort((a, b) => a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
    if ((result.status === 'valid' || result.status === 'skipped') && result.findings.some((f) => f.severity === 'error')) result.status = 'invalid';
  }
  return resolveRules(options).map(({ rule: { meta } }) => ({ id: meta.id, summary: meta.summary, docs: meta.docs }));
}
