import { imageReference, RESERVED_CONTAINER_NAMES, type TrainingValues } from '@chartforge/kinds';
import type { KindGenerator } from './kind.js';

/** Overrides that `helm lint`/`helm template` run in CI: every mode and every optional block. */
const ciValues: Record<string, Record<string, unknown>> = {
  'distributed-values.yaml': {
    mode: 'distributed',
    workers: 4,
    gpu: { count: 8, nodeSelector: { 'nvidia.com/gpu.present': 'true' } },
    shm: { sizeLimit: '32Gi' },
    resources: { requests: { cpu: '32', memory: '256Gi' }, limits: { memory: '256Gi' } },
    checkpoints: { accessModes: ['ReadWriteMany'], storageClassName: 'shared-fs', size: '500Gi' },
    distributed: { succeedWithLeader: true, backoffLimitPerIndex: 1, maxFailedIndexes: 1 },
    restartPolicy: 'Never',
    podFailurePolicy: { enabled: true, failJobOnExitCodes: [42, 3] },
    hyperparameters: { values: { learning_rate: 0.0003, epochs: 3, batch_size: 64, model: 'llama-3-8b' } },
    activeDeadlineSeconds: 172800,
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }],
    lifecycle: { preStop: { sleep: { seconds: 5 } } },
    extraInitContainers: [{ name: 'log-shipper', image: 'registry.example.com/ops/log-shipper:1.4.2', restartPolicy: 'Always', ports: [{ name: 'shipper', containerPort: 2020 }], livenessProbe: { httpGet: { path: '/healthz', port: 'shipper' } }, resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } }, securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } } }],
    extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '{{ .Release.Name }}-extra' }, data: { release: '{{ .Release.Name }}' } }],
  },
  'kueue-values.yaml': {
    mode: 'distributed',
    gpu: { count: 1 },
    kueue: { queueName: 'team-a', priorityClass: 'high' },
    priorityClassName: 'training',
  },
  'scheduled-values.yaml': {
    mode: 'scheduled',
    evaluation: { enabled: false },
    schedule: { cron: '30 3 * * 1-5', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Replace', startingDeadlineSeconds: 300, successfulJobsHistoryLimit: 5, failedJobsHistoryLimit: 2 },
    kueue: { queueName: 'nightly' },
    ttlSecondsAfterFinished: 86400,
    hyperparameters: { values: { epochs: 1 }, format: 'yaml' },
  },
  'data-pipeline-values.yaml': {
    mode: 'single',
    image: { repository: 'registry.example.com/ml/trainer', digest: `sha256:${'b'.repeat(64)}` },
    imagePullSecrets: [{ name: 'regcred' }],
    command: ['python', '-m', 'trainer'],
    args: ['--data=$(DATASET_DIR)', '--checkpoints=$(CHECKPOINT_DIR)', '--output=$(OUTPUT_LOCATION)'],
    workingDir: '/workspace',
    restartPolicy: 'OnFailure',
    podFailurePolicy: { enabled: false },
    dataset: { existingClaim: '', readOnly: true, accessModes: ['ReadWriteOnce'], size: '200Gi', mountPath: '/datasets/imagenet' },
    checkpoints: { existingClaim: 'experiment-checkpoints', subPath: 'run-7' },
    output: { location: 's3://models/experiments/run-7', secretName: 'object-store-credentials' },
    initSteps: [
      { name: 'download', image: 'rclone/rclone:1.68.2', command: ['rclone'], args: ['copy', ':s3:datasets/imagenet', '$(DATASET_DIR)'], envFrom: [{ secretRef: { name: 'object-store-credentials' } }] },
      { name: 'preprocess', image: 'registry.example.com/ml/preprocess:1.4.0', args: ['--in=$(DATASET_DIR)'], resources: { requests: { cpu: '2', memory: '4Gi' }, limits: { memory: '4Gi' } } },
    ],
    evaluation: { enabled: true, gpus: 1, activeDeadlineSeconds: 259200, env: [{ name: 'EVAL_SPLIT', value: 'validation' }] },
    env: [{ name: 'NCCL_DEBUG', value: 'WARN' }],
    envFrom: [{ configMapRef: { name: 'trainer-settings' } }],
    extraVolumes: [{ name: 'extra-config', configMap: { name: 'extra-config' } }],
    extraVolumeMounts: [{ name: 'extra-config', mountPath: '/etc/extra', readOnly: true }],
    serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/trainer' } },
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['p4d.24xlarge'] }] }] } } },
    podAnnotations: { 'example.com/team': 'ml-platform' },
    podLabels: { team: 'ml-platform' },
    networkPolicy: { enabled: true, egress: { enabled: true, objectStore: [{ ipBlock: { cidr: '203.0.113.0/24' } }] } },
  },
};

/** What each ci/ file expects to exist: see KindGenerator.ciPrerequisites. */
const ciPrerequisites: KindGenerator<TrainingValues>['ciPrerequisites'] = {
  'data-pipeline-values.yaml': {
    claims: ['experiment-checkpoints'],
    secrets: { 'object-store-credentials': [] },
    configMaps: { 'extra-config': [], 'trainer-settings': [] },
    nodeLabels: { 'node.kubernetes.io/instance-type': 'p4d.24xlarge' },
  },
  'distributed-values.yaml': { claims: ['datasets'], storageClasses: ['shared-fs'], nodeLabels: { 'nvidia.com/gpu.present': 'true' } },
  'kueue-values.yaml': { claims: ['datasets'], priorityClasses: ['training'] },
  'scheduled-values.yaml': { claims: ['datasets'] },
};

export const trainingGenerator: KindGenerator<TrainingValues> = {
  data: [{ name: 'reservedContainerNames', about: 'Container names the chart uses itself, which no init step may take.', value: RESERVED_CONTAINER_NAMES }],
  // setExample: the --set example in the chart README.
  readmeContext: () => ({ setExample: 'mode=distributed,workers=4' }),
  images: (values) => [
    { name: 'trainer', image: imageReference(values.image) },
    ...values.initSteps.map((step) => ({ name: step.name, image: step.image })),
    ...(values.evaluation.enabled && values.evaluation.image.repository ? [{ name: 'evaluation', image: imageReference(values.evaluation.image) }] : []),
  ],
  ciValues,
  ciPrerequisites,
};
