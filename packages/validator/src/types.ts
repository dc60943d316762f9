// The contract between the validator's parts: parsed resources go in, findings come out.
// Schema validation and lint rules both speak in JSON paths; the validator turns a path into
// file:line:column through the resource's source map, so neither needs to know about YAML.

export type Severity = 'error' | 'warning' | 'info';

/** A JSON path into a resource: object keys and array indexes, outermost first. */
export type JsonPath = ReadonlyArray<string | number>;

export interface SourcePosition {
  /** 1-based line in the file the resource was read from. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** One Kubernetes object read from a file (a List's items are separate resources). */
export interface Resource {
  /** The parsed document (JSON data model). */
  readonly object: Readonly<Record<string, unknown>>;
  /** File the document came from ("-" or "stdin" for standard input). */
  readonly file: string;
  /** 0-based index of the document in the file. */
  readonly documentIndex: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** The chart template that produced it, from helm's `# Source:` comment, when known. */
  readonly template?: string;
  /** Position of the value at `path`, or of its nearest existing ancestor. */
  locate(path: JsonPath): SourcePosition;
}

export interface Finding {
  file: string;
  line: number;
  column: number;
  documentIndex: number;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Template file from helm's `# Source:` comment, when the input is `helm template` output. */
  template?: string;
  /** JSON path in dotted form with [index] for arrays, e.g. `spec.template.spec.containers[0].image`. */
  path: string;
  /** `schema` for schema violations, `yaml` for syntax, otherwise the lint rule id. */
  rule: string;
  severity: Severity;
  message: string;
}
