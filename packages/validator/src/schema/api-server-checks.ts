// What the API server rejects for built-in kinds beyond the OpenAPI schema: the hand-written
// validation of k8s.io/kubernetes pkg/apis/core/validation, pkg/apis/apps/validation,
// pkg/apis/batch/validation, pkg/apis/networking/validation, ordered by how often real charts hit
// them. Messages use the API server's wording (field.ErrorType + detail: "Invalid value",
// "Required value", "Unsupported value", "Duplicate value", "Not found", "Forbidden"), so a user
// who sees both recognises one in the other. Every read checks its type: the schema check has
// already reported values of the wrong type, and these checks stay quiet about them.

import { labelSelectorMatches } from '../rules/support/selectors.js';
import { isObject, stringMap, type JsonObject } from '../rules/support/objects.js';
import { parseQuantity } from '../rules/support/quantity.js';
import type { SchemaViolation } from './compile.js';
import { dns1123Label } from './kubernetes-checks.js';

type Path = Array<string | number>;
type Out = SchemaViolation[];

const NONE: readonly SchemaViolation[] = [];
/** Stands in for a set of names where there is at most one name to remember; never written. */
const NO_NAMES: Set<string> = new Set();

// Paths the checks of every object of a kind start from, made once (findings copy them).
const SPEC: Path = ['spec'];
const SPEC_TEMPLATE: Path = ['spec', 'template'];

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function invalid(out: Out, path: Path, value: unknown, detail: string): void {
  out.push({ path, message: `Invalid value: ${show(value)}: ${detail}`, severity: 'error' });
}

function required(out: Out, path: Path, detail?: string): void {
  out.push({ path, message: detail ? `Required value: ${detail}` : 'Required value', severity: 'error' });
}

function unsupported(out: Out, path: Path, value: unknown, allowed: readonly string[]): void {
  out.push({ path, message: `Unsupported value: ${show(value)}: supported values: ${allowed.map(show).join(', ')}`, severity: 'error' });
}

function duplicate(out: Out, path: Path, value: unknown): void {
  out.push({ path, message: `Duplicate value: ${show(value)}`, severity: 'error' });
}

function forbidden(out: Out, path: Path, detail: string): void {
  out.push({ path, message: `Forbidden: ${detail}`, severity: 'error' });
}

/**
 * The name of item `index` of list `list` under `base`, which must be valid (by `problem`) and
 * unique among `seen`; records it. The path is built only for a finding: valid objects allocate nothing.
 */
function checkUniqueName(out: Out, seen: Set<string>, name: string, problem: (name: string) => string | undefined, base: Path, list: string, index: number): void {
  const found = problem(name);
  if (found) invalid(out, [...base, list, index, 'name'], name, found);
  else if (seen.has(name)) duplicate(out, [...base, list, index, 'name'], name);
  seen.add(name);
}

/** A string field with an enum the upstream OpenAPI definitions do not carry (an empty string is the API's default). */
function checkEnum(out: Out, object: JsonObject, key: string, path: Path, allowed: readonly string[]): void {
  const value = object[key];
  if (typeof value === 'string' && value !== '' && !allowed.includes(value)) unsupported(out, [...path, key], value, allowed);
}

function list(object: JsonObject | undefined, key: string): readonly unknown[] {
  const value = object?.[key];
  return Array.isArray(value) ? value : [];
}

function child(object: JsonObject | undefined, key: string): JsonObject | undefined {
  const value = object?.[key];
  return isObject(value) ? value : undefined;
}

// --- ports (IsValidPortNum, IsValidPortName: IANA_SVC_NAME, RFC 6335) ---

const PORT_RANGE = 'must be between 1 and 65535, inclusive';

function portNumberProblem(port: number): string | undefined {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? undefined : PORT_RANGE;
}

/** Port names already found valid: the same few (`http`, `metrics`) name every port. */
const validPortNames = new Set<string>();

export function portNameProblem(name: string): string | undefined {
  if (validPortNames.has(name)) return undefined;
  const problem = portNameSyntax(name);
  if (!problem && validPortNames.size < 10_000) validPortNames.add(name);
  return problem;
}

