import { imageReference, RUNTIME_PRESET_NAMES, RUNTIME_PRESETS, type ServingValues } from '@chartforge/kinds';
import type { KindGenerator } from './kind.js';

/** Overrides that `helm lint`/`helm template` run in CI: every preset and every optional feature. */
const ciValues: Record<string, Record<string, unknown>> = {
  'triton-values.yaml': {
    runtime: { preset: 'triton' },
    model: { name: 'resnet50', path: 'model-repository' },
    gpu: { count: 1 },
    serviceMonitor: { enabled: true },
  },
  'tfserving-values.yaml': {
    runtime: { preset: 'tfserving' },
    model: { name: 'half-plus-two', path: '/models/half_plus_two', source: { type: 'image' } },
    image: { repository: 'registry.example.com/ml/half-plus-two', tag: '2.17.0' },
  },
  'torchserve-values.yaml': {
    runtime: { preset: 'torchserve' },
    model: { name: 'densenet161', path: 'model-store', source: { type: 'uri', uri: { location: 's3://models/densenet161', secretName: 'model-store-credentials' } } },
  },
  'vllm-gpu-values.yaml': {
    runtime: { preset: 'vllm', extraArgs: ['--tensor-parallel-size=2', '--max-model-len=8192'] },
    model: { name: 'llama-3-8b', path: 'meta-llama/Meta-Llama-3-8B-Instruct' },
    gpu: { count: 2, nodeSelector: { 'nvidia.com/gpu.present': 'true' } },
    shm: { sizeLimit: '8Gi' },
    resources: { requests: { cpu: '8', memory: '48Gi' }, limits: { cpu: '16', memory: '64Gi' } },
  },
  'custom-values.yaml': {
    runtime: {
      preset: 'custom',
      command: ['python', '-m', 'server'],
      args: ['--model-dir=$(MODEL_PATH)', '--port=9000'],
      ports: [
        { name: 'http', containerPort: 9000, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
      ],
      readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
      configFiles: { 'server.toml': 'workers = 4\n' },
    },
    image: { repository: 'registry.example.com/ml/custom-server', digest: `sha256:${'a'.repeat(64)}` },
    imagePullSecrets: [{ name: 'regcred' }],
  },
  'all-features-values.yaml': {
    replicaCount: 3,
    autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 8, targetMemoryUtilizationPercentage: 75 },
    podDisruptionBudget: { maxUnavailable: '', minAvailable: 1 },
    ingress: { enabled: true, className: 'nginx', annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '64m' }, tls: [{ secretName: 'model-tls', hosts: ['model.example.com'] }] },
    httpRoute: { enabled: true, parentRefs: [{ name: 'public', namespace: 'gateways' }] },
    serviceMonitor: { enabled: true, labels: { release: 'prometheus' } },
    networkPolicy: { enabled: true, from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], metricsFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], egress: { enabled: true, objectStore: [{ ipBlock: { cidr: '203.0.113.0/24' } }], objectStorePorts: [443, 9000] } },
    service: { type: 'LoadBalancer', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' }, nodePorts: { http: 30080 } },
    serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/model-reader' } },
    env: [{ name: 'LOG_LEVEL', value: 'info' }],
    envFrom: [{ secretRef: { name: 'hf-token' } }],
    extraVolumes: [{ name: 'extra-config', configMap: { name: 'extra-config' } }],
    extraVolumeMounts: [{ name: 'extra-config', mountPath: '/etc/extra', readOnly: true }],
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }],
    affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'serving' } } } }] } },
    priorityClassName: 'inference',
    podAnnotations: { 'example.com/team': 'ml-platform' },
    podLabels: { team: 'ml-platform' },
    dnsPolicy: 'ClusterFirst',
    lifecycle: { preStop: { sleep: { seconds: 10 } } },
    extraContainers: [{ name: 'auth-proxy', image: 'registry.example.com/ops/auth-proxy:2.1.0', ports: [{ name: 'proxy', containerPort: 4180 }], livenessProbe: { tcpSocket: { port: 'proxy' } }, readinessProbe: { httpGet: { path: '/ping', port: 'proxy' } }, resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } }, securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } } }],
    extraInitContainers: [{ name: 'log-shipper', image: 'registry.example.com/ops/log-shipper:1.4.2', restartPolicy: 'Always', ports: [{ name: 'shipper', containerPort: 2020 }], livenessProbe: { httpGet: { path: '/healthz', port: 'shipper' } }, resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } }, securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } } }],
    extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '{{ .Release.Name }}-extra' }, data: { release: '{{ .Release.Name }}' } }],
  },
};

