// The ecosystem's CRDs, embedded: custom resources validate offline with no flag, the way the API
// server validates them (structural schema, CEL rules, int-or-string, preserve-unknown-fields), and
// the stored data is what the pinned Go modules ship.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validate } from '../src/index.js';
import { embeddedCrdSources } from '../src/schema/embedded-crds.js';
import { EMBEDDED_KUBERNETES_VERSION } from '../src/schema/embedded-version.js';
import { yaml } from './helpers.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

const run = (text: string, options = {}) => validate({ files: [{ name: 'in.yaml', text }] }, options);
const summary = (report: Awaited<ReturnType<typeof run>>) => report.findings.map((f) => [f.line, f.column, f.path, f.message]);

describe('embedded CustomResourceDefinitions', () => {
  it('match the CRD YAML of the pinned Go modules (scripts/embed-crds.mjs --check)', { timeout: 300_000 }, () => {
    const output = execFileSync(process.execPath, [join(packageRoot, 'scripts', 'embed-crds.mjs'), '--check'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(output).toBe(`embedded/crds matches its ${embeddedCrdSources().length} sources\n`);
  });

  it('cover the ecosystem our users deploy, each at a pinned version', () => {
    const projects = Object.fromEntries(embeddedCrdSources().map((s) => [s.project, s.version]));
    expect(Object.keys(projects)).toEqual(['Prometheus Operator', 'Gateway API (standard channel)', 'KEDA', 'cert-manager', 'Argo Rollouts', 'External Secrets', 'Kueue', 'JobSet', 'LeaderWorkerSet', 'KServe', 'Kubeflow Trainer', 'KubeRay', 'Volcano']);
    const crds = embeddedCrdSources().flatMap((s) => s.crds);
    for (const crd of ['ServiceMonitor.monitoring.coreos.com', 'PodMonitor.monitoring.coreos.com', 'PrometheusRule.monitoring.coreos.com', 'HTTPRoute.gateway.networking.k8s.io', 'ScaledObject.keda.sh', 'Certificate.cert-manager.io', 'Rollout.argoproj.io', 'ExternalSecret.external-secrets.io', 'LocalQueue.kueue.x-k8s.io', 'JobSet.jobset.x-k8s.io', 'LeaderWorkerSet.leaderworkerset.x-k8s.io', 'InferenceService.serving.kserve.io', 'TrainJob.trainer.kubeflow.org', 'RayJob.ray.io', 'Job.batch.volcano.sh', 'PodGroup.scheduling.volcano.sh', 'Queue.scheduling.volcano.sh']) {
      expect(crds).toContain(crd);
    }
  });

  it('validate custom resources with no flag: enums, unknown fields, CEL rules, each at its line', async () => {
    const report = await run(
      yaml(`
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          endpoints:
            - port: http
              scheme: htps
              intervall: 30s
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web}
        spec:
          parentRefs: [{name: gateway}]
          rules:
            - backendRefs:
                - {name: web, port: 80}
                - {name: other, kind: Service, group: ""}
        ---
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: web}
        spec:
          scaleTargetRef: {name: web}
          minReplicaCount: 5
          maxReplicaCount: 2
          triggers: [{type: cpu, metadata: {value: "50"}}]
      `),
    );
    expect(summary(report)).toEqual([
      [8, 15, 'spec.endpoints[0].scheme', 'unsupported value "htps": expected one of "http", "https" (did you mean "https"?)'],
      [9, 7, 'spec.endpoints[0].intervall', 'unknown field (did you mean "interval"?)'],
      [19, 11, 'spec.rules[0].backendRefs[1]', 'Must have port for Service reference'],
      [25, 3, 'spec', 'minReplicaCount must be less than or equal to maxReplicaCount'],
    ]);
    const valid = await run(
      yaml(`
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          endpoints: [{port: http, interval: 30s, scheme: https}]
        ---
        apiVersion: kueue.x-k8s.io/v1beta1
        kind: LocalQueue
        metadata: {name: team, namespace: research}
        spec: {clusterQueue: gpus}
      `),
    );
    expect(summary(valid)).toEqual([]);
    expect(valid.summary).toMatchObject({ valid: 2, invalid: 0, errors: 0 });
  });

  it("validate Volcano's gang-scheduled Jobs, PodGroups and Queues (volcano.sh/volcano v1.10.0)", async () => {
    const job = yaml(`
      apiVersion: batch.volcano.sh/v1alpha1
      kind: Job
      metadata: {name: train, namespace: research}
      spec:
        minAvailable: 2
        schedulerName: volcano
        queue: research
        policies: [{event: PodEvicted, action: RestartJob}]
        plugins: {pytorch: ["--master=master", "--worker=worker"]}
        tasks:
          - name: master
            replicas: 1
            template:
              spec:
                restartPolicy: OnFailure
                containers: [{name: trainer, image: "registry.example.com/train:1.0", resources: {limits: {nvidia.com/gpu: 1}}}]
    `);
    const others = yaml(`
      ---
      apiVersion: scheduling.volcano.sh/v1beta1
      kind: Queue
      metadata: {name: research}
      spec: {weight: 1, reclaimable: true, capability: {cpu: "64", memory: 256Gi}}
      ---
      apiVersion: scheduling.volcano.sh/v1beta1
      kind: PodGroup
      metadata: {name: train, namespace: research}
      spec: {minMember: 2, queue: research, minResources: {cpu: "8"}}
    `);
    const valid = await run(job + others);
    expect(summary(valid)).toEqual([]);
    expect(valid.summary).toMatchObject({ valid: 3, invalid: 0, errors: 0 });
    // A task's pod template is a real PodTemplateSpec, and minSuccess is at least 1.
    const broken = await run(job.replace('restartPolicy: OnFailure', 'restartPolcy: OnFailure').replace('minAvailable: 2', 'minAvailable: 2\n  minSuccess: 0'));
    expect(summary(broken)).toEqual([
      [6, 15, 'spec.minSuccess', 'must be at least 1, got 0'],
      [16, 11, 'spec.tasks[0].template.spec.restartPolcy', 'unknown field (did you mean "restartPolicy"?)'],
    ]);
  });

  it('pick the schema of the apiVersion a manifest names, and name the served ones when it is not served', async () => {
    const route = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: HTTPRoute\nmetadata: {name: r}\nspec: {parentRefs: [{name: g}]}\n`;
    expect(summary(await run(route('gateway.networking.k8s.io/v1')))).toEqual([]);
    expect(summary(await run(route('gateway.networking.k8s.io/v1beta1')))).toEqual([]);
    expect(summary(await run(route('gateway.networking.k8s.io/v1alpha9')))).toEqual([[2, 7, 'kind', `no schema for gateway.networking.k8s.io/v1alpha9 HTTPRoute in Kubernetes ${EMBEDDED_KUBERNETES_VERSION}: HTTPRoute is served as gateway.networking.k8s.io/v1, gateway.networking.k8s.io/v1beta1`]]);
  });

  it('give way to a CRD in the input or given with --crd (a cluster may run another release)', async () => {
    const ownCrd = yaml(`
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: servicemonitors.monitoring.coreos.com}
      spec:
        group: monitoring.coreos.com
        names: {kind: ServiceMonitor, plural: servicemonitors}
        scope: Namespaced
        versions:
          - name: v1
            served: true
            storage: true
            schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}}
    `);
    const monitor = 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\nspec: {selector: {}, endpoints: [], anything: goes}\n';
    expect(summary(await run(monitor))).toEqual([[4, 37, 'spec.anything', 'unknown field']]);
    expect(summary(await run(`${ownCrd}---\n${monitor}`))).toEqual([]);
  });
});

describe('CRD validation as the API server does it', () => {
  // The CRD as one JSON line, with the spec schema written in YAML.
  const crd = (schema: string) =>
    `${JSON.stringify({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gadgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Gadget', plural: 'gadgets' },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: parse(schema) } } } }],
      },
    })}\n`;
  const gadget = (spec: string) => `---\napiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\nspec: ${spec}\n`;
  const check = async (schema: string, spec: string) => summary(await run(crd(schema) + gadget(spec))).map(([, , path, message]) => `${path}: ${message}`);

  it('structural schema: an object without properties keeps no fields; preserve-unknown-fields keeps them', async () => {
    expect(await check('{type: object, properties: {options: {type: object}}}', '{options: {debug: true}}')).toEqual(['spec.options.debug: unknown field']);
    expect(await check('{type: object, properties: {options: {type: object, x-kubernetes-preserve-unknown-fields: true}}}', '{options: {debug: true}}')).toEqual([]);
    expect(await check('{type: object, properties: {labels: {type: object, additionalProperties: {type: string}}}}', '{labels: {a: b, c: 1}}')).toEqual(['spec.labels.c: expected a string, got integer 1']);
  });

  it('an embedded resource keeps apiVersion, kind and metadata, and needs apiVersion and kind', async () => {
    const schema = '{type: object, properties: {template: {type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object, properties: {x: {type: integer}}}}}}}';
    expect(await check(schema, '{template: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {x: 1}}}')).toEqual([]);
    expect(await check(schema, '{template: {spec: {x: 1, other: 2}}}')).toEqual(['spec.template: embedded resource is missing "apiVersion"', 'spec.template: embedded resource is missing "kind"', 'spec.template.spec.other: unknown field']);
  });

  it('x-kubernetes-int-or-string takes an integer or a string, nothing else', async () => {
    const schema = '{type: object, properties: {port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}}}';
    expect(await check(schema, '{port: 8080}')).toEqual([]);
    expect(await check(schema, '{port: http}')).toEqual([]);
    expect(await check(schema, '{port: true}')).toEqual(['spec.port: expected an integer or a string, got boolean true']);
  });

  it('x-kubernetes-validations: message, messageExpression, fieldPath, defaults, escaped names', async () => {
    const schema = yaml(`
      {type: object,
       x-kubernetes-validations: [
         {rule: "self.min <= self.max", message: "min must not exceed max", fieldPath: ".min"},
         {rule: "self.mode != 'fast' || self.max <= 4", messageExpression: "'fast mode allows 4, got ' + string(self.max)"},
         {rule: "!has(self.__namespace__) || self.__namespace__ != 'kube-system'"},
         {rule: "self.min == oldSelf.min", message: "immutable"}],
       properties: {min: {type: integer}, max: {type: integer}, mode: {type: string, default: fast}, namespace: {type: string}}}
    `);
    expect(await check(schema, '{min: 1, max: 3}')).toEqual([]);
    expect(await check(schema, '{min: 5, max: 3, namespace: kube-system}')).toEqual(["spec: failed rule: !has(self.__namespace__) || self.__namespace__ != 'kube-system'", 'spec.min: min must not exceed max']);
    // mode defaults to fast before the rules run, as the API server defaults before validating.
    expect(await check(schema, '{min: 1, max: 8}')).toEqual(['spec: fast mode allows 4, got 8']);
    expect(await check(schema, '{min: 1, max: 8, mode: slow}')).toEqual([]);
  });

  it("Kubernetes' isIP: no leading zeros, no zone, no IPv4-mapped IPv6", async () => {
    const schema = '{type: object, properties: {hostnames: {type: array, items: {type: string}, x-kubernetes-validations: [{rule: "self.all(h, !isIP(h))", message: "Hostnames cannot contain an IP"}]}}}';
    expect(await check(schema, '{hostnames: [model.example.com, "::ffff:1.2.3.4", "fe80::1%eth0", 010.1.1.1]}')).toEqual([]);
    expect(await check(schema, '{hostnames: [model.example.com, 10.1.1.1]}')).toEqual(['spec.hostnames: Hostnames cannot contain an IP']);
    expect(await check(schema, '{hostnames: ["2001:db8::1"]}')).toEqual(['spec.hostnames: Hostnames cannot contain an IP']);
  });

  it('a rule that reads an absent field fails, as on the API server; a rule the library cannot evaluate is not judged', async () => {
    expect(await check('{type: object, x-kubernetes-validations: [{rule: "self.size > 0"}], properties: {size: {type: integer}}}', '{}')).toEqual(['spec: No such key: size evaluating rule: self.size > 0']);
    expect(await check("{type: object, x-kubernetes-validations: [{rule: \"quantity(self.memory).isGreaterThan(quantity('1Gi'))\"}], properties: {memory: {type: string}}}", '{memory: 1Mi}')).toEqual([]);
  });
});
