import { RUNTIME_PRESETS, type ServingValues } from '@chartforge/spec';
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
    networkPolicy: { enabled: true, from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], metricsFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] },
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

export const servingGenerator: KindGenerator<ServingValues> = {
  context: () => ({ runtimePresets: RUNTIME_PRESETS }),
  images: (values) => {
    const preset = RUNTIME_PRESETS[values.runtime.preset];
    const images = [
      { name: 'model-server', image: values.image.repository ? `${values.image.repository}:${values.image.tag || 'latest'}` : `${preset.image.repository}:${preset.image.tag}` },
      { name: 'model-fetcher', image: `${values.model.source.uri.fetcherImage.repository}:${values.model.source.uri.fetcherImage.tag}` },
      { name: 'helm-test', image: `${values.tests.image.repository}:${values.tests.image.tag}` },
    ];
    return images;
  },
  ciValues,
  ciPrerequisites,
};
