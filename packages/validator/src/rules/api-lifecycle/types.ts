/** An apiVersion to migrate to, and the first Kubernetes minor that serves it. */
export interface ApiReplacement {
  readonly apiVersion: string;
  readonly since: string;
}

/** What is known about one apiVersion+kind that is, or will be, deprecated or removed. */
export interface ApiLifecycleEntry {
  readonly apiVersion: string;
  readonly kind: string;
  /** First Kubernetes minor (`1.25`) whose API no longer serves it. */
  readonly removedIn?: string;
  /** First minor in which it is deprecated. */
  readonly deprecatedIn?: string;
  /** apiVersions of the same kind to migrate to, most stable first, with the first minor serving each. */
  readonly replacements?: readonly ApiReplacement[];
  /** The deprecation sentence of the upstream API description, or the curated note. */
  readonly note?: string;
  /** Where a curated (pre-schema) fact comes from. */
  readonly source?: string;
}
