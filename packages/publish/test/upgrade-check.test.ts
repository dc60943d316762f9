// checkUpgrade on manifests in memory: what the API server would refuse is judged for Kubernetes'
// own kinds, not for custom resources that share their names (the CLI and cluster tests cover the rest).
import { describe, expect, it } from 'vitest';
import { checkUpgrade, readManifest } from '../src/upgrade-check.js';

const job = (apiVersion: string, image: string, queue = '') =>
  readManifest(
    `apiVersion: ${apiVersion}\nkind: Job\nmetadata:\n  name: train\n${queue ? `  labels: {kueue.x-k8s.io/queue-name: ${queue}}\n` : ''}spec:\n  suspend: true\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: t, image: "${image}"}]\n`,
  );

describe('checkUpgrade', () => {
  it("refuses a batch/v1 Job's new pod template, with the API server's message, and names Kueue's suspend", () => {
    const findings = checkUpgrade(job('batch/v1', 'r.example.com/t:1', 'research'), job('batch/v1', 'r.example.com/t:2', 'research'));
    expect(findings.map((f) => [f.rule, f.path.join('.')])).toEqual([
      ['immutable-field', 'spec.template'],
      ['controller-owned-field', 'spec.suspend'],
    ]);
    expect(findings[0]!.message).toBe('the API server refuses the update: Job.batch "train" is invalid: spec.template: Invalid value: …: field is immutable');
  });

  it("does not judge Volcano's Job (batch.volcano.sh) by batch/v1 Job's rules", () => {
    expect(checkUpgrade(job('batch.volcano.sh/v1alpha1', 'r.example.com/t:1', 'research'), job('batch.volcano.sh/v1alpha1', 'r.example.com/t:2', 'research'))).toEqual([]);
  });
});
