import fc from 'fast-check';
import type { KindProperties, Values } from '../properties.js';

const labelKey = fc.stringMatching(/^([a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?\.example\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/);
const labelValue = fc.stringMatching(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,30})?[A-Za-z0-9])?$/);
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,20}$/);
const quantity = (units: string[]) => fc.tuple(fc.integer({ min: 1, max: 64 }), fc.constantFrom(...units)).map(([n, unit]) => `${n}${unit}`);

function byKind(documents: Values[], kind: string): Values[] {
  return documents.filter((d) => d.kind === kind);
}

function podSpec(documents: Values[]): Values {
  const deployment = byKind(documents, 'Deployment')[0] as { spec: { template: { spec: Values } } };
  return deployment.spec.template.spec;
}

function serverContainer(documents: Values[]): Values & { env: { name: string; value?: string }[]; args: string[] } {
  return (podSpec(documents).containers as never[])[0]!;
}

export const servingProperties: KindProperties = {
  overrides: {
    'image.repository': fc.constantFrom('', 'registry.example.com/ml/server'),
    'image.tag': fc.constantFrom('', '1.2.3'),
    'runtime.extraArgs': fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }),
    'runtime.ports': fc.constantFrom([], [{ name: 'http', containerPort: 9000, protocol: 'TCP' }, { name: 'metrics', containerPort: 9100, protocol: 'TCP' }]),
    'runtime.configFiles': fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9.-]{0,15}$/), fc.string({ maxLength: 60 }), { maxKeys: 2 }),
    'runtime.metricsPath': fc.constantFrom('', '/metrics', '/custom/metrics'),
    'model.source.uri.location': fc.constantFrom('', 's3://models/opt', 'gs://bucket/path/model', 'az://container/model', 'https://models.example.com/model.bin'),
    'resources.requests': fc.record({ cpu: fc.oneof(quantity(['m']), fc.constantFrom('1', '2', '500m')), memory: quantity(['Mi', 'Gi']) }),
    'resources.limits': fc.record({ cpu: fc.constantFrom('2', '4', '8'), memory: quantity(['Gi']) }, { requiredKeys: [] }),
    'shm.sizeLimit': fc.oneof(quantity(['Mi', 'Gi']), fc.constant('')),
    'model.source.uri.cacheSizeLimit': quantity(['Gi']),
    autoscaling: fc
      .record({
        enabled: fc.boolean(),
        minReplicas: fc.integer({ min: 1, max: 4 }),
        extra: fc.integer({ min: 0, max: 8 }),
        targetCPUUtilizationPercentage: fc.integer({ min: 0, max: 200 }),
        targetMemoryUtilizationPercentage: fc.integer({ min: 1, max: 200 }),
      })
      .map(({ extra, ...rest }) => ({ ...rest, maxReplicas: rest.minReplicas + extra })),
    podDisruptionBudget: fc.oneof(
      fc.record({ enabled: fc.boolean(), maxUnavailable: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('25%', '50%')), minAvailable: fc.constant('') }),
      fc.record({ enabled: fc.constant(true), maxUnavailable: fc.constant(''), minAvailable: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant('50%')) }),
    ),
    rollingUpdate: fc.record({
      maxSurge: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom('25%', '100%')),
      maxUnavailable: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('0%', '25%')),
    }),
    podLabels: fc.dictionary(labelKey, labelValue, { maxKeys: 3 }),
    podAnnotations: fc.dictionary(labelKey, fc.string({ maxLength: 40 }), { maxKeys: 3 }),
    nodeSelector: fc.dictionary(labelKey, labelValue, { maxKeys: 2 }),
    env: fc.uniqueArray(fc.record({ name: fc.oneof(envName, fc.constantFrom('MODEL_PATH', 'HOME')), value: fc.string({ maxLength: 40 }) }), { maxLength: 3, selector: (e) => e.name }),
    'service.nodePorts': fc.dictionary(fc.constantFrom('http', 'grpc', 'metrics'), fc.integer({ min: 30000, max: 32767 }), { maxKeys: 2 }),
    'ingress.hosts': fc.array(
      fc.record({
        host: fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?\.example\.com$/),
        paths: fc.array(fc.record({ path: fc.constantFrom('/', '/v1', '/models/x'), pathType: fc.constantFrom('Prefix', 'Exact', 'ImplementationSpecific') }), { minLength: 1, maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    'httpRoute.hostnames': fc.array(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?\.example\.com$/), { maxLength: 2 }),
    'tests.image.tag': fc.constantFrom('1.37', '1.36.1'),
  },
  injectionTargets: [
    {
      name: 'a pod annotation',
      set: (payload) => ({ podAnnotations: { 'example.com/note': payload } }),
      get: (documents) => [((byKind(documents, 'Deployment')[0] as { spec: { template: { metadata: { annotations: Values } } } }).spec.template.metadata.annotations)['example.com/note']],
    },
    {
      name: 'an environment variable',
      set: (payload) => ({ env: [{ name: 'NOTE', value: payload }] }),
      get: (documents) => [serverContainer(documents).env.find((e) => e.name === 'NOTE')?.value],
    },
    {
      name: 'a server argument',
      set: (payload) => ({ runtime: { extraArgs: [payload] } }),
      get: (documents) => [serverContainer(documents).args.at(-1)],
    },
    {
      name: 'a Service annotation',
      set: (payload) => ({ service: { annotations: { 'example.com/note': payload } } }),
      get: (documents) => [((byKind(documents, 'Service')[0] as { metadata: { annotations: Values } }).metadata.annotations)['example.com/note']],
    },
    {
      name: 'a runtime config file',
      set: (payload) => ({ runtime: { configFiles: { 'note.txt': payload } } }),
      get: (documents) => [((byKind(documents, 'ConfigMap')[0] as { data: Values }).data)['note.txt']],
    },
    {
      name: 'the image repository',
      set: (payload) => ({ image: { repository: payload, tag: '1.0' } }),
      get: (documents) => [String(serverContainer(documents).image).replace(/:1\.0$/, '')],
    },
  ],
};
