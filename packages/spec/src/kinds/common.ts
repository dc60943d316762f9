// Value blocks every kind shares, so a pod is configured the same way in every chart.
import { s } from '../schema.js';

export const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
const DNS_LABEL_DESCRIPTION = 'a DNS-1123 label: lowercase letters, digits and dashes';

export function nameOverrides() {
  return {
    nameOverride: s.string({
      description: 'Replaces the chart name in resource names.',
      default: '',
      pattern: `^$|${DNS_LABEL}`,
      patternDescription: DNS_LABEL_DESCRIPTION,
      maxLength: 63,
    }),
    fullnameOverride: s.string({
      description: 'Replaces the whole generated resource name (release-chart).',
      default: '',
      pattern: `^$|${DNS_LABEL}`,
      patternDescription: DNS_LABEL_DESCRIPTION,
      maxLength: 63,
    }),
  };
}

export function image(defaults: { repository: string; tag: string }, what: string) {
  return s.object(
    {
      registry: s.string({ description: 'Image registry host, prepended to the repository ("" for none).', default: '' }),
      repository: s.string({ description: `Image repository of ${what}${defaults.repository ? '' : ' ("" = the runtime preset\'s image)'}.`, default: defaults.repository }),
      tag: s.string({ description: `Image tag${defaults.tag ? '' : ' ("" = the runtime preset\'s tag)'}. Ignored when digest is set.`, default: defaults.tag }),
      digest: s.string({
        description: 'Image digest (sha256:…); pins the image and wins over the tag.',
        default: '',
        pattern: '^$|^sha256:[a-f0-9]{64}$',
        patternDescription: 'a digest of the form sha256:<64 hex digits>',
      }),
      pullPolicy: s.enumOf(['Always', 'IfNotPresent', 'Never'] as const, { description: 'Image pull policy.', default: 'IfNotPresent' }),
    },
    { description: `Container image of ${what}.` },
  );
}

export function imagePullSecrets() {
  return s.array(s.item.object({ name: s.string({ description: 'Secret name.', default: '', minLength: 1 }) }, { required: ['name'] }), {
    description: 'Secrets for pulling images from private registries, e.g. [{name: regcred}].',
    default: [],
  });
}

export function serviceAccount() {
  return s.object(
    {
      create: s.boolean({ description: 'Create a ServiceAccount for the pods.', default: true }),
      name: s.string({ description: 'ServiceAccount name ("" = the full name when created, else "default").', default: '' }),
      annotations: s.map(s.item.string(), { description: 'ServiceAccount annotations (e.g. cloud IAM role bindings).', default: {} }),
      automountToken: s.boolean({
        description: 'Mount the API token into pods. Off: the workload does not call the Kubernetes API.',
        default: false,
      }),
    },
    { description: 'ServiceAccount the pods run as.' },
  );
}

/** Pod Security Standards "restricted" by default. */
export function podSecurityContext() {
  return s.kubernetes({
    description: 'Pod securityContext. The default meets Pod Security Standards "restricted".',
    default: {
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    },
  });
}

export function containerSecurityContext() {
  return s.kubernetes({
    description: 'Container securityContext. The default meets Pod Security Standards "restricted" with a read-only root filesystem.',
    default: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
  });
}

export function resources(defaults: { requests: Record<string, string>; limits: Record<string, string> }) {
  return s.object(
    {
      requests: s.map(s.quantity({ description: 'Quantity.', default: '' }), {
        description: 'Resource requests (cpu, memory, ephemeral-storage). GPUs are set under gpu.',
        default: defaults.requests,
      }),
      limits: s.map(s.quantity({ description: 'Quantity.', default: '' }), {
        description: 'Resource limits. GPUs are set under gpu.',
        default: defaults.limits,
      }),
    },
    { description: 'CPU and memory requests and limits of the main container.' },
  );
}

export function gpu() {
  return s.object(
    {
      count: s.integer({ description: 'GPUs per pod (0 = none). Set as both request and limit.', default: 0, minimum: 0 }),
      resourceName: s.string({
        description: 'Extended resource name of the GPU (nvidia.com/gpu, amd.com/gpu, gpu.intel.com/i915).',
        default: 'nvidia.com/gpu',
        pattern: '^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$',
        patternDescription: 'an extended resource name such as nvidia.com/gpu',
      }),
      nodeSelector: s.map(s.item.string(), { description: 'Node selector added when count > 0, to land on GPU nodes.', default: {} }),
      tolerations: s.kubernetes({
        type: 'array',
        description: 'Tolerations added when count > 0, for tainted GPU nodes.',
        default: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
      }),
    },
    { description: 'GPUs for the main container.' },
  );
}

export function sharedMemory(defaults: { enabled: boolean; sizeLimit: string }) {
  return s.object(
    {
      enabled: s.boolean({ description: 'Mount a memory-backed emptyDir at /dev/shm (the container default is 64 MiB).', default: defaults.enabled }),
      sizeLimit: s.quantity({ description: 'Size limit of /dev/shm; counts against the memory limit.', default: defaults.sizeLimit }),
    },
    { description: 'Shared memory for PyTorch data loaders, NCCL and tensor parallelism.' },
  );
}

export function scheduling() {
  return {
    nodeSelector: s.map(s.item.string(), { description: 'Node labels the pods must match.', default: {} }),
    tolerations: s.kubernetes({ type: 'array', description: 'Tolerations of the pods.', default: [] }),
    affinity: s.kubernetes({ description: 'Affinity and anti-affinity rules of the pods.', default: {} }),
    topologySpreadConstraints: s.kubernetes({
      type: 'array',
      description: 'Topology spread constraints; labelSelector defaults to the pods\' selector labels when omitted.',
      default: [],
    }),
    priorityClassName: s.string({ description: 'PriorityClass of the pods ("" for the cluster default).', default: '' }),
  };
}

export function podMetadata() {
  return {
    podAnnotations: s.map(s.item.string(), { description: 'Extra annotations on the pods.', default: {} }),
    podLabels: s.map(s.item.string(), { description: 'Extra labels on the pods.', default: {} }),
  };
}

export function containerEnvironment() {
  return {
    env: s.kubernetes({ type: 'array', description: 'Extra environment variables (EnvVar list) of the main container.', default: [] }),
    envFrom: s.kubernetes({ type: 'array', description: 'ConfigMaps and Secrets to load as environment (EnvFromSource list).', default: [] }),
    extraVolumes: s.kubernetes({ type: 'array', description: 'Extra volumes of the pods.', default: [] }),
    extraVolumeMounts: s.kubernetes({ type: 'array', description: 'Extra volume mounts of the main container.', default: [] }),
  };
}
