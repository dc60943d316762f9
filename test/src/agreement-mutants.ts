// The files of the agreement corpus whose API-server verdict is known by construction: a clean
// object of each common kind, and mutants of it that each make one change — a broken variant
// that breaks one rule of the API server's validation (k8s.io/kubernetes pkg/apis/*/validation,
// after defaulting) and a near miss beside it that must still be accepted. Pod-spec mutants are
// applied to every workload kind. Deterministic: tables, no randomness.
import type { CorpusFile, Verdict } from './agreement.js';

/** A text replacement; a `\n` inside `to` continues at the indentation of the line `from` is on. */
type Replacement = [from: string, to: string];

interface Mutant {
  name: string;
  replacements: Replacement[];
  expected: Verdict;
}

function mutant(name: string, expected: Verdict, ...replacements: Replacement[]): Mutant {
  return { name, replacements, expected };
}

function apply(text: string, [from, to]: Replacement): string {
  const at = text.indexOf(from);
  if (at === -1) throw new Error(`mutation target not found: ${from}`);
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const before = text.slice(lineStart, at);
  const indent = /^ */.exec(before)![0];
  // A final newline ends the replacement: the text after it keeps its own indentation.
  const body = to.endsWith('\n') ? to.slice(0, -1) : to;
  const indented = body.replaceAll('\n', `\n${indent}`) + (to.endsWith('\n') ? '\n' : '');
  // Whole lines (from their indentation to their end) are replaced with whole lines, or removed.
  if (before === indent && from.endsWith('\n')) return text.slice(0, lineStart) + (to === '' ? '' : indent + indented) + text.slice(at + from.length);
  return text.slice(0, at) + indented + text.slice(at + from.length);
}

const rejected = 'rejected';
const accepted = 'accepted';

/** The pod spec every workload shares, at `indent`. */
function podSpec(indent: string, restartPolicy?: string): string {
  const lines = [
    ...(restartPolicy ? [`restartPolicy: ${restartPolicy}`] : []),
    'containers:',
    '  - name: app',
    '    image: registry.example.com/web:1.0.0',
    '    ports: [{name: http, containerPort: 8080}]',
    '    resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: "1", memory: 256Mi}}',
    '    readinessProbe: {httpGet: {path: /ready, port: http}}',
    '    volumeMounts: [{name: tmp, mountPath: /tmp}]',
    'volumes: [{name: tmp, emptyDir: {}}]',
  ];
  return lines.map((line) => `${indent}${line}\n`).join('');
}

const TEMPLATE_METADATA = 'metadata: {labels: {app: web}}';

