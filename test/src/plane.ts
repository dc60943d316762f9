// A real Kubernetes control plane on 127.0.0.1 for the cluster tests: etcd, kube-apiserver,
// kube-controller-manager and kube-scheduler (built by scripts/control-plane.mjs), with kwok as
// the kubelet of fake nodes described in `chartforge fit --nodes` format. Every process runs in
// its own process group and is killed when the plane stops, when the test process exits or is
// interrupted, and — through a watchdog — even when the test process is killed outright.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNodePools, type NodePool } from '@chartforge/fit';
import { parseAllDocuments, stringify } from 'yaml';
// The build script is the one source of the cache location and of the versions.
import { buildControlPlane, controlPlaneDir } from '../../scripts/control-plane.mjs';
import { freePort } from './ports.js';

export interface PlaneOptions {
  /** Node pools in the `chartforge fit --nodes` format. */
  readonly nodes: string;
  /**
   * StorageClasses kwok provisions volumes for, besides its default `kwok-volume` (created with
   * provisioner kwok.x-k8s.io/volume).
   */
  readonly storageClasses?: readonly string[];
  /** CustomResourceDefinition files to install before the plane is handed out. */
  readonly crds?: readonly string[];
}

export interface CommandResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Plane {
  /** Kubeconfig of a cluster administrator (token auth, group system:masters). */
  readonly kubeconfig: string;
  readonly server: string;
  /** Directory of the built binaries (`k8s`, `kwok`). */
  readonly binaries: string;
  /** Directory of the plane's files and component logs; removed on stop. */
  readonly dir: string;
  /** The pools of the nodes the plane has now (those of `startPlane`, or of the last `replaceNodes`). */
  readonly pools: readonly NodePool[];
  /**
   * Deletes every node and creates those of `nodes` (the `chartforge fit --nodes` format), Ready
   * and untainted, so one plane serves several node layouts. Pods bound to the old nodes must be
   * gone first (delete their namespace): the pod garbage collector removes them only later.
   */
  replaceNodes(nodes: string): Promise<void>;
  /**
   * kube-scheduler's own count of pods it has not finished with (its `scheduler_pending_pods`
   * metric): `active` and `backoff` pods will be tried again soon, `unschedulable` ones only
   * when the cluster changes.
   */
  schedulerQueues(): Promise<Record<string, number>>;
  kubectl(args: readonly string[], input?: string): CommandResult;
  /** kubectl that throws with its stderr when it fails. */
  kubectlOk(args: readonly string[], input?: string): string;
  /** Creates a namespace whose pods must meet Pod Security `restricted`. */
  createRestrictedNamespace(name: string): void;
  /**
   * Runs another component (a controller, a webhook server) beside the plane's own: logged to
   * `<dir>/<name>.log`, stopped with the plane, never outliving the test process.
   */
  startComponent(name: string, command: string, args: readonly string[], env?: Record<string, string>): void;
  /** Process group ids of the plane's components, by component name (`kube-scheduler`, `kwok` …). */
  processGroups(): Record<string, number>;
  /**
   * What is wrong with the plane, for a failure message: components that exited (and how often
   * they were restarted), nodes not Ready or tainted, pods that have not started or finished, and
   * the latest warning events. Empty when nothing is.
   */
  trouble(): string;
  stop(): Promise<void>;
}

const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';
const DEFAULT_STORAGE_CLASS = 'kwok-volume';
const READY_DEADLINE_MS = 120_000;
/**
 * How often a component that exits on its own is started again, as a kubelet restarts a static
 * pod: a crash under load then costs a restart, not every test left in the file. Each exit is
 * printed with the end of its log, so a restart never goes unseen.
 */
const MAX_RESTARTS = 3;
/** The plane's binaries, built on first use (needs Go; the build script says so when it is missing). */
export function controlPlaneBinaries(): string {
  return buildControlPlane({ log: (line) => process.stderr.write(`${line}\n`) });
}

