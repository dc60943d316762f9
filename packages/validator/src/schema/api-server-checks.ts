// What the API server rejects for built-in kinds beyond the OpenAPI schema: the hand-written
// validation of k8s.io/kubernetes pkg/apis/core/validation, pkg/apis/apps/validation,
// pkg/apis/batch/validation, pkg/apis/networking/validation, ordered by how often real charts hit
// them. Messages use the API server's wording (field.ErrorType + detail: "Invalid value",
// "Required value", "Unsupported value", "Duplicate value", "Not found", "Forbidden"), so a user
// who sees both recognises one in the other. Every read checks its type: the schema check has
// already reported values of the wrong type, and these checks stay quiet about them.

import { parseQuantity } from '@chartforge/core';
import { TEMPLATE_PATHS } from '../rules/support/pod.js';
import { labelSelectorMatches } from '../rules/support/selectors.js';
import { isObject, stringMap, type JsonObject } from '../rules/support/objects.js';
import type { SchemaViolation } from './compile.js';
import { isIP } from 'node:net';
import { dns1123Label, dns1123Subdomain } from './kubernetes-checks.js';

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
  // The schema leaves `image` optional (higher-level controllers may fill it in); the API server requires it of a pod spec's containers.
  if (container.image === undefined || container.image === null || container.image === '') required(out, [...path, 'image']);
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
  checkSecurityIds(out, child(container, 'securityContext'), path, CONTAINER_SECURITY_IDS);
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

const NO_CLAIM_TEMPLATES: readonly string[] = [];

function checkPodSpec(out: Out, spec: JsonObject, path: Path, kind: string, claimTemplates: readonly string[] = NO_CLAIM_TEMPLATES): void {
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
  // A StatefulSet's mounts may name its claim templates.
  for (const claim of claimTemplates) volumes.add(claim);
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
  if (spec.dnsPolicy === 'None' && !isObject(spec.dnsConfig)) required(out, [...path, 'dnsConfig'], 'must provide `dnsConfig` when `dnsPolicy` is None');
  checkSecurityIds(out, child(spec, 'securityContext'), path, POD_SECURITY_IDS);
  checkEnum(out, spec, 'restartPolicy', path, RESTART_POLICIES);
  checkWorkloadRestartPolicy(out, spec, path, kind);
}

/** User and group ids a security context sets: 0 to 2^31-1 (ValidatePodSecurityContext, ValidateSecurityContext). */
const POD_SECURITY_IDS = ['runAsUser', 'runAsGroup', 'fsGroup'] as const;
const CONTAINER_SECURITY_IDS = ['runAsUser', 'runAsGroup'] as const;
const MAX_ID = 2147483647;

/** The ids of the `securityContext` of the pod spec or container at `owner`; paths are built only for a finding. */
function checkSecurityIds(out: Out, context: JsonObject | undefined, owner: Path, keys: readonly string[]): void {
  if (!context) return;
  for (const key of keys) {
    const id = context[key];
    if (typeof id === 'number' && (id < 0 || id > MAX_ID)) invalid(out, [...owner, 'securityContext', key], id, `must be between 0 and ${MAX_ID}, inclusive`);
  }
  const groups = list(context, 'supplementalGroups');
  for (let i = 0; i < groups.length; i++) {
    const id = groups[i];
    if (typeof id === 'number' && (id < 0 || id > MAX_ID)) invalid(out, [...owner, 'securityContext', 'supplementalGroups', i], id, `must be between 0 and ${MAX_ID}, inclusive`);
  }
}

// --- AppArmor annotations (ValidateAppArmorPodAnnotations, validateAppArmorAnnotationsAndFieldsMatchOnCreate) ---

const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
/** The annotation value each profile type must have, where the annotation is set beside the field. */
const APPARMOR_ANNOTATION_VALUES: Readonly<Record<string, string>> = { Unconfined: 'unconfined', RuntimeDefault: 'runtime/default' };

function appArmorProfileProblem(profile: string): string | undefined {
  if (profile === '' || profile === 'runtime/default' || profile === 'unconfined' || profile.startsWith('localhost/')) return undefined;
  return `invalid AppArmor profile name: ${show(profile)}`;
}

