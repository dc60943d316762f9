// A small typed builder for draft-07 JSON Schema. Each chart kind's values are written once with
// it; the TypeScript type (Infer), values.schema.json, the documented values.yaml and the README
// values table are all derived from that one definition.
import kubernetesDefinitions from './kubernetes-definitions.json' with { type: 'json' };

export type JsonSchema = {
  $schema?: string;
  $id?: string;
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: readonly unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  propertyNames?: JsonSchema;
  minProperties?: number;
};

declare const inferred: unique symbol;

/** A schema together with the TypeScript type of the values it accepts. */
export interface SchemaNode<T> {
  readonly schema: JsonSchema;
  /** Property definitions of an object node, in declaration (and values.yaml) order. */
  readonly properties?: Readonly<Record<string, SchemaNode<unknown>>>;
  readonly [inferred]?: T;
}

export type Infer<N> = N extends SchemaNode<infer T> ? T : never;

interface Meta<T> {
  /** Required: every value is documented in values.yaml and the README. */
  description: string;
  default: T;
  examples?: T[];
}

type StringMeta<T extends string = string> = Meta<T> & {
  pattern?: string;
  patternDescription?: string;
  minLength?: number;
  maxLength?: number;
  format?: string;
};

/**
 * What a patterned value is, in words, goes in the schema's `title` (a standard annotation, so a
 * strict JSON Schema tool accepts it and an editor shows it): the values checks say "must be a
 * Kubernetes quantity such as …" with it instead of quoting the regular expression.
 */
const QUANTITY_TITLE = 'a Kubernetes quantity such as "500m", "2", "1Gi"';

type NumberMeta = Meta<number> & { minimum?: number; maximum?: number; exclusiveMinimum?: number };

function node<T>(schema: JsonSchema, properties?: Record<string, SchemaNode<unknown>>): SchemaNode<T> {
  return properties ? { schema, properties } : { schema };
}

function base<T>(type: string | undefined, meta: Meta<T>): JsonSchema {
  const schema: JsonSchema = {};
  if (type) schema.type = type;
  schema.description = meta.description;
  schema.default = meta.default;
  if (meta.examples) schema.examples = meta.examples;
  return schema;
}

function withStringConstraints(schema: JsonSchema, meta: StringMeta<string>): JsonSchema {
  if (meta.minLength !== undefined) schema.minLength = meta.minLength;
  if (meta.maxLength !== undefined) schema.maxLength = meta.maxLength;
  if (meta.pattern !== undefined) schema.pattern = meta.pattern;
  if (meta.patternDescription !== undefined) schema.title = meta.patternDescription;
  if (meta.format !== undefined) schema.format = meta.format;
  return schema;
}

type ObjectOf<P extends Record<string, SchemaNode<unknown>>> = { [K in keyof P]: Infer<P[K]> };

