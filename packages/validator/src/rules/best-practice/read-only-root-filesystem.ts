import { podRule, violation } from '../support/define.js';
import { getPath } from '../support/objects.js';
import { containersOf, describeContainer, isWindowsPod } from '../support/pod.js';

export default podRule(
  {
    id: 'read-only-root-filesystem',
    category: 'best-practice',
    severity: 'warning',
    summary: 'Containers should run with readOnlyRootFilesystem: true (mount emptyDir where they write)',
  },
  function* (pod) {
    // Windows containers do not support a read-only root filesystem.
    if (isWindowsPod(pod)) return;
    for (const ref of containersOf(pod, ['initContainers', 'containers'])) {
      if (getPath(ref.container, ['securityContext', 'readOnlyRootFilesystem']) !== true) {
        yield violation(pod.resource, ref.path, `${describeContainer(ref)} can write to its root filesystem; set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where it writes`);
      }
    }
  },
);
