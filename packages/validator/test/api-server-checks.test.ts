// What the API server rejects beyond the schema, one manifest per rule, each finding with its
// message, line and column. Validated as a user runs `chartforge validate` with no flags (the
// embedded schemas).
import { describe, expect, it } from 'vitest';
import { validate } from '../src/index.js';
import { cronScheduleProblem } from '../src/schema/api-server-checks.js';
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

  it('a StatefulSet claim template needs access modes and a storage request; its pod spec is validated, mounts may name claim templates', async () => {
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
            containers: [{name: db, image: i, ports: [{containerPort: 70000}], volumeMounts: [{name: data, mountPath: /data}, {name: logs, mountPath: /logs}]}]
        volumeClaimTemplates:
          - metadata: {name: data}
            spec:
              resources: {}
    `);
    expect(await findings(text)).toEqual([
      [10, 65, 'spec.template.spec.containers[0].ports[0].containerPort', 'Invalid value: 70000: must be between 1 and 65535, inclusive'],
      [10, 128, 'spec.template.spec.containers[0].volumeMounts[1].name', 'Not found: "logs"'],
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

describe('rollouts and counts', () => {
  it('Deployment: maxSurge and maxUnavailable may not both be 0 (unset, each is 25%), percentages at most 100%, no rollingUpdate with Recreate', async () => {
    expect(await findings(deployment('containers: [{name: app, image: i}]', '  strategy: {rollingUpdate: {maxSurge: "0%", maxUnavailable: 0}}\n'))).toEqual([
      [6, 62, 'spec.strategy.rollingUpdate.maxUnavailable', 'Invalid value: 0: may not be 0 when `maxSurge` is 0'],
    ]);
    expect(await findings(deployment('containers: [{name: app, image: i}]', '  strategy: {rollingUpdate: {maxSurge: 0}}\n'))).toEqual([]);
    expect(await findings(deployment('containers: [{name: app, image: i}]', '  strategy: {rollingUpdate: {maxUnavailable: "110%", maxSurge: "25"}}\n'))).toEqual([
      [6, 46, 'spec.strategy.rollingUpdate.maxUnavailable', 'Invalid value: "110%": must not be greater than 100%'],
      [6, 64, 'spec.strategy.rollingUpdate.maxSurge', "Invalid value: \"25\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"],
    ]);
    expect(await findings(deployment('containers: [{name: app, image: i}]', '  strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}\n'))).toEqual([
      [6, 45, 'spec.strategy.rollingUpdate', "Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ]);
  });

  it('Deployment: replicas and revisionHistoryLimit not negative; progressDeadlineSeconds (600 unset) above minReadySeconds', async () => {
    expect(await findings(deployment('containers: [{name: app, image: i}]', '  replicas: -1\n  revisionHistoryLimit: -2\n  minReadySeconds: 600\n'))).toEqual([
      // Unset, the deadline is reported at the spec.
      [5, 3, 'spec.progressDeadlineSeconds', 'Invalid value: 600: must be greater than minReadySeconds'],
      [6, 13, 'spec.replicas', 'Invalid value: -1: must be greater than or equal to 0'],
      [7, 25, 'spec.revisionHistoryLimit', 'Invalid value: -2: must be greater than or equal to 0'],
    ]);
  });

  it('DaemonSet: exactly one of maxSurge and maxUnavailable (unset, 1) is non-zero', async () => {
    const daemonSet = (strategy: string) =>
      deployment('containers: [{name: app, image: i}]', `  updateStrategy: ${strategy}\n`).replace('kind: Deployment', 'kind: DaemonSet');
    expect(await findings(daemonSet('{rollingUpdate: {maxSurge: 1}}'))).toEqual([[6, 46, 'spec.updateStrategy.rollingUpdate.maxSurge', 'Invalid value: 1: may not be set when maxUnavailable is non-zero']]);
    expect(await findings(daemonSet('{rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}'))).toEqual([[6, 65, 'spec.updateStrategy.rollingUpdate.maxUnavailable', 'Required value: cannot be 0 when maxSurge is 0']]);
    expect(await findings(daemonSet('{rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}'))).toEqual([]);
  });

  it('HorizontalPodAutoscaler: minReplicas (1 unset) at least 1, maxReplicas at least 1 and minReplicas', async () => {
    const hpa = (replicas: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n${replicas}`;
    expect(await findings(hpa('  minReplicas: 3\n  maxReplicas: 2\n'))).toEqual([[7, 16, 'spec.maxReplicas', 'Invalid value: 2: must be greater than or equal to `minReplicas`']]);
    expect(await findings(hpa('  minReplicas: 0\n  maxReplicas: 2\n'))).toEqual([[6, 16, 'spec.minReplicas', 'Invalid value: 0: must be greater than or equal to 1']]);
    expect(await findings(hpa('  maxReplicas: 0\n'))).toEqual([
      [6, 16, 'spec.maxReplicas', 'Required value: must be set and greater than 0'],
      [6, 16, 'spec.maxReplicas', 'Invalid value: 0: must be greater than or equal to `minReplicas`'],
    ]);
    expect(await findings(hpa('  minReplicas: 2\n  maxReplicas: 2\n'))).toEqual([]);
  });

  it('PodDisruptionBudget: not both minAvailable and maxUnavailable; each a count or a percentage up to 100%', async () => {
    const pdb = (spec: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n${spec}`;
    expect(await findings(pdb('  minAvailable: 1\n  maxUnavailable: "150%"\n'))).toEqual([
      [5, 3, 'spec', 'Invalid value: {"selector":{"matchLabels":{"app":"web"}},"minAvailable":1,"maxUnavailable":"150%"}: minAvailable and maxUnavailable cannot be both set'],
      [7, 19, 'spec.maxUnavailable', 'Invalid value: "150%": must not be greater than 100%'],
    ]);
    expect(await findings(pdb('  minAvailable: -1\n'))).toEqual([[6, 17, 'spec.minAvailable', 'Invalid value: -1: must be greater than or equal to 0']]);
    expect(await findings(pdb('  minAvailable: "50%"\n'))).toEqual([]);
  });
});

describe('Jobs and CronJobs', () => {
  const cronJob = (spec: string, name = 'nightly') =>
    `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: ${name}}\nspec:\n${spec}  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: app, image: i}]\n`;

  it('CronJob: the schedule parses as the API server parses it, the timeZone exists, the name leaves room for the Jobs', async () => {
    expect(await findings(cronJob('  schedule: "0 25 * * *"\n  timeZone: Mars/Olympus\n', 'n'.repeat(53)))).toEqual([
      [3, 18, 'metadata.name', `Invalid value: "${'n'.repeat(53)}": must be no more than 52 characters`],
      [5, 13, 'spec.schedule', 'Invalid value: "0 25 * * *": end of range (25) above maximum (23): 25'],
      [6, 13, 'spec.timeZone', 'Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
    ]);
    expect(await findings(cronJob('  schedule: "30 2 * JAN-MAR mon-fri"\n  timeZone: Europe/Paris\n', 'n'.repeat(52)))).toEqual([]);
  });

  it.each(['Europe/Paris', 'UTC', 'US/Pacific', 'Etc/GMT+5'])('CronJob timeZone %s (a canonical zone or an alias) loads', async (zone) => {
    expect(await findings(cronJob(`  schedule: "0 0 * * *"\n  timeZone: ${zone}\n`))).toEqual([]);
  });

  it.each([
    ['*/5 * * * *', undefined],
    ['@hourly', undefined],
    ['@every 1h30m', undefined],
    ['0 0 1,15 * ?', undefined],
    ['0 9-17/2 * * 1-5', undefined],
    ['0 */5 * * * *', 'expected exactly 5 fields, found 6: 0 */5 * * * *'],
    ['every 5 minutes', 'expected exactly 5 fields, found 3: every 5 minutes'],
    ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['0 5-2 * * *', 'beginning of range (5) beyond end of range (2): 5-2'],
    ['*/0 * * * *', 'failed to parse int from 0: minute'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['CRON_TZ=UTC 0 0 * * *', 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
  ])('CronJob schedule %j', (schedule, problem) => {
    expect(cronScheduleProblem(schedule)).toBe(problem);
  });

  it('Job: counts not negative; Indexed with parallelism needs completions (both unset default to 1)', async () => {
    const job = (spec: string) => `apiVersion: batch/v1\nkind: Job\nmetadata: {name: train}\nspec:\n${spec}  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: app, image: i}]\n`;
    expect(await findings(job('  backoffLimit: -1\n  completionMode: Indexed\n  parallelism: 2\n'))).toEqual([
      [5, 3, 'spec.completions', 'Required value: when completion mode is Indexed'],
      [5, 17, 'spec.backoffLimit', 'Invalid value: -1: must be greater than or equal to 0'],
    ]);
    expect(await findings(job('  completionMode: Indexed\n'))).toEqual([]);
  });
});

describe('pods', () => {
  const pod = (spec: string, annotations = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n${annotations}spec:\n${spec}`;

  it('AppArmor annotations name a container, hold a known profile and agree with the container\'s field', async () => {
    const annotations = '  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: unconfined\n    container.apparmor.security.beta.kubernetes.io/side: default\n';
    const spec = '  containers:\n    - {name: app, image: i, securityContext: {appArmorProfile: {type: RuntimeDefault}}}\n';
    expect(await findings(pod(spec, annotations))).toEqual([
      [7, 58, 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/side"]', 'Invalid value: "side": container not found'],
      [7, 58, 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/side"]', 'Invalid value: "default": invalid AppArmor profile name: "default"'],
      [10, 71, 'spec.containers[0].securityContext.appArmorProfile.type', 'Forbidden: apparmor type in annotation and field must match'],
    ]);
    const agreeing = '  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: localhost/k8s-app\n';
    expect(await findings(pod('  containers:\n    - {name: app, image: i, securityContext: {appArmorProfile: {type: Localhost, localhostProfile: k8s-app}}}\n', agreeing))).toEqual([]);
  });

  it('a container needs an image; dnsPolicy None needs dnsConfig; user and group ids are 0 to 2^31-1', async () => {
    expect(await findings(pod('  dnsPolicy: None\n  securityContext: {runAsUser: -1, supplementalGroups: [2147483648]}\n  containers:\n    - {name: app, securityContext: {runAsGroup: -5}}\n'))).toEqual([
      [6, 3, 'spec.dnsConfig', 'Required value: must provide `dnsConfig` when `dnsPolicy` is None'],
      [7, 32, 'spec.securityContext.runAsUser', 'Invalid value: -1: must be between 0 and 2147483647, inclusive'],
      [7, 57, 'spec.securityContext.supplementalGroups[0]', 'Invalid value: 2147483648: must be between 0 and 2147483647, inclusive'],
      [9, 7, 'spec.containers[0].image', 'Required value'],
      [9, 49, 'spec.containers[0].securityContext.runAsGroup', 'Invalid value: -5: must be between 0 and 2147483647, inclusive'],
    ]);
  });
});

