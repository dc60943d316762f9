// HorizontalPodAutoscaler fields across autoscaling/v1, v2beta1, v2beta2 and v2.
import type { JsonPath, Resource } from '../../types.js';
import { getPath, integerAt, objectAt, objectsIn } from './objects.js';
import { declaredReplicas } from './pod.js';
import type { ResourceIndex } from './resource-index.js';

export interface UtilizationMetric {
  /** `cpu` or `memory`. */
  readonly resource: string;
  readonly path: JsonPath;
  /** Set for ContainerResource metrics: only that container needs the request. */
  readonly container?: string;
}

/** Resource metrics that scale on utilization, i.e. on usage as a percentage of the request. */
export function utilizationMetrics(hpa: Resource): UtilizationMetric[] {
  const found: UtilizationMetric[] = [];
  if (integerAt(hpa.object, ['spec', 'targetCPUUtilizationPercentage']) !== undefined) {
    found.push({ resource: 'cpu', path: ['spec', 'targetCPUUtilizationPercentage'] });
  }
  for (const { value: metric, path } of objectsIn(hpa.object, ['spec', 'metrics'])) {
    for (const type of ['resource', 'containerResource'] as const) {
      const source = objectAt(metric, [type]);
      if (!source || typeof source.name !== 'string') continue;
      const utilization = getPath(source, ['target', 'type']) === 'Utilization' || source.targetAverageUtilization !== undefined;
      if (!utilization) continue;
      const entry = { resource: source.name, path: [...path, type] };
      found.push(type === 'containerResource' && typeof source.container === 'string' ? { ...entry, container: source.container } : entry);
    }
  }
  return found;
}

/** The workload an HPA scales, when it is in the input. */
export function scaleTarget(hpa: Resource, index: ResourceIndex): Resource | undefined {
  const ref = objectAt(hpa.object, ['spec', 'scaleTargetRef']);
  if (!ref || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined;
  return index.find(ref.kind, ref.name, hpa);
}

/** The HPAs that scale `workload`. */
export function autoscalersOf(workload: Resource, index: ResourceIndex): Resource[] {
  const byTarget = index.derived('autoscalers-by-target', () => {
    const map = new Map<Resource, Resource[]>();
    for (const hpa of index.ofKind('HorizontalPodAutoscaler')) {
      const target = scaleTarget(hpa, index);
      if (target) map.set(target, [...(map.get(target) ?? []), hpa]);
    }
    return map;
  });
  return byTarget.get(workload) ?? [];
}

export function minReplicas(hpa: Resource): number {
  return integerAt(hpa.object, ['spec', 'minReplicas']) ?? 1;
}

export function maxReplicas(hpa: Resource): number | undefined {
  return integerAt(hpa.object, ['spec', 'maxReplicas']);
}

/**
 * Fewest and most pods a replicated workload runs: its HPAs' bounds when an HPA scales it, else
 * `spec.replicas` both ways; undefined for kinds without replicas (DaemonSets, Jobs, bare pods).
 */
export function replicaRange(workload: Resource, index: ResourceIndex): { min: number; max: number } | undefined {
  const hpas = autoscalersOf(workload, index);
  if (hpas.length > 0) {
    const min = Math.min(...hpas.map(minReplicas));
    return { min, max: Math.max(min, ...hpas.map((hpa) => maxReplicas(hpa) ?? min)) };
  }
  const replicas = declaredReplicas(workload);
  return replicas === undefined ? undefined : { min: replicas, max: replicas };
}