export const s = {
  string(meta: StringMeta): SchemaNode<string> {
    return node(withStringConstraints(base('string', meta), meta));
  },

  enumOf<const V extends readonly string[]>(values: V, meta: Meta<V[number]>): SchemaNode<V[number]> {
    return node({ ...base('string', meta), enum: [...values] });
  },

  integer(meta: NumberMeta): SchemaNode<number> {
    const schema = base('integer', meta);
    if (meta.minimum !== undefined) schema.minimum = meta.minimum;
    if (meta.maximum !== undefined) schema.maximum = meta.maximum;
    return node(schema);
  },

  number(meta: NumberMeta): SchemaNode<number> {
    const schema = base('number', meta);
    if (meta.minimum !== undefined) schema.minimum = meta.minimum;
    if (meta.maximum !== undefined) schema.maximum = meta.maximum;
    if (meta.exclusiveMinimum !== undefined) schema.exclusiveMinimum = meta.exclusiveMinimum;
    return node(schema);
  },

  boolean(meta: Meta<boolean>): SchemaNode<boolean> {
    return node(base('boolean', meta));
  },

  /** An integer, or a percentage string such as "25%" (IntOrString in the Kubernetes API). */
  intOrPercent(meta: Meta<number | string>): SchemaNode<number | string> {
    return node({
      ...base(undefined, meta),
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', pattern: '^(100|[1-9]?[0-9])%$' },
      ],
    });
  },

  /** A Kubernetes resource quantity ("500m", "1Gi", 2); "" means unset. */
  quantity(meta: Meta<string | number>): SchemaNode<string | number> {
    return node({
      ...base(undefined, meta),
      anyOf: [
        { type: 'string', pattern: '^$|^[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$', title: QUANTITY_TITLE },
        { type: 'number', minimum: 0 },
      ],
      title: QUANTITY_TITLE,
    });
  },

  array<T>(items: SchemaNode<T>, meta: Meta<T[]> & { minItems?: number; maxItems?: number; uniqueItems?: boolean }): SchemaNode<T[]> {
    const schema: JsonSchema = { ...base('array', meta), items: items.schema };
    if (meta.minItems !== undefined) schema.minItems = meta.minItems;
    if (meta.maxItems !== undefined) schema.maxItems = meta.maxItems;
    if (meta.uniqueItems) schema.uniqueItems = true;
    return node(schema);
  },

  /**
   * An object with known keys. Unknown keys are rejected (typos fail loudly), and every key is
   * required: Helm merges values.yaml under the user's values before validating, so a key can only
   * be missing when someone deletes it with null, which the templates could not survive.
   */
  object<P extends Record<string, SchemaNode<unknown>>>(properties: P, meta: { description: string; allowExtra?: string[] }): SchemaNode<ObjectOf<P>> {
    const props: Record<string, JsonSchema> = {};
    const defaults: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(properties)) {
      props[key] = child.schema;
      defaults[key] = child.schema.default;
    }
    for (const extra of meta.allowExtra ?? []) props[extra] = { type: 'object', description: 'Reserved by Helm.' };
    return node(
      {
        type: 'object',
        description: meta.description,
        default: defaults,
        properties: props,
        required: Object.keys(properties),
        additionalProperties: false,
      },
      properties,
    );
  },

  /** A map from free-form keys to one kind of value (labels, annotations, node selectors). */
  map<T>(values: SchemaNode<T>, meta: Meta<Record<string, T>> & { keyPattern?: string; keyPatternDescription?: string }): SchemaNode<Record<string, T>> {
    const schema: JsonSchema = { ...base('object', meta), additionalProperties: values.schema };
    if (meta.keyPattern) {
      schema.propertyNames = { pattern: meta.keyPattern };
      if (meta.keyPatternDescription) schema.propertyNames.title = meta.keyPatternDescription;
    }
    return node(schema);
  },

  /**
   * A value of a Kubernetes API type (affinity, a probe), checked against Kubernetes' own
   * definition by its OpenAPI name, e.g. io.k8s.api.core.v1.Affinity: unknown fields, wrong types
   * and values outside an enum are refused at the values file, as the API server would refuse them.
   */
  kubernetes<T = Record<string, unknown>>(definition: string, meta: Meta<T>): SchemaNode<T> {
    return node({ ...base(undefined, meta), $ref: kubernetesRef(definition) });
  },

  /** A list of a Kubernetes API type (EnvVar, Toleration, Container …), each item checked as in kubernetes(). */
  kubernetesList<T = Record<string, unknown>>(definition: string, meta: Meta<T[]>): SchemaNode<T[]> {
    return node({ ...base('array', meta), items: { $ref: kubernetesRef(definition) } });
  },

  /** Any map (or list of maps): user data the chart passes on unread, or manifests of any kind. */
  freeForm<T = Record<string, unknown>>(meta: Meta<T> & { type?: 'object' | 'array' }): SchemaNode<T> {
    const schema = base(meta.type ?? 'object', meta);
    if ((meta.type ?? 'object') === 'array') schema.items = { type: 'object' };
    return node(schema);
  },

  /** One of several shapes (used sparingly; values.yaml documents the first). */
  anyOf<T>(options: SchemaNode<T>[], meta: Meta<T>): SchemaNode<T> {
    return node({ ...base(undefined, meta), anyOf: options.map((o) => o.schema) });
  },

  /** Strings only, no default or description needed: the item type of an array. */
  item: {
    string(constraints: { pattern?: string; patternDescription?: string; minLength?: number; maxLength?: number; enum?: readonly string[] } = {}): SchemaNode<string> {
      const schema: JsonSchema = { type: 'string' };
      if (constraints.minLength !== undefined) schema.minLength = constraints.minLength;
      if (constraints.maxLength !== undefined) schema.maxLength = constraints.maxLength;
      if (constraints.pattern) schema.pattern = constraints.pattern;
      if (constraints.patternDescription) schema.title = constraints.patternDescription;
      if (constraints.enum) schema.enum = [...constraints.enum];
      return node(schema);
    },
    object<P extends Record<string, SchemaNode<unknown>>, R extends keyof P & string = never>(
      properties: P,
      options: { required?: R[]; allowExtra?: boolean } = {},
    ): SchemaNode<Pick<ObjectOf<P>, R> & Partial<Omit<ObjectOf<P>, R>>> {
      const props: Record<string, JsonSchema> = {};
      for (const [key, child] of Object.entries(properties)) props[key] = child.schema;
      const schema: JsonSchema = { type: 'object', properties: props, additionalProperties: options.allowExtra ?? false };
      if (options.required?.length) schema.required = options.required;
      return node(schema, properties);
    },
  },
};

