import type { SchemaNode } from './schema.js';
import type { ValuePath } from './path.js';

/** A problem that one value's schema cannot express, such as maxReplicas < minReplicas. */
export interface ValueProblem {
  path: ValuePath;
  message: string;
}

export type KindName = 'serving' | 'training' | 'migration';

/** Everything chartforge knows about one kind of chart, defined once. */
export interface ChartKind<V = unknown> {
  readonly name: KindName;
  /** One line for `chartforge generate --help` and Chart.yaml's description default. */
  readonly summary: string;
  readonly keywords: readonly string[];
  /** Chart.yaml kubeVersion default: the oldest release whose stable APIs every template relies on. */
  readonly kubeVersion: string;
  /** The values schema: source of the TS type, values.schema.json, values.yaml and the README table. */
  readonly values: SchemaNode<V>;
  /**
   * Rules across values (merged with defaults). The chart templates enforce the same rules with
   * `fail` at render time, so `helm install --set` cannot bypass them.
   */
  check(values: V): ValueProblem[];
}