/** The deprecated per-container AppArmor annotations of the pod metadata at `metadataPath`: each names a container, has a valid profile, and agrees with the container's `appArmorProfile`. */
function checkAppArmor(out: Out, metadata: JsonObject | undefined, metadataPath: Path, spec: JsonObject, specPath: Path): void {
  const annotations = child(metadata, 'annotations');
  if (!annotations) return;
  let containers: Map<string, [JsonObject, Path]> | undefined;
  for (const key in annotations) {
    if (!key.startsWith(APPARMOR_PREFIX)) continue;
    const value = annotations[key];
    if (typeof value !== 'string') continue;
    if (!containers) {
      containers = new Map();
      for (const listName of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
        const items = list(spec, listName);
        for (let i = 0; i < items.length; i++) {
          const container = items[i];
          if (isObject(container) && typeof container.name === 'string') containers.set(container.name, [container, [...specPath, listName, i]]);
        }
      }
    }
    const name = key.slice(APPARMOR_PREFIX.length);
    const annotationPath = [...metadataPath, 'annotations', key];
    const found = containers.get(name);
    if (!found) invalid(out, annotationPath, name, 'container not found');
    const problem = appArmorProfileProblem(value);
    if (problem) invalid(out, annotationPath, value, problem);
    if (!found) continue;
    const [container, containerPath] = found;
    const profile = child(child(container, 'securityContext'), 'appArmorProfile') ?? child(child(spec, 'securityContext'), 'appArmorProfile');
    if (!profile || typeof profile.type !== 'string') continue;
    const fieldPath = [...containerPath, 'securityContext', 'appArmorProfile'];
    if (profile.type === 'Localhost') {
      if (!value.startsWith('localhost/')) forbidden(out, [...fieldPath, 'type'], 'apparmor type in annotation and field must match');
      else if (profile.localhostProfile !== value.slice('localhost/'.length)) forbidden(out, [...fieldPath, 'localhostProfile'], 'apparmor profile in annotation and field must match');
    } else if (APPARMOR_ANNOTATION_VALUES[profile.type] !== undefined && APPARMOR_ANNOTATION_VALUES[profile.type] !== value) {
      forbidden(out, [...fieldPath, 'type'], 'apparmor type in annotation and field must match');
    }
  }
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
  else if (quantity(requests.storage) === 0) invalid(out, [...path, 'resources', 'requests', 'storage'], requests.storage, 'must be greater than zero');
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
  const externallyAccessible = spec.type === 'LoadBalancer' || spec.type === 'NodePort' || list(spec, 'externalIPs').length > 0;
  if (!externallyAccessible && typeof spec.externalTrafficPolicy === 'string' && spec.externalTrafficPolicy !== '') invalid(out, ['spec', 'externalTrafficPolicy'], spec.externalTrafficPolicy, 'may only be set for externally-accessible services');
  if (spec.type === 'ExternalName') {
    // The name (a CNAME) may end with a dot.
    const cname = typeof spec.externalName === 'string' ? spec.externalName.replace(/\.$/, '') : '';
    if (cname === '') required(out, ['spec', 'externalName']);
    else {
      const problem = dns1123Subdomain(cname);
      if (problem) invalid(out, ['spec', 'externalName'], spec.externalName, problem);
    }
  }
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '' && spec.clusterIP !== 'None' && isIP(spec.clusterIP) === 0) invalid(out, ['spec', 'clusterIP'], spec.clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
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
    if ((spec.type === undefined || spec.type === null || spec.type === 'ClusterIP') && typeof port.nodePort === 'number' && port.nodePort !== 0) forbidden(out, ['spec', 'ports', i, 'nodePort'], "may not be used when `type` is 'ClusterIP'");
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
  if (service && !port) required(out, path, 'port name or number is required');
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

const WILDCARD_DNS1123_SUBDOMAIN = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Whether `host` is an IP address. A name with no colon that is not all digits and dots is none:
 * said without Node's IPv6 pattern, which costs milliseconds a call until V8 compiles it.
 */
function isIpAddress(host: string): boolean {
  return (host.includes(':') || /^[0-9.]+$/.test(host)) && isIP(host) !== 0;
}

/** An Ingress rule's host: a DNS name, not an IP; a wildcard only as the whole first label. */
function ingressHostProblem(host: string): string | undefined {
  if (isIpAddress(host)) return 'must be a DNS name, not an IP address';
  if (!host.includes('*')) return dns1123Subdomain(host);
  if (!WILDCARD_DNS1123_SUBDOMAIN.test(host)) return "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  return undefined;
}

function checkIngress(out: Out, object: JsonObject): void {
  const spec = child(object, 'spec');
  if (!spec) return;
  const rules = list(spec, 'rules');
  const defaultBackend = child(spec, 'defaultBackend');
  if (rules.length === 0 && !defaultBackend) invalid(out, ['spec'], spec, 'either `defaultBackend` or `rules` must be specified');
  if (defaultBackend) checkIngressBackend(out, defaultBackend, ['spec', 'defaultBackend']);
  for (let r = 0; r < rules.length; r++) {
    const host = isObject(rules[r]) ? (rules[r] as JsonObject).host : undefined;
    if (typeof host === 'string' && host !== '') {
      const problem = ingressHostProblem(host);
      if (problem) invalid(out, ['spec', 'rules', r, 'host'], host, problem);
    }
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

// --- Jobs and CronJobs (pkg/apis/batch/validation) ---

const JOB_COUNTS = ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished'] as const;
const CRON_JOB_COUNTS = ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const;

function checkJobSpec(out: Out, spec: JsonObject, path: Path): void {
  for (const key of JOB_COUNTS) nonNegative(out, spec, key, path);
  checkEnum(out, spec, 'completionMode', path, COMPLETION_MODES);
  // Unset completions and parallelism both default to 1; parallelism alone leaves completions unset.
  const completionsUnset = spec.completions === undefined || spec.completions === null;
  if (spec.completionMode === 'Indexed' && completionsUnset && spec.parallelism !== undefined && spec.parallelism !== null) required(out, [...path, 'completions'], 'when completion mode is Indexed');
}

/** The five fields of a standard cron schedule: bounds, and the names a field may use instead of numbers. */
const CRON_FIELDS: ReadonlyArray<{ name: string; min: number; max: number; names?: readonly string[] }> = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
const CRON_DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const GO_DURATION = /^([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h)(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))*$/;

/** Why a CronJob schedule does not parse as the API server parses it (robfig/cron's standard parser: five fields or a descriptor), if it does not. */
export function cronScheduleProblem(schedule: string): string | undefined {
  if (schedule.includes('TZ')) return 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead';
  const spec = schedule.trim();
  if (spec === '') return 'empty spec string';
  if (spec.startsWith('@')) {
    if (CRON_DESCRIPTORS.has(spec)) return undefined;
    if (spec.startsWith('@every ') && GO_DURATION.test(spec.slice('@every '.length).trim())) return undefined;
    return `unrecognized descriptor: ${spec}`;
  }
  const fields = spec.split(/\s+/);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: ${spec}`;
  for (let i = 0; i < 5; i++) {
    const problem = cronFieldProblem(fields[i]!, CRON_FIELDS[i]!);
    if (problem) return problem;
  }
  return undefined;
}

function cronFieldProblem(text: string, field: (typeof CRON_FIELDS)[number]): string | undefined {
  const value = (part: string): number | undefined => {
    const index = field.names?.indexOf(part.toLowerCase()) ?? -1;
    if (index !== -1) return index + field.min;
    return /^[0-9]+$/.test(part) ? Number(part) : undefined;
  };
  for (const range of text.split(',')) {
    const [span, step, extra] = range.split('/');
    if (extra !== undefined || span === undefined || span === '') return `failed to parse ${field.name}: ${range}`;
    if (step !== undefined && !(/^[0-9]+$/.test(step) && Number(step) > 0)) return `failed to parse int from ${step}: ${field.name}`;
    if (span === '*' || span === '?') continue;
    const [low, high, more] = span.split('-');
    const start = value(low!);
    const end = high === undefined ? start : value(high);
    if (more !== undefined || start === undefined || end === undefined) return `failed to parse ${field.name}: ${range}`;
    if (start < field.min) return `beginning of range (${start}) below minimum (${field.min}): ${range}`;
    if (end > field.max) return `end of range (${end}) above maximum (${field.max}): ${range}`;
    if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${range}`;
  }
  return undefined;
}

/** ICU's canonical zone names, read on first use. */
let canonicalTimeZones: ReadonlySet<string> | undefined;

/** An IANA time zone the API server's Go time package loads ("Local" is refused: it depends on the controller's host). */
function timeZoneProblem(zone: string): string | undefined {
  if (zone.toLowerCase() === 'local') return 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones';
  // The canonical names answer the usual zone in ~2 ms; constructing a DateTimeFormat loads ICU's
  // locale data (15-25 ms, a tenth of a small run), so only aliases and unknown names pay for it.
  canonicalTimeZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalTimeZones.has(zone)) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return undefined;
  } catch {
    return `unknown time zone ${zone}`;
  }
}

