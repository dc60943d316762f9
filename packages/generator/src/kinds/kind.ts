/** What the generator adds to a kind's spec definition to render its chart. */
export interface KindGenerator<V> {
  /** Extra handlebars context for the kind's templates (e.g. the runtime preset table). */
  context(values: V): Record<string, unknown>;
  /** Images the chart may run, for Artifact Hub's `artifacthub.io/images` annotation. */
  images(values: V): { name: string; image: string }[];
  /**
   * `ci/<name>` values files, overrides over the chart's values.yaml. Together they must turn on
   * every optional feature and every preset, because `helm lint` and the tests render each one.
   */
  ciValues: Record<string, Record<string, unknown>>;
}