export function controlPlaneBinariesIfBuilt(): string | undefined {
  const dir = controlPlaneDir();
  return existsSync(join(dir, 'build.json')) ? dir : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; fails after `deadlineMs` (a bound on a hang, not a timing assertion). */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, deadlineMs = READY_DEADLINE_MS): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${deadlineMs / 1000} s${planesTrouble()}`);
    await sleep(250);
  }
}

/** The trouble of every plane this process runs (see Plane.trouble), to append to a failure message. */
export function planesTrouble(): string {
  const reports = [...livePlaneTroubles].map((trouble) => trouble()).filter((report) => report !== '');
  return reports.length === 0 ? '' : `\n${reports.join('\n')}`;
}

/** Process groups and directories of every plane this process started, for the exit and signal handlers. */
const liveGroups = new Set<number>();
const liveDirs = new Set<string>();
/** The trouble reports of the planes this process runs. */
const livePlaneTroubles = new Set<() => string>();
let handlersInstalled = false;

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const killAll = () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
    for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

/** Quantity text for a Node's status from the number `parseNodePools` gives. */
function quantity(resource: string, amount: number): string {
  if (resource === 'cpu') return `${Math.round(amount * 1000)}m`;
  return String(Math.round(amount));
}

function nodeObjects(pools: readonly NodePool[]): object[] {
  const nodes: object[] = [];
  for (const pool of pools) {
    const resources = Object.fromEntries(Object.entries(pool.allocatable).map(([name, amount]) => [name, quantity(name, amount)]));
    for (let index = 1; index <= pool.count; index++) {
      const name = `${pool.name}-${index}`;
      nodes.push({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          annotations: { [KWOK_NODE_ANNOTATION]: 'fake' },
          labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok', ...pool.labels },
        },
        spec: { taints: pool.taints.map((taint) => ({ ...taint })) },
        status: { allocatable: resources, capacity: resources },
      });
    }
  }
  return nodes;
}

/**
 * Stage rules of our own, beside kwok's:
 * - a bare pod that runs to completion (no owner, restartPolicy Never/OnFailure: `helm test`
 *   hooks and other hook pods) reaches Succeeded — kwok's pod-complete only ends Job pods;
 * - a Service of type LoadBalancer gets an address, which Helm 3's `--wait` waits for.
 */
const OWN_STAGES = [
  {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: 'chartforge-bare-pod-complete' },
    spec: {
      resourceRef: { apiGroup: 'v1', kind: 'Pod' },
      selector: {
        matchExpressions: [
          { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
          { key: '.metadata.ownerReferences', operator: 'DoesNotExist' },
          { key: '.spec.restartPolicy', operator: 'In', values: ['Never', 'OnFailure'] },
          { key: '.status.phase', operator: 'In', values: ['Running'] },
          { key: '.status.conditions.[] | select( .type == "Ready" ) | .status', operator: 'In', values: ['True'] },
        ],
      },
      next: {
        statusTemplate: [
          '{{ $now := Now }}',
          'containerStatuses:',
          '{{ range $index, $item := .spec.containers }}',
          '- image: {{ $item.image | Quote }}',
          '  name: {{ $item.name | Quote }}',
          '  ready: false',
          '  restartCount: 0',
          '  started: false',
          '  state:',
          '    terminated:',
          '      exitCode: 0',
          '      finishedAt: {{ $now | Quote }}',
          '      reason: Completed',
          '      startedAt: {{ $now | Quote }}',
          '{{ end }}',
          'phase: Succeeded',
          '',
        ].join('\n'),
      },
    },
  },
  {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: 'chartforge-load-balancer-address' },
    spec: {
      resourceRef: { apiGroup: 'v1', kind: 'Service' },
      selector: {
        matchExpressions: [
          { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
          { key: '.spec.type', operator: 'In', values: ['LoadBalancer'] },
          { key: '.status.loadBalancer.ingress', operator: 'DoesNotExist' },
        ],
      },
      next: { statusTemplate: 'loadBalancer:\n  ingress:\n  - ip: "127.0.0.1"\n' },
    },
  },
];

/**
 * kwok's own Stage documents from the build cache, and the other objects they come with (its
 * StorageClass). Its volume Stages serve only the class named `kwok-volume`; the plane widens them
 * to every class it provisions for.
 */
function kwokStages(binaries: string, storageClasses: readonly string[]): { stages: object[]; objects: object[] } {
  const stages: object[] = [];
  const objects: object[] = [];
  const classList = storageClasses.map((name) => `'${name}'`).join(', ');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.yaml') && entry.name !== 'kustomization.yaml') {
        const text = readFileSync(path, 'utf8').replaceAll(`self.spec.storageClassName == '${DEFAULT_STORAGE_CLASS}'`, `self.spec.storageClassName in [${classList}]`);
        for (const document of parseAllDocuments(text)) {
          const object = document.toJS() as { kind?: string } | null;
          if (!object) continue;
          (object.kind === 'Stage' ? stages : objects).push(object);
        }
      }
    }
  };
  walk(join(binaries, 'stages'));
  return { stages, objects };
}

/** The fields of nodes, pods and events a trouble report reads. */
interface TroubleObject {
  metadata: { name: string; namespace?: string; creationTimestamp?: string; deletionTimestamp?: string; finalizers?: string[] };
  spec?: { nodeName?: string; taints?: { key: string; effect: string }[] };
  status?: {
    phase?: string;
    nominatedNodeName?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    initContainerStatuses?: TroubleContainerStatus[];
    containerStatuses?: TroubleContainerStatus[];
  };
  involvedObject?: { kind: string; name: string; namespace?: string };
  type?: string;
  reason?: string;
  message?: string;
  lastTimestamp?: string;
}

interface TroubleContainerStatus {
  name: string;
  state?: { waiting?: { reason?: string }; running?: object; terminated?: { reason?: string } };
}

function secondsSince(timestamp: string, now: number): number {
  return Math.round((now - Date.parse(timestamp)) / 1000);
}

/** What a waiting pod is at: created when, where, ending or not, and each container's state. */
function waitingPodLine(pod: TroubleObject, now: number): string {
  const age = pod.metadata.creationTimestamp ? `${secondsSince(pod.metadata.creationTimestamp, now)} s old` : 'age unknown';
  const unscheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status !== 'True');
  const nominated = pod.status?.nominatedNodeName ? `, nominated for ${pod.status.nominatedNodeName}` : '';
  const finalizers = pod.metadata.finalizers?.length ? ` (finalizers ${pod.metadata.finalizers.join(', ')})` : '';
  const ending = pod.metadata.deletionTimestamp ? `, terminating for ${secondsSince(pod.metadata.deletionTimestamp, now)} s${finalizers}` : '';
  const containers = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map(({ name, state }) => {
    const current = state?.waiting ? `waiting ${state.waiting.reason ?? ''}` : state?.running ? 'running' : state?.terminated ? `terminated ${state.terminated.reason ?? ''}` : 'no state';
    return `${name} ${current.trim()}`;
  });
  return [
    `  pod ${pod.metadata.namespace}/${pod.metadata.name}: ${pod.status?.phase} on ${pod.spec?.nodeName ?? 'no node'}${nominated}${ending}, ${age}`,
    unscheduled ? ` (${unscheduled.reason}: ${unscheduled.message})` : '',
    containers.length > 0 ? ` [${containers.join(', ')}]` : '',
  ].join('');
}

/** A process of the plane, and its exits so far (it is started again after each, up to MAX_RESTARTS). */
interface Component {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  child?: ChildProcess;
  readonly exits: string[];
}

interface CustomResourceDefinition {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { group: string };
}

/**
 * The API server refuses CRDs in `*.k8s.io` groups (Gateway API) without the
 * `api-approved.kubernetes.io` annotation; the test fixtures are not the upstream CRDs, so they
 * say so in it.
 */
function approvedCrd(crd: CustomResourceDefinition): CustomResourceDefinition {
  if (!/(^|\.)k8s\.io$|(^|\.)kubernetes\.io$/.test(crd.spec.group)) return crd;
  const annotations = { 'api-approved.kubernetes.io': 'unapproved, chartforge test fixture', ...crd.metadata.annotations };
  return { ...crd, metadata: { ...crd.metadata, annotations } };
}

function kubeconfigText(server: string, token: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'plane', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'admin', user: { token } }],
    contexts: [{ name: 'plane', context: { cluster: 'plane', user: 'admin' } }],
    'current-context': 'plane',
  });
}

export async function startPlane(options: PlaneOptions): Promise<Plane> {
  const binaries = controlPlaneBinaries();
  const k8s = join(binaries, 'k8s');
  const pools = parseNodePools(options.nodes, 'plane nodes');
  const storageClasses = [DEFAULT_STORAGE_CLASS, ...(options.storageClasses ?? [])];
  installExitHandlers();

  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'chartforge-plane-'));
  liveDirs.add(dir);
  const components: Component[] = [];
  const [etcdPort, etcdPeerPort, apiPort, controllerPort, schedulerPort, kwokPort] = [
    await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort(),
  ];
  const server = `https://127.0.0.1:${apiPort}`;
  const token = randomBytes(24).toString('hex');
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigText(server, token), { mode: 0o600 });
  writeFileSync(join(dir, 'tokens.csv'), `${token},admin,admin,"system:masters"\n`, { mode: 0o600 });
  const serviceAccountKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'service-account.key'), serviceAccountKey.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
  writeFileSync(join(dir, 'service-account.pub'), serviceAccountKey.publicKey.export({ type: 'spki', format: 'pem' }) as string);

  const launch = (component: Component) => {
    const log = openSync(join(dir, `${component.name}.log`), 'a');
    // detached: its own process group, so stopping it also stops anything it started.
    const child = spawn(component.command, component.args, { cwd: dir, detached: true, stdio: ['ignore', log, log], env: { ...process.env, ...component.env } });
    closeSync(log);
    if (child.pid === undefined) throw new Error(`${component.name} did not start`);
    const pgid = child.pid;
    component.child = child;
    liveGroups.add(pgid);
    // The watchdog kills the group when this test process is gone without running its handlers
    // (SIGKILL, a crashed worker): no component outlives the process that started it.
    const watchdog = spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null && kill -0 -${pgid} 2>/dev/null; do sleep 1; done; kill -KILL -${pgid} 2>/dev/null`], {
      detached: true,
      stdio: 'ignore',
    });
    watchdog.unref();
    if (watchdog.pid !== undefined) liveGroups.add(watchdog.pid);
    child.once('exit', (code, signal) => {
      if (stopped) return;
      // What it started may still run in its group (Kueue's manager under unshare).
      killGroup(pgid, 'SIGKILL');
      liveGroups.delete(pgid);
      const exit = `${component.name} exited (${signal ?? `code ${code}`}) ${((Date.now() - started) / 1000).toFixed(0)} s after the plane started`;
      component.exits.push(exit);
      const again = component.exits.length <= MAX_RESTARTS;
      process.stderr.write(`control plane: ${exit}; ${again ? 'starting it again' : 'given up'}\n${logTail(component)}\n`);
      if (again) setTimeout(() => stopped || launch(component), 1_000);
    });
  };
  const start = (name: string, command: string, args: readonly string[], env?: Record<string, string>) => {
    const component: Component = { name, command, args, env, exits: [] };
    components.push(component);
    launch(component);
  };
  const gaveUp = () => components.find((component) => component.exits.length > MAX_RESTARTS);

  const kubectl = (args: readonly string[], input?: string): CommandResult => {
    const result = spawnSync(k8s, ['kubectl', '--kubeconfig', kubeconfig, ...args], { encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  };
  const kubectlOk = (args: readonly string[], input?: string): string => {
    const result = kubectl(args, input);
    if (result.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout;
  };
  const logTail = (component: Component) => {
    const lines = existsSync(join(dir, `${component.name}.log`)) ? readFileSync(join(dir, `${component.name}.log`), 'utf8').split('\n').slice(-15) : [];
    return `--- ${component.name}.log (end)\n${lines.join('\n')}`;
  };
  const logTails = () => components.map(logTail).join('\n');
  const waitFor = async (what: string, check: () => boolean) => {
    const deadline = Date.now() + READY_DEADLINE_MS;
    while (!check()) {
      const failed = gaveUp();
      if (failed) throw new Error(`control plane: ${failed.name} kept exiting while waiting for ${what}\n${logTails()}`);
      if (Date.now() > deadline) throw new Error(`control plane: ${what} not reached within ${READY_DEADLINE_MS / 1000} s\n${logTails()}`);
      await sleep(250);
    }
  };

  const waitForNodes = (nodePools: readonly NodePool[]) => {
    const nodeNames = (nodeObjects(nodePools) as { metadata: { name: string } }[]).map((node) => node.metadata.name);
    return waitFor('every node Ready and untainted by the node lifecycle controller', () => {
      const result = kubectl(['get', 'nodes', '-o', 'json']);
      if (result.status !== 0) return false;
      const items = (JSON.parse(result.stdout) as { items: { metadata: { name: string }; spec: { taints?: { key: string }[] }; status: { conditions?: { type: string; status: string }[] } }[] }).items;
      return nodeNames.every((name) => {
        const node = items.find((item) => item.metadata.name === name);
        return (
          node?.status.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') &&
          !node.spec.taints?.some((taint) => taint.key.startsWith('node.kubernetes.io/'))
        );
      });
    });
  };
  let currentPools = pools;
  const replaceNodes = async (nodes: string) => {
    const next = parseNodePools(nodes, 'plane nodes');
    kubectlOk(['delete', 'nodes', '--all', '--wait=true']);
    kubectlOk(['create', '-f', '-'], nodeObjects(next).map((object) => stringify(object)).join('---\n'));
    await waitForNodes(next);
    currentPools = next;
  };
  const schedulerQueues = () =>
    new Promise<Record<string, number>>((resolve, reject) => {
      // The scheduler serves a self-signed certificate on loopback.
      const get = request({ host: '127.0.0.1', port: schedulerPort, path: '/metrics', rejectUnauthorized: false }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          if (response.statusCode !== 200) return reject(new Error(`kube-scheduler /metrics: HTTP ${response.statusCode}\n${text}`));
          const queues: Record<string, number> = {};
          for (const match of text.matchAll(/^scheduler_pending_pods\{queue="([a-z]+)"\} (\S+)$/gm)) queues[match[1]!] = Number(match[2]);
          resolve(queues);
        });
      });
      // A bound on a hung scheduler, not a timing assertion: the answer takes milliseconds.
      get.setTimeout(30_000, () => get.destroy(new Error('kube-scheduler /metrics: no answer within 30 s')));
      get.on('error', reject);
      get.end();
    });

  const trouble = () => {
    const lines = components.filter(({ exits }) => exits.length > 0).map(({ exits }) => `  ${exits.join('; ')}${exits.length > MAX_RESTARTS ? ' (given up)' : ''}`);
    const listed = (what: string[]) => {
      const result = kubectl(['get', ...what, '-o', 'json', '--request-timeout=10s']);
      if (result.status !== 0) lines.push(`  kubectl get ${what.join(' ')}: ${result.stderr.trim()}`);
      return result.status === 0 ? (JSON.parse(result.stdout) as { items: TroubleObject[] }).items : [];
    };
    for (const node of listed(['nodes'])) {
      const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
      const taints = (node.spec?.taints ?? []).map((taint) => `${taint.key}:${taint.effect}`);
      if (ready?.status !== 'True' || taints.length > 0) lines.push(`  node ${node.metadata.name}: Ready=${ready?.status ?? 'unknown'} ${ready?.reason ?? ''} taints=[${taints.join(', ')}]`);
    }
    const now = Date.now();
    // A terminating pod holds its node's resources until kwok ends it: one that lingers keeps a
    // preemptor waiting, so it is shown even while it is Running and Ready.
    const waiting = listed(['pods', '-A']).filter(
      (pod) =>
        pod.metadata.deletionTimestamp !== undefined ||
        pod.status?.phase === 'Pending' ||
        (pod.status?.phase === 'Running' && !pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')),
    );
    const shown = waiting.slice(0, 10);
    for (const pod of shown) lines.push(waitingPodLine(pod, now));
    // The latest warnings anywhere, and every event of a waiting pod (a preemption is a Normal event).
    const waitingPods = new Set(shown.map((pod) => `${pod.metadata.namespace}/${pod.metadata.name}`));
    const events = listed(['events', '-A', '--sort-by=.lastTimestamp']);
    const ofWaiting = events.filter((event) => event.involvedObject?.kind === 'Pod' && waitingPods.has(`${event.metadata.namespace}/${event.involvedObject.name}`)).slice(-10);
    const warnings = events.filter((event) => event.type === 'Warning' && !ofWaiting.includes(event)).slice(-10);
    for (const event of [...warnings, ...ofWaiting]) {
      lines.push(`  event ${event.metadata.namespace}/${event.involvedObject?.kind}/${event.involvedObject?.name}: ${event.type} ${event.reason}: ${event.message}`);
    }
    return lines.length === 0 ? '' : `control plane at ${server}:\n${lines.join('\n')}`;
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    livePlaneTroubles.delete(trouble);
    // Waiting for 'exit' rather than probing the group: an exited child stays a zombie, still
    // answering signals, until Node reaps it, and Node reaps it just before 'exit'.
    const children = components.flatMap(({ child }) => (child ? [child] : []));
    const exits = children.map((child) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()))));
    for (const child of [...children].reverse()) if (child.pid !== undefined) killGroup(child.pid, 'SIGTERM');
    await Promise.race([Promise.all(exits), sleep(10_000)]);
    for (const child of children) if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
    await Promise.all(exits);
    for (const child of children) if (child.pid !== undefined) liveGroups.delete(child.pid);
    rmSync(dir, { recursive: true, force: true });
    liveDirs.delete(dir);
  };

  try {
    start('etcd', k8s, [
      'etcd',
      '--name=plane',
      `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-cluster=plane=http://127.0.0.1:${etcdPeerPort}`,
      // A test cluster's data lives as long as the test: durability costs time and buys nothing.
      '--unsafe-no-fsync',
      '--log-level=warn',
    ]);
    start('kube-apiserver', k8s, [
      'kube-apiserver',
      `--etcd-servers=http://127.0.0.1:${etcdPort}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--cert-dir=${join(dir, 'pki')}`,
      `--token-auth-file=${join(dir, 'tokens.csv')}`,
      '--authorization-mode=RBAC',
      `--service-account-key-file=${join(dir, 'service-account.pub')}`,
      `--service-account-signing-key-file=${join(dir, 'service-account.key')}`,
      '--service-account-issuer=https://kubernetes.default.svc',
      '--service-cluster-ip-range=10.96.0.0/16',
      // As kubeadm, kind and managed clusters run it: privileged and hostProcess containers are
      // Pod Security's to judge (per namespace), not a cluster-wide ban.
      '--allow-privileged=true',
      '--profiling=false',
    ]);
    await waitFor('API server ready', () => kubectl(['get', '--raw', '/readyz']).status === 0);

    start('kube-controller-manager', k8s, [
      'kube-controller-manager',
      `--kubeconfig=${kubeconfig}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${controllerPort}`,
      `--service-account-private-key-file=${join(dir, 'service-account.key')}`,
      `--root-ca-file=${join(dir, 'pki', 'apiserver.crt')}`,
      // kwok's volume Stages provision and bind claims of its StorageClasses by themselves. The
      // controller-manager's volume binder, watching the same claims, now and then binds a claim
      // to a volume kwok has replaced (ClaimLost, about 1 install in 30): with the binder off,
      // kwok is the only side that binds, and binding is deterministic.
      '--controllers=*,-persistentvolume-binder-controller',
    ]);
    start('kube-scheduler', k8s, [
      'kube-scheduler',
      `--kubeconfig=${kubeconfig}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${schedulerPort}`,
      // Its queue metrics tell the fit agreement test when it has finished with every pod.
      '--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
      // Preemption as it was before v1.32, victims deleted inside the scheduling cycle. v1.36's
      // asynchronous preemption can leave a preemptor gated for good once its last victim was
      // already deleted: nothing requeues it until another pod on the node goes
      // (kubernetes/kubernetes#141694, still in v1.36.3). Where pods land is the same either way.
      '--feature-gates=SchedulerAsyncPreemption=false',
    ]);

    const { stages, objects } = kwokStages(binaries, storageClasses);
    const kwokConfig = join(dir, 'kwok.yaml');
    writeFileSync(kwokConfig, [...stages, ...OWN_STAGES].map((stage) => stringify(stage)).join('---\n'));
    start('kwok', join(binaries, 'kwok'), [
      `--kubeconfig=${kubeconfig}`,
      `--config=${kwokConfig}`,
      `--manage-nodes-with-annotation-selector=${KWOK_NODE_ANNOTATION}=fake`,
      `--server-address=127.0.0.1:${kwokPort}`,
      '--node-ip=127.0.0.1',
      // Pod IPs come from this range (kwok's default /24 runs out over a lifecycle suite).
      '--cidr=10.0.0.1/16',
      '--node-lease-duration-seconds=40',
    ]);

    const storageClassObjects = storageClasses.slice(1).map((name) => ({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name },
      provisioner: 'kwok.x-k8s.io/volume',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    }));
    kubectlOk(['apply', '-f', '-'], [...objects, ...storageClassObjects, ...nodeObjects(pools)].map((object) => stringify(object)).join('---\n'));
    await waitForNodes(pools);
    const crds = (options.crds ?? []).flatMap((file) => parseAllDocuments(readFileSync(file, 'utf8')).map((document) => document.toJS() as CustomResourceDefinition));
    if (crds.length > 0) {
      // Server-side: a large CRD (Kueue's Workload) overflows client-side apply's last-applied annotation.
      kubectlOk(['apply', '--server-side', '-f', '-'], crds.map((crd) => stringify(approvedCrd(crd))).join('---\n'));
      kubectlOk(['wait', '--for=condition=Established', '--timeout=60s', ...crds.map((crd) => `crd/${crd.metadata.name}`)]);
    }
    await waitFor('the default ServiceAccount', () => kubectl(['get', 'serviceaccount', 'default', '-n', 'default']).status === 0);
  } catch (error) {
    await stop();
    throw error;
  }
  process.stderr.write(`control plane: ${pools.length} pool(s) ready at ${server} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  const plane: Plane = {
    kubeconfig,
    server,
    binaries,
    dir,
    get pools() {
      return currentPools;
    },
    replaceNodes,
    schedulerQueues,
    kubectl,
    kubectlOk,
    createRestrictedNamespace(name: string) {
      const labels = { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' };
      kubectlOk(['create', '-f', '-'], stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }));
    },
    startComponent: start,
    processGroups: () => Object.fromEntries(components.flatMap(({ name, child }) => (child?.pid === undefined ? [] : [[name, child.pid]]))),
    trouble,
    stop,
  };
  livePlaneTroubles.add(trouble);
  return plane;
}
