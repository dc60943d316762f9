// The README's values table: one row per documented key, from the same schema as values.yaml.
import { formatPath, kubernetesTypeOf, type JsonSchema, type SchemaNode } from '@chartforge/spec';
import { codeSpan } from './markdown.js';

export interface ValuesTableRow {
  key: string;
  type: string;
  default: string;
  description: string;
}

function typeOf(schema: JsonSchema): string {
  const kubernetesType = kubernetesTypeOf(schema);
  if (kubernetesType) return kubernetesType;
  if (schema.enum) return 'string';
  if (schema.anyOf) return schema.anyOf.map(typeOf).filter((t, i, all) => all.indexOf(t) === i).join(' \\| ');
  if (Array.isArray(schema.type)) return schema.type.join(' \\| ');
  if (schema.type === 'object') return 'map';
  if (schema.type === 'array') return 'list';
  return schema.type ?? 'any';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function valuesTable(node: SchemaNode<unknown>, values: Record<string, unknown>, path: string[] = []): ValuesTableRow[] {
  const rows: ValuesTableRow[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childPath = [...path, key];
    const value = values[key];
    if (child.properties && value && typeof value === 'object') {
      for (const item of valuesTable(child, value as Record<string, unknown>, childPath)) rows.push(item);
      continue;
    }
    rows.push({
      key: cell(formatPath(childPath)),
      type: typeOf(child.schema),
      default: cell(codeSpan(JSON.stringify(value) ?? 'null')),
      description: cell(child.schema.description ?? ''),
    });
  }
  return rows;
}
