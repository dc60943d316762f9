// values.yaml: the chart's values with every key documented from the kind's schema, in the
// helm-docs comment dialect (`# -- description`) so existing tooling reads it too.
import { isPlainObject, kubernetesTypeOf, type JsonSchema, type SchemaNode } from '@chartforge/kinds';
import { Document, isMap, isPair, isScalar, Scalar, type YAMLMap } from 'yaml';
import { codeSpan } from './markdown.js';
import { goJson } from './go-json.js';

// JSON Schema types by the names helm-docs gives the values it sees.
const HELM_DOCS_TYPE_NAMES: Readonly<Record<string, string>> = { integer: 'int', number: 'float', string: 'string', boolean: 'bool', array: 'list', object: 'object', null: 'null' };

function typeNames(schema: JsonSchema): string[] {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.flatMap(typeNames);
  return [schema.type ?? []].flat().map((type) => HELM_DOCS_TYPE_NAMES[type] ?? type);
}

function describe(schema: JsonSchema): string {
  // helm-docs names a value's type from its default alone; a value that may be of several types
  // says so in its `(type)` prefix, which helm-docs shows instead.
  // A Kubernetes-typed value is named by its Kubernetes type (`EnvVar list`, `Affinity`).
  const kubernetesType = kubernetesTypeOf(schema);
  const types = [...new Set(typeNames(schema))];
  const typePrefix = kubernetesType ? `(${kubernetesType})` : types.length > 1 ? `(${types.join(' or ')})` : '';
  const parts = [typePrefix, schema.description ?? ''];
  if (schema.enum && !schema.description?.includes(String(schema.enum[0]))) {
    parts.push(`One of: ${schema.enum.map(String).join(', ')}.`);
  }
  return quoteFlags(parts.filter(Boolean).join(' '));
}

/**
 * helm-docs reads `# <key> -- <description>`, taking everything before the last " --" of the line
 * as an explicit key: a description that mentions `helm --timeout` would document a key named
 * "-- The helm" and drop the real one. Command-line flags outside code spans are therefore put
 * in backticks, so no whitespace ever comes right before "--" after the comment's own marker.
 */
export function quoteFlags(description: string): string {
  return description
    .split('`')
    .map((part, index) => (index % 2 === 0 ? part.replace(/(\s)(--[A-Za-z][-A-Za-z0-9]*)/g, '$1`$2`') : part))
    .join('`');
}

/** A key whose documented keys are listed one by one (a block of settings), not as one value. */
export function isBlock(node: SchemaNode<unknown>, value: unknown): boolean {
  return node.properties !== undefined && isPlainObject(value) && Object.keys(value).length > 0;
}

/**
 * The comment lines above a key, without the `#`. A value gets helm-docs' `-- description`; a
 * block gets a plain comment, since helm-docs would otherwise list the whole block as one more
 * row (its default the block's JSON) beside its keys. A default whose JSON holds a backtick or a
 * pipe would break helm-docs' code span or table cell, so it is given as an escaped code span
 * (`@default --`), which helm-docs writes as it is.
 */
export function keyComment(node: SchemaNode<unknown>, value: unknown): string[] {
  if (isBlock(node, value)) return [` ${quoteFlags(node.schema.description ?? '')}`];
  const lines = [` -- ${describe(node.schema)}`];
  const json = goJson(value);
  if (/[`|]/.test(json)) lines.push(` @default -- ${codeSpan(json).replace(/\|/g, '\\|')}`);
  return lines;
}

function annotate(map: YAMLMap, node: SchemaNode<unknown>, values: Record<string, unknown>): void {
  const properties = node.properties ?? {};
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const key = String(item.key.value);
    const child = properties[key];
    if (!child) continue;
    (item.key as Scalar).commentBefore = keyComment(child, values[key]).join('\n');
    if (child.properties && isMap(item.value)) annotate(item.value, child, values[key] as Record<string, unknown>);
  }
}

export function renderValuesYaml(node: SchemaNode<unknown>, values: Record<string, unknown>, header: string[]): string {
  const doc = new Document(values, { sortMapEntries: false });
  if (isMap(doc.contents)) annotate(doc.contents, node, values);
  doc.commentBefore = header.map((line) => (line ? ` ${line}` : '')).join('\n');
  return doc.toString({
    lineWidth: 0,
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    indentSeq: true,
    flowCollectionPadding: false,
  });
}
