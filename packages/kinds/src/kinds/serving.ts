import type { ChartKind } from '../kind.js';
import { and, eq, hasItemNamed, hasPrefix, int, literal, lt, ne, not, oneOf, string, value } from '../rules/expression.js';
import type { ValueRule } from '../rules/rule.js';
import { s, type Infer } from '../schema.js';
import {
  annotationMap,
  containerEnvironment,
  containerLifecycle,
  extraInitContainers,
  extraObjects,
  containerSecurityContext,
  gpu,
  image,
  imagePullSecrets,
  labelMap,
  networkEgress,
  nameOverrides,
  objectName,
  podMetadata,
  podSecurityContext,
  resources,
  scheduling,
  serviceAccount,
  sharedMemory,
} from './common.js';
import { RUNTIME_PRESET_NAMES, RUNTIME_PRESETS } from './serving-presets.js';

/** Prometheus' duration syntax: units from years down to milliseconds, each at most once, in order. */
const PROMETHEUS_DURATION = '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$';

const presetList = RUNTIME_PRESET_NAMES.map((name) => `${name}: ${RUNTIME_PRESETS[name].summary}`).join('; ');

const port = s.item.object(
  {
    name: s.string({ description: 'Port name (IANA service name; the main API port must be "http").', default: '', pattern: '^[a-z]([-a-z0-9]{0,13}[a-z0-9])?$', patternDescription: 'an IANA service name: at most 15 lowercase letters, digits and dashes' }),
    containerPort: s.integer({ description: 'Container port.', default: 8080, minimum: 1, maximum: 65535 }),
    protocol: s.enumOf(['TCP', 'UDP', 'SCTP'] as const, { description: 'Protocol.', default: 'TCP' }),
  },
  { required: ['name', 'containerPort'] },
);