const DEFINITIONS_REF = '#/definitions/';

/**
 * The Kubernetes definitions the kinds refer to, closed over their own references, from the newest
 * Kubernetes release the validator embeds and its embedded CRDs (scripts/extract-kubernetes-definitions.mjs
 * writes the file at build time; the validator is never loaded at run time).
 */
const KUBERNETES_DEFINITIONS = kubernetesDefinitions.definitions as Record<string, JsonSchema>;

function kubernetesRef(definition: string): string {
  return `${DEFINITIONS_REF}${definition}`;
}

/** The definition names a schema refers to (`$ref: "#/definitions/<name>"`), directly. */
export function definitionRefs(schema: unknown, found = new Set<string>()): Set<string> {
  JSON.stringify(schema, (key, value: unknown) => {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(DEFINITIONS_REF)) found.add(value.slice(DEFINITIONS_REF.length));
    return value;
  });
  return found;
}

/** The Kubernetes type a value takes ("Affinity", "EnvVar list"), for documentation; undefined for any other value. */
export function kubernetesTypeOf(schema: JsonSchema): string | undefined {
  const ref = schema.$ref ?? (schema.type === 'array' ? schema.items?.$ref : undefined);
  if (!ref?.startsWith(DEFINITIONS_REF)) return undefined;
  const name = ref.slice(ref.lastIndexOf('.') + 1);
  return schema.$ref ? name : `${name} list`;
}

/**
 * `schema` with the Kubernetes definitions it needs under `definitions` (draft-07's place for
 * them, which Helm 3's gojsonschema, Helm 4's jsonschema and editors all resolve), sorted by name.
 */
export function withKubernetesDefinitions(schema: JsonSchema): JsonSchema {
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    const definition = KUBERNETES_DEFINITIONS[name];
    if (!definition) throw new Error(`${name} is not in @chartforge/kinds's kubernetes-definitions.json: run \`npx -y pnpm@10 --filter @chartforge/kinds kubernetes-definitions\``);
    needed.add(name);
    for (const next of definitionRefs(definition)) visit(next);
  };
  for (const name of definitionRefs(schema)) visit(name);
  if (needed.size === 0) return schema;
  return { ...schema, definitions: Object.fromEntries([...needed].sort().map((name) => [name, KUBERNETES_DEFINITIONS[name]!])) };
}

/** The values.schema.json document of a kind: draft-07 so Helm 3.17 and Helm 4 both enforce it. */
export function toValuesSchema(root: SchemaNode<unknown>, title: string): JsonSchema {
  return withKubernetesDefinitions({
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    ...root.schema,
  });
}

/**
 * A schema document's text: indented, except that each Kubernetes definition takes one line, which
 * keeps a chart's values.schema.json about a quarter smaller (Helm stores every chart file in each
 * release's Secret) and still one type to a line for people reading it.
 */
export function schemaText(schema: JsonSchema): string {
  const { definitions, ...rest } = schema;
  const text = JSON.stringify(rest, null, 2);
  if (!definitions) return `${text}\n`;
  const lines = Object.entries(definitions).map(([name, definition]) => `    ${JSON.stringify(name)}: ${JSON.stringify(definition)}`);
  return `${text.slice(0, -'\n}'.length)},\n  "definitions": {\n${lines.join(',\n')}\n  }\n}\n`;
}