/** What each ci/ file expects to exist: see KindGenerator.ciPrerequisites. */
const ciPrerequisites: KindGenerator<ServingValues>['ciPrerequisites'] = {
  'all-features-values.yaml': { claims: ['models'], secrets: { 'hf-token': [] }, configMaps: { 'extra-config': [] }, priorityClasses: ['inference'] },
  'custom-values.yaml': { claims: ['models'] },
  'torchserve-values.yaml': { secrets: { 'model-store-credentials': [] } },
  'triton-values.yaml': { claims: ['models'] },
  'vllm-gpu-values.yaml': { claims: ['models'], nodeLabels: { 'nvidia.com/gpu.present': 'true' } },
};

/** The chart README's account of what each preset writes, from the same table the chart mounts. */
function writablePathsReadme(): string {
  const rows = RUNTIME_PRESET_NAMES.flatMap((name) => {
    const preset = RUNTIME_PRESETS[name];
    const env = preset.env.filter((e) => e.value.startsWith('/') || e.name === 'USER').map((e) => `\`${e.name}=${e.value}\``);
    return [
      `| \`${name}\` | ${preset.writablePaths.map((path) => `\`${path}\``).join(', ')} | ${env.join(', ')} |`,
      ...preset.writes.map((write) => `| | \`${write.path}\` | ${write.writer} |`),
    ];
  });
  return [
    '## Writable paths',
    '',
    'The root filesystem is read-only and the server runs as UID 1000, which has no passwd entry in the',
    'runtime images. Each preset mounts an `emptyDir` at every directory below and sets `HOME` and',
    '`USER` (Python\'s `getpass.getuser()`, used by torch inductor, fails without a passwd entry unless',
    '`USER` is set). The paths each runtime writes, from its documentation, all lie on those volumes;',
    'a test checks that for every preset. Add your own with `extraVolumes` and `extraVolumeMounts`.',
    '',
    '| Preset | Writable (`emptyDir`) / what it writes there | Environment / writer |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

export const servingGenerator: KindGenerator<ServingValues> = {
  // The chart embeds what it decides at render time; what each preset writes is documentation.
  data: [
    {
      name: 'runtimePresets',
      about: 'Runtime presets (ports, probes, commands, writable paths), embedded so that\n`--set runtime.preset=…` at install time switches everything a preset decides.',
      value: Object.fromEntries(RUNTIME_PRESET_NAMES.map((name) => [name, { ...RUNTIME_PRESETS[name], writes: undefined }])),
    },
  ],
  readmeContext: () => ({ kindReadme: writablePathsReadme() }),
  // `--set runtime.preset=…` (and gpu.count for a preset's GPU build) switches the image at
  // install time, so without an image of the spec's own every preset's image is one the chart may run.
  images: (values) => [
    ...(values.image.repository
      ? [{ name: 'model-server', image: imageReference(values.image) }]
      : RUNTIME_PRESET_NAMES.flatMap((name) => {
          const { repository, tag, gpuTag } = RUNTIME_PRESETS[name].image;
          if (!repository) return [];
          return [
            { name: `model-server-${name}`, image: imageReference(values.image, { repository, tag }) },
            ...(gpuTag ? [{ name: `model-server-${name}-gpu`, image: imageReference(values.image, { repository, tag: gpuTag }) }] : []),
          ];
        })),
    { name: 'model-fetcher', image: imageReference(values.model.source.uri.fetcherImage) },
    { name: 'helm-test', image: imageReference(values.tests.image) },
  ],
  ciValues,
  ciPrerequisites,
};
