// Runs the registered rules over parsed resources: picks the enabled rules from the
// configuration, applies severity overrides and parameters, drops suppressed findings and turns
// JSON paths into file:line:column through each resource's source map.
import { compareFindings, formatPath, SEVERITY_RANK, UserError } from '@chartforge/core';
import type { Finding, JsonPath, Resource, Severity, SourcePosition } from '../types.js';
import { RULES } from './registry.js';
import { getPath } from './support/objects.js';
import { ResourceIndex } from './support/resource-index.js';
import { IGNORE_ALL, suppressedRules } from './suppression.js';
import { compareVersions, formatVersion, parseKubeVersion } from './support/version.js';
import { PSS_LEVELS, type KubeVersion, type RuleProfile, type ParameterValue, type PssLevel, type Rule, type RuleContext, type RuleParameter, type Violation } from './types.js';

/** Per-rule setting of a config file: `off`, a severity, or severity and parameters. */
export type RuleSetting = 'off' | Severity | { severity?: Severity | 'off'; parameters?: Record<string, ParameterValue> };

export interface RuleOptions {
  /** Kubernetes version to check against, `1.30` or `v1.30.0`. */
  kubernetesVersion: string;
  /** Version of a planned cluster upgrade: APIs removed by then are errors too. */
  upgradeTo?: string;
  /** Pod Security Standards profile whose controls run. Default `baseline`. */
  pss?: PssLevel;
  /** Rule profile (`--profile`): `policy` adds the organisation-policy rules. Default `default`. */
  profile?: RuleProfile;
  /** Run only these rules (`--rules`). */
  only?: readonly string[];
  /** Never run these rules (`--disable`); wins over everything else. */
  disable?: readonly string[];
  /** Config-file settings per rule id. */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** The rule list; the registry unless a caller (a test) narrows it. */
  registry?: readonly Rule[];
}

export const DEFAULT_PSS_LEVEL: PssLevel = 'baseline';

/** A configuration that names rules that do not exist or sets parameters wrongly (a usage error: exit 2). */
export class RuleConfigError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'RuleConfigError';
  }
}

export interface ActiveRule {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
}

function parameterMatches(spec: RuleParameter, value: unknown): boolean {
  if (spec.type === 'string[]') return Array.isArray(value) && value.every((item) => typeof item === 'string');
  return typeof value === spec.type;
}

function checkIds(ids: readonly string[], known: ReadonlySet<string>, where: string): void {
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new RuleConfigError(`${where}: unknown rule ${unknown.map((id) => `"${id}"`).join(', ')} (run \`chartforge rules\` for the list)`);
}

function pssRank(level: PssLevel): number {
  return PSS_LEVELS.indexOf(level);
}

/** Whether a rule runs when nothing names it explicitly. */
function onByDefault(rule: Rule, pss: PssLevel, profile: RuleProfile): boolean {
  if (rule.meta.optIn) return false;
  if (rule.meta.profile !== undefined && rule.meta.profile !== profile) return false;
  return rule.meta.pss === undefined || pssRank(rule.meta.pss) <= pssRank(pss);
}

/** The rules that run under `options`, each with its effective severity and parameters. */
export function resolveRules(options: Pick<RuleOptions, 'pss' | 'profile' | 'only' | 'disable' | 'rules' | 'registry'>): ActiveRule[] {
  const registry = options.registry ?? RULES;
  const known = new Set(registry.map((rule) => rule.meta.id));
  const settings = options.rules ?? {};
  checkIds(options.only ?? [], known, '--rules');
  checkIds(options.disable ?? [], known, '--disable');
  checkIds(Object.keys(settings), known, 'rules');
  const pss = options.pss ?? DEFAULT_PSS_LEVEL;
  const profile = options.profile ?? 'default';
  const only = options.only && options.only.length > 0 ? new Set(options.only) : undefined;
  const disabled = new Set(options.disable ?? []);
  const active: ActiveRule[] = [];
  for (const rule of registry) {
    const id = rule.meta.id;
    const setting = settings[id];
    const settingSeverity = typeof setting === 'string' ? setting : setting?.severity;
    if (disabled.has(id) || settingSeverity === 'off') continue;
    const named = only ? only.has(id) : setting !== undefined;
    if (only ? !named : !named && !onByDefault(rule, pss, profile)) continue;
    const parameters: Record<string, ParameterValue> = {};
    for (const [name, spec] of Object.entries(rule.meta.parameters ?? {})) parameters[name] = (profile === 'default' ? undefined : spec.profileDefaults?.[profile]) ?? spec.default;
    const overrides = typeof setting === 'object' ? setting.parameters ?? {} : {};
    for (const [name, value] of Object.entries(overrides)) {
      const spec = rule.meta.parameters?.[name];
      if (!spec) throw new RuleConfigError(`rules.${id}.parameters: rule "${id}" has no parameter "${name}"`);
      if (!parameterMatches(spec, value)) throw new RuleConfigError(`rules.${id}.parameters.${name}: expected ${spec.type}`);
      parameters[name] = value;
    }
    active.push({ rule, severity: settingSeverity ?? rule.meta.severity, parameters });
  }
  return active;
}