// --- HorizontalPodAutoscaler, PodDisruptionBudget (pkg/apis/autoscaling/validation, pkg/apis/policy/validation) ---

function checkHorizontalPodAutoscaler(out: Out, object: JsonObject): void {
  const spec = child(object, 'spec');
  if (!spec) return;
  // Unset, minReplicas is 1 (0 only with the HPAScaleToZero alpha feature).
  const minReplicas = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
  if (minReplicas < 1) invalid(out, ['spec', 'minReplicas'], minReplicas, 'must be greater than or equal to 1');
  if (typeof spec.maxReplicas !== 'number') return;
  if (spec.maxReplicas < 1) required(out, ['spec', 'maxReplicas'], 'must be set and greater than 0');
  if (spec.maxReplicas < minReplicas) invalid(out, ['spec', 'maxReplicas'], spec.maxReplicas, 'must be greater than or equal to `minReplicas`');
}

function checkPodDisruptionBudget(out: Out, object: JsonObject): void {
  const spec = child(object, 'spec');
  if (!spec) return;
  const set = (key: string) => spec[key] !== undefined && spec[key] !== null;
  if (set('minAvailable') && set('maxUnavailable')) invalid(out, SPEC, spec, 'minAvailable and maxUnavailable cannot be both set');
  checkIntOrPercent(out, spec, 'minAvailable', SPEC, true);
  checkIntOrPercent(out, spec, 'maxUnavailable', SPEC, true);
}

