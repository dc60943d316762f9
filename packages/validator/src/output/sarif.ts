import type { Finding, Report, RuleDescriptor, Severity } from '../types.js';
import { resourceLabel, type FormatOptions } from './common.js';

export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

const RULE_DESCRIPTIONS: Record<string, string> = {
  schema: 'The resource must conform to the Kubernetes OpenAPI schema of the target version.',
  yaml: 'The manifest must be well-formed YAML (or JSON).',
};

/** SARIF's artifact URIs are relative URI references: forward slashes, percent-encoded. */
export function artifactUri(file: string): string {
  return file
    .split(/[\\/]/)
    .map((part) => encodeURIComponent(part))
    .join('/');
}

/**
 * A SARIF rule descriptor. Lint rules (`described`) describe themselves and link their documentation
 * page; `schema` and `yaml` have descriptions of their own; any other rule gets `fallback`, with a
 * fullDescription when it has one.
 */
export function sarifRule(id: string, described: readonly RuleDescriptor[] | undefined, fallback: { text: string; fullText?: string; helpUri?: string }) {
  const lint = described?.find((rule) => rule.id === id);
  const helpUri = lint ? `https://github.com/chartforge/chartforge/blob/main/${lint.docs}` : fallback.helpUri;
  const ownText = lint?.summary ?? RULE_DESCRIPTIONS[id];
  return {
    id,
    name: id,
    shortDescription: { text: ownText ?? fallback.text },
    ...(ownText === undefined && fallback.fullText !== undefined ? { fullDescription: { text: fallback.fullText } } : {}),
    ...(helpUri ? { helpUri } : {}),
  };
}

/** SARIF 2.1.0, as GitHub code scanning accepts it: one run, a rule per rule id, a result per finding. */
export function formatSarif(report: Report, options: FormatOptions = {}): string {
  const findings: Finding[] = report.findings;
  const ruleIds = [...new Set(findings.map((f) => f.rule))].sort();
  const rules = ruleIds.map((id) => sarifRule(id, report.lintRules, { text: `chartforge rule ${id}`, helpUri: 'https://github.com/chartforge/chartforge#validating-manifests' }));
  const results = findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIds.indexOf(f.rule),
    level: SARIF_LEVEL[f.severity],
    message: { text: `${f.path ? `${f.path}: ` : ''}${f.message}${f.template ? ` (template ${f.template})` : ''}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: artifactUri(f.file) }, region: { startLine: f.line, startColumn: f.column } },
        logicalLocations: [{ fullyQualifiedName: `${f.apiVersion ? `${f.apiVersion}/` : ''}${resourceLabel(f)}${f.path ? `.${f.path}` : ''}`, kind: 'object' }],
      },
    ],
    partialFingerprints: { 'resourcePath/v1': `${f.file}|${f.apiVersion}|${resourceLabel(f)}|${f.path}|${f.rule}` },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'chartforge', ...(options.toolVersion ? { version: options.toolVersion, semanticVersion: options.toolVersion } : {}), informationUri: 'https://github.com/chartforge/chartforge', rules } },
        columnKind: 'utf16CodeUnits',
        properties: { kubernetesVersion: report.kubernetesVersion },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
