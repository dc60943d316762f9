// Accelerators are extended resources; these are the names device plugins advertise them under.
import { parseQuantity } from '@chartforge/core';
import { isObject } from './objects.js';
import type { ContainerRef, PodTemplate } from './pod.js';
import { containersOf } from './pod.js';

export const DEFAULT_ACCELERATOR_RESOURCES: readonly string[] = [
  'nvidia.com/gpu', 'nvidia.com/mig-*', 'amd.com/gpu', 'gpu.intel.com/*', 'habana.ai/gaudi', 'aws.amazon.com/neuron', 'aws.amazon.com/neuroncore', 'google.com/tpu',
];

/** `patterns` entries match a resource name exactly or, ending in `*`, by prefix. */
export function isAccelerator(resourceName: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => (pattern.endsWith('*') ? resourceName.startsWith(pattern.slice(0, -1)) : resourceName === pattern));
}

/** Accelerator resource names and counts a container asks for (limits, else requests). */
export function acceleratorsOf(ref: ContainerRef, patterns: readonly string[]): Map<string, number> {
  const result = new Map<string, number>();
  const resources = isObject(ref.container.resources) ? ref.container.resources : {};
  for (const section of ['requests', 'limits'] as const) {
    const values = resources[section];
    if (!isObject(values)) continue;
    for (const [name, value] of Object.entries(values)) {
      if (!isAccelerator(name, patterns)) continue;
      const count = parseQuantity(value) ?? 0;
      if (section === 'limits' || !result.has(name)) result.set(name, count);
    }
  }
  return result;
}

/** Total accelerators the pod's regular containers ask for. */
export function podAcceleratorCount(pod: PodTemplate, patterns: readonly string[]): number {
  let total = 0;
  for (const ref of containersOf(pod, ['containers'])) for (const count of acceleratorsOf(ref, patterns).values()) total += count;
  return total;
}

export const ACCELERATOR_PARAMETER = {
  acceleratorResources: {
    type: 'string[]' as const,
    default: DEFAULT_ACCELERATOR_RESOURCES,
    description: 'Extended resource names that are accelerators (GPU/TPU/…); a trailing * matches a prefix.',
  },
};
