// The embedded schemas' origin. kubernetes-models has no Kubernetes version marker: 5.1.0's
// core/v1 PodSpec, Container and ServiceSpec match upstream v1.36.0 field for field (and no older
// release), and the conformance test holds the embedded set to the v1.36.0 definitions.
// scripts/build-embedded.mjs refuses to build if the installed package differs from this pin.

export const EMBEDDED_KUBERNETES_VERSION = 'v1.36.0';
export const EMBEDDED_SCHEMA_SOURCE = 'kubernetes-models@5.1.0';
