import { resourceRule, violation } from '../support/define.js';
import { getPath } from '../support/objects.js';
import { kubernetesKind } from '../support/kinds.js';

export default resourceRule(
  {
    id: 'job-active-deadline',
    category: 'ml-scheduling',
    severity: 'warning',
    summary: 'Jobs (and CronJob job templates) should set activeDeadlineSeconds so a hung run cannot hold nodes and GPUs forever',
  },
  function* (resource) {
    const jobSpec = kubernetesKind(resource) === 'Job' ? ['spec'] : kubernetesKind(resource) === 'CronJob' ? ['spec', 'jobTemplate', 'spec'] : undefined;
    if (!jobSpec) return;
    if (getPath(resource.object, [...jobSpec, 'activeDeadlineSeconds']) === undefined) {
      yield violation(resource, jobSpec, `the ${resource.kind} sets no activeDeadlineSeconds; a stuck run keeps its nodes (and GPUs) until someone deletes it`);
    }
  },
);
