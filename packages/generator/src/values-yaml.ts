// values.yaml: the chart's values with every key documented from the kind's schema, in the
// helm-docs comment dialect (`# -- description`) so existing tooling reads it too.
import { type JsonSchema, type SchemaNode } from '@chartforge/spec';
import { Document, isMap, isPair, isScalar, Scalar, type YAMLMap } from 'yaml';

function describe(schema: JsonSchema): string {
  const parts = [schema.description ?? ''];
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

function annotate(map: YAMLMap, node: SchemaNode<unknown>, indent: string): void {
  const properties = node.properties ?? {};
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const child = properties[String(item.key.value)];
    if (!child) continue;
    (item.key as Scalar).commentBefore = ` -- ${describe(child.schema)}`;
    if (child.properties && isMap(item.value)) annotate(item.value, child, `${indent}  `);
  }
}

export function renderValuesYaml(node: SchemaNode<unknown>, values: Record<string, unknown>, header: string[]): string {
  const doc = new Document(values, { sortMapEntries: false });
  if (isMap(doc.contents)) annotate(doc.contents, node, '');
  doc.commentBefore = header.map((line) => (line ? ` ${line}` : '')).join('\n');
  return doc.toString({
    lineWidth: 0,
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    indentSeq: true,
    flowCollectionPadding: false,
  });
}
