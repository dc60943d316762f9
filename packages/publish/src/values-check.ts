// `chartforge values check`: validates values files against a chart's values.schema.json exactly
// as `helm install/template/lint` would — same YAML reading, same merge of the user's files, same
// coalescing with the chart's values.yaml, same JSON Schema draft — and reports every violation at
// the file, line and column that caused it rather than Helm's bare JSON path.
import { relative } from 'node:path';
import { loadValuesChart, type ValuesChart } from './values-chart.js';
import type { ErrorObject } from 'ajv';
import { compileSchema, describeSchemaError, type SchemaCompilation } from './values-schema.js';
import { readText } from './errors.js';
import { formatPath, pointerToPath } from '@chartforge/core';
import { sortFindings, type CheckFinding, type CheckRule } from './findings.js';
import {
  coalesceWithDefaults,
  mergeUserValues,
  parseValues,
  toPlain,
  type Origin,
  type Tracked,
  type TrackedMap,
} from './values-yaml.js';

export const VALUES_SCHEMA_RULE: CheckRule = {
  id: 'values-schema',
  summary: "Values match the chart's values schema",
  description: "A values file, with the chart's own values under it, must satisfy the chart's values.schema.json (and its subcharts'), which helm install, upgrade and template enforce.",
};

export interface ValuesInput {
  /** Path of the file on disk. */
  path: string;
  /** Name findings use for it (defaults to the path). */
  displayName?: string;
  /** Content; read from `path` when absent. */
  text?: string;
}

export interface ValuesCheckOptions {
  chartDir: string;
  /** The user's values files in `-f` order: later files override earlier ones. */
  valuesFiles: ValuesInput[];
  /** How the chart's own files are named in findings (defaults to paths relative to the cwd). */
  chartDisplayDir?: string;
}

export interface ValuesCheckResult {
  /** false when the chart has no values.schema.json (Helm then validates nothing). */
  schemaFound: boolean;
  findings: CheckFinding[];
  /** The values Helm would render with (chart defaults coalesced with the user's files). */
  values: Record<string, unknown>;
}

/** The node at a JSON pointer (ajv's instancePath), or undefined where the path leaves the values. */
function nodeAt(root: Tracked, pointer: string): Tracked | undefined {
  if (pointer === '') return root;
  let node: Tracked | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node?.kind === 'map') node = node.entries.get(segment);
    else if (node?.kind === 'list') node = node.items[Number(segment)];
    else return undefined;
  }
  return node;
}

/** Where to report a schema error: the value itself, or the key for maps and lists. */
function locate(root: TrackedMap, error: ErrorObject): { at: Origin; path: Array<string | number> } {
  const path = pointerToPath(error.instancePath);
  const node = nodeAt(root, error.instancePath) ?? root;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && node.kind === 'map') {
    const missing = String(params.missingProperty);
    const removedAt = node.removed?.get(missing);
    return { at: removedAt ?? node.keyAt ?? node.at, path: [...path, missing] };
  }
  const childKey = error.keyword === 'additionalProperties' ? params.additionalProperty : error.keyword === 'propertyNames' ? params.propertyName : undefined;
  if (childKey !== undefined && node.kind === 'map') {
    const child = node.entries.get(String(childKey));
    return { at: child?.keyAt ?? child?.at ?? node.at, path: [...path, String(childKey)] };
  }
  return { at: node.kind === 'scalar' ? node.at : (node.keyAt ?? node.at), path };
}

function removedNote(root: TrackedMap, error: ErrorObject): string {
  if (error.keyword !== 'required') return '';
  const node = nodeAt(root, error.instancePath);
  const missing = String((error.params as Record<string, unknown>).missingProperty);
  return node?.kind === 'map' && node.removed?.has(missing) ? ' (this null removed the chart default)' : '';
}

/** Every error ajv reports, located in the file that supplied the offending value. */
function schemaFindings(root: TrackedMap, compiled: SchemaCompilation, prefix: ReadonlyArray<string | number>, chartName: string): CheckFinding[] {
  const plain = toPlain(root);
  if (compiled.validate(plain)) return [];
  return (compiled.validate.errors ?? [])
    .filter((error) => error.keyword !== 'if')
    .map((error) => {
      const { at, path } = locate(root, error);
      const node = nodeAt(root, error.instancePath);
      const fullPath = [...prefix, ...path];
      let message = describeSchemaError(error, node ? toPlain(node) : undefined, fullPath) + removedNote(root, error);
      if (prefix.length > 0) {
        message += ` (schema of subchart ${chartName})`;
        if (error.keyword === 'additionalProperties' && (error.params as Record<string, unknown>).additionalProperty === 'global') {
          message += ': Helm gives every subchart a "global" map, so its schema must allow one';
        }
      }
      return { file: at.file, line: at.line, column: at.column, severity: 'error', rule: VALUES_SCHEMA_RULE.id, path: formatPath(fullPath), message };
    });
}

function emptyMap(at: Origin): TrackedMap {
  return { kind: 'map', entries: new Map(), at };
}

/** A path of keys in the values, e.g. a dependency condition `redis.enabled`. */
function valueAt(root: TrackedMap, dotted: string): Tracked | undefined {
  let node: Tracked | undefined = root;
  for (const key of dotted.split('.')) node = node?.kind === 'map' ? node.entries.get(key) : undefined;
  return node;
}

/**
 * The subcharts Helm keeps, under the key their values live at (alias or name): charts not listed
 * in Chart.yaml always; listed ones unless their tags (top-level `tags`) or condition turn them off.
 */
