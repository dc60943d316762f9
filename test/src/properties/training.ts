import fc from 'fast-check';
import type { KindProperties, Values } from '../properties.js';

type Container = { name: string; args?: string[]; env?: { name: string; value?: string }[]; workingDir?: string };
type PodTemplate = { metadata: { annotations?: Values }; spec: { containers: Container[]; initContainers?: Container[] } };

function jobs(documents: Values[], component: string): { spec: { template: PodTemplate } }[] {
  return documents.filter((d) => d.kind === 'Job' && (d.metadata as { labels: Values }).labels['app.kubernetes.io/component'] === component) as never[];
}

function trainingPod(documents: Values[]): PodTemplate {
  return jobs(documents, 'training')[0]!.spec.template;
}

/** The evaluation Job the gate creates after training: the JSON in the gate's environment. */
function evaluationJob(documents: Values[]): { spec: { template: PodTemplate } } {
  const gate = container(jobs(documents, 'evaluation-gate')[0]!.spec.template, 'gate');
  return JSON.parse(gate.env!.find((e) => e.name === 'EVALUATION_JOB')!.value!);
}

function container(pod: PodTemplate, name: string): Container {
  return pod.spec.containers.find((c) => c.name === name)!;
}

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const hyperparameter = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 30 }), fc.boolean(), fc.array(fc.integer({ min: 0, max: 512 }), { maxLength: 3 }));

export const trainingProperties: KindProperties = {
  overrides: {
    workers: fc.integer({ min: 1, max: 64 }),
    args: fc.array(fc.string({ maxLength: 40 }), { maxLength: 4 }),
    workingDir: fc.constantFrom('', '/workspace'),
    'hyperparameters.values': fc.dictionary(fc.stringMatching(/^[a-z_]{1,12}$/), hyperparameter, { maxKeys: 4 }),
    distributed: fc
      .record({
        masterPort: fc.integer({ min: 1024, max: 65535 }),
        nprocPerNode: fc.integer({ min: 0, max: 8 }),
        succeedWithLeader: fc.boolean(),
        backoffLimitPerIndex: fc.integer({ min: -1, max: 3 }),
        maxFailedIndexes: fc.integer({ min: -1, max: 1 }),
      })
      .map((d) => (d.backoffLimitPerIndex < 0 ? { ...d, maxFailedIndexes: -1 } : d)),
    // The values schema's patterns admit what the API server's parsers refuse (a field out of range,
    // a zone Go's time package does not know): chartforge validate reports those on the render, so
    // the valid specs drawn here are schedules and zones the API server accepts.
    'schedule.cron': fc.oneof(
      fc.constantFrom('@hourly', '@daily', '@weekly', '@monthly', '@yearly'),
      fc
        .tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom('*', '1', '1,15', '*/2'), fc.constantFrom('*', 'JAN-MAR', '6'), fc.constantFrom('*', 'mon-fri', '0'))
        .map((fields) => fields.join(' ')),
    ),
    'schedule.timeZone': fc.constantFrom('', 'UTC', 'Etc/UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'),
    'podFailurePolicy.failJobOnExitCodes': fc.uniqueArray(fc.integer({ min: 1, max: 255 }), { maxLength: 4 }),
    activeDeadlineSeconds: fc.constantFrom(0, 3600, 604800, 31536000),
    ttlSecondsAfterFinished: fc.constantFrom(-1, 0, 86400),
    initSteps: fc.uniqueArray(
      fc.record({
        name: word.filter((name) => !['train', 'evaluate'].includes(name)),
        image: fc.constantFrom('busybox:1.37', 'rclone/rclone:1.68.2', 'registry.example.com/prep@sha256:' + 'c'.repeat(64)),
        args: fc.array(fc.string({ maxLength: 30 }), { maxLength: 2 }),
      }),
      { maxLength: 3, selector: (step) => step.name },
    ),
    'evaluation.args': fc.array(fc.string({ maxLength: 30 }), { maxLength: 2 }),
    env: fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,20}$/), value: fc.string({ maxLength: 40 }) }), { maxLength: 3, selector: (e) => e.name }),
    podLabels: fc.dictionary(word, fc.stringMatching(/^[a-z0-9]{0,10}$/), { maxKeys: 3 }),
    podAnnotations: fc.dictionary(word.map((w) => `example.com/${w}`), fc.string({ maxLength: 40 }), { maxKeys: 3 }),
  },
  injectionTargets: [
    {
      name: 'a training argument',
      set: (payload) => ({ args: [payload] }),
      get: (documents) => [container(trainingPod(documents), 'train').args?.[0]],
    },
    {
      name: 'an environment variable',
      set: (payload) => ({ env: [{ name: 'NOTE', value: payload }] }),
      get: (documents) => [container(trainingPod(documents), 'train').env?.find((e) => e.name === 'NOTE')?.value],
    },
    {
      name: 'the working directory',
      set: (payload) => ({ workingDir: payload }),
      get: (documents) => [container(trainingPod(documents), 'train').workingDir],
    },
    {
      name: 'a hyper-parameter',
      set: (payload) => ({ hyperparameters: { values: { note: payload } } }),
      get: (documents) => {
        const config = documents.find((d) => d.kind === 'ConfigMap') as { data: Record<string, string> };
        return [(JSON.parse(config.data['hyperparameters.json']!) as Values).note];
      },
    },
    {
      name: 'a pod annotation',
      set: (payload) => ({ podAnnotations: { 'example.com/note': payload } }),
      get: (documents) => [trainingPod(documents).metadata.annotations?.['example.com/note']],
    },
    {
      name: 'an init step argument',
      set: (payload) => ({ initSteps: [{ name: 'prepare', image: 'busybox:1.37', args: [payload] }] }),
      get: (documents) => [trainingPod(documents).spec.initContainers?.[0]?.args?.[0]],
    },
    {
      name: 'an evaluation argument',
      set: (payload) => ({ evaluation: { enabled: true, args: [payload] } }),
      get: (documents) => [container(evaluationJob(documents).spec.template, 'evaluate').args?.[0]],
    },
  ],
};
