// The lint-rule flags shared by `validate`, `rules` and `fit`: --config, --rules, --disable,
// --pss, --profile, --upgrade-to. Flags win over `.chartforge.yaml`; a bad config file or rule id is a usage
// error (exit 2) that names the file, line and column.
import type { ChartforgeConfig, PssLevel, RuleOptions, RuleProfile } from '@chartforge/validator/rules';
import type { CliIO } from './io.js';
import { UsageError } from './io.js';

export const RULE_FLAG_OPTIONS = {
  config: { type: 'string' },
  rules: { type: 'string', multiple: true },
  disable: { type: 'string', multiple: true },
  pss: { type: 'string' },
  profile: { type: 'string' },
  'upgrade-to': { type: 'string' },
} as const;

export const RULE_FLAGS_USAGE = `Lint rules (see \`chartforge rules\`):
      --config FILE                  lint configuration (default: .chartforge.yaml or .chartforge.yml in the working directory)
      --rules IDS                    run only these rules (comma-separated, repeatable)
      --disable IDS                  never run these rules (comma-separated, repeatable)
      --pss LEVEL                    Pod Security Standards profile: privileged | baseline | restricted (default: baseline)
      --profile NAME                 rule profile: default | policy (adds CPU limits, UID > 10000, image digests, pull policy, serving replicas)
      --upgrade-to X.Y               also report APIs removed by Kubernetes X.Y, to check a cluster upgrade
  Per object: annotation chartforge.dev/ignore: "rule-a,rule-b; reason" (or "*; reason" for every rule).`;

export interface RuleFlagValues {
  config?: string | undefined;
  rules?: string[] | undefined;
  disable?: string[] | undefined;
  pss?: string | undefined;
  profile?: string | undefined;
  'upgrade-to'?: string | undefined;
}

/** Comma-separated, repeatable list flags (`--rules a,b --rules c`) as one list. */
export function csv(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export interface RuleSelection {
  /** Rule options without the Kubernetes version (the command knows it). */
  readonly options: Omit<RuleOptions, 'kubernetesVersion'>;
  /** The config file's `kubernetesVersion`, for commands whose flag was not given. */
  readonly configKubernetesVersion?: string;
}

/** Reads the config file and the flags into rule options; throws a UserError for any mistake. */
export async function ruleSelection(values: RuleFlagValues, io: CliIO): Promise<RuleSelection> {
  // The rule modules are loaded here, by the commands that lint, so `validate --no-lint` starts without them.
  const { loadConfig, PSS_LEVELS, RULE_PROFILES, resolveRules } = await import('@chartforge/validator/rules');
  // A config file that cannot be used is a UserError (ConfigFileError) that main prints.
  const config: ChartforgeConfig = loadConfig(io.cwd, values.config)?.config ?? {};
  const pss = values.pss ?? config.pss;
  if (pss !== undefined && !PSS_LEVELS.includes(pss as PssLevel)) throw new UsageError(`--pss must be one of ${PSS_LEVELS.join(', ')}, got "${pss}"`);
  const profile = values.profile ?? config.profile;
  if (profile !== undefined && !RULE_PROFILES.includes(profile as RuleProfile)) throw new UsageError(`--profile must be one of ${RULE_PROFILES.join(', ')}, got "${profile}"`);
  const upgradeTo = values['upgrade-to'] ?? config.upgradeTo;
  const options: Omit<RuleOptions, 'kubernetesVersion'> = {
    ...(pss !== undefined ? { pss: pss as PssLevel } : {}),
    ...(profile !== undefined ? { profile: profile as RuleProfile } : {}),
    ...(upgradeTo !== undefined ? { upgradeTo } : {}),
    only: csv(values.rules),
    disable: csv(values.disable),
    ...(config.rules ? { rules: config.rules } : {}),
  };
  // Unknown ids and bad parameters are reported now, before any input is read (a RuleConfigError,
  // a UserError that main prints).
  resolveRules(options);
  return { options, ...(config.kubernetesVersion !== undefined ? { configKubernetesVersion: config.kubernetesVersion } : {}) };
}