function portNameSyntax(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/** What is wrong with an IntOrString port: a number out of range, or a string that is no IANA service name (a numeric string is a name, and not a valid one). */
function portNumOrNameProblem(value: unknown): string | undefined {
  if (typeof value === 'number') return portNumberProblem(value);
  if (typeof value === 'string') return portNameProblem(value);
  return undefined;
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

// --- pod spec ---

const IMAGE_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
const TERMINATION_MESSAGE_POLICIES = ['FallbackToLogsOnError', 'File'] as const;
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] as const;
const RESTART_POLICIES = ['Always', 'Never', 'OnFailure'] as const;
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

/** Resources a container cannot overcommit: requests must equal limits (IsOverCommitAllowed). */
function overcommitAllowed(resource: string): boolean {
  if (resource.startsWith('hugepages-')) return false;
  const slash = resource.indexOf('/');
  // Native resources (no domain, or kubernetes.io/ domains) may be overcommitted; extended ones (nvidia.com/gpu) not.
  return slash === -1 || resource.slice(0, slash) === 'kubernetes.io' || resource.slice(0, slash).endsWith('.kubernetes.io');
}

/** Parsed quantities: the same few (`100m`, `128Mi`, `1`) fill every manifest, and parsing is the cost of this check. */
const quantities = new Map<unknown, number | undefined>();

function quantity(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  let parsed = quantities.get(value);
  if (parsed === undefined && !quantities.has(value)) {
    parsed = parseQuantity(value);
    if (quantities.size < 10_000) quantities.set(value, parsed);
  }
  return parsed;
}

/** `resources` of the container at `container`. */
function checkResources(out: Out, resources: JsonObject | undefined, container: Path): void {
  if (!resources) return;
  const path = (...rest: Path) => [...container, 'resources', ...rest];
  const requests = child(resources, 'requests');
  const limits = child(resources, 'limits');
  if (!requests) return;
  for (const name in requests) {
    const request = requests[name];
    const limit = limits?.[name];
    if (request === limit && limit !== undefined) continue;
    const requestValue = quantity(request);
    const limitValue = quantity(limit);
    if (requestValue === undefined) continue;
    if (!overcommitAllowed(name)) {
      if (limit === undefined || limit === null) required(out, path('limits', name), 'Limit must be set for non overcommitable resources');
      else if (limitValue !== undefined && limitValue !== requestValue) invalid(out, path('requests', name), request, `must be equal to ${name} limit of ${String(limit)}`);
    } else if (limitValue !== undefined && requestValue > limitValue) {
      invalid(out, path('requests', name), request, `must be less than or equal to ${name} limit of ${String(limit)}`);
    }
  }
}

/** The probe `name` of the container at `container`; paths are built only for a finding. */
function checkProbe(out: Out, probe: JsonObject, container: Path, name: string): void {
  let handlers = 0;
  for (const handler of PROBE_HANDLERS) {
    if (probe[handler] === undefined || probe[handler] === null) continue;
    if (++handlers === 2) forbidden(out, [...container, name, handler], 'may not specify more than 1 handler type');
  }
  if (handlers === 0) required(out, [...container, name], 'must specify a handler type');
  for (const handler of ['httpGet', 'tcpSocket'] as const) {
    const port = child(probe, handler)?.port;
    const problem = portNumOrNameProblem(port);
    if (problem) invalid(out, [...container, name, handler, 'port'], port, problem);
  }
  const grpc = child(probe, 'grpc');
  if (grpc && typeof grpc.port === 'number') {
    const problem = portNumberProblem(grpc.port);
    if (problem) invalid(out, [...container, name, 'grpc', 'port'], grpc.port, problem);
  }
  // Only a readiness probe may need several successes in a row.
  if (name !== 'readinessProbe' && typeof probe.successThreshold === 'number' && probe.successThreshold !== 1) invalid(out, [...container, name, 'successThreshold'], probe.successThreshold, 'must be 1');
}

function checkContainer(out: Out, container: JsonObject, path: Path, volumes: ReadonlySet<string>, init: boolean): void {
  const ports = list(container, 'ports');
  const portNames = ports.length > 0 ? new Set<string>() : NO_NAMES;
  for (let i = 0; i < ports.length; i++) {
    const port = ports[i];
    if (!isObject(port)) continue;
    // Paths are built only for a finding: valid ports allocate nothing.
    if (typeof port.containerPort === 'number') {
      const problem = portNumberProblem(port.containerPort);
      if (problem) invalid(out, [...path, 'ports', i, 'containerPort'], port.containerPort, problem);
    }
    if (typeof port.hostPort === 'number' && port.hostPort !== 0) {
      const problem = portNumberProblem(port.hostPort);
      if (problem) invalid(out, [...path, 'ports', i, 'hostPort'], port.hostPort, problem);
    }
    if (typeof port.name === 'string' && port.name !== '') checkUniqueName(out, portNames, port.name, portNameProblem, path, 'ports', i);
    if (typeof port.protocol === 'string' && port.protocol !== '' && !PROTOCOLS.includes(port.protocol as (typeof PROTOCOLS)[number])) unsupported(out, [...path, 'ports', i, 'protocol'], port.protocol, PROTOCOLS);
  }
  checkEnum(out, container, 'imagePullPolicy', path, IMAGE_PULL_POLICIES);
  checkEnum(out, container, 'terminationMessagePolicy', path, TERMINATION_MESSAGE_POLICIES);
  checkResources(out, child(container, 'resources'), path);
  const mounts = list(container, 'volumeMounts');
  const mountPaths = mounts.length > 1 ? new Set<string>() : NO_NAMES;
  for (let i = 0; i < mounts.length; i++) {
    const mount = mounts[i];
    if (!isObject(mount)) continue;
    if (typeof mount.name === 'string' && !volumes.has(mount.name)) out.push({ path: [...path, 'volumeMounts', i, 'name'], message: `Not found: ${show(mount.name)}`, severity: 'error' });
    if (typeof mount.mountPath === 'string') {
      if (mountPaths.has(mount.mountPath)) invalid(out, [...path, 'volumeMounts', i, 'mountPath'], mount.mountPath, 'must be unique');
      if (mountPaths !== NO_NAMES) mountPaths.add(mount.mountPath);
    }
  }
  // A restartable init container (a sidecar) may have probes; other init containers may not.
  const sidecar = init && container.restartPolicy === 'Always';
  for (const name of PROBES) {
    const probe = child(container, name);
    if (!probe) continue;
    if (init && !sidecar) {
      forbidden(out, [...path, name], 'may not be set for init containers without restartPolicy=Always');
      continue;
    }
    checkProbe(out, probe, path, name);
  }
}

/** Kinds whose pod template must restart Always (apps workloads) or must not (Jobs). */
const WORKLOAD_RESTART: Readonly<Record<string, { allowed: readonly string[] }>> = {
  Deployment: { allowed: ['Always'] },
  ReplicaSet: { allowed: ['Always'] },
  StatefulSet: { allowed: ['Always'] },
  DaemonSet: { allowed: ['Always'] },
  ReplicationController: { allowed: ['Always'] },
  Job: { allowed: ['OnFailure', 'Never'] },
  CronJob: { allowed: ['OnFailure', 'Never'] },
};

function checkPodSpec(out: Out, spec: JsonObject, path: Path, kind: string): void {
  const volumes = new Set<string>();
  const volumeList = list(spec, 'volumes');
  for (let i = 0; i < volumeList.length; i++) {
    const volume = volumeList[i];
    if (!isObject(volume)) continue;
    if (typeof volume.name === 'string') {
      checkUniqueName(out, volumes, volume.name, dns1123Label, path, 'volumes', i);
    }
    // A volume with no source is defaulted to an emptyDir before validation; two sources are an error.
    let sources = 0;
    for (const key in volume) {
      if (key === 'name' || volume[key] === null || volume[key] === undefined) continue;
      if (++sources === 2) forbidden(out, [...path, 'volumes', i, key], 'may not specify more than 1 volume type');
    }
  }
  const containers = list(spec, 'containers');
  if (Array.isArray(spec.containers) && containers.length === 0) required(out, [...path, 'containers']);
  // Init containers and containers share one name space.
  const names = new Set<string>();
  for (const listName of ['initContainers', 'containers'] as const) {
    const items = list(spec, listName);
    for (let i = 0; i < items.length; i++) {
      const container = items[i];
      if (!isObject(container)) continue;
      const containerPath = [...path, listName, i];
      if (typeof container.name === 'string') {
        checkUniqueName(out, names, container.name, dns1123Label, path, listName, i);
      }
      checkContainer(out, container, containerPath, volumes, listName === 'initContainers');
    }
  }
  checkEnum(out, spec, 'dnsPolicy', path, DNS_POLICIES);
  checkEnum(out, spec, 'restartPolicy', path, RESTART_POLICIES);
  checkWorkloadRestartPolicy(out, spec, path, kind);
}

function checkWorkloadRestartPolicy(out: Out, spec: JsonObject, path: Path, kind: string): void {
  const workload = WORKLOAD_RESTART[kind];
  if (!workload) return;
  // An unset restartPolicy defaults to Always before validation.
  const restartPolicy = typeof spec.restartPolicy === 'string' && spec.restartPolicy !== '' ? spec.restartPolicy : 'Always';
  if (RESTART_POLICIES.includes(restartPolicy as (typeof RESTART_POLICIES)[number]) && !workload.allowed.includes(restartPolicy)) {
    unsupported(out, [...path, 'restartPolicy'], restartPolicy, workload.allowed);
  }
}

// --- workloads: selectors and templates ---

function selectorIsEmpty(selector: JsonObject): boolean {
  const matchLabels = child(selector, 'matchLabels');
  for (const key in matchLabels) if (typeof matchLabels[key] === 'string') return false;
  return list(selector, 'matchExpressions').length === 0;
}

/** Whether `selector` selects `labels`; the common selector of matchLabels alone is matched without copying either. */
function selects(selector: JsonObject, labels: JsonObject | undefined): boolean {
  if (list(selector, 'matchExpressions').length > 0) return labelSelectorMatches(selector, stringMap(labels));
  const matchLabels = child(selector, 'matchLabels');
  for (const key in matchLabels) {
    const value = matchLabels[key];
    if (typeof value === 'string' && labels?.[key] !== value) return false;
  }
  return true;
}

/** A label selector that must be non-empty and select the template's labels (apps/v1 workloads, Jobs with a manual selector). */
function checkTemplateSelector(out: Out, selector: JsonObject | undefined, template: JsonObject | undefined, templatePath: Path, kind: string): void {
  if (!selector) return;
  if (selectorIsEmpty(selector)) {
    invalid(out, ['spec', 'selector'], selector, `empty selector is invalid for ${kind.toLowerCase()}`);
    return;
  }
  const labels = child(child(template, 'metadata'), 'labels');
  if (!selects(selector, labels)) invalid(out, [...templatePath, 'metadata', 'labels'], stringMap(labels), '`selector` does not match template `labels`');
}

// --- storage ---

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] as const;

