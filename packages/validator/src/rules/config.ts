// `.chartforge.yaml`: the project's lint configuration, schema-checked, with errors that point
// at the offending line and column.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { RULES } from './registry.js';
import type { RuleSetting } from './engine.js';
import { PSS_LEVELS, type PssLevel, type Rule, type RuleParameter } from './types.js';

export const CONFIG_FILE_NAMES = ['.chartforge.yaml', '.chartforge.yml'] as const;

export interface ChartforgeConfig {
  /** Kubernetes version to validate against (`1.30`). */
  kubernetesVersion?: string;
  /** Version of a planned upgrade (`1.32`). */
  upgradeTo?: string;
  pss?: PssLevel;
  rules?: Record<string, RuleSetting>;
}

/** A configuration file that cannot be used; `line`/`column` are 1-based. */
export class ConfigFileError extends Error {
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly problem: string) {
    super(`${file}:${line}:${column}: ${problem}`);
    this.name = 'ConfigFileError';
  }
}

function parameterSchema(spec: RuleParameter): object {
  return spec.type === 'string[]' ? { type: 'array', items: { type: 'string' } } : { type: spec.type };
}

const SEVERITY = { enum: ['off', 'error', 'warning', 'info'] };
const VERSION = { type: 'string', pattern: '^v?\\d+\\.\\d+(\\.\\d+)?$' };

/** JSON Schema of the config file, derived from the registered rules and their parameters. */
export function configSchema(registry: readonly Rule[] = RULES): object {
  const rules: Record<string, object> = {};
  for (const rule of registry) {
    const parameters: Record<string, object> = {};
    for (const [name, spec] of Object.entries(rule.meta.parameters ?? {})) parameters[name] = { ...parameterSchema(spec), description: spec.description };
    rules[rule.meta.id] = {
      description: rule.meta.summary,
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
      rules: { type: 'object', additionalProperties: false, properties: rules, description: 'Per-rule severity ("off" disables) and parameters.' },
    },
  };
}

let compiled: ReturnType<Ajv['compile']> | undefined;

function validator(): ReturnType<Ajv['compile']> {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema());
  return compiled;
}

function nodeAt(root: unknown, path: readonly string[], key: boolean): Node | undefined {
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === path[i]);
    if (!pair) return undefined;
    node = key && i === path.length - 1 ? pair.key : pair.value;
  }
  return node as Node | undefined;
}

/** The most useful ajv error per location: oneOf branches produce noise, keep the specific one. */
function describe(error: ErrorObject): { path: string[]; key: boolean; message: string } {
  const path = error.instancePath.split('/').slice(1).map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
  const where = path.length > 0 ? path.join('.') : 'the file';
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    const what = path.at(-1) === 'rules' ? `unknown rule "${extra}" (run \`chartforge rules\` for the list)` : path.at(-1) === 'parameters' ? `unknown parameter "${extra}"` : `unknown key "${extra}"`;
    return { path: [...path, extra], key: true, message: `${where}: ${what}` };
  }
  if (error.keyword === 'enum') {
    return { path, key: false, message: `${where}: expected one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` };
  }
  if (error.keyword === 'pattern') return { path, key: false, message: `${where}: expected a Kubernetes version such as "1.30"` };
  return { path, key: false, message: `${where}: ${error.message ?? 'invalid'}` };
}

/** Parses and schema-checks config text; throws ConfigFileError at the first problem. */
export function parseConfig(text: string, file: string): ChartforgeConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const position = (offset: number) => lineCounter.linePos(offset);
  const syntax = document.errors[0];
  if (syntax) {
    const { line, col } = position(syntax.pos[0]);
    throw new ConfigFileError(file, line, col, syntax.message.split('\n')[0] ?? 'invalid YAML');
  }
  const data: unknown = document.toJS() ?? {};
  const validate = validator();
  if (!validate(data)) {
    const errors = (validate.errors ?? []).map(describe);
    // With oneOf, prefer the error that reaches deepest into the document (the real mistake).
    const chosen = errors.reduce((best, e) => (e.path.length > best.path.length ? e : best), errors[0] ?? { path: [], key: false, message: 'invalid configuration' });
    const node = nodeAt(document.contents, chosen.path, chosen.key) ?? nodeAt(document.contents, chosen.path.slice(0, -1), false);
    const { line, col } = position(node?.range?.[0] ?? 0);
    throw new ConfigFileError(file, line, col, chosen.message);
  }
  return data as ChartforgeConfig;
}

/** Reads the config at `explicitPath`, or the first of CONFIG_FILE_NAMES in `cwd`; undefined when none. */
export function loadConfig(cwd: string, explicitPath?: string): { file: string; config: ChartforgeConfig } | undefined {
  const file = explicitPath ?? CONFIG_FILE_NAMES.map((name) => join(cwd, name)).find((candidate) => existsSync(candidate));
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigFileError(file, 1, 1, `cannot read the config file: ${reason}`);
  }
  return { file, config: parseConfig(text, file) };
}
