// The one list of lint rules. A rule exists when it is listed here; the order is the order
// `chartforge rules` prints and findings of one resource are reported in.
import type { Rule } from './types.js';
import pssApparmor from './pod-security/pss-apparmor.js';
import pssCapabilitiesBaseline from './pod-security/pss-capabilities-baseline.js';
import pssCapabilitiesRestricted from './pod-security/pss-capabilities-restricted.js';
import pssHostNamespaces from './pod-security/pss-host-namespaces.js';
import pssHostPathVolumes from './pod-security/pss-host-path-volumes.js';
import pssHostPorts from './pod-security/pss-host-ports.js';
import pssHostProbes from './pod-security/pss-host-probes.js';
import pssHostProcess from './pod-security/pss-host-process.js';
import pssPrivilegeEscalation from './pod-security/pss-privilege-escalation.js';
import pssPrivileged from './pod-security/pss-privileged.js';
import pssProcMount from './pod-security/pss-proc-mount.js';
import pssRunAsNonRoot from './pod-security/pss-run-as-non-root.js';
import pssRunAsUser from './pod-security/pss-run-as-user.js';
import pssSeccompBaseline from './pod-security/pss-seccomp-baseline.js';
import pssSeccompRestricted from './pod-security/pss-seccomp-restricted.js';
import pssSelinux from './pod-security/pss-selinux.js';
import pssSysctls from './pod-security/pss-sysctls.js';
import pssVolumeTypes from './pod-security/pss-volume-types.js';
import containerResources from './best-practice/container-resources.js';
import duplicateEnvVar from './best-practice/duplicate-env-var.js';
import envSecretLiteral from './best-practice/env-secret-literal.js';
import nodeportService from './best-practice/nodeport-service.js';
import identicalProbes from './best-practice/identical-probes.js';
import ingressTls from './best-practice/ingress-tls.js';
import imageTag from './best-practice/image-tag.js';
import emptydirEphemeralStorage from './best-practice/emptydir-ephemeral-storage.js';
import probeProtocol from './best-practice/probe-protocol.js';
import replicaSpread from './best-practice/replica-spread.js';
import livenessProbe from './best-practice/liveness-probe.js';
import probePort from './best-practice/probe-port.js';
import readOnlyRootFilesystem from './best-practice/read-only-root-filesystem.js';
import requestsWithinLimits from './best-practice/requests-within-limits.js';
import selectorMatchesTemplate from './best-practice/selector-matches-template.js';
import uniqueResource from './best-practice/unique-resource.js';
import validLabels from './best-practice/valid-labels.js';
import automountServiceAccountToken from './cross-resource/automount-service-account-token.js';
import configmapRefExists from './cross-resource/configmap-ref-exists.js';
import hpaTargetExists from './cross-resource/hpa-target-exists.js';
import ingressBackendExists from './cross-resource/ingress-backend-exists.js';
import pdbSelectsPods from './cross-resource/pdb-selects-pods.js';
import pdbForReplicas from './cross-resource/pdb-for-replicas.js';
import networkPolicyCoverage from './cross-resource/network-policy-coverage.js';
import statefulsetHeadlessService from './cross-resource/statefulset-headless-service.js';
import rbacClusterAdmin from './rbac/rbac-cluster-admin.js';
import rbacOverPrivilege from './rbac/rbac-over-privilege.js';
import servingReplicas from './policy/serving-replicas.js';
import runAsHighUid from './policy/run-as-high-uid.js';
import imageDigest from './policy/image-digest.js';
import imagePullPolicy from './policy/image-pull-policy.js';
import pvcRefExists from './cross-resource/pvc-ref-exists.js';
import readinessProbe from './cross-resource/readiness-probe.js';
import routeBackendExists from './cross-resource/route-backend-exists.js';
import secretRefExists from './cross-resource/secret-ref-exists.js';
import serviceAccountExists from './cross-resource/service-account-exists.js';
import serviceSelectsPods from './cross-resource/service-selects-pods.js';
import serviceTargetPort from './cross-resource/service-target-port.js';
import devShmSize from './ml-scheduling/dev-shm-size.js';
import gpuLimits from './ml-scheduling/gpu-limits.js';
import gpuNodeTargeting from './ml-scheduling/gpu-node-targeting.js';
import hpaReplicasConflict from './ml-scheduling/hpa-replicas-conflict.js';
import hpaRequiresRequests from './ml-scheduling/hpa-requires-requests.js';
import jobActiveDeadline from './ml-scheduling/job-active-deadline.js';
import jobRestartPolicy from './ml-scheduling/job-restart-policy.js';
import pdbBlocksEviction from './ml-scheduling/pdb-blocks-eviction.js';
import rollingUpdateProgress from './ml-scheduling/rolling-update-progress.js';
import deprecatedApi from './api-lifecycle/deprecated-api.js';
import removedApi from './api-lifecycle/removed-api.js';
import ignoreAnnotation from './meta/ignore-annotation.js';

export const RULES: readonly Rule[] = [
  pssApparmor,
  pssCapabilitiesBaseline,
  pssHostNamespaces,
  pssHostPathVolumes,
  pssHostPorts,
  pssHostProbes,
  pssHostProcess,
  pssPrivileged,
  pssProcMount,
  pssSeccompBaseline,
  pssSelinux,
  pssSysctls,
  pssCapabilitiesRestricted,
  pssPrivilegeEscalation,
  pssRunAsNonRoot,
  pssRunAsUser,
  pssSeccompRestricted,
  pssVolumeTypes,
  containerResources,
  duplicateEnvVar,
  envSecretLiteral,
  identicalProbes,
  ingressTls,
  nodeportService,
  imageTag,
  livenessProbe,
  probePort,
  probeProtocol,
  emptydirEphemeralStorage,
  replicaSpread,
  readOnlyRootFilesystem,
  requestsWithinLimits,
  selectorMatchesTemplate,
  uniqueResource,
  validLabels,
  automountServiceAccountToken,
  configmapRefExists,
  hpaTargetExists,
  ingressBackendExists,
  pdbSelectsPods,
  pdbForReplicas,
  networkPolicyCoverage,
  statefulsetHeadlessService,
  pvcRefExists,
  readinessProbe,
  routeBackendExists,
  secretRefExists,
  serviceAccountExists,
  serviceSelectsPods,
  serviceTargetPort,
  rbacClusterAdmin,
  rbacOverPrivilege,
  devShmSize,
  gpuLimits,
  gpuNodeTargeting,
  hpaReplicasConflict,
  hpaRequiresRequests,
  jobActiveDeadline,
  jobRestartPolicy,
  pdbBlocksEviction,
  rollingUpdateProgress,
  deprecatedApi,
  removedApi,
  servingReplicas,
  runAsHighUid,
  imageDigest,
  imagePullPolicy,
  ignoreAnnotation,
];
