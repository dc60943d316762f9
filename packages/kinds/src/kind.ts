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
   * Rules across values (merged with defaults) as one table (packages/kinds/src/rules): the spec
   * check evaluates it (`checkRules`) and the generator writes it as the chart's
   * templates/_validate.tpl, whose `fail`s `helm install --set` cannot bypass.
   */
  readonly rules: readonly ValueRule[];
}
