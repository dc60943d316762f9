// Manifests are untrusted input: the simulation may never throw, whatever shape the fields it
// reads (replicas, requests, selectors, affinity, tolerations, spread, gangs, autoscalers) have.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseNodePools, simulateFit } from '../src/index.js';
import { parseManifests } from './parse.js';

/** JSON values, including the wrong types in the places the simulation looks at. */
const junk = fc.jsonValue({ maxDepth: 3 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const quantity = fc.oneof(fc.constantFrom('1', '500m', '2Gi', '0', '-1', '1e3', 'lots'), junk);

const schedulingFields = fc.record({
  containers: maybe(fc.oneof(fc.array(fc.record({ name: maybe(junk), resources: maybe(fc.oneof(fc.record({ requests: maybe(fc.dictionary(fc.constantFrom('cpu', 'memory', 'nvidia.com/gpu'), quantity)), limits: maybe(junk) }), junk)) }), { maxLength: 2 }), junk)),
  initContainers: maybe(junk),
  overhead: maybe(junk),
  nodeSelector: maybe(junk),
  affinity: maybe(junk),
  tolerations: maybe(junk),
  topologySpreadConstraints: maybe(junk),
  priorityClassName: maybe(junk),
  runtimeClassName: maybe(junk),
});

const workload = fc.record({
  apiVersion: fc.constantFrom('v1', 'apps/v1', 'batch/v1', 'autoscaling/v2', 'node.k8s.io/v1'),
  kind: fc.constantFrom('Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler', 'RuntimeClass'),
  metadata: fc.record({ name: fc.constantFrom('a', 'b'), labels: maybe(junk) }),
  spec: fc.oneof(
    junk,
    schedulingFields,
    fc.record({
      replicas: maybe(junk),
      parallelism: maybe(junk),
      completions: maybe(junk),
      completionMode: maybe(fc.oneof(fc.constant('Indexed'), junk)),
      strategy: maybe(junk),
      scaleTargetRef: maybe(junk),
      maxReplicas: maybe(junk),
      template: maybe(fc.record({ metadata: maybe(junk), spec: maybe(schedulingFields) })),
    }),
  ),
});

const NODES = parseNodePools('pools:\n  - {name: n, count: 2, allocatable: {cpu: "4", memory: 8Gi, nvidia.com/gpu: 1}}\n', 'nodes.yaml');

describe('robustness', () => {
  it('the fit simulation accepts any shape of manifest without throwing', () => {
    fc.assert(
      fc.property(fc.array(workload, { minLength: 1, maxLength: 4 }), (objects) => {
        const resources = parseManifests(objects.map((o) => stringify(o)).join('---\n'));
        expect(() => simulateFit(resources, NODES)).not.toThrow();
      }),
      { numRuns: 150, seed: 20261122 },
    );
  });
});
