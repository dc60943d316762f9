// Cross-check: the embedded schemas of 1.36 (derived from the k8s.io/kubernetes v1.36.3 Go module)
// must judge manifests the way the upstream v1.36.0 definitions in kubeconform's form
// (../shared/kubernetes-schemas, when it is beside the repository) do. The corpus is real manifests — every chart in
// charts/ rendered by the real helm with each of its values sets, and one object of each common
// kind — plus mutants of each: an unknown field in every object, a wrong type in every scalar, every
// field removed in turn (required or not), an invalid value in every string (bad enum), and the
// first item of every list repeated (duplicates in keyed lists).
// Each mutant's errors (by JSON path) must be the same under both schema sets, except where a
// difference is documented below with its reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { embeddedDefinitions, embeddedRelease, ValidationSession } from '@chartforge/validator';
import type { KindName } from '@chartforge/kinds';
import { chartDir, ciValuesFiles } from '../src/charts.js';
import { helmTemplate } from '../src/helm.js';
import { REPO_ROOT, SHARED_KUBERNETES_SCHEMAS, sharedKubernetesSchemas } from '../src/paths.js';

const pod = {
  serviceAccountName: 'app',
  securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } },
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
  affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } } }] } },
  containers: [
    {
      name: 'web',
      image: 'registry.example.com/web:1.2.3',
      imagePullPolicy: 'IfNotPresent',
      args: ['--port=8080'],
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      env: [
        { name: 'MODE', value: 'prod' },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '1Gi', 'nvidia.com/gpu': 1 } },
      readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5, failureThreshold: 3 },
      livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 10 },
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    },
  ],
  volumes: [{ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } }],
};
const meta = (name: string) => ({ name, namespace: 'ml', labels: { app: 'web', 'app.kubernetes.io/name': 'web' }, annotations: { note: 'x' } });
const template = { metadata: { labels: { app: 'web' } }, spec: pod };

const KINDS: Array<Record<string, unknown>> = [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web'), spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } }, template } },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta('db'), spec: { serviceName: 'db', replicas: 1, selector: { matchLabels: { app: 'web' } }, template, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }] } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('agent'), spec: { selector: { matchLabels: { app: 'web' } }, template } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('train'), spec: { backoffLimit: 2, activeDeadlineSeconds: 3600, completions: 1, parallelism: 1, template: { spec: { ...pod, restartPolicy: 'Never' } } } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('nightly'), spec: { schedule: '0 3 * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { template: { spec: { ...pod, restartPolicy: 'OnFailure' } } } } } },
  { apiVersion: 'v1', kind: 'Service', metadata: meta('web'), spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('web'), spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: 'tls' }], rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cfg'), data: { 'app.yaml': 'a: 1' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: meta('creds'), type: 'Opaque', stringData: { token: 'x' } },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('models'), spec: { accessModes: ['ReadWriteMany'], storageClassName: 'fast', resources: { requests: { storage: '100Gi' } } } },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta('web'), spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('web'), spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('web'), spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ml' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }] } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('app'), automountServiceAccountToken: false },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('reader'), rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('reader'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'ServiceAccount', name: 'app', namespace: 'ml' }] },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'inference' }, value: 100000, preemptionPolicy: 'PreemptLowerPriority' },
  { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('quota'), spec: { hard: { 'requests.nvidia.com/gpu': '8', pods: '50' } } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ml', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' }, reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true },
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function at(root: Json, path: Path): Json {
  return path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, root);
}

/** Every path in the object: containers (maps, lists) and scalars. */
function walk(value: Json, path: Path = [], out: Array<{ path: Path; value: Json }> = []): typeof out {
  out.push({ path, value });
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, [...path, key], out);
  return out;
}

interface Mutant {
  name: string;
  object: Json;
}