function checkAccessModes(out: Out, spec: JsonObject, path: Path, detail?: string): void {
  const modes = list(spec, 'accessModes');
  if (modes.length === 0) required(out, [...path, 'accessModes'], detail);
  for (let i = 0; i < modes.length; i++) {
    const mode = modes[i];
    if (typeof mode === 'string' && !ACCESS_MODES.includes(mode as (typeof ACCESS_MODES)[number])) unsupported(out, [...path, 'accessModes', i], mode, ACCESS_MODES);
  }
}

function checkClaimSpec(out: Out, spec: JsonObject | undefined, path: Path): void {
  if (!spec) {
    required(out, path);
    return;
  }
  checkAccessModes(out, spec, path, 'at least 1 access mode is required');
  const requests = child(child(spec, 'resources'), 'requests');
  if (requests?.storage === undefined || requests.storage === null) required(out, [...path, 'resources', 'requests', 'storage']);
}

const PERSISTENT_VOLUME_FIELDS = new Set(['accessModes', 'capacity', 'claimRef', 'mountOptions', 'nodeAffinity', 'persistentVolumeReclaimPolicy', 'storageClassName', 'volumeMode', 'volumeAttributesClassName']);

function checkPersistentVolume(out: Out, object: JsonObject): void {
  const spec = child(object, 'spec');
  if (!spec) return;
  const capacity = child(spec, 'capacity');
  if (!capacity || Object.keys(capacity).length === 0) required(out, ['spec', 'capacity']);
  else if (capacity.storage === undefined || capacity.storage === null) unsupported(out, ['spec', 'capacity'], Object.keys(capacity)[0], ['storage']);
  checkAccessModes(out, spec, ['spec']);
  const sources = Object.keys(spec).filter((key) => !PERSISTENT_VOLUME_FIELDS.has(key) && spec[key] !== null && spec[key] !== undefined);
  if (sources.length === 0) required(out, ['spec'], 'must specify a volume type');
  else if (sources.length > 1) forbidden(out, ['spec', sources[1]!], 'may not specify more than 1 volume type');
}

