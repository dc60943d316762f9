// Value blocks every kind shares, so a pod is configured the same way in every chart.
import { parseQuantity } from '@chartforge/core';
import type { ValueProblem } from '../kind.js';
import { s } from '../schema.js';

/** RFC 1035 label: what a Service name must be, and so every name the chart derives from. */
export const DNS_LABEL = '^[a-z]([-a-z0-9]*[a-z0-9])?$';
const DNS_LABEL_DESCRIPTION = 'an RFC 1035 label: lowercase letters, digits and dashes, starting with a letter';

const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]';
const DNS_SUBDOMAIN = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
/** A label or annotation key: an optional DNS-subdomain prefix and a qualified name. */
const METADATA_KEY = `^(${DNS_SUBDOMAIN}/)?${QUALIFIED_NAME}$`;
const METADATA_KEY_DESCRIPTION = 'a label or annotation key: an optional DNS-subdomain prefix and "/", then at most 63 letters, digits, dashes, underscores and dots';

/** The name of a Kubernetes object in the release namespace (a DNS subdomain), or "" for none. */
export function objectName(description: string, defaultName = '') {
  return s.string({ description, default: defaultName, pattern: `^$|^${DNS_SUBDOMAIN}$`, patternDescription: 'a Kubernetes object name (DNS subdomain)', maxLength: 253 });
}

/** A map of Kubernetes labels: keys and values are checked as the API server checks them. */
export function labelMap(description: string, defaults: Record<string, string> = {}) {
  return s.map(
    s.item.string({
      pattern: `^(${QUALIFIED_NAME})?$`,
      patternDescription: 'a label value: at most 63 letters, digits, dashes, underscores and dots, starting and ending with a letter or digit',
      maxLength: 63,
    }),
    { description, default: defaults, keyPattern: METADATA_KEY, keyPatternDescription: METADATA_KEY_DESCRIPTION },
  );
}

/** A map of Kubernetes annotations: any string values, keys checked as the API server checks them. */
export function annotationMap(description: string, defaults: Record<string, string> = {}) {
  return s.map(s.item.string(), { description, default: defaults, keyPattern: METADATA_KEY, keyPatternDescription: METADATA_KEY_DESCRIPTION });
}

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

/**
 * The reference an image block runs, computed exactly as the charts' `<chart>.image` helper does:
 * registry/repository, then @digest or :tag; an empty repository or tag falls back to `fallback`
 * (a preset's image). The Artifact Hub `artifacthub.io/images` annotation uses it, so the
 * annotation names the image the chart runs.
 */
export function imageReference(
  image: { registry?: string; repository: string; tag: string; digest?: string },
  fallback: { repository: string; tag: string } = { repository: '', tag: '' },
): string {
  const repository = image.repository || fallback.repository;
  const located = image.registry ? `${image.registry.replace(/\/$/, '')}/${repository}` : repository;
  return image.digest ? `${located}@${image.digest}` : `${located}:${image.tag || fallback.tag}`;
}

/**
 * An image block must resolve to a pinned reference: a repository and a tag or digest (never an
 * implicit latest). `fromPreset` marks blocks whose empty repository and tag fall back to a preset.
 */
export function imageProblems(
  image: { repository: string; tag: string; digest: string },
  path: string[],
  fromPreset = false,
): ValueProblem[] {
  if (image.repository === '') {
    return fromPreset ? [] : [{ path: [...path, 'repository'], message: 'must be set' }];
  }
  if (image.tag === '' && image.digest === '') {
    return [{ path: [...path, 'tag'], message: 'must be set (or image digest) when the repository is set: chartforge never uses an implicit latest' }];
  }
  return [];
}