function mutants(object: Json): Mutant[] {
  const out: Mutant[] = [];
  const edit = (name: string, path: Path, change: (parent: Record<string | number, Json>, key: string | number) => void) => {
    const copy = clone(object);
    change(at(copy, path.slice(0, -1)) as Record<string | number, Json>, path[path.length - 1]!);
    out.push({ name: `${name} ${path.join('.')}`, object: copy });
  };
  for (const { path, value } of walk(object)) {
    if (path.length === 0) continue;
    const last = path[path.length - 1]!;
    if (path[0] === 'apiVersion' || path[0] === 'kind') continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const copy = clone(object);
      (at(copy, path) as Record<string, Json>).zzUnknownField = 1;
      out.push({ name: `unknown field in ${path.join('.')}`, object: copy });
    }
    if (typeof value === 'string') {
      edit('wrong type', path, (parent, key) => (parent[key] = { not: 'a string' }));
      edit('bad enum', path, (parent, key) => (parent[key] = 'NotAValidValue'));
    } else if (typeof value === 'number') edit('wrong type', path, (parent, key) => (parent[key] = [value]));
    else if (typeof value === 'boolean') edit('wrong type', path, (parent, key) => (parent[key] = 'true'));
    if (typeof last === 'string') edit('removed', path, (parent, key) => delete parent[key]);
    // A repeated entry: a duplicate in keyed lists (containers by name, ports by port and protocol).
    if (Array.isArray(value) && value.length > 0) edit('repeated first item of', path, (parent, key) => (parent[key] as Json[]).push(clone((parent[key] as Json[])[0]!)));
  }
  return out;
}

/** `error path` lines of one object's schema findings. */
async function errors(session: ValidationSession, object: Json): Promise<string[]> {
  const { results } = await session.validateFile('mutant.json', JSON.stringify(object), false);
  return results.flatMap((r) => r.findings.filter((f) => f.severity === 'error').map((f) => `${f.path} :: ${f.message}`)).sort();
}

/** An embedded-schema enum finding and an API-server enum check at the same path, about the same value. */
function sameEnumVerdict(embeddedLine: string, upstreamLine: string): boolean {
  const [embeddedPath, embeddedMessage] = embeddedLine.split(' :: ') as [string, string];
  const [upstreamPath, upstreamMessage] = upstreamLine.split(' :: ') as [string, string];
  const value = /^unsupported value ("[^"]*"): expected one of /.exec(embeddedMessage)?.[1];
  return embeddedPath === upstreamPath && value !== undefined && upstreamMessage.startsWith(`Unsupported value: ${value}: supported values: `);
}

/**
 * Documented differences, each with its reason. A disagreement that matches none of these fails
 * the test.
 */
const KNOWN_DIFFERENCES: Array<{ reason: string; embeddedOnly: RegExp }> = [
  {
    // The upstream v2 definitions carry no enums; the embedded schemas take them from the Go
    // definitions they are generated from (zz_generated.openapi.go). The API server rejects these
    // values too ("Unsupported value"), so the embedded schemas are right and stricter.
    reason: 'enum: the embedded schemas know the API server enums the v2 definitions omit',
    embeddedOnly: /^\S+ :: unsupported value "NotAValidValue": expected one of /,
  },
];

const shared = sharedKubernetesSchemas('v1.36.0');