// --- Service ---

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] as const;
const SESSION_AFFINITIES = ['ClientIP', 'None'] as const;
const TRAFFIC_POLICIES = ['Cluster', 'Local'] as const;

function checkService(out: Out, object: JsonObject): void {
  const spec = child(object, 'spec');
  if (!spec) return;
  checkEnum(out, spec, 'type', SPEC, SERVICE_TYPES);
  checkEnum(out, spec, 'sessionAffinity', SPEC, SESSION_AFFINITIES);
  checkEnum(out, spec, 'externalTrafficPolicy', SPEC, TRAFFIC_POLICIES);
  checkEnum(out, spec, 'internalTrafficPolicy', SPEC, TRAFFIC_POLICIES);
  const ports = list(spec, 'ports');
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && spec.type !== 'ExternalName' && !headless) required(out, ['spec', 'ports']);
  const names = new Set<string>();
  for (let i = 0; i < ports.length; i++) {
    const port = ports[i];
    if (!isObject(port)) continue;
    if (typeof port.name === 'string' && port.name !== '') {
      checkUniqueName(out, names, port.name, dns1123Label, SPEC, 'ports', i);
    } else if (ports.length > 1) required(out, ['spec', 'ports', i, 'name']);
    if (typeof port.port === 'number') {
      const problem = portNumberProblem(port.port);
      if (problem) invalid(out, ['spec', 'ports', i, 'port'], port.port, problem);
    }
    // targetPort 0 (or unset) defaults to port.
    const targetPortProblem = port.targetPort === 0 ? undefined : portNumOrNameProblem(port.targetPort);
    if (targetPortProblem) invalid(out, ['spec', 'ports', i, 'targetPort'], port.targetPort, targetPortProblem);
    if (typeof port.protocol === 'string' && port.protocol !== '' && !PROTOCOLS.includes(port.protocol as (typeof PROTOCOLS)[number])) unsupported(out, ['spec', 'ports', i, 'protocol'], port.protocol, PROTOCOLS);
  }
}

