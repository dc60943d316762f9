import type { JsonPath } from '../../types.js';
import { resourceRule, violation } from '../support/define.js';
import { isObject, objectAt } from '../support/objects.js';
import { podTemplateOf } from '../support/pod.js';

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why a label key is invalid, or undefined when it is valid (apimachinery IsQualifiedName). */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'has more than one "/"';
  const [prefix, name] = parts.length === 2 ? [parts[0] ?? '', parts[1] ?? ''] : [undefined, parts[0] ?? ''];
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return 'has a prefix that is not a DNS subdomain';
  if (name.length === 0 || name.length > 63) return 'has a name part that is empty or longer than 63 characters';
  if (!NAME.test(name)) return 'must start and end with a letter or digit and contain only letters, digits, "-", "_" and "."';
  return undefined;
}

/** Why a label value is invalid, or undefined when it is valid (IsValidLabelValue). */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'is longer than 63 characters';
  if (value !== '' && !NAME.test(value)) return 'must be empty or start and end with a letter or digit and contain only letters, digits, "-", "_" and "."';
  return undefined;
}

export default resourceRule(
  {
    id: 'valid-labels',
    category: 'best-practice',
    severity: 'error',
    summary: 'Label keys and values (object, pod template, matchLabels) must be valid, as the API server checks',
  },
  function* (resource) {
    const maps: JsonPath[] = [['metadata', 'labels']];
    const pod = podTemplateOf(resource);
    if (pod && pod.metadataPath.length > 1) maps.push([...pod.metadataPath, 'labels']);
    if (isObject(objectAt(resource.object, ['spec', 'selector', 'matchLabels']))) maps.push(['spec', 'selector', 'matchLabels']);
    for (const mapPath of maps) {
      const labels = objectAt(resource.object, mapPath);
      for (const [key, value] of Object.entries(labels ?? {})) {
        const keyProblem = labelKeyProblem(key);
        if (keyProblem) yield violation(resource, [...mapPath, key], `label key "${key}" ${keyProblem}`);
        // `key: null` (or `key:`) is accepted by the API server as the empty value: no finding.
        if (value === null) continue;
        if (typeof value !== 'string') {
          yield violation(resource, [...mapPath, key], `label "${key}" has a ${value === null ? 'null' : typeof value} value; label values are strings (quote it)`);
          continue;
        }
        const valueProblem = labelValueProblem(value);
        if (valueProblem) yield violation(resource, [...mapPath, key], `label "${key}" value "${value}" ${valueProblem}`);
      }
    }
  },
);
