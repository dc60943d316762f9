// A small predicate language for rules across values, with two interpreters that must agree:
// `evaluate` runs it on the values in TypeScript (the spec check), `toGo` writes the same condition
// as a Go template expression for the chart's `validateValues` (the `fail` at render time). Truth is
// Go template truth on both sides (false, 0, "", null, empty lists and maps are false), and numbers
// compared as `int` on both sides, so a rule cannot mean one thing in TypeScript and another in Helm.
// Inside a `forEach` row an expression also reads the current item (`item`, `itemName`): in Go the
// loop's `$item` and `$name`.

/** An expression over the values (merged with the chart's defaults). */
export type Expression =
  | { op: 'value'; path: readonly string[] }
  | { op: 'literal'; value: string | number | boolean }
  | { op: 'int' | 'string' | 'not'; of: Expression }
  | { op: 'and' | 'or'; of: readonly Expression[] }
  | { op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'; left: Expression; right: Expression }
  | { op: 'hasPrefix'; prefix: string; of: Expression }
  | { op: 'oneOf'; of: Expression; choices: readonly string[] }
  | { op: 'hasItemNamed'; list: Expression; name: string }
  | { op: 'item'; path: readonly string[]; fallback?: string | number | boolean }
  | { op: 'itemName' }
  | { op: 'includes'; list: Expression; of: Expression }
  | { op: 'join'; list: Expression; separator: string }
  | { op: 'hasKey'; map: Expression; key: Expression }
  | { op: 'lookup'; data: string; table: Readonly<Record<string, object>>; key: Expression; field: string };

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

/**
 * A value of the current item of a `forEach` row, `fallback` when a key on the way is missing
 * (Helm's `dig`; a key present with an empty value gives that value, not the fallback).
 */
export const item = (path: string, fallback?: string | number | boolean): Expression => ({ op: 'item', path: path.split('.'), fallback });
/** The current item's name (its key in the map a `forEach` row walks). */
export const itemName = (): Expression => ({ op: 'itemName' });
/** The list holds the value (Helm's `has`). */
export const includes = (list: Expression, of: Expression): Expression => ({ op: 'includes', list, of });
/** A list's items joined into one text (Helm's `join`). */
export const join = (list: Expression, separator: string): Expression => ({ op: 'join', list, separator });
/** The map has an entry named by the value's text (Helm's `hasKey`). */
export const hasKey = (map: Expression, key: Expression): Expression => ({ op: 'hasKey', map, key });
/**
 * A field of an entry of data fixed at generation time, e.g. the preset a step names: `table` is the
 * data in TypeScript, `data` the name the chart embeds it under (`<chart>.<data>` in `_generated.tpl`).
 */
export const lookup = (data: string, table: Readonly<Record<string, object>>, key: Expression, field: string): Expression => ({ op: 'lookup', data, table, key, field });

/** The item a `forEach` row is at: its name and value. */
export interface ItemScope {
  name: string;
  item: unknown;
}

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

function isMap(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** Helm's `dig`: the value at `path`, `fallback` when a key on the way is missing. */
function dig(at: unknown, path: readonly string[], fallback: unknown): unknown {
  for (const key of path) {
    if (!isMap(at) || !Object.hasOwn(at, key)) return fallback;
    at = at[key];
  }
  return at;
}

export function evaluate(expression: Expression, values: unknown, scope?: ItemScope): unknown {
  const of = (inner: Expression) => evaluate(inner, values, scope);
  switch (expression.op) {
    case 'value':
      return expression.path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), values);
    case 'literal':
      return expression.value;
    case 'int':
      return integer(of(expression.of));
    case 'string':
      return text(of(expression.of));
    case 'not':
      return !truthy(of(expression.of));
    case 'and':
      return expression.of.every((operand) => truthy(of(operand)));
    case 'or':
      return expression.of.some((operand) => truthy(of(operand)));
    case 'eq':
    case 'ne':
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      const left = of(expression.left) as number | string | boolean;
      const right = of(expression.right) as number | string | boolean;
      return { eq: left === right, ne: left !== right, lt: left < right, le: left <= right, gt: left > right, ge: left >= right }[expression.op];
    }
    case 'hasPrefix':
      return text(of(expression.of)).startsWith(expression.prefix);
    case 'oneOf':
      return expression.choices.includes(text(of(expression.of)));
    case 'hasItemNamed': {
      const list = of(expression.list);
      return Array.isArray(list) && list.some((entry) => isMap(entry) && text(entry.name) === expression.name);
    }
    case 'item':
      if (!scope) throw new Error('item() outside a forEach row');
      return dig(scope.item, expression.path, expression.fallback);
    case 'itemName':
      if (!scope) throw new Error('itemName() outside a forEach row');
      return scope.name;
    case 'includes': {
      const list = of(expression.list);
      return Array.isArray(list) && list.includes(of(expression.of));
    }
    case 'join': {
      const list = of(expression.list);
      // Helm's join takes a missing list as none and anything else as a list of one.
      return Array.isArray(list) ? list.map(text).join(expression.separator) : list === null || list === undefined ? '' : text(list);
    }
    case 'hasKey': {
      const map = of(expression.map);
      return isMap(map) && Object.hasOwn(map, text(of(expression.key)));
    }
    case 'lookup': {
      // As in Go, where `get` of a missing entry gives "" and reading a field of it fails the render:
      // the spec check then reports the schema's problem with the key (an enum) instead.
      const key = text(of(expression.key));
      if (!Object.hasOwn(expression.table, key)) throw new Error(`${expression.data} has no entry "${key}"`);
      return (expression.table[key] as Record<string, unknown>)[expression.field];
    }
  }
}



/** A Go template string literal. */
export function goString(text: string): string {
  return JSON.stringify(text);
}

/**
 * Lines a Go condition needs computed before it (a list's names), added once each to `setup`; the
 * condition reads them by variable name. `data` collects the generation-time data the conditions
 * look up (data name → variable), read once at the top of the define (`dataLines`).
 */
export interface GoSetup {
  lines: string[];
  variables: Map<string, string>;
  data: Map<string, string>;
}

export const newGoSetup = (data: Map<string, string> = new Map()): GoSetup => ({ lines: [], variables: new Map(), data });

/** The lines that read the data `setup` looked up, `<CHARTNAME>` standing for the chart's name. */
export function dataLines(data: ReadonlyMap<string, string>): string[] {
  return [...data].map(([name, variable]) => `{{- ${variable} := include "<CHARTNAME>.${name}" $ | fromJson }}`);
}

/** A Go list of path keys for `dig`. */
const digKeys = (path: readonly string[]) => path.map(goString).join(' ');

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
    case 'item':
      return `(dig ${digKeys(expression.path)} ${expression.fallback === undefined ? 'nil' : toGo(literal(expression.fallback), setup)} $item)`;
    case 'itemName':
      return '$name';
    case 'includes':
      return `(has ${toGo(expression.of, setup)} ${toGo(expression.list, setup)})`;
    case 'join':
      return `(join ${goString(expression.separator)} ${toGo(expression.list, setup)})`;
    case 'hasKey':
      return `(hasKey ${toGo(expression.map, setup)} (toString ${toGo(expression.key, setup)}))`;
    case 'lookup': {
      let table = setup.data.get(expression.data);
      if (!table) {
        table = `$${expression.data}`;
        setup.data.set(expression.data, table);
      }
      return `(get (get ${table} (toString ${toGo(expression.key, setup)})) ${goString(expression.field)})`;
    }
  }
}