// --- NetworkPolicy (pkg/apis/networking/validation) ---

/** An IPv4 or IPv6 CIDR: its address as a big integer, prefix length and family width, or undefined. */
function parseCidr(text: string): { address: bigint; prefix: number; bits: number } | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const ip = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const family = isIP(ip);
  if (family === 0 || !/^[0-9]+$/.test(prefixText)) return undefined;
  const bits = family === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  let address = 0n;
  if (family === 4) for (const octet of ip.split('.')) address = (address << 8n) | BigInt(Number(octet));
  else {
    const [head, tail] = ip.includes('::') ? (ip.split('::') as [string, string]) : [ip, undefined];
    const headGroups = head ? head.split(':') : [];
    const tailGroups = tail ? tail.split(':') : [];
    if (tailGroups.some((group) => group.includes('.')) || headGroups.some((group) => group.includes('.'))) return undefined; // embedded IPv4: not compared
    const groups = tail === undefined ? headGroups : [...headGroups, ...new Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
    for (const group of groups) address = (address << 16n) | BigInt(parseInt(group, 16));
  }
  return { address, prefix, bits };
}

function within(inner: { address: bigint; prefix: number; bits: number }, outer: { address: bigint; prefix: number; bits: number }): boolean {
  if (inner.bits !== outer.bits || inner.prefix <= outer.prefix) return false;
  const shift = BigInt(outer.bits - outer.prefix);
  return inner.address >> shift === outer.address >> shift;
}

const CIDR_DETAIL = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

