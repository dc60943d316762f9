import { podRule, violation } from '../support/define.js';
import { describeContainer } from '../support/pod.js';
import { allContainers, containerSecurityField, podSecurityField } from './shared.js';

export default podRule(
  {
    id: 'pss-host-process',
    category: 'pod-security',
    pss: 'baseline',
    severity: 'error',
    summary: 'Windows HostProcess pods (windowsOptions.hostProcess: true) are not allowed',
  },
  function* (pod) {
    const podLevel = podSecurityField(pod, 'windowsOptions', 'hostProcess');
    if (podLevel.value === true) yield violation(pod.resource, podLevel.path, 'the pod runs as a Windows HostProcess (spec.securityContext.windowsOptions.hostProcess: true); Pod Security baseline forbids it');
    for (const ref of allContainers(pod)) {
      const field = containerSecurityField(ref, 'windowsOptions', 'hostProcess');
      if (field.value === true) yield violation(pod.resource, field.path, `${describeContainer(ref)} runs as a Windows HostProcess; Pod Security baseline forbids it`);
    }
  },
);