function enabledSubcharts(chart: ValuesChart, values: TrackedMap, top: TrackedMap): Array<{ subchart: ValuesChart; key: string }> {
  const kept: Array<{ subchart: ValuesChart; key: string }> = [];
  const listed = new Set(chart.dependencies.map((dependency) => dependency.name));
  for (const subchart of chart.subcharts) if (!listed.has(subchart.name)) kept.push({ subchart, key: subchart.name });
  const tags = top.entries.get('tags');
  for (const dependency of chart.dependencies) {
    const subchart = chart.subcharts.find((candidate) => candidate.name === dependency.name);
    if (!subchart) continue;
    let enabled = true;
    const tagValues = (dependency.tags ?? []).map((tag) => (tags?.kind === 'map' ? tags.entries.get(tag) : undefined)).filter((v): v is Tracked => v?.kind === 'scalar' && typeof v.value === 'boolean');
    if (tagValues.length > 0) enabled = tagValues.some((v) => v.kind === 'scalar' && v.value === true);
    for (const condition of (dependency.condition ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '')) {
      const value = valueAt(values, condition);
      if (value?.kind === 'scalar' && typeof value.value === 'boolean') {
        enabled = value.value;
        break;
      }
    }
    if (enabled) kept.push({ subchart, key: dependency.alias || dependency.name });
  }
  return kept;
}

/** Helm's coalesceGlobals: the parent's `global` values win over the subchart's own. */
function withParentGlobals(subValues: TrackedMap, parentGlobal: Tracked | undefined): TrackedMap {
  const own = subValues.entries.get('global');
  let globals: TrackedMap = own?.kind === 'map' ? own : emptyMap(subValues.keyAt ?? subValues.at);
  if (parentGlobal?.kind === 'map') {
    const entries = new Map(globals.entries);
    for (const [key, value] of parentGlobal.entries) {
      const existing = entries.get(key);
      if (value.kind === 'map' && existing?.kind === 'map') entries.set(key, coalesceWithDefaults(value, existing));
      else if (!(existing?.kind === 'map' && value.kind !== 'map')) entries.set(key, value);
    }
    globals = { ...globals, entries };
  }
  const entries = new Map(subValues.entries);
  entries.set('global', globals);
  return { ...subValues, entries };
}

interface ChartCheck {
  findings: CheckFinding[];
  /** The top chart's values, for dependency tags. */
  top?: TrackedMap;
  prefix: Array<string | number>;
  /** Set once a user file has a YAML error: schema errors would then mislead. */
  syntaxBroken: boolean;
}

/** Coalesces a chart's defaults under the values given to it, recursing into subcharts, then validates. */
function checkChart(chart: ValuesChart, given: TrackedMap | undefined, check: ChartCheck): TrackedMap {
  const defaults = parseValues(chart.fileName('values.yaml'), chart.valuesText ?? '');
  for (const item of defaults.findings) check.findings.push(item);
  let merged = given ? coalesceWithDefaults(given, defaults.root) : defaults.root;
  const top = check.top ?? merged;
  const subcharts = enabledSubcharts(chart, merged, top);
  if (subcharts.length > 0) {
    const entries = new Map(merged.entries);
    for (const { subchart, key } of subcharts) {
      const node = entries.get(key);
      const subValues = node?.kind === 'map' ? node : emptyMap(node?.keyAt ?? merged.keyAt ?? merged.at);
      const coalesced = checkChart(subchart, withParentGlobals(subValues, entries.get('global')), { ...check, top, prefix: [...check.prefix, key] });
      entries.set(key, { ...coalesced, ...(node?.keyAt ? { keyAt: node.keyAt } : {}) });
    }
    merged = { ...merged, entries };
  }
  if (chart.schemaText !== undefined) {
    const compiled = compileSchema(chart.fileName('values.schema.json'), chart.schemaText);
    for (const item of compiled.findings) check.findings.push(item);
    const broken = check.syntaxBroken || defaults.findings.some((finding) => finding.severity === 'error');
    if (compiled.validate && !broken) for (const item of schemaFindings(merged, compiled as SchemaCompilation, check.prefix, chart.name)) check.findings.push(item);
  }
  return merged;
}

/**
 * Checks the user's values files against the chart's values.schema.json — and those of its
 * enabled subcharts, with the values Helm hands each one — the way Helm does. Never throws for bad
 * values: YAML and schema problems are findings. Throws PublishIOError when a file cannot be read,
 * ChartError when a Chart.yaml is invalid.
 */
export function checkValues(options: ValuesCheckOptions): ValuesCheckResult {
  const chartDisplay = options.chartDisplayDir ?? relative(process.cwd(), options.chartDir);
  const chart = loadValuesChart(options.chartDir, chartDisplay);
  const findings: CheckFinding[] = [];
  let user: TrackedMap | undefined;
  for (const input of options.valuesFiles) {
    const text = input.text ?? readText(input.path, 'values file', input.displayName);
    const parsed = parseValues(input.displayName ?? input.path, text);
    for (const item of parsed.findings) findings.push(item);
    user = user ? mergeUserValues(user, parsed.root) : parsed.root;
  }
  const syntaxBroken = findings.some((finding) => finding.severity === 'error');
  const merged = checkChart(chart, user, { findings, prefix: [], syntaxBroken });
  return { schemaFound: chart.schemaText !== undefined, findings: sortFindings(findings), values: toPlain(merged) as Record<string, unknown> };
}
