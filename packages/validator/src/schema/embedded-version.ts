// The Kubernetes releases whose schemas are embedded: the newest patch of every minor from 1.22 on.
// scripts/embed-kubernetes-schemas.mjs reads this list, fetches each release's `k8s.io/kubernetes`
// Go module and writes embedded/kubernetes-definitions.txt; a test holds the file to this list. To
// add a release, add it here and run the script.

export const EMBEDDED_KUBERNETES_RELEASES = [
  'v1.22.17',
  'v1.23.17',
  'v1.24.17',
  'v1.25.16',
  'v1.26.15',
  'v1.27.16',
  'v1.28.15',
  'v1.29.15',
  'v1.30.14',
  'v1.31.14',
  'v1.32.13',
  'v1.33.13',
  'v1.34.4',
  'v1.35.4',
  'v1.36.3',
  'v1.37.2',
] as const;

/** The default Kubernetes version: the newest embedded release. */
export const EMBEDDED_KUBERNETES_VERSION: string = EMBEDDED_KUBERNETES_RELEASES[EMBEDDED_KUBERNETES_RELEASES.length - 1]!;

export const EMBEDDED_SCHEMA_SOURCE = `${EMBEDDED_KUBERNETES_RELEASES[0]} to ${EMBEDDED_KUBERNETES_VERSION}, from the k8s.io/kubernetes Go modules`;