// --- Ingress ---

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'] as const;

function checkIngressBackend(out: Out, backend: JsonObject, path: Path): void {
  const service = child(backend, 'service');
  const resource = child(backend, 'resource');
  if (service && resource) forbidden(out, [...path, 'resource'], 'cannot set both resource and service backends');
  else if (!service && !resource) invalid(out, path, backend, 'resource or service backend is required');
  const port = child(service, 'port');
  if (service && port) {
    const hasName = typeof port.name === 'string' && port.name !== '';
    const hasNumber = typeof port.number === 'number' && port.number !== 0;
    if (hasName && hasNumber) invalid(out, [...path, 'service', 'port'], port, 'cannot set both port name & port number');
    else if (!hasName && !hasNumber) invalid(out, [...path, 'service', 'port'], port, 'port name or number is required');
    else if (hasNumber) {
      const problem = portNumberProblem(port.number as number);
      if (problem) invalid(out, [...path, 'service', 'port', 'number'], port.number, problem);
    } else {
      const problem = portNameProblem(port.name as string);
      if (problem) invalid(out, [...path, 'service', 'port', 'name'], port.name, problem);
    }
  }
}

function checkIngress(out: Out, object: JsonObject): void {
  const spec = child(object, 'spec');
  if (!spec) return;
  const rules = list(spec, 'rules');
  const defaultBackend = child(spec, 'defaultBackend');
  if (rules.length === 0 && !defaultBackend) invalid(out, ['spec'], spec, 'either `defaultBackend` or `rules` must be specified');
  if (defaultBackend) checkIngressBackend(out, defaultBackend, ['spec', 'defaultBackend']);
  for (let r = 0; r < rules.length; r++) {
    const paths = list(child(rules[r] as JsonObject, 'http'), 'paths');
    for (let p = 0; p < paths.length; p++) {
      const entry = paths[p];
      if (!isObject(entry)) continue;
      const path = ['spec', 'rules', r, 'http', 'paths', p];
      if (entry.pathType === undefined || entry.pathType === null || entry.pathType === '') required(out, [...path, 'pathType'], 'pathType must be specified');
      else if (typeof entry.pathType === 'string' && !PATH_TYPES.includes(entry.pathType as (typeof PATH_TYPES)[number])) unsupported(out, [...path, 'pathType'], entry.pathType, PATH_TYPES);
      else if ((entry.pathType === 'Exact' || entry.pathType === 'Prefix') && typeof entry.path === 'string' && !entry.path.startsWith('/')) invalid(out, [...path, 'path'], entry.path, 'must be an absolute path');
      const backend = child(entry, 'backend');
      if (backend) checkIngressBackend(out, backend, [...path, 'backend']);
    }
  }
}

