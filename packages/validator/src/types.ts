// The contract between the validator's parts: parsed resources go in, findings come out.
// Schema validation and lint rules both speak in JSON paths; the validator turns a path into
// file:line:column through the resource's source map, so neither needs to know about YAML.

import type { ReportedFinding, RuleDescriptor } from '@chartforge/core';

// The finding vocabulary is @chartforge/core's; re-exported so the validator's contract reads whole.
export type { RuleDescriptor, Severity } from '@chartforge/core';

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
  /** Position of the key of the map entry at `path` (where an unknown field is reported); `locate` for list items. */
  locateKey?(path: JsonPath): SourcePosition;
}

/** Where a finding or a resource result is, and which object it is about. */
export interface Located {
  file: string;
  /** 1-based line (for a resource result: where the resource, or its document, starts). */
  line: number;
  column: number;
  documentIndex: number;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Template file from helm's `# Source:` comment, when the input is `helm template` output. */
  template?: string;
}

/** Core's finding shape, about a resource: always with a path (`''` for the resource itself). */
export interface Finding extends Located, ReportedFinding {
  /** JSON path in dotted form with [index] for arrays, e.g. `spec.template.spec.containers[0].image`. */
  path: string;
  /** `schema` for schema violations, `yaml` for syntax, otherwise the lint rule id. */
  rule: string;
}

/** Kubeconform's per-resource statuses. */
export type ResourceStatus = 'valid' | 'invalid' | 'error' | 'skipped' | 'empty';

/** The outcome for one document (or one item of a List). */
export interface ResourceResult extends Located {
  status: ResourceStatus;
  /** Findings about this resource, in source order. */
  findings: Finding[];
}

export interface ReportSummary {
  files: number;
  resources: number;
  valid: number;
  invalid: number;
  errors: number;
  skipped: number;
  empty: number;
}

export interface Report {
  /** The Kubernetes version validated against, e.g. `v1.35.0`. */
  kubernetesVersion: string;
  /** The lint rules that ran (absent when validate() ran without rules). */
  lintRules?: RuleDescriptor[];
  /** Every document of every file, in input order. */
  resources: ResourceResult[];
  /** Every finding, in input order (the resources' findings, flattened). */
  findings: Finding[];
  summary: ReportSummary;
}
