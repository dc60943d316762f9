import { describe, expect, it } from 'vitest';
import { defaultSpec, formatSpecError, loadSpec, training } from '../src/index.js';

function errorsOf(text: string): string[] {
  const result = loadSpec(training, text, 'job.yaml');
  if (result.ok) throw new Error('expected the spec to be invalid');
  return result.errors.map(formatSpecError);
}

function valuesOf(text: string) {
  const result = loadSpec(training, text, 'job.yaml');
  if (!result.ok) throw new Error(result.errors.map(formatSpecError).join('\n'));
  return result.spec.values;
}

describe('the training kind', () => {
  it('has defaults that satisfy its own schema and rules: a single-pod Job', () => {
    const { values, chart } = defaultSpec(training);
    expect(chart.name).toBe('training');
    expect(values.mode).toBe('single');
    expect(values.restartPolicy).toBe('Never');
    expect(values.podFailurePolicy.enabled).toBe(true);
  });

  it('requires restartPolicy Never for podFailurePolicy and per-index backoff', () => {
    expect(errorsOf('restartPolicy: OnFailure\n')).toEqual(['job.yaml:1:16 restartPolicy: must be Never while podFailurePolicy.enabled is true (Kubernetes requires it)']);
    expect(errorsOf('mode: distributed\nrestartPolicy: OnFailure\npodFailurePolicy: {enabled: false}\ndistributed: {backoffLimitPerIndex: 1}\n')).toEqual([
      'job.yaml:2:16 restartPolicy: must be Never when distributed.backoffLimitPerIndex is set (Kubernetes requires it)',
    ]);
    expect(valuesOf('restartPolicy: OnFailure\npodFailurePolicy: {enabled: false}\n').restartPolicy).toBe('OnFailure');
  });

  it('ties maxFailedIndexes to backoffLimitPerIndex and the worker count', () => {
    expect(errorsOf('distributed:\n  backoffLimitPerIndex: -1\n  maxFailedIndexes: 1\n')).toEqual(['job.yaml:3:21 distributed.maxFailedIndexes: needs distributed.backoffLimitPerIndex ≥ 0']);
    expect(errorsOf('workers: 2\ndistributed:\n  backoffLimitPerIndex: 0\n  maxFailedIndexes: 3\n')).toEqual(['job.yaml:4:21 distributed.maxFailedIndexes: must be ≤ workers (2)']);
  });

  it('refuses an empty chart-created dataset nothing fills, and claims without a size', () => {
    expect(errorsOf('dataset:\n  existingClaim: ""\n')).toEqual([
      'job.yaml:2:18 dataset.existingClaim: a chart-created dataset claim starts empty: name an existing claim, or add initSteps that fill it',
    ]);
    expect(errorsOf('checkpoints:\n  size: ""\n')).toEqual(['job.yaml:2:9 checkpoints.size: must be set for a chart-created claim']);
    expect(valuesOf('dataset:\n  existingClaim: ""\n  readOnly: false\n').dataset.existingClaim).toBe('');
  });

  it('refuses two volumes at one mount path', () => {
    expect(errorsOf('checkpoints:\n  mountPath: /data/\nhyperparameters:\n  values: {lr: 0.1}\n  mountPath: /tmp\n')).toEqual([
      'job.yaml:2:14 checkpoints.mountPath: "/data/" is already the mount path of dataset.mountPath',
      'job.yaml:5:14 hyperparameters.mountPath: "/tmp" is already the mount path of the /tmp scratch volume',
    ]);
    expect(valuesOf('hyperparameters:\n  mountPath: /tmp\n').hyperparameters.mountPath).toBe('/tmp');
  });

  it('rejects evaluation of scheduled runs', () => {
    expect(errorsOf('mode: scheduled\nevaluation:\n  enabled: true\n')).toEqual([
      'job.yaml:3:12 evaluation.enabled: evaluation runs after single and distributed runs; in scheduled mode evaluate at the end of the training command',
    ]);
  });

  it('rejects init steps that reuse a name', () => {
    expect(errorsOf('initSteps:\n  - {name: fetch, image: busybox:1.37}\n  - {name: fetch, image: busybox:1.37}\n  - {name: train, image: busybox:1.37}\n')).toEqual([
      'job.yaml:3:12 initSteps[1].name: duplicate init step name "fetch"',
      'job.yaml:4:12 initSteps[2].name: "train" is used by the chart; choose another name',
    ]);
  });

  it('validates schedules, time zones, exit codes and queue names', () => {
    expect(errorsOf('schedule:\n  cron: "0 2 * *"\n  timeZone: "Europe Berlin"\npodFailurePolicy:\n  failJobOnExitCodes: [0, 256]\nkueue:\n  queueName: Team\n')).toEqual([
      'job.yaml:2:9 schedule.cron: must be five cron fields such as "0 2 * * *", or a macro such as @daily; got "0 2 * *"',
      'job.yaml:3:13 schedule.timeZone: must be an IANA time zone name such as Etc/UTC or America/New_York; got "Europe Berlin"',
      'job.yaml:5:24 podFailurePolicy.failJobOnExitCodes[0]: must be ≥ 1; got 0',
      'job.yaml:5:27 podFailurePolicy.failJobOnExitCodes[1]: must be ≤ 255; got 256',
      'job.yaml:7:14 kueue.queueName: must be a LocalQueue name (DNS-1123 label); got "Team"',
    ]);
    expect(valuesOf('schedule:\n  cron: "@daily"\n').schedule.cron).toBe('@daily');
    expect(valuesOf('schedule:\n  cron: "*/15 0-6 * JAN,FEB MON-FRI"\n').schedule.cron).toBe('*/15 0-6 * JAN,FEB MON-FRI');
    expect(errorsOf('schedule:\n  cron: "TZ=UTC 0 2 * * *"\n')).toHaveLength(1);
  });
});