function checkNetworkPolicyPeers(out: Out, peers: readonly unknown[], path: Path): void {
  for (let i = 0; i < peers.length; i++) {
    const peer = peers[i];
    if (!isObject(peer)) continue;
    const ipBlock = child(peer, 'ipBlock');
    const selectors = (isObject(peer.podSelector) ? 1 : 0) + (isObject(peer.namespaceSelector) ? 1 : 0);
    if (!ipBlock && selectors === 0) required(out, [...path, i], 'must specify a peer');
    else if (ipBlock && selectors > 0) forbidden(out, [...path, i], 'may not specify both ipBlock and another peer');
    if (!ipBlock || typeof ipBlock.cidr !== 'string') continue;
    const cidr = parseCidr(ipBlock.cidr);
    if (!cidr) {
      invalid(out, [...path, i, 'ipBlock', 'cidr'], ipBlock.cidr, CIDR_DETAIL);
      continue;
    }
    const except = list(ipBlock, 'except');
    for (let e = 0; e < except.length; e++) {
      const entry = except[e];
      if (typeof entry !== 'string') continue;
      const excluded = parseCidr(entry);
      if (!excluded) invalid(out, [...path, i, 'ipBlock', 'except', e], entry, CIDR_DETAIL);
      else if (!within(excluded, cidr)) invalid(out, [...path, i, 'ipBlock', 'except', e], entry, 'must be a strict subset of `cidr`');
    }
  }
}

function checkNetworkPolicyPorts(out: Out, ports: readonly unknown[], path: Path): void {
  for (let i = 0; i < ports.length; i++) {
    const port = ports[i];
    if (!isObject(port)) continue;
    const problem = portNumOrNameProblem(port.port);
    if (problem) invalid(out, [...path, i, 'port'], port.port, problem);
    if (typeof port.endPort !== 'number') continue;
    if (typeof port.port !== 'number') required(out, [...path, i, 'port'], 'must specify port when endPort is specified');
    // The API server shows `port` as the value.
    else if (port.endPort < port.port) invalid(out, [...path, i, 'endPort'], port.port, 'must be greater than or equal to `port`');
    else if (port.endPort > 65535) invalid(out, [...path, i, 'endPort'], port.endPort, PORT_RANGE);
  }
}

function checkNetworkPolicy(out: Out, object: JsonObject): void {
  const spec = child(object, 'spec');
  if (!spec) return;
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    const rules = list(spec, direction);
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r];
      if (!isObject(rule)) continue;
      checkNetworkPolicyPorts(out, list(rule, 'ports'), ['spec', direction, r, 'ports']);
      checkNetworkPolicyPeers(out, list(rule, peersKey), ['spec', direction, r, peersKey]);
    }
  }
}

// --- RBAC (pkg/apis/rbac/validation) ---

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function checkPolicyRules(out: Out, object: JsonObject, namespaced: boolean): void {
  const rules = list(object, 'rules');
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!isObject(rule)) continue;
    const path: Path = ['rules', i];
    if (list(rule, 'verbs').length === 0) required(out, [...path, 'verbs'], 'verbs must contain at least one value');
    const nonResourceURLs = list(rule, 'nonResourceURLs');
    if (nonResourceURLs.length > 0) {
      if (namespaced) invalid(out, [...path, 'nonResourceURLs'], nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs');
      if (list(rule, 'apiGroups').length > 0 || list(rule, 'resources').length > 0 || list(rule, 'resourceNames').length > 0) invalid(out, [...path, 'nonResourceURLs'], nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs');
      continue;
    }
    if (list(rule, 'apiGroups').length === 0) required(out, [...path, 'apiGroups'], 'resource rules must supply at least one api group');
    if (list(rule, 'resources').length === 0) required(out, [...path, 'resources'], 'resource rules must supply at least one resource');
  }
}

const SUBJECT_KINDS = ['ServiceAccount', 'User', 'Group'] as const;

function checkRoleBinding(out: Out, object: JsonObject, namespaced: boolean): void {
  const roleRef = child(object, 'roleRef');
  if (roleRef) {
    if (typeof roleRef.apiGroup === 'string' && roleRef.apiGroup !== RBAC_GROUP) unsupported(out, ['roleRef', 'apiGroup'], roleRef.apiGroup, [RBAC_GROUP]);
    const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
    if (typeof roleRef.kind === 'string' && !kinds.includes(roleRef.kind)) unsupported(out, ['roleRef', 'kind'], roleRef.kind, kinds);
  }
  const subjects = list(object, 'subjects');
  for (let i = 0; i < subjects.length; i++) {
    const subject = subjects[i];
    if (!isObject(subject) || typeof subject.kind !== 'string') continue;
    const path: Path = ['subjects', i];
    const apiGroup = typeof subject.apiGroup === 'string' ? subject.apiGroup : '';
    if (subject.kind === 'ServiceAccount') {
      if (apiGroup !== '') unsupported(out, [...path, 'apiGroup'], apiGroup, ['']);
      if (!namespaced && (typeof subject.namespace !== 'string' || subject.namespace === '')) required(out, [...path, 'namespace']);
    } else if (subject.kind === 'User' || subject.kind === 'Group') {
      // An unset apiGroup is defaulted to rbac.authorization.k8s.io.
      if (apiGroup !== '' && apiGroup !== RBAC_GROUP) unsupported(out, [...path, 'apiGroup'], apiGroup, [RBAC_GROUP]);
    } else unsupported(out, [...path, 'kind'], subject.kind, SUBJECT_KINDS);
  }
}