// --- dispatch ---

const DEPLOYMENT_STRATEGIES = ['Recreate', 'RollingUpdate'] as const;
const STATEFUL_SET_STRATEGIES = ['OnDelete', 'RollingUpdate'] as const;
const DAEMON_SET_STRATEGIES = ['OnDelete', 'RollingUpdate'] as const;
const POD_MANAGEMENT_POLICIES = ['OrderedReady', 'Parallel'] as const;
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'] as const;
const COMPLETION_MODES = ['Indexed', 'NonIndexed'] as const;

/** Where each kind keeps its pod spec, made once. */
const POD_SPEC_PATHS: Readonly<Record<string, Path>> = {
  PodTemplate: ['template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

function checkTemplated(out: Out, object: JsonObject, kind: string): void {
  const path = POD_SPEC_PATHS[kind]!;
  let podSpec: unknown = object;
  for (const step of path) podSpec = isObject(podSpec) ? podSpec[step as string] : undefined;
  if (isObject(podSpec)) checkPodSpec(out, podSpec, path, kind);
}

function checkAppsWorkload(out: Out, object: JsonObject, kind: string): void {
  const spec = child(object, 'spec');
  if (!spec) return;
  checkTemplateSelector(out, child(spec, 'selector'), child(spec, 'template'), SPEC_TEMPLATE, kind);
  if (kind !== 'StatefulSet') checkTemplated(out, object, kind);
  const strategy = child(spec, kind === 'Deployment' ? 'strategy' : 'updateStrategy');
  if (strategy && typeof strategy.type === 'string') {
    const allowed = kind === 'Deployment' ? DEPLOYMENT_STRATEGIES : kind === 'StatefulSet' ? STATEFUL_SET_STRATEGIES : kind === 'DaemonSet' ? DAEMON_SET_STRATEGIES : undefined;
    if (allowed) checkEnum(out, strategy, 'type', ['spec', kind === 'Deployment' ? 'strategy' : 'updateStrategy'], allowed);
  }
  if (kind === 'StatefulSet') {
    // The API server leaves a StatefulSet's pod spec unvalidated (apps validation has a TODO: its
    // volume mounts may name claim templates), apart from the restart policy and the deadline.
    const podSpec = child(child(spec, 'template'), 'spec');
    if (podSpec) {
      checkWorkloadRestartPolicy(out, podSpec, ['spec', 'template', 'spec'], kind);
      if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) forbidden(out, ['spec', 'template', 'spec', 'activeDeadlineSeconds'], 'activeDeadlineSeconds in StatefulSet is not Supported');
    }
    checkEnum(out, spec, 'podManagementPolicy', SPEC, POD_MANAGEMENT_POLICIES);
    const claims = list(spec, 'volumeClaimTemplates');
    for (let i = 0; i < claims.length; i++) {
      if (isObject(claims[i])) checkClaimSpec(out, child(claims[i] as JsonObject, 'spec'), ['spec', 'volumeClaimTemplates', i, 'spec']);
    }
  }
}

const CHECKS: Readonly<Record<string, (out: Out, object: JsonObject) => void>> = {
  'v1 Pod': (out, object) => {
    const spec = child(object, 'spec');
    if (spec) checkPodSpec(out, spec, ['spec'], 'Pod');
  },
  'v1 PodTemplate': (out, object) => checkTemplated(out, object, 'PodTemplate'),
  'v1 ReplicationController': (out, object) => {
    const spec = child(object, 'spec');
    const selector = child(spec, 'selector');
    // A plain map selector; unset, it is defaulted from the template's labels.
    if (selector) {
      const labels = stringMap(child(child(child(spec, 'template'), 'metadata'), 'labels'));
      const wanted = stringMap(selector);
      if (Object.keys(wanted).length === 0) invalid(out, ['spec', 'selector'], selector, 'empty selector is invalid for replicationcontroller');
      else if (!Object.entries(wanted).every(([key, value]) => labels[key] === value)) invalid(out, ['spec', 'template', 'metadata', 'labels'], labels, '`selector` does not match template `labels`');
    }
    checkTemplated(out, object, 'ReplicationController');
  },
  'v1 Service': checkService,
  'v1 PersistentVolume': checkPersistentVolume,
  'v1 PersistentVolumeClaim': (out, object) => checkClaimSpec(out, child(object, 'spec'), ['spec']),
  'apps/v1 Deployment': (out, object) => checkAppsWorkload(out, object, 'Deployment'),
  'apps/v1 ReplicaSet': (out, object) => checkAppsWorkload(out, object, 'ReplicaSet'),
  'apps/v1 StatefulSet': (out, object) => checkAppsWorkload(out, object, 'StatefulSet'),
  'apps/v1 DaemonSet': (out, object) => checkAppsWorkload(out, object, 'DaemonSet'),
  'batch/v1 Job': (out, object) => {
    const spec = child(object, 'spec');
    if (!spec) return;
    if (spec.manualSelector === true) checkTemplateSelector(out, child(spec, 'selector'), child(spec, 'template'), ['spec', 'template'], 'Job');
    checkEnum(out, spec, 'completionMode', ['spec'], COMPLETION_MODES);
    checkTemplated(out, object, 'Job');
  },
  'batch/v1 CronJob': (out, object) => {
    const spec = child(object, 'spec');
    if (!spec) return;
    checkEnum(out, spec, 'concurrencyPolicy', ['spec'], CONCURRENCY_POLICIES);
    checkEnum(out, child(child(spec, 'jobTemplate'), 'spec') ?? {}, 'completionMode', ['spec', 'jobTemplate', 'spec'], COMPLETION_MODES);
    checkTemplated(out, object, 'CronJob');
  },
  'networking.k8s.io/v1 Ingress': checkIngress,
};

/** The API server's validation beyond the schema for the built-in kind `apiVersion kind`; other kinds get none. */
/** CHECKS by apiVersion, then kind: looked up for every resource, without building a key. */
const CHECKS_BY_API_VERSION = new Map<string, Map<string, (out: Out, object: JsonObject) => void>>();
for (const [key, check] of Object.entries(CHECKS)) {
  const [apiVersion, kind] = key.split(' ') as [string, string];
  if (!CHECKS_BY_API_VERSION.has(apiVersion)) CHECKS_BY_API_VERSION.set(apiVersion, new Map());
  CHECKS_BY_API_VERSION.get(apiVersion)!.set(kind, check);
}

export function checkBuiltInObject(apiVersion: string, kind: string, object: JsonObject): readonly SchemaViolation[] {
  const check = CHECKS_BY_API_VERSION.get(apiVersion)?.get(kind);
  if (!check) return NONE;
  const out: Out = [];
  check(out, object);
  return out;
}

/** `metadata.name` is required of every object the API server stores (a `generateName` stands in on create). */
export function missingName(object: JsonObject): SchemaViolation | undefined {
  const metadata = child(object, 'metadata');
  const name = metadata?.name;
  const generateName = metadata?.generateName;
  if ((typeof name === 'string' && name !== '') || (typeof generateName === 'string' && generateName !== '')) return undefined;
  if (name !== undefined && name !== null && typeof name !== 'string') return undefined; // the schema reports the type
  return { path: metadata ? ['metadata', 'name'] : ['metadata'], message: 'Required value: name or generateName is required', severity: 'error' };
}