/** One clean object of each pod-bearing kind, with the shared pod spec. */
const WORKLOADS: Record<string, string> = {
  Deployment: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    ${TEMPLATE_METADATA}\n    spec:\n${podSpec('      ')}`,
  StatefulSet: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  serviceName: web\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    ${TEMPLATE_METADATA}\n    spec:\n${podSpec('      ')}  volumeClaimTemplates:\n    - metadata: {name: data}\n      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n`,
  DaemonSet: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    ${TEMPLATE_METADATA}\n    spec:\n${podSpec('      ')}`,
  Job: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: web}\nspec:\n  backoffLimit: 2\n  activeDeadlineSeconds: 3600\n  template:\n    ${TEMPLATE_METADATA}\n    spec:\n${podSpec('      ', 'Never')}`,
  CronJob: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: web}\nspec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      activeDeadlineSeconds: 3600\n      template:\n        ${TEMPLATE_METADATA}\n        spec:\n${podSpec('          ', 'OnFailure')}`,
  Pod: `apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec:\n${podSpec('  ')}`,
};

const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io';

/** The workload's pod metadata (a Pod's own, a template's otherwise): replaced to add annotations. */
function podMetadataFor(kind: string): string {
  return kind === 'Pod' ? 'metadata: {name: web, labels: {app: web}}' : TEMPLATE_METADATA;
}

/** One change to the shared pod spec; `kind` is the workload it is applied to. */
function podSpecMutants(kind: string): Mutant[] {
  const metadata = podMetadataFor(kind);
  const annotate = (annotations: string): Replacement => [metadata, metadata.replace(/}$/, `, annotations: {${annotations}}}`)];
  const volumes = 'volumes: [{name: tmp, emptyDir: {}}]';
  const ports = 'ports: [{name: http, containerPort: 8080}]';
  const resources = 'resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: "1", memory: 256Mi}}';
  const probe = 'readinessProbe: {httpGet: {path: /ready, port: http}}';
  const image = 'image: registry.example.com/web:1.0.0';
  const firstContainer = 'containers:\n';
  return [
    // ports
    mutant('container port out of range', rejected, ['containerPort: 8080', 'containerPort: 70000']),
    mutant('container port 0', rejected, ['containerPort: 8080', 'containerPort: 0']),
    mutant('container port 65535', accepted, ['containerPort: 8080', 'containerPort: 65535']),
    mutant('container port name not an IANA service name', rejected, ['name: http, containerPort', 'name: http_port, containerPort']),
    mutant('container port name longer than 15 characters', rejected, ['name: http, containerPort', 'name: http-server-port1, containerPort']),
    mutant('container port name of 15 characters', accepted, ['name: http, containerPort', 'name: http-server-prt, containerPort'], ['port: http}', 'port: http-server-prt}']),
    mutant('container port name without a letter', rejected, ['name: http, containerPort', 'name: "8080", containerPort']),
    mutant('container port names duplicated', rejected, [ports, 'ports: [{name: http, containerPort: 8080}, {name: http, containerPort: 9090}]']),
    mutant('two container ports, distinct names', accepted, [ports, 'ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]']),
    mutant('host port out of range', rejected, ['containerPort: 8080}', 'containerPort: 8080, hostPort: 65536}']),
    mutant('protocol in lower case', rejected, ['containerPort: 8080}', 'containerPort: 8080, protocol: tcp}']),
    mutant('protocol UDP', accepted, ['containerPort: 8080}', 'containerPort: 8080, protocol: UDP}']),
    // names
    mutant('container name not a DNS label', rejected, ['- name: app', '- name: App_1']),
    mutant('container names duplicated', rejected, [firstContainer, `${firstContainer}  - {name: app, image: registry.example.com/side:1.0.0}\n`]),
    mutant('two containers, distinct names', accepted, [firstContainer, `${firstContainer}  - {name: sidecar, image: registry.example.com/side:1.0.0}\n`]),
    mutant('init container named as a container', rejected, [firstContainer, 'initContainers: [{name: app, image: registry.example.com/init:1.0.0}]\ncontainers:\n']),
    mutant('init container with its own name', accepted, [firstContainer, 'initContainers: [{name: init, image: registry.example.com/init:1.0.0}]\ncontainers:\n']),
    mutant('container without an image', rejected, [`${image}\n`, '']),
    // volumes
    mutant('volumeMount names no volume', rejected, ['{name: tmp, mountPath: /tmp}', '{name: scratch, mountPath: /tmp}']),
    mutant('volume name not a DNS label', rejected, [volumes, 'volumes: [{name: tmp, emptyDir: {}}, {name: Scratch_1, emptyDir: {}}]']),
    mutant('volume with two sources', rejected, ['{name: tmp, emptyDir: {}}', '{name: tmp, emptyDir: {}, hostPath: {path: /tmp}}']),
    mutant('volume with no source (defaulted to an emptyDir)', accepted, ['{name: tmp, emptyDir: {}}', '{name: tmp}']),
    mutant('two mounts at one path', rejected, ['[{name: tmp, mountPath: /tmp}]', '[{name: tmp, mountPath: /tmp}, {name: tmp, mountPath: /tmp, subPath: a}]']),
    mutant('two mounts of one volume at two paths', accepted, ['[{name: tmp, mountPath: /tmp}]', '[{name: tmp, mountPath: /tmp}, {name: tmp, mountPath: /cache, subPath: cache}]']),
    // probes
    mutant('probe with no handler', rejected, [probe, 'readinessProbe: {periodSeconds: 5}']),
    mutant('probe with two handlers', rejected, [probe, 'readinessProbe: {httpGet: {path: /ready, port: http}, tcpSocket: {port: http}}']),
    mutant('probe port 0', rejected, [probe, 'readinessProbe: {httpGet: {path: /ready, port: 0}}']),
    mutant('probe port name not an IANA service name', rejected, [probe, 'readinessProbe: {httpGet: {path: /ready, port: http_x}}']),
    mutant('probe by tcpSocket on a port number', accepted, [probe, 'readinessProbe: {tcpSocket: {port: 8080}}']),
    mutant('liveness probe successThreshold 2', rejected, [probe, `${probe}\nlivenessProbe: {tcpSocket: {port: http}, successThreshold: 2}`]),
    mutant('readiness probe successThreshold 3', accepted, [probe, 'readinessProbe: {httpGet: {path: /ready, port: http}, successThreshold: 3}']),
    mutant('init container with a readiness probe', rejected, [firstContainer, 'initContainers: [{name: init, image: registry.example.com/init:1.0.0, readinessProbe: {tcpSocket: {port: 80}}}]\ncontainers:\n']),
    mutant('sidecar init container with a readiness probe', accepted, [firstContainer, 'initContainers: [{name: init, image: registry.example.com/init:1.0.0, restartPolicy: Always, readinessProbe: {tcpSocket: {port: 80}}}]\ncontainers:\n']),
    // resources
    mutant('cpu request above its limit', rejected, [resources, 'resources: {requests: {cpu: "2", memory: 256Mi}, limits: {cpu: "1", memory: 256Mi}}']),
    mutant('cpu request equal to its limit', accepted, [resources, 'resources: {requests: {cpu: "1", memory: 256Mi}, limits: {cpu: 1000m, memory: 256Mi}}']),
    mutant('GPU request without a limit', rejected, [resources, 'resources: {requests: {cpu: 250m, memory: 256Mi, nvidia.com/gpu: 1}, limits: {cpu: "1", memory: 256Mi}}']),
    mutant('GPU request below its limit', rejected, [resources, 'resources: {requests: {cpu: 250m, memory: 256Mi, nvidia.com/gpu: 1}, limits: {cpu: "1", memory: 256Mi, nvidia.com/gpu: 2}}']),
    mutant('GPU limit alone (the request defaults to it)', accepted, [resources, 'resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: "1", memory: 256Mi, nvidia.com/gpu: 1}}']),
    mutant('memory written as 256MB', rejected, [resources, 'resources: {requests: {cpu: 250m, memory: 256MB}, limits: {cpu: "1", memory: 256MB}}']),
    mutant('memory written as 256M', accepted, [resources, 'resources: {requests: {cpu: 250m, memory: 256M}, limits: {cpu: "1", memory: 256M}}']),
    // pod-level enums
    mutant('unknown dnsPolicy', rejected, [volumes, `dnsPolicy: ClusterFirstt\n${volumes}`]),
    mutant('dnsPolicy ClusterFirstWithHostNet', accepted, [volumes, `dnsPolicy: ClusterFirstWithHostNet\n${volumes}`]),
    mutant('unknown imagePullPolicy', rejected, [image, `${image}\nimagePullPolicy: IfNotPresnt`]),
    mutant('imagePullPolicy IfNotPresent', accepted, [image, `${image}\nimagePullPolicy: IfNotPresent`]),
    mutant('unknown terminationMessagePolicy', rejected, [image, `${image}\nterminationMessagePolicy: Logs`]),
    mutant('unknown restartPolicy value', rejected, [volumes, `restartPolicy: Sometimes\n${volumes}`], ...(kind === 'Job' || kind === 'CronJob' ? [[kind === 'Job' ? 'restartPolicy: Never\n' : 'restartPolicy: OnFailure\n', ''] as Replacement] : [])),
    // AppArmor: the annotation and the field must agree (validated on create)
    mutant('AppArmor annotation and field disagree', rejected, annotate(`${APPARMOR_ANNOTATION}/app: unconfined`), [image, `${image}\nsecurityContext: {appArmorProfile: {type: RuntimeDefault}}`]),
    mutant('AppArmor annotation and field agree', accepted, annotate(`${APPARMOR_ANNOTATION}/app: runtime/default`), [image, `${image}\nsecurityContext: {appArmorProfile: {type: RuntimeDefault}}`]),
    mutant('AppArmor annotation for a container that does not exist', rejected, annotate(`${APPARMOR_ANNOTATION}/sidecar: runtime/default`)),
    mutant('AppArmor annotation with an unknown profile', rejected, annotate(`${APPARMOR_ANNOTATION}/app: default`)),
  ];
}

/** The restart policy each workload kind takes: a Deployment's `Never`, a Job's `Always` (also what unset means). */
const RESTART_MUTANTS: Record<string, Mutant[]> = {
  Deployment: [mutant('restartPolicy Never', rejected, ['volumes: [', 'restartPolicy: Never\nvolumes: ['])],
  DaemonSet: [mutant('restartPolicy OnFailure', rejected, ['volumes: [', 'restartPolicy: OnFailure\nvolumes: ['])],
  StatefulSet: [mutant('restartPolicy Never', rejected, ['volumes: [', 'restartPolicy: Never\nvolumes: ['])],
  Job: [
    mutant('restartPolicy Always', rejected, ['restartPolicy: Never', 'restartPolicy: Always']),
    mutant('restartPolicy unset (Always)', rejected, ['restartPolicy: Never\n', '']),
    mutant('restartPolicy OnFailure', accepted, ['restartPolicy: Never', 'restartPolicy: OnFailure']),
  ],
  CronJob: [mutant('restartPolicy unset (Always)', rejected, ['restartPolicy: OnFailure\n', ''])],
  Pod: [mutant('restartPolicy Never', accepted, ['volumes: [', 'restartPolicy: Never\nvolumes: ['])],
};

/** Rules of each workload kind beyond its pod spec. */
const WORKLOAD_MUTANTS: Record<string, Mutant[]> = {
  Deployment: [
    mutant('metadata.name missing', rejected, ['{name: web, labels: {app: web}}', '{labels: {app: web}}']),
    mutant('metadata.generateName instead of a name', accepted, ['{name: web, labels: {app: web}}', '{generateName: web-, labels: {app: web}}']),
    mutant('name not a DNS subdomain', rejected, ['{name: web, labels', '{name: Web_1, labels']),
    mutant('label value with a space', rejected, ['{name: web, labels: {app: web}}', '{name: web, labels: {app: web, team: "ml ops"}}']),
    mutant('label value written as null', accepted, ['{name: web, labels: {app: web}}', '{name: web, labels: {app: web, team: null}}']),
    mutant('label value of 64 characters', rejected, ['{name: web, labels: {app: web}}', `{name: web, labels: {app: web, team: ${'a'.repeat(64)}}}`]),
    mutant('label value of 63 characters', accepted, ['{name: web, labels: {app: web}}', `{name: web, labels: {app: web, team: ${'a'.repeat(63)}}}`]),
    mutant('selector does not match template labels', rejected, ['{matchLabels: {app: web}}', '{matchLabels: {app: api}}']),
    mutant('selector a subset of template labels', accepted, [TEMPLATE_METADATA, 'metadata: {labels: {app: web, tier: backend}}']),
    mutant('selector by expression matching the template', accepted, ['{matchLabels: {app: web}}', '{matchExpressions: [{key: app, operator: In, values: [web, api]}]}']),
    mutant('selector by expression not matching the template', rejected, ['{matchLabels: {app: web}}', '{matchExpressions: [{key: app, operator: NotIn, values: [web]}]}']),
    mutant('empty selector', rejected, ['{matchLabels: {app: web}}', '{matchLabels: {}}']),
    mutant('replicas negative', rejected, ['replicas: 2', 'replicas: -1']),
    mutant('replicas 0', accepted, ['replicas: 2', 'replicas: 0']),
    mutant('strategy type unknown', rejected, ['replicas: 2', 'replicas: 2\nstrategy: {type: Rolling}']),
    mutant('Recreate strategy with rollingUpdate parameters', rejected, ['replicas: 2', 'replicas: 2\nstrategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}']),
    mutant('Recreate strategy', accepted, ['replicas: 2', 'replicas: 2\nstrategy: {type: Recreate}']),
    mutant('maxSurge and maxUnavailable both 0', rejected, ['replicas: 2', 'replicas: 2\nstrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}']),
    mutant('maxSurge 0% and maxUnavailable 0', rejected, ['replicas: 2', 'replicas: 2\nstrategy: {rollingUpdate: {maxSurge: "0%", maxUnavailable: 0}}']),
    mutant('maxSurge 0 (maxUnavailable defaults to 25%)', accepted, ['replicas: 2', 'replicas: 2\nstrategy: {rollingUpdate: {maxSurge: 0}}']),
    mutant('maxUnavailable 0 and maxSurge 1', accepted, ['replicas: 2', 'replicas: 2\nstrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}']),
    mutant('maxUnavailable above 100%', rejected, ['replicas: 2', 'replicas: 2\nstrategy: {rollingUpdate: {maxUnavailable: "110%"}}']),
    mutant('maxUnavailable 100%', accepted, ['replicas: 2', 'replicas: 2\nstrategy: {rollingUpdate: {maxUnavailable: "100%"}}']),
    mutant('maxSurge not a percentage', rejected, ['replicas: 2', 'replicas: 2\nstrategy: {rollingUpdate: {maxSurge: "25"}}']),
    mutant('maxSurge negative', rejected, ['replicas: 2', 'replicas: 2\nstrategy: {rollingUpdate: {maxSurge: -1}}']),
    mutant('progressDeadlineSeconds not above minReadySeconds', rejected, ['replicas: 2', 'replicas: 2\nminReadySeconds: 30\nprogressDeadlineSeconds: 30']),
    mutant('progressDeadlineSeconds above minReadySeconds', accepted, ['replicas: 2', 'replicas: 2\nminReadySeconds: 30\nprogressDeadlineSeconds: 600']),
    mutant('revisionHistoryLimit negative', rejected, ['replicas: 2', 'replicas: 2\nrevisionHistoryLimit: -1']),
  ],
  DaemonSet: [
    mutant('maxSurge 1 with the default maxUnavailable (1)', rejected, ['  selector:', '  updateStrategy: {rollingUpdate: {maxSurge: 1}}\n  selector:']),
    mutant('maxSurge 1 with maxUnavailable 0', accepted, ['  selector:', '  updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}\n  selector:']),
    mutant('maxSurge and maxUnavailable both 0', rejected, ['  selector:', '  updateStrategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}\n  selector:']),
    mutant('maxUnavailable 50%', accepted, ['  selector:', '  updateStrategy: {rollingUpdate: {maxUnavailable: "50%"}}\n  selector:']),
    mutant('updateStrategy OnDelete', accepted, ['  selector:', '  updateStrategy: {type: OnDelete}\n  selector:']),
    mutant('updateStrategy type unknown', rejected, ['  selector:', '  updateStrategy: {type: Recreate}\n  selector:']),
    mutant('selector does not match template labels', rejected, ['{matchLabels: {app: web}}', '{matchLabels: {app: api}}']),
  ],
  StatefulSet: [
    mutant('claim template without a storage request', rejected, ['resources: {requests: {storage: 1Gi}}', 'resources: {}']),
    mutant('claim template without access modes', rejected, ['accessModes: [ReadWriteOnce], ', '']),
    mutant('claim template access mode unknown', rejected, ['accessModes: [ReadWriteOnce]', 'accessModes: [ReadWriteOnly]']),
    mutant('claim template ReadWriteOncePod', accepted, ['accessModes: [ReadWriteOnce]', 'accessModes: [ReadWriteOncePod]']),
    mutant('mount of a claim template', accepted, ['{name: tmp, mountPath: /tmp}', '{name: data, mountPath: /data}']),
    mutant('podManagementPolicy unknown', rejected, ['replicas: 2', 'replicas: 2\npodManagementPolicy: Paralel']),
    mutant('podManagementPolicy Parallel', accepted, ['replicas: 2', 'replicas: 2\npodManagementPolicy: Parallel']),
    mutant('updateStrategy OnDelete', accepted, ['replicas: 2', 'replicas: 2\nupdateStrategy: {type: OnDelete}']),
    mutant('selector does not match template labels', rejected, ['{matchLabels: {app: web}}', '{matchLabels: {app: api}}']),
    mutant('replicas negative', rejected, ['replicas: 2', 'replicas: -1']),
    mutant('activeDeadlineSeconds in the pod template', rejected, ['volumes: [', 'activeDeadlineSeconds: 60\nvolumes: [']),
  ],
  Job: [
    mutant('backoffLimit negative', rejected, ['backoffLimit: 2', 'backoffLimit: -1']),
    mutant('parallelism negative', rejected, ['backoffLimit: 2', 'backoffLimit: 2\nparallelism: -1']),
    mutant('completions and parallelism set', accepted, ['backoffLimit: 2', 'backoffLimit: 2\ncompletions: 4\nparallelism: 2']),
    // Unset completions and parallelism both default to 1; parallelism alone leaves completions unset.
    mutant('Indexed completion mode with parallelism and no completions', rejected, ['backoffLimit: 2', 'backoffLimit: 2\ncompletionMode: Indexed\nparallelism: 2']),
    mutant('Indexed completion mode, completions defaulted', accepted, ['backoffLimit: 2', 'backoffLimit: 2\ncompletionMode: Indexed']),
    mutant('Indexed completion mode with completions', accepted, ['backoffLimit: 2', 'backoffLimit: 2\ncompletionMode: Indexed\ncompletions: 4']),
    mutant('completion mode unknown', rejected, ['backoffLimit: 2', 'backoffLimit: 2\ncompletionMode: Ordered']),
    mutant('activeDeadlineSeconds negative', rejected, ['activeDeadlineSeconds: 3600', 'activeDeadlineSeconds: -1']),
    mutant('ttlSecondsAfterFinished negative', rejected, ['backoffLimit: 2', 'backoffLimit: 2\nttlSecondsAfterFinished: -1']),
    mutant('ttlSecondsAfterFinished 0', accepted, ['backoffLimit: 2', 'backoffLimit: 2\nttlSecondsAfterFinished: 0']),
  ],
  CronJob: [
    mutant('schedule with six fields', rejected, ['"*/5 * * * *"', '"0 */5 * * * *"']),
    mutant('schedule out of range', rejected, ['"*/5 * * * *"', '"0 25 * * *"']),
    mutant('schedule not a schedule', rejected, ['"*/5 * * * *"', '"every 5 minutes"']),
    mutant('schedule @hourly', accepted, ['"*/5 * * * *"', '"@hourly"']),
    mutant('schedule with names and ranges', accepted, ['"*/5 * * * *"', '"30 2 * JAN-MAR mon-fri"']),
    mutant('schedule with TZ=', rejected, ['"*/5 * * * *"', '"TZ=UTC */5 * * * *"']),
    mutant('timeZone unknown', rejected, ['schedule: "*/5 * * * *"', 'schedule: "*/5 * * * *"\ntimeZone: Mars/Olympus']),
    mutant('timeZone Europe/Paris', accepted, ['schedule: "*/5 * * * *"', 'schedule: "*/5 * * * *"\ntimeZone: Europe/Paris']),
    mutant('concurrencyPolicy unknown', rejected, ['schedule: "*/5 * * * *"', 'schedule: "*/5 * * * *"\nconcurrencyPolicy: Never']),
    mutant('concurrencyPolicy Forbid', accepted, ['schedule: "*/5 * * * *"', 'schedule: "*/5 * * * *"\nconcurrencyPolicy: Forbid']),
    mutant('name longer than 52 characters', rejected, ['{name: web}', `{name: ${'w'.repeat(53)}}`]),
    mutant('name of 52 characters', accepted, ['{name: web}', `{name: ${'w'.repeat(52)}}`]),
  ],
  Pod: [
    mutant('hostNetwork with dnsPolicy ClusterFirstWithHostNet', accepted, ['volumes: [', 'hostNetwork: true\ndnsPolicy: ClusterFirstWithHostNet\nvolumes: [']),
    mutant('dnsPolicy None without dnsConfig', rejected, ['volumes: [', 'dnsPolicy: None\nvolumes: [']),
    mutant('dnsPolicy None with dnsConfig', accepted, ['volumes: [', 'dnsPolicy: None\ndnsConfig: {nameservers: [10.96.0.10]}\nvolumes: [']),
    mutant('runAsUser negative', rejected, ['volumes: [', 'securityContext: {runAsUser: -1}\nvolumes: [']),
    mutant('runAsUser 65534', accepted, ['volumes: [', 'securityContext: {runAsUser: 65534}\nvolumes: [']),
  ],
};

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports:
    - {name: http, port: 80, targetPort: http}
    - {name: metrics, port: 9090, targetPort: 9090}
`;

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  ingressClassName: nginx
  tls: [{hosts: [web.example.com], secretName: web-tls}]
  rules:
    - host: web.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
