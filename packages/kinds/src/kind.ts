import type { ValueProblem } from './problem.js';
import type { ValueRule } from './rules/rule.js';
import type { SchemaNode } from './schema.js';

export type { ValueProblem } from './problem.js';

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
  /**
   * The rules across values as a table (packages/kinds/src/rules), when the kind has one: `check`
   * evaluates it and the generator writes it as the chart's templates/_validate.tpl. A kind without
   * one keeps `check` and a hand-written _validate.tpl in packages/generator/templates/<kind>.
   */
  readonly rules?: readonly ValueRule[];
}
