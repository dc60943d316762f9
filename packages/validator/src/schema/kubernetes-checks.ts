// Checks the API server makes that the OpenAPI schemas do not express: object name syntax,
// label key/value syntax and resource.Quantity syntax. Sources: k8s.io/apimachinery
// pkg/util/validation (IsDNS1123Subdomain, IsDNS1123Label, IsDNS1035Label, IsQualifiedName,
// IsValidLabelValue) and pkg/api/validation/path (ValidatePathSegmentName).

import { definitionKey, type SchemaViolation } from './compile.js';
import { checkQuantity } from './formats.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function dns1123Subdomain(value: string): string | undefined {
  if (value.length > 253) return `must be no more than 253 characters, got ${value.length}`;
  if (!DNS1123_SUBDOMAIN.test(value)) return 'must be a lowercase RFC 1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit';
  return undefined;
}

export function dns1123Label(value: string): string | undefined {
  if (value.length > 63) return `must be no more than 63 characters, got ${value.length}`;
  if (!DNS1123_LABEL.test(value)) return 'must be a lowercase RFC 1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit';
  return undefined;
}

function dns1035Label(value: string): string | undefined {
  if (value.length > 63) return `must be no more than 63 characters, got ${value.length}`;
  if (!DNS1035_LABEL.test(value)) return 'must be a lowercase RFC 1035 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit';
  return undefined;
}

function pathSegmentName(value: string): string | undefined {
  if (value === '.' || value === '..') return `may not be "${value}"`;
  if (/[/%]/.test(value)) return 'may not contain "/" or "%"';
  return undefined;
}

// Kinds whose names the API server validates differently from the default DNS subdomain.
const NAME_RULES: Record<string, (value: string) => string | undefined> = {
  Namespace: dns1123Label,
  Service: dns1035Label,
  Role: pathSegmentName,
  ClusterRole: pathSegmentName,
  RoleBinding: pathSegmentName,
  ClusterRoleBinding: pathSegmentName,
};

/** Problems with `metadata.name` of a built-in kind (custom resources get the DNS subdomain rule too). */
export function checkObjectName(kind: string, name: string): string | undefined {
  const rule = NAME_RULES[kind] ?? dns1123Subdomain;
  const problem = rule(name);
  return problem ? `invalid name ${JSON.stringify(name)}: ${problem}` : undefined;
}

export function checkLabelKey(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== undefined) {
    if (prefix.length === 0) return `invalid label key ${JSON.stringify(key)}: prefix part must be non-empty`;
    const problem = dns1123Subdomain(prefix);
    if (problem) return `invalid label key ${JSON.stringify(key)}: prefix part ${problem}`;
  }
  if (name.length === 0) return `invalid label key ${JSON.stringify(key)}: name part must be non-empty`;
  if (name.length > 63) return `invalid label key ${JSON.stringify(key)}: name part must be no more than 63 characters`;
  if (!QUALIFIED_NAME_PART.test(name)) return `invalid label key ${JSON.stringify(key)}: name part must consist of alphanumeric characters, "-", "_" or ".", and must start and end with an alphanumeric character`;
  return undefined;
}

export function checkLabelValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined; // the schema reports the type
  if (value.length > 63) return `invalid label value ${JSON.stringify(value)}: must be no more than 63 characters`;
  if (!LABEL_VALUE.test(value)) return `invalid label value ${JSON.stringify(value)}: must be empty or consist of alphanumeric characters, "-", "_" or ".", and must start and end with an alphanumeric character`;
  return undefined;
}

const NONE: SchemaViolation[] = [];
/** Label keys already found valid: the same few keys label every object. */
const validLabelKeys = new Set<string>();

function checkLabels(labels: unknown, field: string): SchemaViolation[] {
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) return NONE;
  let out = NONE;
  for (const key in labels) {
    const value = (labels as Record<string, unknown>)[key];
    if (!validLabelKeys.has(key)) {
      const keyProblem = checkLabelKey(key);
      if (keyProblem) (out = out === NONE ? [] : out).push({ path: [field, key], message: keyProblem, severity: 'error', atKey: true });
      else if (validLabelKeys.size < 10_000) validLabelKeys.add(key);
    }
    const valueProblem = checkLabelValue(value);
    if (valueProblem) (out = out === NONE ? [] : out).push({ path: [field, key], message: valueProblem, severity: 'error' });
  }
  return out;
}

/** Definition name → extra check, applied wherever a schema references that definition. */
export const KUBERNETES_DEFINITION_CHECKS: ReadonlyMap<string, (value: unknown) => SchemaViolation[]> = new Map([
  [definitionKey('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'), (value: unknown) => checkLabels((value as Record<string, unknown>).labels, 'labels')],
  [definitionKey('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector'), (value: unknown) => checkLabels((value as Record<string, unknown>).matchLabels, 'matchLabels')],
  [
    definitionKey('io.k8s.apimachinery.pkg.api.resource.Quantity'),
    (value: unknown) => {
      const problem = checkQuantity(value);
      return problem ? [{ path: [], message: problem, severity: 'error' as const }] : NONE;
    },
  ],
]);
