// A small predicate language for rules across values, with two interpreters that must agree:
// `evaluate` runs it on the values in TypeScript (the spec check), `toGo` writes the same condition
// as a Go template expression for the chart's `validateValues` (the `fail` at render time). Truth is
// Go template truth on both sides (false, 0, "", null, empty lists and maps are false), and numbers
// compared as `int` on both sides, so a rule cannot mean one thing in TypeScript and another in Helm.

/** An expression over the values (merged with the chart's defaults). */
export type Expression =
  | { op: 'value'; path: readonly string[] }
  | { op: 'literal'; value: string | number | boolean }
  | { op: 'int' | 'string' | 'not'; of: Expression }
  | { op: 'and' | 'or'; of: readonly Expression[] }
  | { op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'; left: Expression; right: Expression }
  | { op: 'hasPrefix'; prefix: string; of: Expression }
  | { op: 'oneOf'; of: Expression; choices: readonly string[] }
  | { op: 'hasItemNamed'; list: Expression; name: string };

/** The value at a dotted path, e.g. `value('autoscaling.maxReplicas')`. */
export const value = (path: string): Expression => ({ op: 'value', path: path.split('.') });
export const literal = (value: string | number | boolean): Expression => ({ op: 'literal', value });
/** A number truncated to an integer (Helm's `int`): compare numbers through it on both sides. */
export const int = (of: Expression): Expression => ({ op: 'int', of });
/** A value as text (Helm's `toString`): 0 and "0" read alike. */
export const string = (of: Expression): Expression => ({ op: 'string', of });
export const not = (of: Expression): Expression => ({ op: 'not', of });
export const and = (...of: Expression[]): Expression => ({ op: 'and', of });
export const or = (...of: Expression[]): Expression => ({ op: 'or', of });
export const eq = (left: Expression, right: Expression): Expression => ({ op: 'eq', left, right });
export const ne = (left: Expression, right: Expression): Expression => ({ op: 'ne', left, right });
export const lt = (left: Expression, right: Expression): Expression => ({ op: 'lt', left, right });
export const le = (left: Expression, right: Expression): Expression => ({ op: 'le', left, right });
export const gt = (left: Expression, right: Expression): Expression => ({ op: 'gt', left, right });
export const ge = (left: Expression, right: Expression): Expression => ({ op: 'ge', left, right });
export const hasPrefix = (prefix: string, of: Expression): Expression => ({ op: 'hasPrefix', prefix, of });
/** The value's text is one of `choices`. */
export const oneOf = (of: Expression, choices: readonly string[]): Expression => ({ op: 'oneOf', of, choices });
/** A list of `{name: …}` entries has one named `name`. */
export const hasItemNamed = (list: Expression, name: string): Expression => ({ op: 'hasItemNamed', list, name });

/** Go template truth: what `{{ if x }}` takes as true. */
export function truthy(x: unknown): boolean {
  if (Array.isArray(x)) return x.length > 0;
  if (x !== null && typeof x === 'object') return Object.keys(x).length > 0;
  return Boolean(x);
}

/** Helm's `toString`. */
function text(x: unknown): string {
  return x === null || x === undefined ? '<nil>' : String(x);
}

/** Helm's `int`: a number or numeric text truncated toward zero, anything else 0. */
function integer(x: unknown): number {
  const number = typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : typeof x === 'boolean' ? Number(x) : NaN;
  return Number.isFinite(number) ? Math.trunc(number) : 0;
}

export function evaluate(expression: Expression, values: unknown): unknown {
  switch (expression.op) {
    case 'value':
      return expression.path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), values);
    case 'literal':
      return expression.value;
    case 'int':
      return integer(evaluate(expression.of, values));
    case 'string':
      return text(evaluate(expression.of, values));
    case 'not':
      return !truthy(evaluate(expression.of, values));
    case 'and':
      return expression.of.every((of) => truthy(evaluate(of, values)));
    case 'or':
      return expression.of.some((of) => truthy(evaluate(of, values)));
    case 'eq':
    case 'ne':
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      const left = evaluate(expression.left, values) as number | string | boolean;
      const right = evaluate(expression.right, values) as number | string | boolean;
      return { eq: left === right, ne: left !== right, lt: left < right, le: left <= right, gt: left > right, ge: left >= right }[expression.op];
    }
    case 'hasPrefix':
      return text(evaluate(expression.of, values)).startsWith(expression.prefix);
    case 'oneOf':
      return expression.choices.includes(text(evaluate(expression.of, values)));
    case 'hasItemNamed': {
      const list = evaluate(expression.list, values);
      return Array.isArray(list) && list.some((item) => item !== null && typeof item === 'object' && text((item as { name?: unknown }).name) === expression.name);
    }
  }
}

/** A Go template string literal. */
export function goString(text: string): string {
  return JSON.stringify(text);
}

/**
 * Lines a Go condition needs computed before it (a list's names), added once each to `setup`; the
 * condition reads them by variable name.
 */
export interface GoSetup {
  lines: string[];
  variables: Map<string, string>;
}

export function toGo(expression: Expression, setup: GoSetup): string {
  switch (expression.op) {
    case 'value':
      return `$v.${expression.path.join('.')}`;
    case 'literal':
      return typeof expression.value === 'string' ? goString(expression.value) : String(expression.value);
    case 'int':
      return `(int ${toGo(expression.of, setup)})`;
    case 'string':
      return `(toString ${toGo(expression.of, setup)})`;
    case 'not':
      return `(not ${toGo(expression.of, setup)})`;
    case 'and':
    case 'or':
      return `(${expression.op} ${expression.of.map((of) => toGo(of, setup)).join(' ')})`;
    case 'eq':
    case 'ne':
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
      return `(${expression.op} ${toGo(expression.left, setup)} ${toGo(expression.right, setup)})`;
    case 'hasPrefix':
      return `(hasPrefix ${goString(expression.prefix)} (toString ${toGo(expression.of, setup)}))`;
    case 'oneOf':
      return `(has (toString ${toGo(expression.of, setup)}) (list ${expression.choices.map(goString).join(' ')}))`;
    case 'hasItemNamed': {
      const list = toGo(expression.list, setup);
      let names = setup.variables.get(list);
      if (!names) {
        names = `$names${setup.variables.size + 1}`;
        setup.variables.set(list, names);
        setup.lines.push(`{{- ${names} := list }}`, `{{- range ${list} }}`, `{{- ${names} = append ${names} (toString .name) }}`, '{{- end }}');
      }
      return `(has ${goString(expression.name)} ${names})`;
    }
  }
}