/** A list keyed by name (env, volumes, ports) may name each entry only once. */
export function duplicateNames(items: readonly { name?: unknown }[], path: string[]): ValueProblem[] {
  const seen = new Map<unknown, number>();
  const problems: ValueProblem[] = [];
  items.forEach((item, index) => {
    const first = seen.get(item.name);
    if (first !== undefined) problems.push({ path: [...path, index, 'name'], message: `duplicate name ${JSON.stringify(item.name)} (also ${path.join('.')}[${first}])` });
    else seen.set(item.name, index);
  });
  return problems;
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
      name: objectName('ServiceAccount name ("" = the full name when created, else "default").'),
      annotations: annotationMap('ServiceAccount annotations (e.g. cloud IAM role bindings).'),
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
  return s.kubernetes('io.k8s.api.core.v1.PodSecurityContext', {
    description: 'Pod securityContext. The default meets Pod Security Standards "restricted".',
    default: {
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      // Kubernetes otherwise re-owns every file of a mounted claim at each pod start (minutes for a
      // large model or dataset); with OnRootMismatch only when the volume's root is not ours yet.
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    },
  });
}

export function containerSecurityContext() {
  return s.kubernetes('io.k8s.api.core.v1.SecurityContext', {
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

/**
 * A request above its limit: the API server refuses such a pod ("must be less than or equal to …
 * limit"), so the spec says so at the value instead of the install failing.
 */
export function requestsWithinLimits(resources: { requests: Record<string, string | number>; limits: Record<string, string | number> }, path: string[]): ValueProblem[] {
  const problems: ValueProblem[] = [];
  for (const [name, request] of Object.entries(resources.requests)) {
    const limit = resources.limits[name];
    if (limit === undefined) continue;
    const requested = parseQuantity(request);
    const limited = parseQuantity(limit);
    if (requested !== undefined && limited !== undefined && requested > limited) {
      problems.push({ path: [...path, 'requests', name], message: `must be ≤ ${[...path, 'limits', name].join('.')} (${limit}): the API server refuses a request above its limit` });
    }
  }
  return problems;
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
      nodeSelector: labelMap('Node selector added when count > 0, to land on GPU nodes.'),
      tolerations: s.kubernetesList('io.k8s.api.core.v1.Toleration', {
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
    nodeSelector: labelMap('Node labels the pods must match.'),
    tolerations: s.kubernetesList('io.k8s.api.core.v1.Toleration', { description: 'Tolerations of the pods.', default: [] }),
    affinity: s.kubernetes('io.k8s.api.core.v1.Affinity', { description: 'Affinity and anti-affinity rules of the pods.', default: {} }),
    topologySpreadConstraints: s.kubernetesList('io.k8s.api.core.v1.TopologySpreadConstraint', {
      description: 'Topology spread constraints; labelSelector defaults to the pods\' selector labels when omitted.',
      default: [],
    }),
    priorityClassName: s.string({
      description: 'PriorityClass of the pods ("" for the cluster default).',
      default: '',
      pattern: `^$|^${DNS_SUBDOMAIN}$`,
      patternDescription: 'a DNS subdomain name',
      maxLength: 253,
    }),
    runtimeClassName: s.string({
      description: 'RuntimeClass of the pods, e.g. nvidia or a sandboxed runtime ("" for the cluster default).',
      default: '',
      pattern: `^$|^${DNS_SUBDOMAIN}$`,
      patternDescription: 'a DNS subdomain name',
      maxLength: 253,
    }),
    schedulerName: s.string({
      description: 'Scheduler that places the pods, e.g. a gang or bin-packing scheduler ("" for the default scheduler).',
      default: '',
      pattern: `^$|^${DNS_SUBDOMAIN}$`,
      patternDescription: 'a DNS subdomain name',
      maxLength: 253,
    }),
    hostNetwork: s.boolean({
      description: 'Run the pods in the node\'s network namespace (e.g. RDMA without a device plugin). Pod Security Standards "baseline" and "restricted" forbid host namespaces: namespaces enforcing either reject the pods. Pair it with dnsPolicy ClusterFirstWithHostNet.',
      default: false,
    }),
    // Not None: the API server requires a dnsConfig with it, which the charts do not offer.
    dnsPolicy: s.enumOf(['', 'ClusterFirst', 'ClusterFirstWithHostNet', 'Default'] as const, {
      description: 'DNS policy of the pods ("" for Kubernetes\' default, ClusterFirst). None is not offered: the API server requires a dnsConfig with it.',
      default: '',
    }),
  };
}

/** Extra manifests rendered with the release, for what the chart does not make itself. */
export function extraObjects() {
  return {
    // Manifests of any kind, custom resources included, each a template: not one Kubernetes type.
    extraObjects: s.freeForm({
      type: 'array',
      description: 'Extra manifests rendered with the release; each is a template, so {{ .Release.Name }} and the values work in it.',
      default: [],
    }),
  };
}

/**
 * Containers beside the chart's own. In a Job's pod a plain sidecar would keep the Job from ever
 * completing, so Job charts take init containers only, where `restartPolicy: Always` makes a
 * native sidecar that stops with the main container.
 */
export function extraInitContainers() {
  return s.kubernetesList('io.k8s.api.core.v1.Container', {
    description: 'Extra init containers (Container list), run before the chart\'s own; with restartPolicy: Always one is a native sidecar that runs beside the main container.',
    default: [],
  });
}

export function containerLifecycle() {
  return s.kubernetes('io.k8s.api.core.v1.Lifecycle', { description: 'Lifecycle hooks of the main container (postStart, preStop), e.g. a preStop sleep while endpoints drain.', default: {} });
}

/**
 * Egress of a NetworkPolicy: off by default (only ingress is restricted); when on, the pods may
 * reach only DNS, the peers that serve `what` (HTTPS by default), their own release's pods and the
 * further rules given.
 */
export function networkEgress(what: string) {
  return s.object(
    {
      enabled: s.boolean({ description: 'Restrict egress too: the pods then reach only the peers below.', default: false }),
      dns: s.kubernetesList('io.k8s.api.networking.v1.NetworkPolicyPeer', {
        description: 'Peers that answer DNS on port 53, UDP and TCP (NetworkPolicyPeer list; [] = no DNS).',
        default: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      }),
      objectStore: s.kubernetesList('io.k8s.api.networking.v1.NetworkPolicyPeer', {
        description: `Peers of ${what} (NetworkPolicyPeer list, e.g. an ipBlock of the object store's endpoint).`,
        default: [],
      }),
      objectStorePorts: s.array(s.integer({ description: 'TCP port.', default: 443, minimum: 1, maximum: 65535 }), { description: 'TCP ports of the objectStore peers.', default: [443] }),
      rules: s.kubernetesList('io.k8s.api.networking.v1.NetworkPolicyEgressRule', {
        description: 'Further egress rules (NetworkPolicyEgressRule list), e.g. a database or the Kubernetes API server\'s endpoints.',
        default: [],
      }),
    },
    { description: 'Egress rules of the NetworkPolicy.' },
  );
}

/** A NetworkPolicy for a chart whose pods talk only among themselves (ingress) and out (egress). */
export function peerNetworkPolicy(what: string) {
  return s.object(
    {
      enabled: s.boolean({ description: 'Create a NetworkPolicy: the pods accept traffic only from pods of this release.', default: false }),
      egress: networkEgress(what),
    },
    { description: 'Network policy of the pods.' },
  );
}

export function podMetadata() {
  return {
    podAnnotations: annotationMap('Extra annotations on the pods.'),
    podLabels: labelMap('Extra labels on the pods (the chart\'s own labels win on a clash).'),
  };
}

export function containerEnvironment() {
  return {
    env: s.kubernetesList('io.k8s.api.core.v1.EnvVar', { description: 'Extra environment variables (EnvVar list) of the main container.', default: [] }),
    envFrom: s.kubernetesList('io.k8s.api.core.v1.EnvFromSource', { description: 'ConfigMaps and Secrets to load as environment (EnvFromSource list).', default: [] }),
    extraVolumes: s.kubernetesList('io.k8s.api.core.v1.Volume', { description: 'Extra volumes of the pods.', default: [] }),
    extraVolumeMounts: s.kubernetesList('io.k8s.api.core.v1.VolumeMount', { description: 'Extra volume mounts of the main container.', default: [] }),
  };
}