const servingValues = s.object(
  {
    ...nameOverrides(),
    runtime: s.object(
      {
        preset: s.enumOf(RUNTIME_PRESET_NAMES, { description: `Model server runtime. ${presetList}.`, default: 'vllm' }),
        command: s.array(s.item.string(), { description: 'Container command; non-empty replaces the preset\'s.', default: [] }),
        args: s.array(s.item.string(), { description: 'Container args; non-empty replaces the preset\'s. $(MODEL_NAME) and $(MODEL_PATH) are expanded.', default: [] }),
        extraArgs: s.array(s.item.string(), { description: 'Args appended to the preset\'s (or to runtime.args).', default: [] }),
        ports: s.array(port, { description: 'Container ports; non-empty replaces the preset\'s. The custom preset needs one named "http".', default: [] }),
        startupProbe: s.kubernetes('io.k8s.api.core.v1.Probe', { description: 'Startup probe; non-empty replaces the preset\'s handler and timing.', default: {} }),
        readinessProbe: s.kubernetes('io.k8s.api.core.v1.Probe', { description: 'Readiness probe; non-empty replaces the preset\'s.', default: {} }),
        livenessProbe: s.kubernetes('io.k8s.api.core.v1.Probe', { description: 'Liveness probe; non-empty replaces the preset\'s.', default: {} }),
        startupTimeoutSeconds: s.integer({
          description: 'How long the model may take to load before the pod is restarted (startup probe window).',
          default: 1800,
          minimum: 10,
        }),
        healthPath: s.string({
          description: 'HTTP path of the http port that answers 200 once the model is loaded; non-empty replaces the preset\'s startup and readiness checks and the `helm test` path (the custom preset otherwise only checks that the http port accepts connections).',
          default: '',
          pattern: '^$|^/[^\\s]*$',
          patternDescription: 'a path starting with /',
        }),
        metricsPath: s.string({ description: 'Path Prometheus scrapes ("" = the preset\'s).', default: '' }),
        configFiles: s.map(s.item.string(), {
          description: 'Extra files mounted under /etc/model-server (name → content); a change rolls the pods.',
          default: {},
          keyPattern: '^[-._a-zA-Z0-9]+$',
          keyPatternDescription: 'a file name of letters, digits, dots, dashes and underscores',
        }),
      },
      { description: 'How the model server runs.' },
    ),
    model: s.object(
      {
        name: s.string({
          description: 'Model name the server serves it under ($(MODEL_NAME)).',
          default: 'opt-125m',
          pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
          patternDescription: 'letters, digits, dots, dashes and underscores',
          maxLength: 128,
        }),
        path: s.string({
          description: 'Where the model is: relative to the model volume for pvc and uri sources, absolute in the image for image sources ($(MODEL_PATH)).',
          default: 'opt-125m',
          pattern: '^[^\\s]*$',
          patternDescription: 'a path without whitespace',
        }),
        mountPath: s.string({ description: 'Where the model volume is mounted in the server container.', default: '/models', pattern: '^/[^\\s]*$', patternDescription: 'an absolute path' }),
        source: s.object(
          {
            type: s.enumOf(['pvc', 'uri', 'image'] as const, {
              description: 'pvc: an existing PersistentVolumeClaim; uri: fetched by an init container from s3://, gs://, az:// or http(s)://; image: baked into the image.',
              default: 'pvc',
            }),
            pvc: s.object(
              {
                claimName: objectName('Existing PersistentVolumeClaim holding the model.', 'models'),
                subPath: s.string({ description: 'Sub-path of the claim to mount ("" for its root).', default: '' }),
                readOnly: s.boolean({ description: 'Mount the claim read-only.', default: true }),
              },
              { description: 'PersistentVolumeClaim source.' },
            ),
            uri: s.object(
              {
                location: s.string({
                  description: 'Object-store or HTTP location of the model, e.g. s3://bucket/models/opt-125m.',
                  default: '',
                  pattern: '^$|^(s3|gs|az)://[^\\s]+$|^https?://[^\\s]+$',
                  patternDescription: 'an s3://, gs://, az://, http:// or https:// location',
                }),
                secretName: objectName('Secret with the object-store credentials, loaded as environment (AWS_*, GOOGLE_*, AZURE_* variables).'),
                fetcherImage: image({ repository: 'rclone/rclone', tag: '1.68.2' }, 'the model fetcher init container (rclone)'),
                cacheSizeLimit: s.quantity({ description: 'Size limit of the emptyDir the model is fetched into.', default: '20Gi' }),
              },
              { description: 'URI source: copied into an emptyDir by an init container before the server starts.' },
            ),
          },
          { description: 'Where the model comes from.' },
        ),
      },
      { description: 'The model to serve.' },
    ),
    image: image({ repository: '', tag: '' }, 'the model server'),
    imagePullSecrets: imagePullSecrets(),
    replicaCount: s.integer({ description: 'Replicas when autoscaling is off.', default: 1, minimum: 0 }),
    revisionHistoryLimit: s.integer({ description: 'Old ReplicaSets kept for rollback.', default: 5, minimum: 0 }),
    terminationGracePeriodSeconds: s.integer({ description: 'Time in-flight requests get to finish on shutdown.', default: 60, minimum: 0 }),
    resources: resources({ requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '4', memory: '8Gi' } }),
    gpu: gpu(),
    shm: sharedMemory({ enabled: true, sizeLimit: '1Gi' }),
    scratch: s.object(
      {
        sizeLimit: s.quantity({
          description: 'Size limit of each writable emptyDir of the runtime (/tmp, HOME, the model fetcher\'s /tmp) under the read-only root filesystem: a bounded share of the node\'s disk.',
          default: '10Gi',
        }),
      },
      { description: 'Scratch space.' },
    ),
    ...containerEnvironment(),
    autoscaling: s.object(
      {
        enabled: s.boolean({ description: 'Create a HorizontalPodAutoscaler (autoscaling/v2); replicaCount is then ignored.', default: false }),
        minReplicas: s.integer({ description: 'Minimum replicas.', default: 1, minimum: 1 }),
        maxReplicas: s.integer({ description: 'Maximum replicas.', default: 4, minimum: 1 }),
        targetCPUUtilizationPercentage: s.integer({ description: 'Target average CPU utilization in percent of requests (0 = not a metric).', default: 80, minimum: 0, maximum: 1000 }),
        targetMemoryUtilizationPercentage: s.integer({ description: 'Target average memory utilization in percent of requests (0 = not a metric).', default: 0, minimum: 0, maximum: 1000 }),
        behavior: s.kubernetes('io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerBehavior', {
          description: 'Scale-up and scale-down behavior (HorizontalPodAutoscalerBehavior).',
          default: {
            scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] },
            scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 120 }] },
          },
        }),
      },
      { description: 'Horizontal pod autoscaling.' },
    ),
    podDisruptionBudget: s.object(
      {
        enabled: s.boolean({ description: 'Create a PodDisruptionBudget (policy/v1).', default: true }),
        maxUnavailable: s.anyOf([s.intOrPercent({ description: '', default: 1 }), s.string({ description: '', default: '', maxLength: 0 })], {
          description: 'Pods that may be down during voluntary disruptions, number or percentage ("" to use minAvailable).',
          default: 1,
        }),
        minAvailable: s.anyOf([s.intOrPercent({ description: '', default: 1 }), s.string({ description: '', default: '', maxLength: 0 })], {
          description: 'Pods that must stay up, number or percentage ("" to use maxUnavailable).',
          default: '',
        }),
      },
      { description: 'Disruption budget for node drains and cluster upgrades.' },
    ),
    rollingUpdate: s.object(
      {
        maxSurge: s.intOrPercent({ description: 'Extra pods during a rollout (needs spare GPUs when gpu.count > 0).', default: 1 }),
        maxUnavailable: s.intOrPercent({ description: 'Pods that may be unavailable during a rollout.', default: 0 }),
      },
      { description: 'Rolling update of the Deployment.' },
    ),
    ...scheduling(),
    ...podMetadata(),
    lifecycle: containerLifecycle(),
    extraContainers: s.kubernetesList('io.k8s.api.core.v1.Container', { description: 'Extra containers (Container list) beside the model server, e.g. a proxy or log shipper.', default: [] }),
    extraInitContainers: extraInitContainers(),
    ...extraObjects(),
    podSecurityContext: podSecurityContext(),
    securityContext: containerSecurityContext(),
    serviceAccount: serviceAccount(),
    service: s.object(
      {
        type: s.enumOf(['ClusterIP', 'NodePort', 'LoadBalancer'] as const, { description: 'Service type.', default: 'ClusterIP' }),
        annotations: annotationMap('Service annotations.'),
        nodePorts: s.map(s.integer({ description: 'Node port.', default: 30000, minimum: 30000, maximum: 32767 }), {
          description: 'Fixed node ports by port name for NodePort/LoadBalancer services, e.g. {http: 30080}.',
          default: {},
        }),
      },
      { description: 'Service in front of the model server; its ports are the runtime\'s named ports.' },
    ),
    ingress: s.object(
      {
        enabled: s.boolean({ description: 'Create an Ingress (networking.k8s.io/v1) to the http port.', default: false }),
        className: objectName('IngressClass name ("" for the cluster default).'),
        annotations: annotationMap('Ingress annotations.'),
        hosts: s.array(
          s.item.object(
            {
              host: s.string({ description: 'Host name.', default: '', minLength: 1 }),
              paths: s.array(
                s.item.object(
                  {
                    path: s.string({ description: 'Path.', default: '/', pattern: '^/', patternDescription: 'a path starting with /' }),
                    pathType: s.enumOf(['Prefix', 'Exact', 'ImplementationSpecific'] as const, { description: 'Path type.', default: 'Prefix' }),
                  },
                  { required: ['path', 'pathType'] },
                ),
                { description: 'Paths.', default: [], minItems: 1 },
              ),
            },
            { required: ['host', 'paths'] },
          ),
          { description: 'Hosts and paths routed to the model server.', default: [{ host: 'model.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }] },
        ),
        tls: s.array(
          s.item.object(
            {
              secretName: objectName('TLS Secret ("" to use the ingress controller\'s default certificate).'),
              hosts: s.array(s.item.string(), { description: 'Hosts covered.', default: [] }),
            },
            { required: ['hosts'] },
          ),
          { description: 'TLS termination.', default: [] },
        ),
      },
      { description: 'Ingress to the model server.' },
    ),
    httpRoute: s.object(
      {
        enabled: s.boolean({ description: 'Create a Gateway API HTTPRoute (gateway.networking.k8s.io/v1) to the http port.', default: false }),
        annotations: annotationMap('HTTPRoute annotations.'),
        parentRefs: s.kubernetesList('io.k8s.networking.gateway.v1.ParentReference', {
          description: 'Gateways the route attaches to (ParentReference list).',
          default: [{ name: 'gateway', sectionName: 'http' }],
        }),
        hostnames: s.array(s.item.string({ minLength: 1 }), { description: 'Host names matched.', default: ['model.example.com'] }),
        // Stricter than Gateway API's HTTPRoute path rules (no "//", "." or ".." segments, "%2f" or "#"), which its CRD enforces with CEL.
        pathPrefix: s.string({ description: 'Path prefix routed to the model server.', default: '/', pattern: "^/(?:[-A-Za-z0-9_~!$&'()*+,;=:@][-A-Za-z0-9._~!$&'()*+,;=:@]*(?:/[-A-Za-z0-9_~!$&'()*+,;=:@][-A-Za-z0-9._~!$&'()*+,;=:@]*)*/?)?$", patternDescription: 'a path such as / or /v1/models: segments of letters, digits and -._~!$&\'()*+,;=:@ that do not start with a dot' }),
      },
      { description: 'Gateway API route, an alternative to the Ingress.' },
    ),
    serviceMonitor: s.object(
      {
        enabled: s.boolean({ description: 'Create a Prometheus Operator ServiceMonitor (monitoring.coreos.com/v1).', default: false }),
        interval: s.string({ description: 'Scrape interval.', default: '30s', minLength: 1, pattern: PROMETHEUS_DURATION, patternDescription: 'a Prometheus duration such as 30s or 1m30s' }),
        scrapeTimeout: s.string({ description: 'Scrape timeout.', default: '10s', minLength: 1, pattern: PROMETHEUS_DURATION, patternDescription: 'a Prometheus duration such as 10s' }),
        labels: labelMap('Labels the Prometheus instance selects ServiceMonitors by.'),
      },
      { description: 'Prometheus scraping of the runtime\'s metrics port.' },
    ),
    networkPolicy: s.object(
      {
        enabled: s.boolean({ description: 'Create a NetworkPolicy that admits traffic only to the server\'s ports.', default: false }),
        allowSameNamespace: s.boolean({ description: 'Admit pods of the release namespace.', default: true }),
        from: s.kubernetesList('io.k8s.api.networking.v1.NetworkPolicyPeer', { description: 'Further peers admitted to the API ports (NetworkPolicyPeer list).', default: [] }),
        metricsFrom: s.kubernetesList('io.k8s.api.networking.v1.NetworkPolicyPeer', { description: 'Peers admitted to the metrics port (e.g. the monitoring namespace).', default: [] }),
        egress: networkEgress('the model source (the object store or HTTP server a uri model is fetched from)'),
      },
      { description: 'Network policy: ingress to the server\'s ports and, with egress.enabled, egress.' },
    ),
    tests: s.object(
      {
        enabled: s.boolean({ description: 'Add a `helm test` pod that calls the model\'s health endpoint through the Service.', default: true }),
        image: image({ repository: 'busybox', tag: '1.37' }, 'the helm test pod'),
      },
      { description: '`helm test` hook.' },
    ),
  },
  { description: 'Values of the chartforge serving chart.', allowExtra: ['global'] },
);

export type ServingValues = Infer<typeof servingValues>;

const runtimePreset = value('runtime.preset');
const runtimePorts = value('runtime.ports');

/** Serving's rules across values: the spec check and the chart's validateValues both come from this table. */
export const SERVING_RULES: readonly ValueRule[] = [
  {
    id: 'autoscaling-max-at-least-min',
    rule: 'when',
    path: 'autoscaling.maxReplicas',
    when: and(value('autoscaling.enabled'), lt(int(value('autoscaling.maxReplicas')), int(value('autoscaling.minReplicas')))),
    message: ['must be ≥ minReplicas (', int(value('autoscaling.minReplicas')), ')'],
  },
  {
    id: 'autoscaling-needs-a-target',
    rule: 'when',
    path: 'autoscaling.targetCPUUtilizationPercentage',
    when: and(value('autoscaling.enabled'), eq(int(value('autoscaling.targetCPUUtilizationPercentage')), literal(0)), eq(int(value('autoscaling.targetMemoryUtilizationPercentage')), literal(0))),
    message: ['autoscaling needs a CPU or memory utilization target (both are 0)'],
  },
  {
    id: 'disruption-budget-one-bound',
    rule: 'when',
    path: 'podDisruptionBudget.maxUnavailable',
    when: and(value('podDisruptionBudget.enabled'), eq(eq(string(value('podDisruptionBudget.maxUnavailable')), literal('')), eq(string(value('podDisruptionBudget.minAvailable')), literal('')))),
    message: ['set exactly one of maxUnavailable and minAvailable'],
  },
  {
    id: 'rollout-can-progress',
    rule: 'when',
    path: 'rollingUpdate.maxSurge',
    when: and(oneOf(value('rollingUpdate.maxSurge'), ['0', '0%']), oneOf(value('rollingUpdate.maxUnavailable'), ['0', '0%'])),
    message: ['maxSurge and maxUnavailable cannot both be 0: the rollout could never progress'],
  },
  {
    id: 'pvc-source-names-a-claim',
    rule: 'when',
    path: 'model.source.pvc.claimName',
    when: and(eq(value('model.source.type'), literal('pvc')), not(value('model.source.pvc.claimName'))),
    message: ['must name a PersistentVolumeClaim when model.source.type is pvc'],
  },
  {
    id: 'uri-source-has-a-location',
    rule: 'when',
    path: 'model.source.uri.location',
    when: and(eq(value('model.source.type'), literal('uri')), not(value('model.source.uri.location'))),
    message: ['must be set when model.source.type is uri'],
  },
  {
    id: 'image-source-absolute-path',
    rule: 'when',
    path: 'model.path',
    when: and(eq(value('model.source.type'), literal('image')), not(hasPrefix('/', value('model.path')))),
    message: ['must be an absolute path in the image when model.source.type is image'],
  },
  // The custom preset's missing repository is its own rule below, with the reason.
  { id: 'image', rule: 'image', path: 'image', fromPreset: true },
  { id: 'fetcher-image', rule: 'image', path: 'model.source.uri.fetcherImage' },
  { id: 'test-image', rule: 'image', path: 'tests.image' },
  {
    id: 'custom-runtime-image',
    rule: 'when',
    path: 'image.repository',
    when: and(eq(runtimePreset, literal('custom')), not(value('image.repository'))),
    message: ['must be set for the custom runtime preset'],
  },
  {
    id: 'custom-runtime-http-port',
    rule: 'when',
    path: 'runtime.ports',
    when: and(eq(runtimePreset, literal('custom')), not(hasItemNamed(runtimePorts, 'http'))),
    message: ['the custom runtime preset needs a port named "http"'],
  },
  { id: 'env-names-unique', rule: 'uniqueNames', path: 'env' },
  { id: 'requests-within-limits', rule: 'requestsWithinLimits', path: 'resources' },
  {
    id: 'ports-include-http',
    rule: 'when',
    path: 'runtime.ports',
    when: and(ne(runtimePreset, literal('custom')), runtimePorts, not(hasItemNamed(runtimePorts, 'http'))),
    message: ['needs a port named "http" (the Service, Ingress and probes route to it)'],
  },
];

export const serving: ChartKind<ServingValues> = {
  name: 'serving',
  summary: 'Serves a machine-learning model over HTTP/gRPC with vLLM, Triton, TF Serving, TorchServe or a custom server',
  keywords: ['machine-learning', 'inference', 'model-serving', 'gpu'],
  kubeVersion: '>=1.29.0-0',
  values: servingValues,
  rules: SERVING_RULES,
};
