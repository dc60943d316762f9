import type { ChartData } from '../chart-data.js';
import type { Prerequisites } from '../prerequisites.js';

/** What the generator adds to a kind's spec definition to render its chart. */
export interface KindGenerator<V> {
  /** What the kind's Helm templates read at render time (e.g. the runtime preset table): see chart-data.ts. */
  data: readonly ChartData[];
  /** Extra handlebars context for the chart's README (e.g. a section of the kind's own). */
  readmeContext(values: V): Record<string, unknown>;
  /** Images the chart may run, for Artifact Hub's `artifacthub.io/images` annotation. */
  images(values: V): { name: string; image: string }[];
  /**
   * `ci/<name>` values files, overrides over the chart's values.yaml. Together they must turn on
   * every optional feature and every preset, because `helm lint` and the tests render each one.
   * A function receives the spec's values, for kinds whose overrides must set aside what the spec
   * adds (a migration spec's own steps would otherwise merge into every CI plan).
   */
  ciValues: Record<string, Record<string, unknown>> | ((values: V) => Record<string, Record<string, unknown>>);
  /**
   * What each ci/ values file (by name) expects to exist before `helm install`, over the kind's
   * default values: written to ci/<name>-prerequisites.yaml and listed in the README.
   */
  ciPrerequisites?: Record<string, Prerequisites>;
}
