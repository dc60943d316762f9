// Schemas for editors and pull-request checks of files people write by hand. Those files are
// partial (Helm merges them over values.yaml), so nothing in them is required.
import { chartMetadataFor, toValuesSchema, type ChartKind, type JsonSchema } from '@chartforge/kinds';
import { valuesSchemaWithExamples } from './values-schema.js';

function withoutRequired(schema: JsonSchema): JsonSchema {
  const copy: JsonSchema = { ...schema };
  delete copy.required;
  if (copy.properties) {
    copy.properties = Object.fromEntries(Object.entries(copy.properties).map(([key, child]) => [key, withoutRequired(child)]));
  }
  if (copy.items) copy.items = withoutRequired(copy.items);
  if (copy.anyOf) copy.anyOf = copy.anyOf.map(withoutRequired);
  if (copy.additionalProperties && typeof copy.additionalProperties === 'object') {
    copy.additionalProperties = withoutRequired(copy.additionalProperties);
  }
  return copy;
}

/** Schema of a values override file (`-f values-prod.yaml`) of a chart of this kind. */
export function valuesFileSchema(kind: ChartKind<unknown>): JsonSchema {
  const schema = withoutRequired(valuesSchemaWithExamples(kind, `Values file of a chartforge ${kind.name} chart`));
  // Array items keep their required keys: Helm replaces lists whole, so an item must be complete.
  return restoreItemRequired(schema, toValuesSchema(kind.values, ''));
}

function restoreItemRequired(partial: JsonSchema, full: JsonSchema): JsonSchema {
  if (partial.items && full.items) partial.items = { ...full.items };
  for (const [key, child] of Object.entries(partial.properties ?? {})) {
    const fullChild = full.properties?.[key];
    if (fullChild) restoreItemRequired(child, fullChild);
  }
  return partial;
}

/** Schema of a spec file for `chartforge generate <kind> -f`: a values file plus `chart` metadata. */
export function specFileSchema(kind: ChartKind<unknown>): JsonSchema {
  const values = valuesFileSchema(kind);
  return {
    ...values,
    title: `chartforge ${kind.name} spec`,
    description: `Spec of a chartforge ${kind.name} chart: values, plus chart metadata under \`chart\`.`,
    properties: { chart: withoutRequired(chartMetadataFor(kind).schema), ...values.properties },
  };
}
