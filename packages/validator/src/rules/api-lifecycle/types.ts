/** What is known about one apiVersion+kind that is, or will be, deprecated or removed. */
export interface ApiLifecycleEntry {
  readonly apiVersion: string;
  readonly kind: string;
  /** First Kubernetes minor (`1.25`) whose API no longer serves it. */
  readonly removedIn?: string;
  /** First minor in which it is deprecated. */
  readonly deprecatedIn?: string;
  /** apiVersion to migrate to (same kind), when one exists. */
  readonly replacement?: string;
  /** The deprecation sentence of the upstream API description, or the curated note. */
  readonly note?: string;
  /** Where a curated (pre-schema) fact comes from. */
  readonly source?: string;
}