`;

const PVC = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 10Gi}}
`;

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`;

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: web}}
`;

const NETWORK_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress, Egress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: gateway}}}]
      ports: [{port: 8080, protocol: TCP}]
  egress:
    - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
      ports: [{port: 443}]
`;

const RBAC = `apiVersion: v1
kind: ServiceAccount
metadata: {name: web}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: web}
rules:
  - {apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: web}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: web}
subjects: [{kind: ServiceAccount, name: web}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: web-nodes}
rules:
  - {apiGroups: [""], resources: [nodes], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: web-nodes}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: web-nodes}
subjects: [{kind: ServiceAccount, name: web, namespace: default}]
`;

/** Volcano's gang-scheduled Job and its Queue: custom resources judged by their embedded CRDs (volcano.sh/volcano v1.10.0). */
const VOLCANO = `apiVersion: scheduling.volcano.sh/v1beta1
kind: Queue
metadata: {name: research}
spec:
  weight: 1
  capability: {cpu: "64", memory: 256Gi}
---
apiVersion: batch.volcano.sh/v1alpha1
kind: Job
metadata: {name: train}
spec:
  minAvailable: 2
  schedulerName: volcano
  queue: research
  policies: [{event: PodEvicted, action: RestartJob}]
  tasks:
    - name: worker
      replicas: 2
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: trainer, image: "registry.example.com/train:1.0.0"}]
`;

/** The workload HPAs, PDBs, Services and Ingresses refer to, so cross-resource rules find what they look for. */
const TARGET = `${WORKLOADS.Deployment!}---\n`;

const OTHER_MUTANTS: Array<{ kind: string; base: string; mutants: Mutant[] }> = [
  {
    kind: 'Service',
    base: TARGET + SERVICE,
    mutants: [
      mutant('port 0', rejected, ['port: 80,', 'port: 0,']),
      mutant('port out of range', rejected, ['port: 80,', 'port: 65536,']),
      mutant('targetPort out of range', rejected, ['targetPort: 9090', 'targetPort: 70000']),
      mutant('targetPort name not an IANA service name', rejected, ['targetPort: http}', 'targetPort: http_port}']),
      mutant('targetPort a number as a string', rejected, ['targetPort: 9090', 'targetPort: "9090"']),
      mutant('two ports, one unnamed', rejected, ['{name: metrics, port', '{port']),
      mutant('one unnamed port', accepted, ['    - {name: metrics, port: 9090, targetPort: 9090}\n', ''], ['{name: http, port', '{port']),
      mutant('port names duplicated', rejected, ['name: metrics', 'name: http']),
      mutant('port name not a DNS label', rejected, ['name: metrics', 'name: Metrics']),
      mutant('one port number twice', rejected, ['port: 9090,', 'port: 80,']),
      mutant('one port number for TCP and UDP', accepted, ['{name: metrics, port: 9090, targetPort: 9090}', '{name: http-udp, port: 80, targetPort: http, protocol: UDP}']),
      mutant('type unknown', rejected, ['  selector: {app: web}', '  type: Clusterip\n  selector: {app: web}']),
      mutant('type NodePort', accepted, ['  selector: {app: web}', '  type: NodePort\n  selector: {app: web}']),
      mutant('nodePort on a ClusterIP Service', rejected, ['targetPort: 9090}', 'targetPort: 9090, nodePort: 30090}']),
      mutant('externalTrafficPolicy on a ClusterIP Service', rejected, ['  selector: {app: web}', '  externalTrafficPolicy: Local\n  selector: {app: web}']),
      mutant('externalTrafficPolicy Local on a LoadBalancer', accepted, ['  selector: {app: web}', '  type: LoadBalancer\n  externalTrafficPolicy: Local\n  selector: {app: web}']),
      mutant('sessionAffinity unknown', rejected, ['  selector: {app: web}', '  sessionAffinity: Sticky\n  selector: {app: web}']),
      mutant('ExternalName without externalName', rejected, ['  selector: {app: web}', '  type: ExternalName\n  selector: {app: web}']),
      mutant('clusterIP not an IP', rejected, ['  selector: {app: web}', '  clusterIP: 10.96.1\n  selector: {app: web}']),
      mutant('headless without ports', accepted, ['  ports:\n    - {name: http, port: 80, targetPort: http}\n    - {name: metrics, port: 9090, targetPort: 9090}\n', '  clusterIP: None\n']),
      mutant('no ports', rejected, ['  ports:\n    - {name: http, port: 80, targetPort: http}\n    - {name: metrics, port: 9090, targetPort: 9090}\n', '']),
      mutant('protocol in lower case', rejected, ['targetPort: 9090}', 'targetPort: 9090, protocol: tcp}']),
    ],
  },
  {
    kind: 'Ingress',
    base: TARGET + SERVICE + '---\n' + INGRESS,
    mutants: [
      mutant('neither rules nor default backend', rejected, [INGRESS.slice(INGRESS.indexOf('  rules:')), '']),
      mutant('default backend only', accepted, [INGRESS.slice(INGRESS.indexOf('  rules:')), '  defaultBackend: {service: {name: web, port: {number: 80}}}\n']),
      mutant('pathType missing', rejected, ['pathType: Prefix, ', '']),
      mutant('pathType unknown', rejected, ['pathType: Prefix', 'pathType: prefix']),
      mutant('pathType ImplementationSpecific', accepted, ['pathType: Prefix', 'pathType: ImplementationSpecific']),
      mutant('Prefix path not absolute', rejected, ['{path: /,', '{path: api,']),
      mutant('Exact path', accepted, ['{path: /,', '{path: /healthz,']),
      mutant('backend port with name and number', rejected, ['port: {name: http}', 'port: {name: http, number: 80}']),
      mutant('backend port by number', accepted, ['port: {name: http}', 'port: {number: 80}']),
      mutant('backend without a port', rejected, ['{name: web, port: {name: http}}', '{name: web}']),
      mutant('host an IP address', rejected, ['- host: web.example.com', '- host: 10.0.0.1']),
      mutant('host with a wildcard not first', rejected, ['- host: web.example.com', '- host: "web.*.example.com"']),
      mutant('host with a leading wildcard', accepted, ['- host: web.example.com', '- host: "*.example.com"']),
      mutant('host in upper case', rejected, ['- host: web.example.com', '- host: Web.example.com']),
    ],
  },
  {
    kind: 'PersistentVolumeClaim',
    base: PVC,
    mutants: [
      mutant('without access modes', rejected, ['  accessModes: [ReadWriteOnce]\n', '']),
      mutant('access mode unknown', rejected, ['[ReadWriteOnce]', '[ReadWrite]']),
      mutant('ReadWriteOncePod', accepted, ['[ReadWriteOnce]', '[ReadWriteOncePod]']),
      mutant('without a storage request', rejected, ['{requests: {storage: 10Gi}}', '{}']),
      mutant('storage written as 10GB', rejected, ['storage: 10Gi', 'storage: 10GB']),
      mutant('storage written as 10G', accepted, ['storage: 10Gi', 'storage: 10G']),
      mutant('storage 0', rejected, ['storage: 10Gi', 'storage: "0"']),
      mutant('volumeMode unknown', rejected, ['  accessModes', '  volumeMode: Raw\n  accessModes']),
      mutant('volumeMode Block', accepted, ['  accessModes', '  volumeMode: Block\n  accessModes']),
    ],
  },
  {
    kind: 'HorizontalPodAutoscaler',
    base: TARGET + HPA,
    mutants: [
      mutant('maxReplicas below minReplicas', rejected, ['maxReplicas: 10', 'maxReplicas: 1']),
      mutant('maxReplicas equal to minReplicas', accepted, ['maxReplicas: 10', 'maxReplicas: 2']),
      mutant('minReplicas 0', rejected, ['minReplicas: 2', 'minReplicas: 0']),
      mutant('maxReplicas 0', rejected, ['maxReplicas: 10', 'maxReplicas: 0']),
      mutant('minReplicas unset (1)', accepted, ['  minReplicas: 2\n', '']),
      mutant('maxReplicas below the default minReplicas', rejected, ['  minReplicas: 2\n', ''], ['maxReplicas: 10', 'maxReplicas: 0']),
    ],
  },
  {
    kind: 'PodDisruptionBudget',
    base: TARGET + PDB,
    mutants: [
      mutant('minAvailable and maxUnavailable both set', rejected, ['minAvailable: 1', 'minAvailable: 1\nmaxUnavailable: 1']),
      mutant('maxUnavailable alone', accepted, ['minAvailable: 1', 'maxUnavailable: 1']),
      mutant('minAvailable above 100%', rejected, ['minAvailable: 1', 'minAvailable: "150%"']),
      mutant('minAvailable 50%', accepted, ['minAvailable: 1', 'minAvailable: "50%"']),
      mutant('minAvailable negative', rejected, ['minAvailable: 1', 'minAvailable: -1']),
      mutant('maxUnavailable not a percentage', rejected, ['minAvailable: 1', 'maxUnavailable: "one"']),
    ],
  },
  {
    kind: 'NetworkPolicy',
    base: NETWORK_POLICY,
    mutants: [
      mutant('policyTypes unknown', rejected, ['[Ingress, Egress]', '[ingress, egress]']),
      mutant('policyTypes Ingress only', accepted, ['[Ingress, Egress]', '[Ingress]']),
      mutant('port protocol unknown', rejected, ['protocol: TCP', 'protocol: HTTP']),
      mutant('port out of range', rejected, ['port: 443', 'port: 70000']),
      mutant('port by name', accepted, ['port: 443', 'port: https']),
      mutant('port name not an IANA service name', rejected, ['port: 443', 'port: https_port']),
      mutant('endPort below port', rejected, ['{port: 443}', '{port: 443, endPort: 80}']),
      mutant('endPort above port', accepted, ['{port: 443}', '{port: 443, endPort: 8443}']),
      mutant('ipBlock cidr not a CIDR', rejected, ['cidr: 10.0.0.0/8', 'cidr: 10.0.0.0']),
      mutant('ipBlock except outside the cidr', rejected, ['except: [10.1.0.0/16]', 'except: [192.168.0.0/16]']),
      mutant('peer with two selectors', accepted, ['[{podSelector: {matchLabels: {app: gateway}}}]', '[{podSelector: {matchLabels: {app: gateway}}, namespaceSelector: {matchLabels: {team: ml}}}]']),
      mutant('peer with ipBlock and a selector', rejected, ['{ipBlock: {cidr', '{podSelector: {}, ipBlock: {cidr']),
    ],
  },
  {
    kind: 'Volcano Job',
    base: VOLCANO,
    mutants: [
      mutant('minSuccess 0', rejected, ['minAvailable: 2', 'minAvailable: 2\nminSuccess: 0']),
      mutant('minSuccess 1', accepted, ['minAvailable: 2', 'minAvailable: 2\nminSuccess: 1']),
      mutant('task replicas a string', rejected, ['replicas: 2', 'replicas: "2"']),
      mutant('unknown field in a task pod spec', rejected, ['restartPolicy: OnFailure', 'restartPolcy: OnFailure']),
      mutant('queue capability not a quantity', rejected, ['memory: 256Gi', 'memory: 256 GiB']),
      mutant('queue capability in millicores', accepted, ['cpu: "64"', 'cpu: 64000m']),
    ],
  },
  {
    kind: 'RBAC',
    base: RBAC,
    mutants: [
      mutant('Role rule without apiGroups', rejected, ['{apiGroups: [""], resources: [configmaps]', '{resources: [configmaps]']),
      mutant('Role rule without verbs', rejected, ['verbs: [get, list, watch]', 'verbs: []']),
      mutant('Role rule without resources', rejected, ['resources: [configmaps], ', '']),
      mutant('Role rule with resourceNames', accepted, ['resources: [configmaps], ', 'resources: [configmaps], resourceNames: [web-config], ']),
      mutant('Role rule with nonResourceURLs', rejected, ['{apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}', '{nonResourceURLs: [/healthz], verbs: [get]}']),
      mutant('ClusterRole rule with nonResourceURLs', accepted, ['{apiGroups: [""], resources: [nodes], verbs: [get]}', '{nonResourceURLs: [/healthz], verbs: [get]}']),
      mutant('ClusterRole rule with nonResourceURLs and resources', rejected, ['{apiGroups: [""], resources: [nodes], verbs: [get]}', '{apiGroups: [""], resources: [nodes], nonResourceURLs: [/healthz], verbs: [get]}']),
      mutant('RoleBinding roleRef kind unknown', rejected, ['kind: Role, name: web}', 'kind: role, name: web}']),
      mutant('RoleBinding to a ClusterRole', accepted, ['kind: Role, name: web}', 'kind: ClusterRole, name: web-nodes}']),
      mutant('RoleBinding roleRef apiGroup wrong', rejected, ['{apiGroup: rbac.authorization.k8s.io, kind: Role', '{apiGroup: rbac.authorization.k8s.io/v1, kind: Role']),
      mutant('ClusterRoleBinding to a Role', rejected, ['kind: ClusterRole, name: web-nodes}', 'kind: Role, name: web}']),
      mutant('ClusterRoleBinding ServiceAccount subject without namespace', rejected, ['{kind: ServiceAccount, name: web, namespace: default}', '{kind: ServiceAccount, name: web}']),
      mutant('RoleBinding ServiceAccount subject with a namespace', accepted, ['{kind: ServiceAccount, name: web}]', '{kind: ServiceAccount, name: web, namespace: default}]']),
      mutant('subject kind unknown', rejected, ['{kind: ServiceAccount, name: web}]', '{kind: Serviceaccount, name: web}]']),
      mutant('User subject without apiGroup', accepted, ['{kind: ServiceAccount, name: web}]', '{kind: User, name: jane@example.com}]']),
      mutant('ServiceAccount subject with an apiGroup', rejected, ['{kind: ServiceAccount, name: web}]', '{kind: ServiceAccount, apiGroup: rbac.authorization.k8s.io, name: web}]']),
    ],
  },
];

/** The clean objects and every mutant, named `<kind>: <change>`. */
export function mutantCorpus(): CorpusFile[] {
  const files: CorpusFile[] = [];
  const add = (kind: string, base: string, mutants: readonly Mutant[]) => {
    files.push({ name: `${kind}: clean`, text: base, expected: 'accepted' });
    for (const { name, replacements, expected } of mutants) files.push({ name: `${kind}: ${name}`, text: replacements.reduce(apply, base), expected });
  };
  for (const [kind, base] of Object.entries(WORKLOADS)) {
    add(kind, base, [...podSpecMutants(kind), ...(RESTART_MUTANTS[kind] ?? []), ...(WORKLOAD_MUTANTS[kind] ?? [])]);
  }
  for (const { kind, base, mutants } of OTHER_MUTANTS) add(kind, base, mutants);
  return files;
}
