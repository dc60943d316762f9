// `chartforge values check`: validates values files against a chart's values.schema.json exactly
// as `helm install/template/lint` would — same YAML reading, same merge of the user's files, same
// coalescing with the chart's values.yaml, same JSON Schema draft — and reports every violation at
// the file, line and column that caused it rather than Helm's bare JSON path.
import { join, relative } from 'node:path';
import type { ErrorObject } from 'ajv';
import { compileSchema, describeSchemaError, type SchemaCompilation } from './values-schema.js';
import { readOptionalText as readOptional, readText } from './errors.js';
import { formatPath, sortFindings, type CheckFinding } from './findings.js';
import {
  coalesceWithDefaults,
  mergeUserValues,
  parseValues,
  toPlain,
  type Origin,
  type Tracked,
  type TrackedMap,
} from './values-yaml.js';

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

function pointerSegments(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

/** Where to report a schema error: the value itself, or the key for maps and lists. */
function locate(root: TrackedMap, error: ErrorObject): { at: Origin; path: Array<string | number> } {
  const path = pointerSegments(error.instancePath);
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
function schemaFindings(root: TrackedMap, compiled: SchemaCompilation): CheckFinding[] {
  const plain = toPlain(root);
  if (compiled.validate(plain)) return [];
  return (compiled.validate.errors ?? [])
    .filter((error) => error.keyword !== 'if')
    .map((error) => {
      const { at, path } = locate(root, error);
      const node = nodeAt(root, error.instancePath);
      const message = describeSchemaError(error, node ? toPlain(node) : undefined, path) + removedNote(root, error);
      return { file: at.file, line: at.line, column: at.column, severity: 'error', rule: 'values-schema', path: formatPath(path), message };
    });
}

/**
 * Checks the user's values files against the chart's values.schema.json the way Helm does.
 * Never throws for bad input: YAML and schema problems are findings. Throws PublishIOError when a
 * file cannot be read at all.
 */
export function checkValues(options: ValuesCheckOptions): ValuesCheckResult {
  const chartDisplay = options.chartDisplayDir ?? relative(process.cwd(), options.chartDir) ?? '.';
  const display = (name: string): string => (chartDisplay === '' || chartDisplay === '.' ? name : join(chartDisplay, name));
  readText(join(options.chartDir, 'Chart.yaml'), 'chart file', display('Chart.yaml'));
  const findings: CheckFinding[] = [];

  const defaultsText = readOptional(join(options.chartDir, 'values.yaml')) ?? '';
  const defaults = parseValues(display('values.yaml'), defaultsText);
  findings.push(...defaults.findings);

  let user: TrackedMap | undefined;
  for (const input of options.valuesFiles) {
    const text = input.text ?? readText(input.path, 'values file', input.displayName);
    const parsed = parseValues(input.displayName ?? input.path, text);
    findings.push(...parsed.findings);
    user = user ? mergeUserValues(user, parsed.root) : parsed.root;
  }
  const merged = user ? coalesceWithDefaults(user, defaults.root) : defaults.root;
  const values = toPlain(merged) as Record<string, unknown>;

  const schemaName = display('values.schema.json');
  const schemaText = readOptional(join(options.chartDir, 'values.schema.json'));
  if (schemaText === undefined) return { schemaFound: false, findings: sortFindings(findings), values };

  const compiled = compileSchema(schemaName, schemaText);
  findings.push(...compiled.findings);
  // Values with YAML errors were not read completely: schema errors about them would mislead.
  const syntaxBroken = findings.some((finding) => finding.severity === 'error');
  if (compiled.validate && !syntaxBroken) findings.push(...schemaFindings(merged, compiled as SchemaCompilation));
  return { schemaFound: true, findings: sortFindings(findings), values };
}
