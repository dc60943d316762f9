// Manifests are untrusted input: no rule may throw, whatever shape a field has.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runRules } from '../src/rules/index.js';
import { parseManifests } from './support/parse.js';

const KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'Ingress', 'HTTPRoute', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ServiceAccount', 'RoleBinding', 'ConfigMap'];

/** JSON values, including the wrong types in the places rules look at. */
const junk = fc.jsonValue({ maxDepth: 3 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const container = fc.record({
  name: maybe(fc.oneof(fc.string(), junk)),
  image: maybe(fc.oneof(fc.constantFrom('app', 'app:latest', 'r:5000/a', 'a@sha256:00'), junk)),
  ports: maybe(fc.oneof(fc.array(fc.record({ name: maybe(junk), containerPort: maybe(junk), hostPort: maybe(junk) })), junk)),
  env: maybe(fc.oneof(fc.array(fc.record({ name: maybe(junk), value: maybe(junk), valueFrom: maybe(junk) })), junk)),
  resources: maybe(fc.oneof(fc.record({ requests: maybe(junk), limits: maybe(junk) }), junk)),
  securityContext: maybe(junk),
  livenessProbe: maybe(junk),
  readinessProbe: maybe(junk),
  command: maybe(junk),
  volumeMounts: maybe(junk),
});

const podSpec = fc.record({
  containers: maybe(fc.oneof(fc.array(container, { maxLength: 2 }), junk)),
  initContainers: maybe(fc.oneof(fc.array(container, { maxLength: 1 }), junk)),
  volumes: maybe(junk),
  securityContext: maybe(junk),
  affinity: maybe(junk),
  tolerations: maybe(junk),
  nodeSelector: maybe(junk),
  topologySpreadConstraints: maybe(junk),
  restartPolicy: maybe(junk),
});

const resource = fc.record({
  apiVersion: fc.constantFrom('v1', 'apps/v1', 'batch/v1', 'batch/v1beta1', 'networking.k8s.io/v1', 'gateway.networking.k8s.io/v1', 'autoscaling/v2', 'policy/v1'),
  kind: fc.constantFrom(...KINDS),
  metadata: fc.record({ name: fc.constantFrom('a', 'b'), labels: maybe(junk), annotations: maybe(junk) }),
  spec: fc.oneof(
    junk,
    fc.record({
      replicas: maybe(junk),
      selector: maybe(junk),
      template: maybe(fc.record({ metadata: maybe(junk), spec: maybe(podSpec) })),
      jobTemplate: maybe(junk),
      ports: maybe(junk),
      rules: maybe(junk),
      scaleTargetRef: maybe(junk),
      metrics: maybe(junk),
      minAvailable: maybe(junk),
      maxUnavailable: maybe(junk),
      strategy: maybe(junk),
    }),
    podSpec,
  ),
});

describe('robustness', () => {
  it('every rule accepts any shape of manifest without throwing', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.array(resource, { minLength: 1, maxLength: 4 }), (objects) => {
        const text = objects.map((o) => stringify(o)).join('---\n');
        const resources = parseManifests(text);
        expect(() => runRules(resources, { kubernetesVersion: '1.36', pss: 'restricted' })).not.toThrow();
      }),
      { numRuns: 150, seed: 20261122 },
    );
  });

  it('a kind named like a member of Object.prototype is no pod-bearing kind', () => {
    const resources = parseManifests(['constructor', 'toString', 'hasOwnProperty'].map((kind) => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: a\nspec:\n  containers: []\n`).join('---\n'));
    expect(runRules(resources, { kubernetesVersion: '1.36', pss: 'restricted' })).toEqual([]);
  });
});
