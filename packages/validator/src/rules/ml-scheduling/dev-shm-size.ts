import { podRule, violation } from '../support/define.js';
import { ACCELERATOR_PARAMETER, podAcceleratorCount } from '../support/gpu.js';
import { arrayAt, getPath, isObject, objectsIn } from '../support/objects.js';
import { containersOf, describeContainer } from '../support/pod.js';

/** Commands that start multi-process PyTorch (DataLoader workers, NCCL across local GPUs). */
const DISTRIBUTED_LAUNCHERS = /\b(torchrun|torch\.distributed\.(run|launch)|accelerate\s+launch|deepspeed)\b/;

export default podRule(
  {
    id: 'dev-shm-size',
    category: 'ml-scheduling',
    severity: 'warning',
    summary: 'Multi-GPU or distributed PyTorch pods need a memory-backed emptyDir at /dev/shm (the default is 64 MiB)',
    parameters: ACCELERATOR_PARAMETER,
  },
  function* (pod, context) {
    const multiGpu = podAcceleratorCount(pod, context.parameters.acceleratorResources as readonly string[]) > 1;
    const launchers = containersOf(pod, ['containers']).filter((ref) =>
      [...arrayAt(ref.container, ['command']), ...arrayAt(ref.container, ['args'])].some((word) => typeof word === 'string' && DISTRIBUTED_LAUNCHERS.test(word)));
    if (!multiGpu && launchers.length === 0) return;
    const memoryVolumes = new Set(
      [...objectsIn(pod.spec, ['volumes'])].filter(({ value }) => getPath(value, ['emptyDir', 'medium']) === 'Memory').map(({ value }) => value.name),
    );
    for (const ref of containersOf(pod, ['containers'])) {
      const mountsShm = arrayAt(ref.container, ['volumeMounts']).some((m) => isObject(m) && m.mountPath === '/dev/shm' && memoryVolumes.has(m.name));
      if (mountsShm) continue;
      if (!multiGpu && !launchers.includes(ref)) continue;
      const why = multiGpu ? 'the pod uses several GPUs' : 'it launches distributed PyTorch';
      yield violation(pod.resource, ref.path, `${describeContainer(ref)} has no memory-backed emptyDir at /dev/shm but ${why}; NCCL and DataLoader workers fail or crawl with the default 64 MiB`);
    }
  },
);