describe.skipIf(!shared)('cross-check: embedded schemas vs the upstream definitions of ../shared/kubernetes-schemas', () => {
  let embedded: ValidationSession;
  let upstream: ValidationSession;
  const corpus: Array<{ source: string; object: Json }> = [];

  beforeAll(async () => {
    embedded = await ValidationSession.create({ kubernetesVersion: '1.36' });
    upstream = await ValidationSession.create({ kubernetesVersion: '1.36.0', schemaLocations: [SHARED_KUBERNETES_SCHEMAS] });
    for (const object of KINDS) corpus.push({ source: `${object.kind as string}/corpus`, object: object as Json });
    const charts = readdirSync(join(REPO_ROOT, 'charts')).filter((name) => existsSync(join(chartDir(name as KindName), 'Chart.yaml')));
    for (const chart of charts) {
      for (const values of ciValuesFiles(chart as KindName)) {
        const rendered = helmTemplate('v3', chartDir(chart as KindName), values ? ['-f', values] : []);
        for (const document of parseAllDocuments(rendered)) {
          const object = document.toJS() as Json;
          if (object && typeof object === 'object' && !Array.isArray(object)) corpus.push({ source: `${chart} ${values ? values.slice(values.lastIndexOf('/') + 1) : 'defaults'}: ${(object as Record<string, Json>).kind as string}`, object });
        }
      }
    }
  });

  it('serve the same kinds as the upstream definitions of the same minor', () => {
    const key = (k: { group: string; version: string; kind: string }) => `${k.group}/${k.version}/${k.kind}`;
    const upstreamKinds = Object.values(JSON.parse(gunzipSync(readFileSync(shared!)).toString('utf8')).definitions as Record<string, Record<string, unknown>>)
      .flatMap((d) => ((d['x-kubernetes-group-version-kind'] ?? []) as Array<{ group: string; version: string; kind: string }>).map(key));
    const embeddedKinds = embeddedDefinitions(embeddedRelease('1.36')!).kinds().map(key);
    expect(new Set(embeddedKinds)).toEqual(new Set(upstreamKinds));
    expect(embeddedKinds.length).toBeGreaterThan(120);
  });

  it('agree on every real manifest: built-in kinds valid under both, custom resources unknown to both', async () => {
    expect(corpus.length).toBeGreaterThan(KINDS.length);
    const outcomes: string[] = [];
    for (const { source, object } of corpus) {
      const [e, u] = [await errors(embedded, object), await errors(upstream, object)];
      if (JSON.stringify(e) !== JSON.stringify(u)) outcomes.push(`${source}: embedded ${JSON.stringify(e)} upstream ${JSON.stringify(u)}`);
      else if (e.some((line) => !/^kind :: no schema for (gateway\.networking\.k8s\.io|monitoring\.coreos\.com)\//.test(line))) outcomes.push(`${source}: ${JSON.stringify(e)}`);
    }
    expect(outcomes).toEqual([]);
  });

  it('agree on every mutant, but for the documented differences', async () => {
    const unexplained: string[] = [];
    const explained = new Map<string, number>();
    let count = 0;
    let invalid = 0;
    const seen = new Set<string>();
    for (const { source, object } of corpus) {
      // Charts repeat the same objects across values sets: mutate each distinct object once.
      const key = JSON.stringify(object);
      if (seen.has(key)) continue;
      seen.add(key);
      for (const mutant of mutants(object)) {
        count++;
        const [e, u] = [await errors(embedded, mutant.object), await errors(upstream, mutant.object)];
        if (u.length > 0) invalid++;
        // The same enum verdict in two wordings is agreement: the embedded schemas' enum, and the
        // API server's own check of that field where the upstream definitions carry no enum.
        const embeddedOnly = e.filter((x) => !u.includes(x) && !u.some((y) => sameEnumVerdict(x, y)));
        const upstreamOnly = u.filter((x) => !e.includes(x) && !e.some((y) => sameEnumVerdict(y, x)));
        for (const line of embeddedOnly) {
          const known = KNOWN_DIFFERENCES.find((d) => d.embeddedOnly.test(line));
          if (known) explained.set(known.reason, (explained.get(known.reason) ?? 0) + 1);
          else unexplained.push(`${source} — ${mutant.name}: only the embedded schemas say ${line}`);
        }
        for (const line of upstreamOnly) unexplained.push(`${source} — ${mutant.name}: only upstream says ${line}`);
      }
    }
    expect(unexplained.slice(0, 40)).toEqual([]);
    // The mutants exercise the schemas: most of them are invalid, and the comparison ran on thousands.
    expect(count).toBeGreaterThan(2000);
    expect(invalid / count).toBeGreaterThan(0.4);
    expect([...explained.keys()]).toEqual(KNOWN_DIFFERENCES.map((d) => d.reason));
  });
});
