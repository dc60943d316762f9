// Label selectors as Kubernetes evaluates them (matchLabels AND matchExpressions).
import { arrayAt, isObject, stringMap } from './objects.js';

export type Labels = Readonly<Record<string, string>>;

/** Evaluates a `metav1.LabelSelector`. An empty selector `{}` matches everything. */
export function labelSelectorMatches(selector: unknown, labels: Labels): boolean {
  if (!isObject(selector)) return false;
  for (const [key, value] of Object.entries(stringMap(selector.matchLabels))) {
    if (labels[key] !== value) return false;
  }
  for (const expression of arrayAt(selector, ['matchExpressions'])) {
    if (!isObject(expression) || typeof expression.key !== 'string') return false;
    const values = arrayAt(expression, ['values']).filter((v): v is string => typeof v === 'string');
    const actual = labels[expression.key];
    switch (expression.operator) {
      case 'In':
        if (actual === undefined || !values.includes(actual)) return false;
        break;
      case 'NotIn':
        if (actual !== undefined && values.includes(actual)) return false;
        break;
      case 'Exists':
        if (actual === undefined) return false;
        break;
      case 'DoesNotExist':
        if (actual !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A Service-style selector (plain map): matches when every pair is present. Empty matches nothing. */
export function mapSelectorMatches(selector: Labels, labels: Labels): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}
