import { podRule, violation } from '../support/define.js';
import { isObject, objectsIn } from '../support/objects.js';
import { containerResource, containersOf, describeContainer } from '../support/pod.js';

export default podRule(
  {
    id: 'emptydir-ephemeral-storage',
    category: 'best-practice',
    severity: 'warning',
    summary: 'A container that writes to a disk-backed emptyDir without sizeLimit must request ephemeral-storage',
  },
  function* (pod) {
    // Disk-backed emptyDirs with no sizeLimit: what is written there counts only against the node's disk.
    const unbounded = new Set<string>();
    for (const { value: volume } of objectsIn(pod.spec, ['volumes'])) {
      const emptyDir = volume.emptyDir;
      if (typeof volume.name !== 'string' || !isObject(emptyDir)) continue;
      if (emptyDir.medium === 'Memory' || emptyDir.sizeLimit !== undefined) continue;
      unbounded.add(volume.name);
    }
    if (unbounded.size === 0) return;
    for (const ref of containersOf(pod, ['initContainers', 'containers'])) {
      if (containerResource(ref, 'requests', 'ephemeral-storage') !== undefined || containerResource(ref, 'limits', 'ephemeral-storage') !== undefined) continue;
      for (const { value: mount, path } of objectsIn(ref.container, ['volumeMounts'])) {
        if (typeof mount.name !== 'string' || !unbounded.has(mount.name) || mount.readOnly === true) continue;
        yield violation(
          pod.resource,
          [...ref.path, ...path],
          `${describeContainer(ref)} writes to emptyDir "${mount.name}", which has no sizeLimit, and requests no ephemeral-storage: the scheduler does not count that disk, so the pod can fill its node's disk and get it (and its neighbours) evicted; request ephemeral-storage or set emptyDir.sizeLimit`,
        );
        break;
      }
    }
  },
);
