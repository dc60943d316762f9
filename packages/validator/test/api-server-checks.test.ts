// What the API server rejects beyond the schema, one manifest per rule, each finding with its
// message, line and column. Validated as a user runs `chartforge validate` with no flags (the
// embedded schemas).
import { describe, expect, it } from 'vitest';
import { validate } from '../src/index.js';
import { yaml } from './helpers.js';

async function findings(text: string) {
  const report = await validate({ files: [{ name: 'in.yaml', text }] });
  return report.findings.map((f) => [f.line, f.column, f.path, f.message]);
}

/** A Deployment whose pod spec is `podSpec` (indented under `spec.template.spec`). */
function deployment(podSpec: string, extra = ''): string {
  const spec = podSpec.split('\n').map((line) => (line ? `      ${line}` : line)).join('\n');
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n${extra}  template:\n    metadata: {labels: {app: web}}\n    spec:\n${spec}\n`;
}

describe('pod specs', () => {
  it('container ports: range, IANA service names, uniqueness, protocol', async () => {
    const text = deployment(yaml(`
      containers:
        - name: app
          image: i
          ports:
            - {containerPort: 70000, name: http}
            - {containerPort: 8080, name: http}
            - {containerPort: 9090, name: metrics_port}
            - {containerPort: 9091, name: "8080"}
            - {containerPort: 9092, name: a-very-long-port-name}
            - {containerPort: 9093, hostPort: 65536}
    `));
    expect(await findings(text)).toEqual([
      [13, 31, 'spec.template.spec.containers[0].ports[0].containerPort', 'Invalid value: 70000: must be between 1 and 65535, inclusive'],
      [14, 43, 'spec.template.spec.containers[0].ports[1].name', 'Duplicate value: "http"'],
      [15, 43, 'spec.template.spec.containers[0].ports[2].name', 'Invalid value: "metrics_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
      [16, 43, 'spec.template.spec.containers[0].ports[3].name', 'Invalid value: "8080": must contain at least one letter (a-z)'],
      [17, 43, 'spec.template.spec.containers[0].ports[4].name', 'Invalid value: "a-very-long-port-name": must be no more than 15 characters'],
      [18, 47, 'spec.template.spec.containers[0].ports[5].hostPort', 'Invalid value: 65536: must be between 1 and 65535, inclusive'],
    ]);
  });

  it('restartPolicy per workload kind: Always for Deployments, OnFailure or Never for Jobs (unset means Always)', async () => {
    expect(await findings(deployment('restartPolicy: Never\ncontainers: [{name: app, image: i}]'))).toEqual([
      [9, 22, 'spec.template.spec.restartPolicy', 'Unsupported value: "Never": supported values: "Always"'],
    ]);
    const job = yaml(`
      apiVersion: batch/v1
      kind: Job
      metadata: {name: train}
      spec:
        template:
          spec:
            containers: [{name: app, image: i}]
    `);
    expect(await findings(job)).toEqual([[7, 7, 'spec.template.spec.restartPolicy', 'Unsupported value: "Always": supported values: "OnFailure", "Never"']]);
  });

  it('container and volume names: DNS labels, unique across init containers and containers; mounts name a volume; mount paths unique; one source per volume', async () => {
    const text = deployment(yaml(`
      initContainers:
        - {name: app, image: i}
      containers:
        - name: app
          image: i
          volumeMounts:
            - {name: data, mountPath: /data}
            - {name: cache, mountPath: /data}
        - {name: Sidecar_1, image: i}
      volumes:
        - {name: cache, emptyDir: {}}
        - {name: cache, emptyDir: {}}
        - {name: config}
        - {name: both, emptyDir: {}, hostPath: {path: /x}}
    `));
    expect(await findings(text)).toEqual([
      [12, 17, 'spec.template.spec.containers[0].name', 'Duplicate value: "app"'],
      [15, 22, 'spec.template.spec.containers[0].volumeMounts[0].name', 'Not found: "data"'],
      // Duplicates in keyed lists (mount paths, volume names) are the schema's: one message per problem.
      [16, 15, 'spec.template.spec.containers[0].volumeMounts[1]', 'duplicate entry with mountPath="/data" (same as item 0)'],
      [17, 18, 'spec.template.spec.containers[1].name', 'Invalid value: "Sidecar_1": must be a lowercase RFC 1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit'],
      [20, 11, 'spec.template.spec.volumes[1]', 'duplicate entry with name="cache" (same as item 0)'],
      // A volume with no source is an emptyDir to the API server (defaulting), two sources are an error.
      [22, 48, 'spec.template.spec.volumes[3].hostPath', 'Forbidden: may not specify more than 1 volume type'],
    ]);
  });

  it('probes need exactly one handler, probe ports are ports, liveness successThreshold is 1', async () => {
    const text = deployment(yaml(`
      containers:
        - name: app
          image: i
          livenessProbe: {periodSeconds: 5}
          readinessProbe: {httpGet: {port: 0}}
          startupProbe: {tcpSocket: {port: http}, exec: {command: [ls]}, successThreshold: 2}
    `));
    expect(await findings(text)).toEqual([
      [12, 26, 'spec.template.spec.containers[0].livenessProbe', 'Required value: must specify a handler type'],
      [13, 44, 'spec.template.spec.containers[0].readinessProbe.httpGet.port', 'Invalid value: 0: must be between 1 and 65535, inclusive'],
      [14, 37, 'spec.template.spec.containers[0].startupProbe.tcpSocket', 'Forbidden: may not specify more than 1 handler type'],
      [14, 92, 'spec.template.spec.containers[0].startupProbe.successThreshold', 'Invalid value: 2: must be 1'],
    ]);
  });

  it('requests may not exceed limits; extended resources need requests equal to limits', async () => {
    const text = deployment(yaml(`
      containers:
        - name: app
          image: i
          resources:
            requests: {cpu: "2", memory: 1Gi, nvidia.com/gpu: 2}
            limits: {cpu: 1500m, memory: 1Gi, nvidia.com/gpu: 1}
        - name: side
          image: i
          resources:
            requests: {example.com/fpga: 1}
    `));
    expect(await findings(text)).toEqual([
      [13, 29, 'spec.template.spec.containers[0].resources.requests.cpu', 'Invalid value: "2": must be less than or equal to cpu limit of 1500m'],
      [13, 63, 'spec.template.spec.containers[0].resources.requests["nvidia.com/gpu"]', 'Invalid value: 2: must be equal to nvidia.com/gpu limit of 1'],
      [18, 13, 'spec.template.spec.containers[1].resources.limits["example.com/fpga"]', 'Required value: Limit must be set for non overcommitable resources'],
    ]);
  });

  it('enums the upstream definitions leave out: dnsPolicy, protocol (the embedded schemas carry them, so the schema reports them)', async () => {
    const text = deployment('dnsPolicy: ClusterFirstt\ncontainers: [{name: app, image: i, ports: [{containerPort: 80, protocol: tcp}]}]');
    const result = await findings(text);
    expect(result.map((r) => r.slice(0, 3))).toEqual([
      [9, 18, 'spec.template.spec.dnsPolicy'],
      [10, 80, 'spec.template.spec.containers[0].ports[0].protocol'],
    ]);
    expect(result[0]![3]).toMatch(/"ClusterFirstt"/);
    expect(result[1]![3]).toMatch(/"tcp"/);
  });
});

describe('workloads', () => {
  it('selector must match the template labels, and may not be empty', async () => {
    const mismatched = deployment('containers: [{name: app, image: i}]').replace('matchLabels: {app: web}', 'matchLabels: {app: api}');
    expect(await findings(mismatched)).toEqual([[7, 24, 'spec.template.metadata.labels', 'Invalid value: {"app":"web"}: `selector` does not match template `labels`']]);
    const empty = deployment('containers: [{name: app, image: i}]').replace('{matchLabels: {app: web}}', '{}');
    expect(await findings(empty)).toEqual([[5, 13, 'spec.selector', 'Invalid value: {}: empty selector is invalid for deployment']]);
  });

  it('a StatefulSet claim template needs access modes and a storage request (its pod spec is not validated: mounts may name claim templates)', async () => {
    const text = yaml(`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        serviceName: db
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            containers: [{name: db, image: i, volumeMounts: [{name: data, mountPath: /data}]}]
        volumeClaimTemplates:
          - metadata: {name: data}
            spec:
              resources: {}
    `);
    expect(await findings(text)).toEqual([
      [14, 9, 'spec.volumeClaimTemplates[0].spec.accessModes', 'Required value: at least 1 access mode is required'],
      [14, 20, 'spec.volumeClaimTemplates[0].spec.resources.requests.storage', 'Required value'],
    ]);
  });
});

describe('other kinds', () => {
  it('Service: port range and names, targetPort, type', async () => {
    const text = yaml(`
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        type: Clusterip
        ports:
          - {name: http, port: 0, targetPort: http_port}
          - {port: 81, targetPort: 70000}
    `);
    expect(await findings(text)).toEqual([
      [5, 9, 'spec.type', 'unsupported value "Clusterip": expected one of "ClusterIP", "ExternalName", "LoadBalancer", "NodePort" (did you mean "ClusterIP"?)'],
      [7, 26, 'spec.ports[0].port', 'Invalid value: 0: must be between 1 and 65535, inclusive'],
      [7, 41, 'spec.ports[0].targetPort', 'Invalid value: "http_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
      [8, 7, 'spec.ports[1].name', 'Required value'],
      [8, 30, 'spec.ports[1].targetPort', 'Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ]);
  });

  it('Ingress with neither rules nor a default backend', async () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  ingressClassName: nginx\n';
    expect(await findings(text)).toEqual([[5, 3, 'spec', 'Invalid value: {"ingressClassName":"nginx"}: either `defaultBackend` or `rules` must be specified']]);
  });

  it('PersistentVolume without capacity, PersistentVolumeClaim without access modes', async () => {
    const pv = 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec:\n  accessModes: [ReadWriteOnce]\n  hostPath: {path: /data}\n';
    expect(await findings(pv)).toEqual([[5, 3, 'spec.capacity', 'Required value']]);
    const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec:\n  resources: {requests: {storage: 1Gi}}\n';
    expect(await findings(pvc)).toEqual([[5, 3, 'spec.accessModes', 'Required value: at least 1 access mode is required']]);
  });

  it('metadata.name missing', async () => {
    expect(await findings('apiVersion: v1\nkind: ConfigMap\nmetadata: {labels: {a: b}}\n')).toEqual([[3, 11, 'metadata.name', 'Required value: name or generateName is required']]);
    expect(await findings('apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: cm-}\n')).toEqual([]);
  });

  it('a label value written as null is accepted as empty, as the API server does', async () => {
    expect(await findings('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    team: null\n')).toEqual([]);
  });
});
