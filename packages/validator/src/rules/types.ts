// The contract of a lint rule (ESLint style): metadata that documents it, and a check that
// reports violations as JSON paths into a resource. The engine adds severity, suppression and
// line:column, so a rule never deals with YAML, configuration or output.
import type { JsonPath, Resource, Severity } from '../types.js';
import type { ResourceIndex } from './support/resource-index.js';

export type RuleCategory = 'pod-security' | 'best-practice' | 'cross-resource' | 'rbac' | 'api-lifecycle' | 'ml-scheduling' | 'policy' | 'meta';

/**
 * Rule profiles: `default` runs the rules every user wants; `policy` adds the organisation-policy
 * checks (CPU limits, high UIDs, digests, pull policy …) that are right for some clusters and
 * noise for others, so they are never on unless asked for.
 */
export const RULE_PROFILES = ['default', 'policy'] as const;
export type RuleProfile = (typeof RULE_PROFILES)[number];

/** Pod Security Standards profiles, least to most restrictive. */
export const PSS_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PssLevel = (typeof PSS_LEVELS)[number];

export type RuleParameterType = 'string' | 'number' | 'boolean' | 'string[]';

export interface RuleParameter {
  readonly type: RuleParameterType;
  readonly default: string | number | boolean | readonly string[];
  /** The default under a profile beyond `default` (the policy profile requires CPU limits). */
  readonly profileDefaults?: Readonly<Partial<Record<Exclude<RuleProfile, 'default'>, string | number | boolean | readonly string[]>>>;
  readonly description: string;
}

export interface RuleMeta {
  /** kebab-case, unique; what users write in `--rules`, `--disable`, config and annotations. */
  readonly id: string;
  readonly category: RuleCategory;
  /** Severity unless the configuration overrides it. */
  readonly severity: Severity;
  /** One line, shown by `chartforge rules`. */
  readonly summary: string;
  /** Path of the rule's documentation page, relative to the repository root. */
  readonly docs: string;
  /** For Pod Security Standards controls: the lowest profile that contains the control. */
  readonly pss?: Exclude<PssLevel, 'privileged'>;
  /** Rules that are off unless enabled by `--rules` or the config file. Default: on. */
  readonly optIn?: boolean;
  /** A profile beyond `default` that turns this rule on (`--profile policy`); off otherwise. */
  readonly profile?: Exclude<RuleProfile, 'default'>;
  readonly parameters?: Readonly<Record<string, RuleParameter>>;
}

export type ParameterValue = string | number | boolean | readonly string[];

/** A supported Kubernetes minor version, e.g. `{ major: 1, minor: 30 }`. */
export interface KubeVersion {
  readonly major: number;
  readonly minor: number;
}

export interface RuleContext {
  /** Kubernetes version the manifests are checked against. */
  readonly kubernetesVersion: KubeVersion;
  /** Version a cluster upgrade goes to (`--upgrade-to`), when checking an upgrade. */
  readonly upgradeTo?: KubeVersion;
  /** The rule's parameters: defaults merged with the configuration. */
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  /** Every resource of the input, indexed; set rules and resource rules that look around use it. */
  readonly index: ResourceIndex;
  /** Ids of every registered rule (for rules that check references to rules). */
  readonly ruleIds: ReadonlySet<string>;
}

/** What a check reports: where (resource and JSON path) and what is wrong, in one sentence. */
export interface Violation {
  readonly resource: Resource;
  readonly path: JsonPath;
  readonly message: string;
  /**
   * The most severe level this finding may have, for a case the rule deems less serious (a
   * `helm test` pod's image is not what serves traffic); a configured severity below it still wins.
   */
  readonly atMost?: Severity;
}

export interface ResourceRule {
  readonly meta: RuleMeta;
  readonly scope: 'resource';
  check(resource: Resource, context: RuleContext): Iterable<Violation>;
}

export interface SetRule {
  readonly meta: RuleMeta;
  readonly scope: 'set';
  check(resources: readonly Resource[], context: RuleContext): Iterable<Violation>;
}

export type Rule = ResourceRule | SetRule;

/** Doc page path of a rule, one place for the convention. */
export function docsPath(id: string): string {
  return `packages/validator/docs/rules/${id}.md`;
}
