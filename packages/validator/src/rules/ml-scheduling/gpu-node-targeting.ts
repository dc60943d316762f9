import { podRule, violation } from '../support/define.js';
import { ACCELERATOR_PARAMETER, podAcceleratorCount } from '../support/gpu.js';
import { arrayAt, getPath, isObject } from '../support/objects.js';

export default podRule(
  {
    id: 'gpu-node-targeting',
    category: 'ml-scheduling',
    severity: 'warning',
    summary: 'GPU pods should tolerate the GPU nodes\' taints or select GPU nodes (nodeSelector / node affinity)',
    parameters: ACCELERATOR_PARAMETER,
  },
  function* (pod, context) {
    if (podAcceleratorCount(pod, context.parameters.acceleratorResources as readonly string[]) === 0) return;
    const tolerates = arrayAt(pod.spec, ['tolerations']).length > 0;
    const selects = (isObject(pod.spec.nodeSelector) && Object.keys(pod.spec.nodeSelector).length > 0)
      || getPath(pod.spec, ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution']) !== undefined;
    if (!tolerates && !selects) {
      yield violation(pod.resource, pod.specPath, 'the pod asks for GPUs but has no tolerations and no nodeSelector or node affinity; GPU node pools are usually tainted (e.g. nvidia.com/gpu:NoSchedule), so it stays Pending');
    }
  },
);