// --- dispatch ---

const DEPLOYMENT_STRATEGIES = ['Recreate', 'RollingUpdate'] as const;
const STATEFUL_SET_STRATEGIES = ['OnDelete', 'RollingUpdate'] as const;
const DAEMON_SET_STRATEGIES = ['OnDelete', 'RollingUpdate'] as const;
const POD_MANAGEMENT_POLICIES = ['OrderedReady', 'Parallel'] as const;
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'] as const;
const COMPLETION_MODES = ['Indexed', 'NonIndexed'] as const;

/** Where each kind keeps its pod template, and the paths of the template's `spec` and `metadata`, made once. */
const POD_TEMPLATE_PATHS: Readonly<Record<string, { template: Path; spec: Path; metadata: Path }>> = Object.fromEntries(
  Object.entries(TEMPLATE_PATHS)
    .filter(([kind]) => kind !== 'Pod')
    .map(([kind, template]) => [kind, { template: [...template], spec: [...template, 'spec'], metadata: [...template, 'metadata'] }]),
);

function checkTemplated(out: Out, object: JsonObject, kind: string, claimTemplates?: readonly string[]): void {
  const paths = POD_TEMPLATE_PATHS[kind]!;
  let template: unknown = object;
  for (const step of paths.template) template = isObject(template) ? template[step as string] : undefined;
  const podSpec = child(template as JsonObject | undefined, 'spec');
  if (!podSpec) return;
  checkPodSpec(out, podSpec, paths.spec, kind, claimTemplates);
  checkAppArmor(out, child(template as JsonObject, 'metadata'), paths.metadata, podSpec, paths.spec);
}

const WORKLOAD_COUNTS = ['replicas', 'minReadySeconds', 'revisionHistoryLimit'] as const;

function checkAppsWorkload(out: Out, object: JsonObject, kind: string): void {
  const spec = child(object, 'spec');
  if (!spec) return;
  checkTemplateSelector(out, child(spec, 'selector'), child(spec, 'template'), SPEC_TEMPLATE, kind);
  for (const key of WORKLOAD_COUNTS) nonNegative(out, spec, key, SPEC);
  const strategyKey = kind === 'Deployment' ? 'strategy' : 'updateStrategy';
  const strategy = child(spec, strategyKey);
  if (strategy && typeof strategy.type === 'string') {
    const allowed = kind === 'Deployment' ? DEPLOYMENT_STRATEGIES : kind === 'StatefulSet' ? STATEFUL_SET_STRATEGIES : kind === 'DaemonSet' ? DAEMON_SET_STRATEGIES : undefined;
    if (allowed) checkEnum(out, strategy, 'type', ['spec', strategyKey], allowed);
  }
  if (kind === 'Deployment') {
    checkDeploymentStrategy(out, strategy);
    // Defaulted to 600 s: a minReadySeconds of 600 or more needs a longer deadline.
    const deadline = typeof spec.progressDeadlineSeconds === 'number' ? spec.progressDeadlineSeconds : 600;
    nonNegative(out, spec, 'progressDeadlineSeconds', SPEC);
    if (typeof spec.minReadySeconds === 'number' && deadline >= 0 && deadline <= spec.minReadySeconds) invalid(out, ['spec', 'progressDeadlineSeconds'], deadline, 'must be greater than minReadySeconds');
  }
  if (kind === 'DaemonSet') checkDaemonSetStrategy(out, strategy);
  if (kind !== 'StatefulSet') {
    checkTemplated(out, object, kind);
    return;
  }
  const claims = list(spec, 'volumeClaimTemplates');
  const claimNames: string[] = [];
  for (let i = 0; i < claims.length; i++) {
    const claim = claims[i];
    if (!isObject(claim)) continue;
    const name = child(claim, 'metadata')?.name;
    if (typeof name === 'string') claimNames.push(name);
    checkClaimSpec(out, child(claim, 'spec'), ['spec', 'volumeClaimTemplates', i, 'spec']);
  }
  checkTemplated(out, object, kind, claimNames);
  const podSpec = child(child(spec, 'template'), 'spec');
  if (podSpec && podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) forbidden(out, ['spec', 'template', 'spec', 'activeDeadlineSeconds'], 'activeDeadlineSeconds in StatefulSet is not Supported');
  checkEnum(out, spec, 'podManagementPolicy', SPEC, POD_MANAGEMENT_POLICIES);
}

