import type { ChartKind, ValueProblem } from '../kind.js';
import { and, eq, ge, gt, int, literal, lt, ne, not, oneOf, value } from '../rules/expression.js';
import type { ValueRule } from '../rules/rule.js';
import type { ValuePath } from '../path.js';
import { s, type Infer } from '../schema.js';
import {
  containerEnvironment,
  containerLifecycle,
  extraInitContainers,
  extraObjects,
  containerSecurityContext,
  DNS_LABEL,
  gpu,
  image,
  imagePullSecrets,
  nameOverrides,
  podMetadata,
  peerNetworkPolicy,
  podSecurityContext,
  resources,
  scheduling,
  serviceAccount,
  sharedMemory,
} from './common.js';

const ABSOLUTE_PATH = { pattern: '^/[^\\s]*$', patternDescription: 'an absolute path' };

/** A run id: the 8 hex digits that end a training Job's name (the hash of what the run does). */
const RUN_ID = { pattern: '^$|^[0-9a-f]{8}$', patternDescription: 'a run id: the 8 hex digits at the end of a training Job name, or "" to start fresh' };

/** Container names the chart uses itself; init steps must not take them. */
export const RESERVED_CONTAINER_NAMES = ['train'] as const;

function claim(what: string, defaults: { existingClaim: string; accessModes: string[]; size: string }) {
  return {
    existingClaim: s.string({
      description: `Existing PersistentVolumeClaim with the ${what} ("" = the chart creates one from the settings below).`,
      default: defaults.existingClaim,
    }),
    subPath: s.string({ description: 'Sub-path of the claim to mount ("" for its root).', default: '' }),
    storageClassName: s.string({ description: 'StorageClass of a chart-created claim ("" for the cluster default).', default: '' }),
    accessModes: s.array(s.item.string({ enum: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] }), {
      description: 'Access modes of a chart-created claim; distributed runs on several nodes need ReadWriteMany.',
      default: defaults.accessModes,
      minItems: 1,
      uniqueItems: true,
    }),
    size: s.quantity({ description: 'Requested size of a chart-created claim.', default: defaults.size }),
  };
}

const initStep = s.item.object(
  {
    name: s.string({ description: 'Container name.', default: '', pattern: DNS_LABEL, patternDescription: 'a DNS-1123 label: lowercase letters, digits and dashes', maxLength: 63 }),
    image: s.string({ description: 'Full image reference (registry/repository:tag or @digest).', default: '', minLength: 1, pattern: '^[^\\s]+$', patternDescription: 'an image reference without whitespace' }),
    imagePullPolicy: s.enumOf(['Always', 'IfNotPresent', 'Never'] as const, { description: 'Image pull policy.', default: 'IfNotPresent' }),
    command: s.array(s.item.string(), { description: 'Command.', default: [] }),
    args: s.array(s.item.string(), { description: 'Args; $(DATASET_DIR), $(CHECKPOINT_DIR) and the other training variables are expanded.', default: [] }),
    env: s.kubernetesList('io.k8s.api.core.v1.EnvVar', { description: 'Extra environment variables (EnvVar list).', default: [] }),
    envFrom: s.kubernetesList('io.k8s.api.core.v1.EnvFromSource', { description: 'ConfigMaps and Secrets loaded as environment.', default: [] }),
    resources: s.kubernetes('io.k8s.api.core.v1.ResourceRequirements', { description: 'Resources of the step (ResourceRequirements); {} = 100m CPU, 256Mi memory.', default: {} }),
  },
  { required: ['name', 'image'] },
);

