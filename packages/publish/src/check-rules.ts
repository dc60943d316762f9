// Every rule id publish's checks report, with what the check is: the SARIF rule descriptors of
// `values check`, `lint`, `upgrade-check` and `version-check`. Each is defined beside the code that
// reports its findings; the rendered manifests' schema, yaml and lint rules are the validator's.
import { CHART_METADATA_RULE } from './chart.js';
import type { CheckRule } from './findings.js';
import { HELM_LINT_RULE, HELM_TEMPLATE_RULE } from './helm.js';
import { HELMIGNORE_RULE } from './helmignore.js';
import { UPGRADE_RULES } from './upgrade-check.js';
import { VALUES_SCHEMA_RULE } from './values-check.js';
import { VALUES_SCHEMA_INVALID_RULE } from './values-schema.js';
import { VALUES_YAML_RULE } from './values-yaml.js';
import { VERSION_BUMP_RULE } from './version-check.js';

export const CHECK_RULES: readonly CheckRule[] = [
  VALUES_SCHEMA_RULE,
  VALUES_SCHEMA_INVALID_RULE,
  VALUES_YAML_RULE,
  HELM_LINT_RULE,
  HELM_TEMPLATE_RULE,
  HELMIGNORE_RULE,
  CHART_METADATA_RULE,
  VERSION_BUMP_RULE,
  ...Object.values(UPGRADE_RULES),
];