// --- counts, and the int-or-percent values of rollouts and disruption budgets (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent) ---

function nonNegative(out: Out, object: JsonObject | undefined, key: string, path: Path): void {
  const value = object?.[key];
  if (typeof value === 'number' && value < 0) invalid(out, [...path, key], value, 'must be greater than or equal to 0');
}

const PERCENT = /^[0-9]+%$/;

/** The value of an int-or-percent as the API server reads it (getIntOrPercentValue): a percentage's number, an integer, a non-numeric string 0. */
function intOrPercentValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 0;
  if (PERCENT.test(value)) return Number(value.slice(0, -1));
  return /^[+-]?[0-9]+$/.test(value) ? Number(value) : 0;
}

/** A non-negative integer or a percentage, at most 100% when `atMost100` (reported per the API server's order). */
function checkIntOrPercent(out: Out, object: JsonObject, key: string, path: Path, atMost100: boolean): void {
  const value = object[key];
  if (typeof value === 'string') {
    if (!PERCENT.test(value)) invalid(out, [...path, key], value, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
    else if (atMost100 && Number(value.slice(0, -1)) > 100) invalid(out, [...path, key], value, 'must not be greater than 100%');
  } else if (typeof value === 'number' && value < 0) invalid(out, [...path, key], value, 'must be greater than or equal to 0');
}

const DEPLOYMENT_ROLLING_UPDATE: Path = ['spec', 'strategy', 'rollingUpdate'];
const DAEMON_SET_ROLLING_UPDATE: Path = ['spec', 'updateStrategy', 'rollingUpdate'];
const NO_PARAMETERS: JsonObject = {};

function checkDeploymentStrategy(out: Out, strategy: JsonObject | undefined): void {
  const rollingUpdate = strategy?.rollingUpdate;
  const rollingPath = DEPLOYMENT_ROLLING_UPDATE;
  if (strategy?.type === 'Recreate') {
    if (rollingUpdate !== undefined && rollingUpdate !== null) forbidden(out, rollingPath, "may not be specified when strategy `type` is 'Recreate'");
    return;
  }
  if (strategy?.type !== undefined && strategy.type !== 'RollingUpdate' && strategy.type !== '') return;
  // Unset, maxSurge and maxUnavailable are 25% each.
  const parameters = isObject(rollingUpdate) ? rollingUpdate : NO_PARAMETERS;
  checkIntOrPercent(out, parameters, 'maxUnavailable', rollingPath, false);
  checkIntOrPercent(out, parameters, 'maxSurge', rollingPath, false);
  const maxUnavailable = parameters.maxUnavailable ?? '25%';
  const maxSurge = parameters.maxSurge ?? '25%';
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) invalid(out, [...rollingPath, 'maxUnavailable'], maxUnavailable, 'may not be 0 when `maxSurge` is 0');
  if (typeof maxUnavailable === 'string' && PERCENT.test(maxUnavailable) && Number(maxUnavailable.slice(0, -1)) > 100) invalid(out, [...rollingPath, 'maxUnavailable'], maxUnavailable, 'must not be greater than 100%');
}