const trainingValues = s.object(
  {
    ...nameOverrides(),
    mode: s.enumOf(['single', 'distributed', 'scheduled'] as const, {
      description:
        'single: one pod runs to completion (a Job); distributed: `workers` pods in an Indexed Job with a headless Service for PyTorch DDP/torchrun rendezvous; scheduled: a CronJob starts a single-pod run on `schedule.cron`.',
      default: 'single',
    }),
    workers: s.integer({
      description: 'Worker pods of a distributed run (parallelism = completions = workers; WORLD_SIZE and NNODES). Ignored by the other modes, which run one pod.',
      default: 2,
      minimum: 1,
      maximum: 10000,
    }),
    image: image({ repository: 'pytorch/pytorch', tag: '2.5.1-cuda12.4-cudnn9-runtime' }, 'the training container (your training code)'),
    imagePullSecrets: imagePullSecrets(),
    command: s.array(s.item.string(), {
      description: 'Training command. $(VAR) references to the variables the chart sets (RDZV_ENDPOINT, NNODES, CHECKPOINT_DIR, …) are expanded by Kubernetes.',
      default: ['torchrun'],
    }),
    args: s.array(s.item.string(), {
      description:
        'Training args. The default is torchrun\'s elastic launch: c10d rendezvous on the run\'s stable endpoint, between MIN_NODES and NNODES pods, restarting its workers up to MAX_RESTARTS times when one fails or a pod leaves or joins.',
      default: [
        '--nnodes=$(MIN_NODES):$(NNODES)',
        '--nproc-per-node=$(NPROC_PER_NODE)',
        '--rdzv-backend=c10d',
        '--rdzv-endpoint=$(RDZV_ENDPOINT)',
        '--rdzv-id=$(RDZV_ID)',
        '--max-restarts=$(MAX_RESTARTS)',
        'train.py',
      ],
    }),
    workingDir: s.string({ description: 'Working directory of the training container ("" = the image\'s).', default: '' }),
    hyperparameters: s.object(
      {
        // The user's own parameters, written to a file as given: no Kubernetes type.
        values: s.freeForm({
          description: 'Hyper-parameters, written to a ConfigMap and mounted as a file ($(HYPERPARAMETERS_FILE)); a change starts a fresh run. {} = no file.',
          default: {},
          examples: [{ learning_rate: 0.0003, epochs: 10, batch_size: 32 }],
        }),
        format: s.enumOf(['json', 'yaml'] as const, {
          description:
            'Format of the file: json (hyperparameters.json, exact for every reader) or yaml (hyperparameters.yaml; YAML 1.1 readers such as PyYAML read exponent numbers without a dot, like 1e-05, as strings).',
          default: 'json',
        }),
        mountPath: s.string({ description: 'Directory the hyper-parameter file is mounted in.', default: '/etc/training', ...ABSOLUTE_PATH }),
      },
      { description: 'Hyper-parameters of the run.' },
    ),
    ...containerEnvironment(),
    distributed: s.object(
      {
        masterPort: s.integer({
          description: 'Rendezvous port on worker 0 ($(MASTER_PORT), and the port of $(RDZV_ENDPOINT); torchrun\'s default is 29500).',
          default: 29500,
          minimum: 1,
          maximum: 65535,
        }),
        minWorkers: s.integer({
          description:
            'Fewest pods the run continues with while a lost worker is replaced ($(MIN_NODES), torchrun --nnodes=MIN:MAX); 0 = workers, so the survivors wait for the replacement.',
          default: 0,
          minimum: 0,
        }),
        maxRestarts: s.integer({
          description: 'Times torchrun restarts the workers of a pod after a failure or a change of members, without failing the pod ($(MAX_RESTARTS), torchrun --max-restarts).',
          default: 3,
          minimum: 0,
        }),
        nprocPerNode: s.integer({ description: 'Processes per pod for torchrun ($(NPROC_PER_NODE)); 0 = gpu.count, or 1 without GPUs.', default: 0, minimum: 0 }),
        succeedWithLeader: s.boolean({
          description: 'successPolicy: the Job succeeds as soon as worker 0 (the leader) succeeds, and the other workers are stopped. For workloads whose workers do not exit on their own.',
          default: false,
        }),
        backoffLimitPerIndex: s.integer({
          description:
            'Retries per worker index (Job backoffLimitPerIndex; needs restartPolicy Never). Losing worker 0 restarts every worker once (the rendezvous lives there), which costs each index one retry instead of the whole Job workers retries; -1 = count failures for the whole Job with backoffLimit.',
          default: 3,
          minimum: -1,
        }),
        maxFailedIndexes: s.integer({ description: 'Failed indexes that fail the whole Job (with backoffLimitPerIndex); -1 = no limit.', default: -1, minimum: -1 }),
      },
      { description: 'Distributed runs: an Indexed Job plus a headless Service, no operator needed.' },
    ),
    schedule: s.object(
      {
        cron: s.string({
          description: 'When scheduled runs start (cron syntax, or @hourly, @daily, @weekly, @monthly, @yearly).',
          default: '0 2 * * *',
          pattern: '^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|[-0-9*/,?A-Za-z]+( +[-0-9*/,?A-Za-z]+){4})$',
          patternDescription: 'five cron fields such as "0 2 * * *", or a macro such as @daily',
        }),
        timeZone: s.string({
          description: 'IANA time zone of the schedule, e.g. Europe/Berlin ("" = the controller\'s, usually UTC).',
          default: '',
          pattern: '^$|^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$',
          patternDescription: 'an IANA time zone name such as Etc/UTC or America/New_York',
        }),
        concurrencyPolicy: s.enumOf(['Forbid', 'Allow', 'Replace'] as const, {
          description: 'What happens when a run is due while the previous one still runs: Forbid skips it, Replace stops the old run, Allow runs both.',
          default: 'Forbid',
        }),
        startingDeadlineSeconds: s.integer({
          description: 'A run that cannot start within this many seconds of its time is skipped (0 = no deadline).',
          default: 600,
          minimum: 0,
        }),
        successfulJobsHistoryLimit: s.integer({ description: 'Finished successful runs kept.', default: 3, minimum: 0 }),
        failedJobsHistoryLimit: s.integer({ description: 'Finished failed runs kept.', default: 1, minimum: 0 }),
        suspend: s.boolean({ description: 'Pause the schedule (runs already started continue).', default: false }),
      },
      { description: 'Scheduled runs (mode scheduled): the CronJob.' },
    ),
    restartPolicy: s.enumOf(['Never', 'OnFailure'] as const, {
      description: 'Pod restartPolicy. Never: a failed pod is replaced (needed by podFailurePolicy and backoffLimitPerIndex); OnFailure: the container restarts in place.',
      default: 'Never',
    }),
    backoffLimit: s.integer({ description: 'Failed pods (retries) before the Job fails; disruptions ignored by podFailurePolicy do not count.', default: 3, minimum: 0 }),
    activeDeadlineSeconds: s.integer({
      description: 'Wall-clock limit of a run in seconds, retries included, so a hung run (a stuck NCCL collective) cannot hold its GPUs forever (0 = none).',
      default: 604800,
      minimum: 0,
    }),
    ttlSecondsAfterFinished: s.integer({
      description:
        'Delete a finished Job (and its pods and logs) after this many seconds; -1 = keep it. A later `helm upgrade` re-creates a deleted Job and runs it again, so keep -1 unless your training resumes idempotently from its checkpoints.',
      default: -1,
      minimum: -1,
    }),
    podFailurePolicy: s.object(
      {
        enabled: s.boolean({ description: 'Give the Job a podFailurePolicy (needs restartPolicy Never).', default: true }),
        ignoreDisruptions: s.boolean({
          description: 'Do not count pods that failed because of a disruption (preemption, eviction, node drain: the DisruptionTarget condition) against backoffLimit.',
          default: true,
        }),
        failJobOnExitCodes: s.array(s.integer({ description: 'Exit code.', default: 1, minimum: 1, maximum: 255 }), {
          description: 'Exit codes of the training container that fail the whole Job at once, without retries (e.g. a configuration error your code signals with a dedicated code).',
          default: [],
          uniqueItems: true,
          maxItems: 255,
        }),
        extraRules: s.kubernetesList('io.k8s.api.batch.v1.PodFailurePolicyRule', { description: 'Further PodFailurePolicyRule entries, appended after the chart\'s.', default: [] }),
      },
      { description: 'How pod failures count towards backoffLimit.' },
    ),
    terminationGracePeriodSeconds: s.integer({
      description: 'Time the training process gets after SIGTERM (preemption, eviction) to write a last checkpoint.',
      default: 120,
      minimum: 0,
    }),
    resources: resources({ requests: { cpu: '4', memory: '16Gi' }, limits: { memory: '16Gi' } }),
    gpu: gpu(),
    shm: sharedMemory({ enabled: true, sizeLimit: '4Gi' }),
    scratch: s.object(
      {
        sizeLimit: s.quantity({ description: 'Size limit of the writable emptyDir at /tmp (also HOME), for caches under a read-only root filesystem.', default: '10Gi' }),
      },
      { description: 'Scratch space.' },
    ),
    dataset: s.object(
      {
        enabled: s.boolean({ description: 'Mount a dataset volume ($(DATASET_DIR)).', default: true }),
        mountPath: s.string({ description: 'Where the dataset is mounted.', default: '/data', ...ABSOLUTE_PATH }),
        readOnly: s.boolean({ description: 'Mount the dataset read-only in the training container (init steps may write a chart-created claim).', default: true }),
        ...claim('dataset', { existingClaim: 'datasets', accessModes: ['ReadWriteOnce'], size: '100Gi' }),
      },
      { description: 'Training data: an existing PersistentVolumeClaim (read-only by default) or a new one that init steps fill.' },
    ),
    checkpoints: s.object(
      {
        enabled: s.boolean({ description: 'Mount a checkpoint volume that outlives pods, retries and upgrades, so a retried or restarted run resumes from its own directory ($(CHECKPOINT_DIR)).', default: true }),
        mountPath: s.string({
          description: 'Where the checkpoint claim is mounted; each run writes to its own directory, $(CHECKPOINT_DIR) = <mountPath>/runs/<run id>.',
          default: '/checkpoints',
          ...ABSOLUTE_PATH,
        }),
        resumeFrom: s.string({
          description:
            'Run id (the 8 hex digits ending a training Job name) whose checkpoints this run starts from: $(RESUME_FROM_DIR) = <mountPath>/runs/<id>. "" = start fresh (no RESUME_FROM_DIR).',
          default: '',
          ...RUN_ID,
        }),
        ...claim('checkpoints', { existingClaim: '', accessModes: ['ReadWriteOnce'], size: '50Gi' }),
      },
      { description: 'Checkpoints, one directory per run. A chart-created claim is kept on uninstall (helm.sh/resource-policy: keep).' },
    ),
    output: s.object(
      {
        location: s.string({
          description: 'Where the trained model goes ($(OUTPUT_LOCATION)): a path, or an object-store URI such as s3://bucket/runs/exp-1.',
          default: '/checkpoints/output',
          pattern: '^[^\\s]*$',
          patternDescription: 'a path or URI without whitespace',
        }),
        secretName: s.string({ description: 'Secret loaded as environment for writing the output (object-store credentials; "" for none).', default: '' }),
      },
      { description: 'Output of the run.' },
    ),
    initSteps: s.array(initStep, {
      description: 'Containers that run in order before training (download, preprocess); they see the same volumes and variables.',
      default: [],
    }),
    evaluation: s.object(
      {
        enabled: s.boolean({
          description:
            'Evaluate after the training Job succeeds (single and distributed modes): a CPU-only gate Job waits for the training Job through the API and then creates the evaluation Job, so no evaluation GPU is requested before training has succeeded.',
          default: false,
        }),
        image: image({ repository: '', tag: '' }, 'the evaluation container ("" = the training image); it also runs the gate, which needs python3'),
        command: s.array(s.item.string(), { description: 'Evaluation command.', default: ['python'] }),
        args: s.array(s.item.string(), { description: 'Evaluation args.', default: ['evaluate.py', '--checkpoints=$(CHECKPOINT_DIR)', '--output=$(OUTPUT_LOCATION)'] }),
        env: s.kubernetesList('io.k8s.api.core.v1.EnvVar', { description: 'Extra environment variables of the evaluation container.', default: [] }),
        resources: resources({ requests: { cpu: '1', memory: '4Gi' }, limits: { memory: '4Gi' } }),
        gpus: s.integer({ description: 'GPUs of the evaluation container (of gpu.resourceName, with gpu.nodeSelector/tolerations).', default: 0, minimum: 0 }),
        pollSeconds: s.integer({ description: 'How often the gate checks the training Job.', default: 30, minimum: 1 }),
        backoffLimit: s.integer({ description: 'Retries of the evaluation.', default: 1, minimum: 0 }),
        activeDeadlineSeconds: s.integer({
          description: 'Wall-clock limit of the evaluation Job in seconds, so a hung evaluation cannot hold its GPUs forever (0 = none).',
          default: 86400,
          minimum: 0,
        }),
      },
      { description: 'Evaluation after a successful run.' },
    ),
    kueue: s.object(
      {
        queueName: s.string({
          description:
            'Kueue LocalQueue: labels the training and evaluation Jobs kueue.x-k8s.io/queue-name; Kueue\'s webhook suspends them on creation and Kueue admits them when quota allows ("" = plain Kubernetes). The chart never sets suspend itself, so upgrades leave an admitted Job running.',
          default: '',
          pattern: `^$|${DNS_LABEL}`,
          patternDescription: 'a LocalQueue name (DNS-1123 label)',
          maxLength: 63,
        }),
        priorityClass: s.string({
          description: 'Kueue WorkloadPriorityClass (kueue.x-k8s.io/priority-class label; "" for none).',
          default: '',
          pattern: `^$|${DNS_LABEL}`,
          patternDescription: 'a WorkloadPriorityClass name (DNS-1123 label)',
          maxLength: 63,
        }),
      },
      { description: 'Kueue job queueing.' },
    ),
    ...scheduling(),
    ...podMetadata(),
    lifecycle: containerLifecycle(),
    extraInitContainers: extraInitContainers(),
    ...extraObjects(),
    podSecurityContext: podSecurityContext(),
    securityContext: containerSecurityContext(),
    serviceAccount: serviceAccount(),
    networkPolicy: peerNetworkPolicy('the object store: dataset downloads, output.location uploads'),
  },
  { description: 'Values of the chartforge training chart.', allowExtra: ['global'] },
);

