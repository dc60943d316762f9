import { formatFindingsSarif, type RuleDescriptor, type SarifRuleText } from '@chartforge/core';
import type { Finding, Report } from '../types.js';
import { resourceLabel, type FormatOptions } from './common.js';

const RULE_DESCRIPTIONS: Record<string, string> = {
  schema: 'The resource must conform to the Kubernetes OpenAPI schema of the target version.',
  yaml: 'The manifest must be well-formed YAML (or JSON).',
};

/** Where a lint rule's documentation page (its descriptor's `docs`, relative to the repository root) is published. */
const DOCS_BASE_URI = 'https://github.com/chartforge/chartforge/blob/main/';

/**
 * How SARIF describes rule `id`. Lint rules (`described`) describe themselves and link their
 * documentation page; `schema` and `yaml` have descriptions of their own; any other rule gets
 * `fallback`, with its description when it has one.
 */
export function describeRule(id: string, described: readonly RuleDescriptor[] | undefined, fallback: SarifRuleText): SarifRuleText {
  const lint = described?.find((rule) => rule.id === id);
  const helpUri = lint ? `${DOCS_BASE_URI}${lint.docs}` : fallback.helpUri;
  const ownText = lint?.summary ?? RULE_DESCRIPTIONS[id];
  return { summary: ownText ?? fallback.summary, ...(ownText === undefined && fallback.description !== undefined ? { description: fallback.description } : {}), ...(helpUri ? { helpUri } : {}) };
}

/** SARIF 2.1.0 of a report: core's, each result with its resource as logical location and in its fingerprint. */
export function formatSarif(report: Report, options: FormatOptions = {}): string {
  return formatFindingsSarif<Finding>(report.findings, {
    tool: { name: 'chartforge', ...(options.toolVersion ? { version: options.toolVersion, semanticVersion: true } : {}), informationUri: 'https://github.com/chartforge/chartforge' },
    describeRule: (id) => describeRule(id, report.lintRules, { summary: `chartforge rule ${id}`, helpUri: 'https://github.com/chartforge/chartforge#validating-manifests' }),
    run: { columnKind: 'utf16CodeUnits', properties: { kubernetesVersion: report.kubernetesVersion } },
    result: (f) => ({
      message: `${f.path ? `${f.path}: ` : ''}${f.message}${f.template ? ` (template ${f.template})` : ''}`,
      logicalLocation: `${f.apiVersion ? `${f.apiVersion}/` : ''}${resourceLabel(f)}${f.path ? `.${f.path}` : ''}`,
      fingerprints: { 'resourcePath/v1': `${f.file}|${f.apiVersion}|${resourceLabel(f)}|${f.path}|${f.rule}` },
    }),
  });
}
