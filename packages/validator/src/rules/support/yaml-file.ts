// Reading a small YAML input file (config, node pools) against a JSON Schema, with every problem
// reported at its file:line:column.
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { Node } from 'yaml';
import { pointerToPath } from '@chartforge/core';

import { InputFileError } from '../../read/error.js';
import { parseYamlWithinLimits } from '../../read/yaml.js';

export { InputFileError };

// ajv and yaml are loaded when a file is actually read: every lint run loads this module (for the
// config file), most find no config file, and the two libraries are a large part of a cold start.
const require = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const yamlLib = () => (yamlModule ??= require('yaml') as typeof import('yaml'));
let ajvInstance: Ajv | undefined;
// verbose: errors carry their schema, so a oneOf can speak with its own `x-expected` words.
const ajv = () => (ajvInstance ??= new (require('ajv') as typeof import('ajv')).Ajv({ allErrors: true, strict: false, verbose: true }));
const compiled = new WeakMap<object, ValidateFunction>();

function nodeAt(root: unknown, path: readonly string[], key: boolean): Node | undefined {
  const { isMap, isPair, isScalar } = yamlLib();
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === step);
      if (!pair) return undefined;
      node = key && i === path.length - 1 ? pair.key : pair.value;
    } else if (node && typeof node === 'object' && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      node = (node as { items: unknown[] }).items[Number(step)];
    } else {
      return undefined;
    }
  }
  return node as Node | undefined;
}

/** One readable message per ajv error, with the document path it points at. */
function describe(error: ErrorObject): { path: string[]; key: boolean; message: string; preferred?: boolean } {
  // Keys as written: the path is shown joined with dots and looked up segment by segment.
  const path = pointerToPath(error.instancePath).map(String);
  const where = path.length > 0 ? path.join('.') : 'the file';
  const expected = (error.parentSchema as { 'x-expected'?: unknown } | undefined)?.['x-expected'];
  if (error.keyword === 'oneOf' && typeof expected === 'string') return { path, key: false, message: `${where}: expected ${expected}`, preferred: true };
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    const what = path.at(-1) === 'rules' ? `unknown rule "${extra}" (run \`chartforge rules\` for the list)` : path.at(-1) === 'parameters' ? `unknown parameter "${extra}"` : `unknown key "${extra}"`;
    return { path: [...path, extra], key: true, message: `${where}: ${what}` };
  }
  if (error.keyword === 'enum') {
    return { path, key: false, message: `${where}: expected one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` };
  }
  if (error.keyword === 'pattern' && (error.params as { pattern: string }).pattern === VERSION_PATTERN) return { path, key: false, message: `${where}: expected a Kubernetes version such as "1.30"` };
  if (error.keyword === 'required') {
    return { path, key: false, message: `${where}: missing required key "${String((error.params as { missingProperty: string }).missingProperty)}"` };
  }
  return { path, key: false, message: `${where}: ${error.message ?? 'invalid'}` };
}

export const VERSION_PATTERN = '^v?\\d+\\.\\d+(\\.\\d+)?$';

export interface ReadYaml {
  readonly data: unknown;
  /** An InputFileError pointing at the value at `path` (keys and array indexes). */
  errorAt(path: readonly (string | number)[], problem: string): InputFileError;
}

/** Parses YAML text and checks it against `schema`; throws InputFileError at the first problem. */
export function readYamlAgainstSchema(text: string, file: string, schema: object): ReadYaml {
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  // Within the read limits first: aliases that expand without end or refer to themselves throw
  // here, at their position, instead of in toJS.
  const checked = parseYamlWithinLimits(text, file, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const document = checked.documents[0] ?? parseDocument('', { lineCounter });
  const second = checked.documents[1];
  if (second) {
    const { line, col } = lineCounter.linePos(second.contents?.range?.[0] ?? 0);
    throw new InputFileError(file, line, col, 'a second YAML document: this file holds one');
  }
  const position = (offset: number) => lineCounter.linePos(offset);
  const syntax = document.errors[0];
  if (syntax) {
    const { line, col } = position(syntax.pos[0]);
    throw new InputFileError(file, line, col, syntax.message.split('\n')[0] ?? 'invalid YAML');
  }
  const data: unknown = document.toJS({ maxAliasCount: -1 }) ?? {};
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv().compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(data)) {
    const errors = (validate.errors ?? []).map(describe);
    // With oneOf, the error that reaches deepest into the document is the real mistake.
    const rank = (e: { path: string[]; preferred?: boolean }) => e.path.length * 2 + (e.preferred ? 1 : 0);
    const chosen = errors.reduce((best, e) => (rank(e) > rank(best) ? e : best), errors[0] ?? { path: [], key: false, message: 'invalid' });
    const node = nodeAt(document.contents, chosen.path, chosen.key) ?? nodeAt(document.contents, chosen.path.slice(0, -1), false);
    const { line, col } = position(node?.range?.[0] ?? 0);
    throw new InputFileError(file, line, col, chosen.message);
  }
  return {
    data,
    errorAt(path, problem) {
      const { line, col } = position(nodeAt(document.contents, path.map(String), false)?.range?.[0] ?? 0);
      return new InputFileError(file, line, col, problem);
    },
  };
}