export type TrainingValues = Infer<typeof trainingValues>;

const restartPolicy = value('restartPolicy');
const workers = int(value('workers'));
const backoffLimitPerIndex = int(value('distributed.backoffLimitPerIndex'));
const maxFailedIndexes = int(value('distributed.maxFailedIndexes'));

/** A volume's mount path compared without trailing slashes ("/" stays "/"). */
function normalizedMountPath(mountPath: string): string {
  return mountPath.length > 1 ? mountPath.replace(/\/+$/, '') : mountPath;
}

/** No two of /tmp, shared memory, dataset, checkpoints and hyperparameters mounted at one path. */
function distinctMountPaths(values: TrainingValues): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const mountedAt = new Map<string, string>([['/tmp', 'the /tmp scratch volume']]);
  if (values.shm.enabled) mountedAt.set('/dev/shm', 'shared memory (shm)');
  const mounts: [ValuePath, string, boolean][] = [
    [['dataset', 'mountPath'], values.dataset.mountPath, values.dataset.enabled],
    [['checkpoints', 'mountPath'], values.checkpoints.mountPath, values.checkpoints.enabled],
    [['hyperparameters', 'mountPath'], values.hyperparameters.mountPath, Object.keys(values.hyperparameters.values).length > 0],
  ];
  for (const [path, mountPath, mounted] of mounts) {
    if (!mounted) continue;
    const normalized = normalizedMountPath(mountPath);
    const holder = mountedAt.get(normalized);
    if (holder) problems.push({ path, message: `"${mountPath}" is already the mount path of ${holder}` });
    else mountedAt.set(normalized, path.join('.'));
  }
  return problems;
}

