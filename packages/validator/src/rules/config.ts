// `.chartforge.yaml`: the project's lint configuration, schema-checked, with errors that point
// at the offending line and column.
import { existsSync } from 'node:fs';
import { readInputText } from '../read/file.js';
import { join } from 'node:path';
import { RULES } from './registry.js';
import { InputFileError, readYamlAgainstSchema, VERSION_PATTERN } from './support/yaml-file.js';
import type { RuleSetting } from './engine.js';
import { PSS_LEVELS, RULE_PROFILES, type PssLevel, type Rule, type RuleParameter, type RuleProfile } from './types.js';

export const CONFIG_FILE_NAMES = ['.chartforge.yaml', '.chartforge.yml'] as const;

export interface ChartforgeConfig {
  /** Kubernetes version to validate against (`1.30`). */
  kubernetesVersion?: string;
  /** Version of a planned upgrade (`1.32`). */
  upgradeTo?: string;
  pss?: PssLevel;
  /** Rule profile: `policy` adds the organisation-policy rules. */
  profile?: RuleProfile;
  rules?: Record<string, RuleSetting>;
}

/** A configuration file that cannot be used (the same error type as every positioned input error). */
export { InputFileError as ConfigFileError };

function parameterSchema(spec: RuleParameter): object {
  return spec.type === 'string[]' ? { type: 'array', items: { type: 'string' } } : { type: spec.type };
}

const SEVERITY = { enum: ['off', 'error', 'warning', 'info'] };
const VERSION = { type: 'string', pattern: VERSION_PATTERN };

/** JSON Schema of the config file, derived from the registered rules and their parameters. */
export function configSchema(registry: readonly Rule[] = RULES): object {
  const rules: Record<string, object> = {};
  for (const rule of registry) {
    const parameters: Record<string, object> = {};
    for (const [name, spec] of Object.entries(rule.meta.parameters ?? {})) parameters[name] = { ...parameterSchema(spec), description: spec.description };
    rules[rule.meta.id] = {
      description: rule.meta.summary,
      'x-expected': 'off, error, warning, info, or { severity, parameters }',
      oneOf: [
        SEVERITY,
        {
          type: 'object',
          additionalProperties: false,
          properties: { severity: SEVERITY, parameters: { type: 'object', additionalProperties: false, properties: parameters } },
        },
      ],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'chartforge configuration (.chartforge.yaml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      kubernetesVersion: { ...VERSION, description: 'Kubernetes version to validate against, e.g. "1.30".' },
      upgradeTo: { ...VERSION, description: 'Version of a planned cluster upgrade; APIs it removes are errors.' },
      pss: { enum: [...PSS_LEVELS], description: 'Pod Security Standards profile to enforce.' },
      profile: { enum: [...RULE_PROFILES], description: 'Rule profile: "policy" adds the organisation-policy rules (CPU limits, UIDs above 10000, image digests, pull policy, serving replicas).' },
      rules: { type: 'object', additionalProperties: false, properties: rules, description: 'Per-rule severity ("off" disables) and parameters.' },
    },
  };
}

let schema: object | undefined;

/** Parses and schema-checks config text; throws ConfigFileError at the first problem. */
export function parseConfig(text: string, file: string): ChartforgeConfig {
  schema ??= configSchema();
  return readYamlAgainstSchema(text, file, schema).data as ChartforgeConfig;
}

/** Reads the config at `explicitPath`, or the first of CONFIG_FILE_NAMES in `cwd`; undefined when none. */
export function loadConfig(cwd: string, explicitPath?: string): { file: string; config: ChartforgeConfig } | undefined {
  const file = explicitPath ?? CONFIG_FILE_NAMES.map((name) => join(cwd, name)).find((candidate) => existsSync(candidate));
  if (file === undefined) return undefined;
  return { file, config: parseConfig(readInputText(file, file, undefined, 'the config file'), file) };
}