describe('Services, Ingresses, claims, network policies', () => {
  it('Service: no nodePort or externalTrafficPolicy on a ClusterIP Service; ExternalName needs a name; clusterIP an IP', async () => {
    const text = yaml(`
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        clusterIP: 10.96.1
        externalTrafficPolicy: Local
        ports: [{port: 80, nodePort: 30080}]
    `);
    expect(await findings(text)).toEqual([
      [5, 14, 'spec.clusterIP', 'Invalid value: "10.96.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
      [6, 26, 'spec.externalTrafficPolicy', 'Invalid value: "Local": may only be set for externally-accessible services'],
      [7, 32, 'spec.ports[0].nodePort', "Forbidden: may not be used when `type` is 'ClusterIP'"],
    ]);
    expect(await findings('apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {type: ExternalName}\n')).toEqual([[4, 7, 'spec.externalName', 'Required value']]);
    expect(await findings('apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {type: ExternalName, externalName: db.example.com.}\n')).toEqual([]);
  });

  it('Ingress: a host is a DNS name (a wildcard only as its first label), a service backend has a port', async () => {
    const ingress = (host: string, backend: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules:\n    - host: ${host}\n      http:\n        paths: [{path: /, pathType: Prefix, backend: ${backend}}]\n`;
    expect(await findings(ingress('10.0.0.1', '{service: {name: web}}'))).toEqual([
      [6, 13, 'spec.rules[0].host', 'Invalid value: "10.0.0.1": must be a DNS name, not an IP address'],
      [8, 54, 'spec.rules[0].http.paths[0].backend', 'Required value: port name or number is required'],
    ]);
    expect((await findings(ingress('"web.*.example.com"', '{service: {name: web, port: {number: 80}}}')))[0]!.slice(0, 3)).toEqual([6, 13, 'spec.rules[0].host']);
    expect(await findings(ingress('"*.example.com"', '{service: {name: web, port: {number: 80}}}'))).toEqual([]);
    expect((await findings(ingress('"2001:db8::1"', '{service: {name: web, port: {number: 80}}}')))[0]).toEqual([6, 13, 'spec.rules[0].host', 'Invalid value: "2001:db8::1": must be a DNS name, not an IP address']);
    // Digits and dots that make no address are a DNS name, as the API server reads them.
    expect(await findings(ingress('10.0.0', '{service: {name: web, port: {number: 80}}}'))).toEqual([]);
  });

  it('PersistentVolumeClaim: the storage request is above zero', async () => {
    const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: "0"}}\n';
    expect(await findings(pvc)).toEqual([[6, 35, 'spec.resources.requests.storage', 'Invalid value: "0": must be greater than zero']]);
  });

  it('NetworkPolicy: ports and end ports, CIDRs and their exceptions, one kind of peer', async () => {
    const text = yaml(`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web}
      spec:
        podSelector: {}
        egress:
          - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16, 10.1.0.0]}}, {podSelector: {}, ipBlock: {cidr: 10.0.0.0/8}}, {}]
            ports: [{port: https_port}, {port: 443, endPort: 80}]
          - to: [{ipBlock: {cidr: 10.0.0.0}}]
    `);
    expect(await findings(text)).toEqual([
      [7, 50, 'spec.egress[0].to[0].ipBlock.except[0]', 'Invalid value: "192.168.0.0/16": must be a strict subset of `cidr`'],
      [7, 66, 'spec.egress[0].to[0].ipBlock.except[1]', 'Invalid value: "10.1.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'],
      [7, 79, 'spec.egress[0].to[1]', 'Forbidden: may not specify both ipBlock and another peer'],
      [7, 127, 'spec.egress[0].to[2]', 'Required value: must specify a peer'],
      // The API server shows `port` as the value of a too-small endPort.
      [8, 22, 'spec.egress[0].ports[0].port', 'Invalid value: "https_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
      [8, 56, 'spec.egress[0].ports[1].endPort', 'Invalid value: 443: must be greater than or equal to `port`'],
      [9, 29, 'spec.egress[1].to[0].ipBlock.cidr', 'Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'],
    ]);
  });
});

describe('RBAC', () => {
  it('policy rules: verbs, and api groups with resources or (cluster-wide only) non-resource URLs', async () => {
    const text = yaml(`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: reader}
      rules:
        - {resources: [configmaps], verbs: [get]}
        - {apiGroups: [""], resources: [pods], verbs: []}
        - {nonResourceURLs: [/healthz], verbs: [get]}
    `);
    expect(await findings(text)).toEqual([
      [5, 5, 'rules[0].apiGroups', 'Required value: resource rules must supply at least one api group'],
      [6, 49, 'rules[1].verbs', 'Required value: verbs must contain at least one value'],
      [7, 23, 'rules[2].nonResourceURLs', 'Invalid value: ["/healthz"]: namespaced rules cannot apply to non-resource URLs'],
    ]);
    expect(await findings(text.replace('kind: Role', 'kind: ClusterRole').replace(/ {2}- \{resources.*\n {2}- \{apiGroups.*\n/, ''))).toEqual([]);
  });

  it('bindings: roleRef kind and group, subject kinds, a ServiceAccount subject of a ClusterRoleBinding names its namespace', async () => {
    const text = yaml(`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: reader}
      roleRef: {apiGroup: rbac.authorization.k8s.io/v1, kind: Role, name: reader}
      subjects:
        - {kind: ServiceAccount, name: web}
        - {kind: ServiceAccount, apiGroup: rbac.authorization.k8s.io, name: web, namespace: default}
        - {kind: user, name: jane}
        - {kind: User, name: jane}
    `);
    expect(await findings(text)).toEqual([
      [4, 21, 'roleRef.apiGroup', 'Unsupported value: "rbac.authorization.k8s.io/v1": supported values: "rbac.authorization.k8s.io"'],
      [4, 57, 'roleRef.kind', 'Unsupported value: "Role": supported values: "ClusterRole"'],
      [6, 5, 'subjects[0].namespace', 'Required value'],
      [7, 38, 'subjects[1].apiGroup', 'Unsupported value: "rbac.authorization.k8s.io": supported values: ""'],
      [8, 12, 'subjects[2].kind', 'Unsupported value: "user": supported values: "ServiceAccount", "User", "Group"'],
    ]);
  });
});