/** Init steps named once each, and never like a container of the chart's own. */
function initStepNames(values: TrainingValues): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const seen = new Set<string>();
  values.initSteps.forEach((step, index) => {
    if ((RESERVED_CONTAINER_NAMES as readonly string[]).includes(step.name)) {
      problems.push({ path: ['initSteps', index, 'name'], message: `"${step.name}" is used by the chart; choose another name` });
    } else if (seen.has(step.name)) {
      problems.push({ path: ['initSteps', index, 'name'], message: `duplicate init step name "${step.name}"` });
    }
    seen.add(step.name);
  });
  return problems;
}

/** Training's rules across values: the spec check and the chart's validateValues both come from this table. */
export const TRAINING_RULES: readonly ValueRule[] = [
  { id: 'requests-within-limits', rule: 'requestsWithinLimits', path: 'resources' },
  { id: 'evaluation-requests-within-limits', rule: 'requestsWithinLimits', path: 'evaluation.resources' },
  { id: 'image', rule: 'image', path: 'image' },
  // The evaluation image falls back to the training image's repository (and tag).
  { id: 'evaluation-image', rule: 'image', path: 'evaluation.image', fromPreset: true },
  {
    id: 'pod-failure-policy-never-restarts',
    rule: 'when',
    path: 'restartPolicy',
    when: and(ne(restartPolicy, literal('Never')), value('podFailurePolicy.enabled')),
    message: ['must be Never while podFailurePolicy.enabled is true (Kubernetes requires it)'],
  },
  {
    id: 'backoff-per-index-never-restarts',
    rule: 'when',
    path: 'restartPolicy',
    when: and(eq(value('mode'), literal('distributed')), ge(backoffLimitPerIndex, literal(0)), ne(restartPolicy, literal('Never'))),
    message: ['must be Never when distributed.backoffLimitPerIndex is set (Kubernetes requires it)'],
  },
  {
    id: 'max-failed-indexes-needs-backoff-per-index',
    rule: 'when',
    path: 'distributed.maxFailedIndexes',
    when: and(ge(maxFailedIndexes, literal(0)), lt(backoffLimitPerIndex, literal(0))),
    message: ['needs distributed.backoffLimitPerIndex ≥ 0'],
  },
  { id: 'min-workers-at-most-workers', rule: 'when', path: 'distributed.minWorkers', when: gt(int(value('distributed.minWorkers')), workers), message: ['must be ≤ workers (', workers, ')'] },
  {
    id: 'resume-needs-checkpoints',
    rule: 'when',
    path: 'checkpoints.resumeFrom',
    when: and(value('checkpoints.resumeFrom'), not(value('checkpoints.enabled'))),
    message: ['needs checkpoints.enabled: a run resumes from the checkpoint claim'],
  },
  { id: 'max-failed-indexes-at-most-workers', rule: 'when', path: 'distributed.maxFailedIndexes', when: gt(maxFailedIndexes, workers), message: ['must be ≤ workers (', workers, ')'] },
  {
    id: 'read-only-dataset-claim-is-filled',
    rule: 'when',
    path: 'dataset.existingClaim',
    when: and(value('dataset.enabled'), not(value('dataset.existingClaim')), value('dataset.readOnly'), not(value('initSteps'))),
    message: ['a chart-created dataset claim starts empty: name an existing claim, or add initSteps that fill it'],
  },
  ...(['dataset', 'checkpoints'] as const).map(
    (volume): ValueRule => ({
      id: `${volume}-claim-size`,
      rule: 'when',
      path: `${volume}.size`,
      when: and(value(`${volume}.enabled`), not(value(`${volume}.existingClaim`)), oneOf(value(`${volume}.size`), ['', '0'])),
      message: ['must be set for a chart-created claim'],
    }),
  ),
  {
    id: 'distinct-mount-paths',
    rule: 'custom',
    path: 'dataset.mountPath, checkpoints.mountPath, hyperparameters.mountPath',
    check: distinctMountPaths,
    go: [
      '{{- $mountedAt := dict "/tmp" "the /tmp scratch volume" }}',
      '{{- if $v.shm.enabled }}',
      '{{- $_ := set $mountedAt "/dev/shm" "shared memory (shm)" }}',
      '{{- end }}',
      '{{- range $name := list "dataset" "checkpoints" "hyperparameters" }}',
      '{{- $volume := get $v $name }}',
      '{{- if ternary (not (empty $volume.values)) (get $volume "enabled") (eq $name "hyperparameters") }}',
      '{{- $normalized := $volume.mountPath }}',
      '{{- if gt (len $normalized) 1 }}',
      '{{- $normalized = regexReplaceAll "/+$" $normalized "" }}',
      '{{- end }}',
      '{{- if hasKey $mountedAt $normalized }}',
      '{{- fail (printf "%s.mountPath: \\"%s\\" is already the mount path of %s" $name $volume.mountPath (get $mountedAt $normalized)) }}',
      '{{- end }}',
      '{{- $_ := set $mountedAt $normalized (printf "%s.mountPath" $name) }}',
      '{{- end }}',
      '{{- end }}',
    ],
  },
  {
    id: 'evaluation-not-scheduled',
    rule: 'when',
    path: 'evaluation.enabled',
    when: and(value('evaluation.enabled'), eq(value('mode'), literal('scheduled'))),
    message: ['evaluation runs after single and distributed runs; in scheduled mode evaluate at the end of the training command'],
  },
  {
    id: 'init-step-names',
    rule: 'custom',
    path: 'initSteps[].name',
    check: initStepNames,
    go: [
      '{{- $seen := dict }}',
      '{{- range $index, $step := $v.initSteps }}',
      '{{- if has $step.name (include "<CHARTNAME>.reservedContainerNames" $ | fromJsonArray) }}',
      '{{- fail (printf "initSteps[%d].name: \\"%s\\" is used by the chart; choose another name" $index $step.name) }}',
      '{{- else if hasKey $seen $step.name }}',
      '{{- fail (printf "initSteps[%d].name: duplicate init step name \\"%s\\"" $index $step.name) }}',
      '{{- end }}',
      '{{- $_ := set $seen $step.name true }}',
      '{{- end }}',
    ],
  },
];

export const training: ChartKind<TrainingValues> = {
  name: 'training',
  summary: 'Runs GPU training: a single-pod Job, a distributed Indexed Job for PyTorch DDP/torchrun, or a scheduled CronJob',
  keywords: ['machine-learning', 'training', 'pytorch', 'gpu', 'kueue'],
  // podFailurePolicy (on by default) is stable since 1.31; successPolicy and backoffLimitPerIndex
  // (opt-in) are beta and on by default there.
  kubeVersion: '>=1.31.0-0',
  values: trainingValues,
  rules: TRAINING_RULES,
};
