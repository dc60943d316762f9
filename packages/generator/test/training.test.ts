import { defaultSpec, formatSpecError, loadSpec, mergeValues, training, type TrainingValues, type Values } from '@chartforge/kinds';
import { describe, expect, it } from 'vitest';
import { generateChart, GenerateError } from '../src/index.js';
import { kindGenerators } from '../src/kinds/index.js';

const generator = kindGenerators.training!;
const defaults = defaultSpec(training).values as unknown as Values;
const valueSets = [defaults, ...Object.values(generator.ciValues).map((override) => mergeValues(defaults, override as Values))] as unknown as TrainingValues[];

describe('the training generator', () => {
  it.each<[string, (v: TrainingValues) => boolean]>([
    ['single mode', (v) => v.mode === 'single'],
    ['distributed mode', (v) => v.mode === 'distributed'],
    ['scheduled mode', (v) => v.mode === 'scheduled'],
    ['a schedule time zone', (v) => v.mode === 'scheduled' && v.schedule.timeZone !== ''],
    ['successPolicy', (v) => v.mode === 'distributed' && v.distributed.succeedWithLeader],
    ['per-index backoff', (v) => v.mode === 'distributed' && v.distributed.backoffLimitPerIndex >= 0 && v.distributed.maxFailedIndexes >= 0],
    ['fail-fast exit codes', (v) => v.podFailurePolicy.enabled && v.podFailurePolicy.failJobOnExitCodes.length > 1],
    ['restartPolicy OnFailure', (v) => v.restartPolicy === 'OnFailure'],
    ['Kueue with a priority class', (v) => v.kueue.queueName !== '' && v.kueue.priorityClass !== ''],
    ['GPUs', (v) => v.gpu.count > 0],
    ['hyper-parameters as JSON', (v) => Object.keys(v.hyperparameters.values).length > 0 && v.hyperparameters.format === 'json'],
    ['hyper-parameters as YAML', (v) => Object.keys(v.hyperparameters.values).length > 0 && v.hyperparameters.format === 'yaml'],
    ['a chart-created dataset claim', (v) => v.dataset.enabled && v.dataset.existingClaim === ''],
    ['an existing checkpoint claim', (v) => v.checkpoints.enabled && v.checkpoints.existingClaim !== ''],
    ['init steps', (v) => v.initSteps.length > 1],
    ['evaluation', (v) => v.evaluation.enabled],
    ['a TTL', (v) => v.ttlSecondsAfterFinished >= 0],
    ['topology spread', (v) => v.topologySpreadConstraints.length > 0],
  ])('renders %s in CI with one of its values sets', (_feature, holds) => {
    expect(valueSets.some(holds)).toBe(true);
  });

  it('lists every image the chart may run for Artifact Hub', () => {
    const result = loadSpec(
      training,
      'image: {repository: reg.example.com/trainer, tag: "1.2"}\ninitSteps: [{name: fetch, image: "rclone/rclone:1.68.2"}]\nevaluation: {enabled: true, image: {repository: reg.example.com/eval, tag: "3"}}\n',
      'job.yaml',
    );
    if (!result.ok) throw new Error(result.errors.map(formatSpecError).join('\n'));
    expect(generator.images(result.spec.values)).toEqual([
      { name: 'trainer', image: 'reg.example.com/trainer:1.2' },
      { name: 'fetch', image: 'rclone/rclone:1.68.2' },
      { name: 'evaluation', image: 'reg.example.com/eval:3' },
    ]);
  });

  it('generates from any valid spec: the CI values files are explicit about what they change', () => {
    const result = loadSpec(
      training,
      'mode: distributed\nworkers: 8\nrestartPolicy: OnFailure\npodFailurePolicy: {enabled: false}\nevaluation: {enabled: true}\ndistributed: {backoffLimitPerIndex: -1}\n',
      'job.yaml',
    );
    if (!result.ok) throw new Error(result.errors.map(formatSpecError).join('\n'));
    expect(() => generateChart(result.spec)).not.toThrow(GenerateError);
    expect(generateChart(result.spec).get('values.yaml')).toContain('workers: 8\n');
  });
});
