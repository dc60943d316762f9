import { podRule, violation } from '../support/define.js';

export default podRule(
  {
    id: 'job-restart-policy',
    category: 'ml-scheduling',
    severity: 'error',
    summary: 'Job pods must set restartPolicy OnFailure or Never (the default Always is rejected)',
  },
  function* (pod) {
    if (pod.resource.kind !== 'Job' && pod.resource.kind !== 'CronJob') return;
    const policy = pod.spec.restartPolicy;
    if (policy !== 'OnFailure' && policy !== 'Never') {
      const what = policy === undefined ? 'does not set restartPolicy (it defaults to Always)' : `sets restartPolicy: ${String(policy)}`;
      yield violation(pod.resource, policy === undefined ? pod.specPath : [...pod.specPath, 'restartPolicy'], `the Job's pod ${what}; a Job needs OnFailure or Never`);
    }
  },
);