export function parseVersionOption(text: string, flag: string): KubeVersion {
  const version = parseKubeVersion(text);
  if (!version) throw new RuleConfigError(`${flag}: "${text}" is not a Kubernetes version (expected e.g. 1.30)`);
  return version;
}

/**
 * Where a violation is shown: the value at its path, except that a map entry whose value is a map
 * or a list (the `spec` a field is missing from, a `hostPath:` volume) is shown at its key — a
 * block collection's value starts at its first child, a line below, which reads as if that child
 * were at fault.
 */
function locateViolation(resource: Resource, path: JsonPath): SourcePosition {
  const value = getPath(resource.object, path);
  const isCollection = value !== null && typeof value === 'object';
  if (isCollection && typeof path.at(-1) === 'string' && resource.locateKey) return resource.locateKey(path);
  return resource.locate(path);
}

function toFinding(found: Violation, rule: string, ruleSeverity: Severity): Finding {
  const { resource } = found;
  const severity = found.atMost !== undefined && SEVERITY_RANK[found.atMost] < SEVERITY_RANK[ruleSeverity] ? found.atMost : ruleSeverity;
  const position = locateViolation(resource, found.path);
  const finding: Finding = {
    file: resource.file,
    line: position.line,
    column: position.column,
    documentIndex: resource.documentIndex,
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    name: resource.name,
    path: formatPath(found.path),
    rule,
    severity,
    message: found.message,
  };
  if (resource.namespace !== undefined) finding.namespace = resource.namespace;
  if (resource.template !== undefined) finding.template = resource.template;
  return finding;
}

/** Core's order of findings, with a file's documents in their order (a document's findings stay together). */
export function compareResourceFindings(a: Finding, b: Finding): number {
  return a.file === b.file ? a.documentIndex - b.documentIndex || compareFindings(a, b) : compareFindings(a, b);
}

export interface LocatedFinding {
  readonly resource: Resource;
  readonly finding: Finding;
}

/** Lints `resources`; each finding comes with the resource it is about, in rule order. */
export function lintResources(resources: readonly Resource[], options: RuleOptions): LocatedFinding[] {
  const kubernetesVersion = parseVersionOption(options.kubernetesVersion, 'kubernetes version');
  const upgradeTo = options.upgradeTo === undefined ? undefined : parseVersionOption(options.upgradeTo, '--upgrade-to');
  if (upgradeTo && compareVersions(upgradeTo, kubernetesVersion) <= 0) {
    throw new RuleConfigError(`--upgrade-to ${formatVersion(upgradeTo)} must be newer than the Kubernetes version ${formatVersion(kubernetesVersion)}`);
  }
  const active = resolveRules(options);
  const index = new ResourceIndex(resources);
  const ruleIds = new Set((options.registry ?? RULES).map((rule) => rule.meta.id));
  const suppressed = new Map(resources.map((resource) => [resource, suppressedRules(resource)]));
  const pending: Array<{ violation: Violation; rule: string; severity: Severity }> = [];
  for (const { rule, severity, parameters } of active) {
    const context: RuleContext = { kubernetesVersion, ...(upgradeTo ? { upgradeTo } : {}), parameters, index, ruleIds };
    const keep = (violation: Violation) => {
      const ignored = suppressed.get(violation.resource);
      if (!(ignored && (ignored.has(rule.meta.id) || ignored.has(IGNORE_ALL)))) pending.push({ violation, rule: rule.meta.id, severity });
    };
    if (rule.scope === 'set') for (const violation of rule.check(resources, context)) keep(violation);
    else for (const resource of resources) for (const violation of rule.check(resource, context)) keep(violation);
  }
  // Located resource by resource: a document's positions are worked out once, for all its findings,
  // and then let go (the YAML reader keeps only the last document's).
  const order = new Map(resources.map((resource, i) => [resource, i]));
  const byResource = pending.map((_, i) => i).sort((a, b) => (order.get(pending[a]!.violation.resource) ?? -1) - (order.get(pending[b]!.violation.resource) ?? -1) || a - b);
  const found: LocatedFinding[] = new Array(pending.length);
  for (const i of byResource) {
    const { violation, rule, severity } = pending[i]!;
    found[i] = { resource: violation.resource, finding: toFinding(violation, rule, severity) };
  }
  return found;
}

/** Lints `resources` and returns the findings, sorted by file, document and position. */
export function runRules(resources: readonly Resource[], options: RuleOptions): Finding[] {
  return lintResources(resources, options).map(({ finding }) => finding).sort(compareResourceFindings);
}
