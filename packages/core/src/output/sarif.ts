// SARIF 2.1.0, as GitHub code scanning accepts it, the one writer of it: one run, a rule descriptor
// per rule id, a result per finding. What the tool is, how each rule is described and linked, and
// what a result knows beyond the finding shape (validate's resource) come from the caller.
import type { ReportedFinding, Severity } from '../finding.js';

export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF's artifact URIs are relative URI references: forward slashes, percent-encoded. */
export function artifactUri(file: string): string {
  return file
    .split(/[\\/]/)
    .map((part) => encodeURIComponent(part))
    .join('/');
}

/** A rule's descriptor text: `summary` is its shortDescription, `description` its fullDescription, `helpUri` its page. */
export interface SarifRuleText {
  summary: string;
  description?: string;
  helpUri?: string;
}

/** What one finding's SARIF result says beyond its rule, level and physical location. */
export interface SarifResultText {
  message: string;
  /** The logical location's fully qualified name (validate: `apps/v1/Deployment/web.spec.replicas`). */
  logicalLocation?: string;
  /** Code scanning matches a finding across commits by these: where and what, not the line it moved to. */
  fingerprints: Record<string, string>;
  properties?: Record<string, unknown>;
}

export interface SarifOptions<F extends ReportedFinding> {
  tool: { name: string; version?: string; /** also write the version as `semanticVersion` */ semanticVersion?: boolean; informationUri?: string };
  describeRule(id: string): SarifRuleText;
  /** Properties of the run, written between its tool and its results (validate: columnKind, kubernetesVersion). */
  run?: Record<string, unknown>;
  /** A finding's result text; by default its message, fingerprinted by file, rule and path (or message). */
  result?(finding: F): SarifResultText;
}

function pathResult(f: ReportedFinding): SarifResultText {
  return { message: f.message, fingerprints: { 'findingPath/v1': `${f.file}|${f.rule}|${f.path ?? f.message}` }, ...(f.path ? { properties: { path: f.path } } : {}) };
}

export function formatFindingsSarif<F extends ReportedFinding>(findings: readonly F[], options: SarifOptions<F>): string {
  const { tool } = options;
  const describe = options.result ?? pathResult;
  const ruleIds = [...new Set(findings.map((f) => f.rule))].sort();
  const rules = ruleIds.map((id) => {
    const { summary, description, helpUri } = options.describeRule(id);
    return { id, name: id, shortDescription: { text: summary }, ...(description !== undefined ? { fullDescription: { text: description } } : {}), ...(helpUri ? { helpUri } : {}) };
  });
  const results = findings.map((f) => {
    const { message, logicalLocation, fingerprints, properties } = describe(f);
    const physicalLocation = { artifactLocation: { uri: artifactUri(f.file) }, region: { startLine: f.line, startColumn: f.column } };
    return {
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: SARIF_LEVEL[f.severity],
      message: { text: message },
      locations: [{ physicalLocation, ...(logicalLocation !== undefined ? { logicalLocations: [{ fullyQualifiedName: logicalLocation, kind: 'object' }] } : {}) }],
      partialFingerprints: fingerprints,
      ...(properties ? { properties } : {}),
    };
  });
  const driver = {
    name: tool.name,
    ...(tool.version ? { version: tool.version, ...(tool.semanticVersion ? { semanticVersion: tool.version } : {}) } : {}),
    ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
    rules,
  };
  const log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver }, ...options.run, results }] };
  return `${JSON.stringify(log, null, 2)}\n`;
}