function checkDaemonSetStrategy(out: Out, strategy: JsonObject | undefined): void {
  if (strategy?.type !== undefined && strategy.type !== 'RollingUpdate' && strategy.type !== '') return;
  // Unset, maxUnavailable is 1 and maxSurge 0: exactly one of them may be non-zero.
  const parameters = child(strategy, 'rollingUpdate') ?? NO_PARAMETERS;
  const path = DAEMON_SET_ROLLING_UPDATE;
  checkIntOrPercent(out, parameters, 'maxUnavailable', path, true);
  checkIntOrPercent(out, parameters, 'maxSurge', path, true);
  const maxUnavailable = parameters.maxUnavailable ?? 1;
  const maxSurge = parameters.maxSurge ?? 0;
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) invalid(out, [...path, 'maxSurge'], maxSurge, 'may not be set when maxUnavailable is non-zero');
  else if (!hasUnavailable && !hasSurge) required(out, [...path, 'maxUnavailable'], 'cannot be 0 when maxSurge is 0');
}

const CHECKS: Readonly<Record<string, (out: Out, object: JsonObject) => void>> = {
  'v1 Pod': (out, object) => {
    const spec = child(object, 'spec');
    if (!spec) return;
    checkPodSpec(out, spec, ['spec'], 'Pod');
    checkAppArmor(out, child(object, 'metadata'), ['metadata'], spec, ['spec']);
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
    checkJobSpec(out, spec, SPEC);
    checkTemplated(out, object, 'Job');
  },
  'batch/v1 CronJob': (out, object) => {
    const spec = child(object, 'spec');
    if (!spec) return;
    const name = child(object, 'metadata')?.name;
    // The Jobs it creates are named after it with an 11-character suffix.
    if (typeof name === 'string' && name.length > 52) invalid(out, ['metadata', 'name'], name, 'must be no more than 52 characters');
    checkEnum(out, spec, 'concurrencyPolicy', SPEC, CONCURRENCY_POLICIES);
    if (typeof spec.schedule === 'string') {
      const problem = cronScheduleProblem(spec.schedule);
      if (problem) invalid(out, ['spec', 'schedule'], spec.schedule, problem);
    }
    if (typeof spec.timeZone === 'string') {
      const problem = timeZoneProblem(spec.timeZone);
      if (problem) invalid(out, ['spec', 'timeZone'], spec.timeZone, problem);
    }
    for (const key of CRON_JOB_COUNTS) nonNegative(out, spec, key, SPEC);
    const jobSpec = child(child(spec, 'jobTemplate'), 'spec');
    if (jobSpec) checkJobSpec(out, jobSpec, ['spec', 'jobTemplate', 'spec']);
    checkTemplated(out, object, 'CronJob');
  },
  'networking.k8s.io/v1 Ingress': checkIngress,
  'networking.k8s.io/v1 NetworkPolicy': checkNetworkPolicy,
  'autoscaling/v1 HorizontalPodAutoscaler': checkHorizontalPodAutoscaler,
  'autoscaling/v2 HorizontalPodAutoscaler': checkHorizontalPodAutoscaler,
  'policy/v1 PodDisruptionBudget': checkPodDisruptionBudget,
  'rbac.authorization.k8s.io/v1 Role': (out, object) => checkPolicyRules(out, object, true),
  'rbac.authorization.k8s.io/v1 ClusterRole': (out, object) => checkPolicyRules(out, object, false),
  'rbac.authorization.k8s.io/v1 RoleBinding': (out, object) => checkRoleBinding(out, object, true),
  'rbac.authorization.k8s.io/v1 ClusterRoleBinding': (out, object) => checkRoleBinding(out, object, false),
};

/** CHECKS by apiVersion, then kind: looked up for every resource, without building a key. */
const CHECKS_BY_API_VERSION = new Map<string, Map<string, (out: Out, object: JsonObject) => void>>();
for (const [key, check] of Object.entries(CHECKS)) {
  const [apiVersion, kind] = key.split(' ') as [string, string];
  if (!CHECKS_BY_API_VERSION.has(apiVersion)) CHECKS_BY_API_VERSION.set(apiVersion, new Map());
  CHECKS_BY_API_VERSION.get(apiVersion)!.set(kind, check);
}

/** The API server's validation beyond the schema for the built-in kind `apiVersion kind`; other kinds get none. */
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
