// charts/training installed, tested, upgraded, rolled back and uninstalled on a real control plane.
import { expect } from 'vitest';
import { kubectlOn } from '../src/lifecycle.js';
import { describeLifecycle } from '../src/lifecycle-suite.js';
import { waitUntil } from '../src/plane.js';

const QUEUED = 'kueue-values.yaml';
const LEADER_SUCCEEDS = 'distributed-values.yaml';

describeLifecycle('training', {
  // The README: a changed pod template renames the run — the Job `<release>-<chart>-<hash>`, and
  // with it the run's headless Service and the evaluation Job that waits for it — while a CronJob
  // and everything else stay.
  replacedByChangedValues: (before) => before.filter((key) => /^(Job|Service)\/.*-[0-9a-f]{8}$/.test(key)),
  // A queued Job is created suspended and waits for Kueue: --wait-for-jobs would wait for ever.
  // Helm 3's --wait-for-jobs counts a Job done only when succeeded = completions, so it waits for
  // ever on a run that `distributed.succeedWithLeader` (successPolicy) completes with fewer: seen
  // on the plane, Complete with 3/4. Helm 4 reads the Complete condition. The suite still checks
  // that the Job completes.
  // Helm 4's --wait (kstatus) counts a suspended Job as in progress for ever: only hooks are waited for.
  installFlags: (testCase) => {
    if (testCase.valuesFile === QUEUED) return testCase.major === 'v4' ? ['--wait=hookOnly'] : ['--wait'];
    if (testCase.valuesFile === LEADER_SUCCEEDS && testCase.major === 'v3') return ['--wait'];
    return ['--wait', '--wait-for-jobs'];
  },
  // Admit the queued Job as Kueue does (suspend: false), then it runs to completion.
  async afterInstall(plane, testCase) {
    if (testCase.valuesFile !== QUEUED) return;
    const jobs = await kubectlOn(plane, ['get', 'jobs', '-n', testCase.namespace, '-l', `app.kubernetes.io/instance=${testCase.release}`, '-o', 'name']);
    const names = jobs.stdout.split('\n').filter(Boolean);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const patch = await kubectlOn(plane, ['patch', name, '-n', testCase.namespace, '--type=merge', '-p', '{"spec":{"suspend":false}}']);
      expect(patch.status, patch.stderr).toBe(0);
      await waitUntil(`${name} complete after admission`, async () => {
        const result = await kubectlOn(plane, ['get', name, '-n', testCase.namespace, '-o', 'jsonpath={.status.succeeded}']);
        return Number(result.stdout || 0) > 0;
      });
    }
  },
  // Kueue's promise to a running Job: the chart never suspends it again.
  async afterUnchangedUpgrade(plane, testCase) {
    if (testCase.valuesFile !== QUEUED) return undefined;
    const jobs = await kubectlOn(plane, ['get', 'jobs', '-n', testCase.namespace, '-l', `app.kubernetes.io/instance=${testCase.release}`, '-o', 'jsonpath={range .items[*]}{.metadata.name} suspend={.spec.suspend}{"\\n"}{end}']);
    const lines = jobs.stdout.split('\n').filter(Boolean);
    return { step: 'upgrade-keeps-admitted-job', actual: lines, expected: lines.map((line) => line.replace(/suspend=.*$/, 'suspend=false')) };
  },
});
