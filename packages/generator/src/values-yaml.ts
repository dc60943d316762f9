// values.yaml: the chart's values with every key documented from the kind's schema, in the
// helm-docs comment dialect (`# -- description`) so existing tooling reads it too.
import { type JsonSchema, type SchemaNode } from '@chartforge/spec';
import { Document, isMap, isPair, isScalar, Scalar, type YAMLMap } from 'yaml';

function describe(schema: JsonSchema): string {
  const parts = [schema.description ?? ''];
  if (schema.enum && !schema.description?.includes(String(schema.enum[0]))) {
    parts.push(`One of: ${schema.enum.map(String).join(', ')}.`);
  }
  return parts.filter(Boolean).join(' ');
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
