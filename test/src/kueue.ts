// Kueue's real manager (sigs.k8s.io/kueue, built by scripts/control-plane.mjs) on a test plane, as
// a local process: its CRDs installed, its webhooks registered by URL on 127.0.0.1 with a CA of the
// test's own, one ClusterQueue with GPU quota. Only the batch/Job integration is on: while the
// manager is down its Job webhook refuses every Job, so a plane running it runs nothing else.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { buildKueue } from '../../scripts/control-plane.mjs';
import { startPlane, waitUntil, type Plane } from './plane.js';
import { freePort } from './ports.js';

/** The ClusterQueue every LocalQueue of the tests points at, and its quota. */
export const CLUSTER_QUEUE = 'gpu-cluster-queue';
export const GPU_QUOTA = 8;

export function kueueBinaries(): string {
  return buildKueue({ log: (line) => process.stderr.write(`${line}\n`) });
}

interface Webhook {
  name: string;
  clientConfig: { service?: { path?: string }; url?: string; caBundle?: string };
}
interface WebhookConfiguration {
  kind: string;
  metadata: { name: string };
  webhooks: Webhook[];
}

/** Kueue's own types and batch/v1 Jobs: the webhooks of the integration that runs. */
const SERVED_WEBHOOK = /-(batch-v1-job|kueue-x-k8s-io-v1beta2-[a-z]+)$/;

/** A CA and a serving certificate for 127.0.0.1 signed by it (openssl). */
function webhookCertificates(dir: string): string {
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=kueue-test-ca', '-keyout', 'ca.key', '-out', 'ca.crt']);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'tls.key', '-out', 'tls.csr']);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(['x509', '-req', '-in', 'tls.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'tls.crt']);
  return readFileSync(join(dir, 'ca.crt')).toString('base64');
}

/**
 * The command line that runs Kueue's manager with an /etc of its own. With its internal
 * certificate management off (its certificates are for cluster DNS names, its webhooks here are
 * reached at 127.0.0.1), Kueue v0.17 loads its metrics server's certificate from the fixed path
 * /etc/kueue/metrics/certs or exits. A private mount namespace puts a directory holding a
 * throwaway pair (and /etc/hosts) over /etc for that process alone: the machine's /etc is never
 * touched. Needs root, or unprivileged user namespaces. Its on-demand visibility API server
 * (certificates at the fixed path /visibility) is not needed and is turned off.
 */
function kueueInOwnEtc(dir: string, binary: string, config: string): string[] {
  const etc = join(dir, 'kueue-etc');
  mkdirSync(join(etc, 'kueue', 'metrics', 'certs'), { recursive: true });
  for (const file of ['tls.crt', 'tls.key']) copyFileSync(join(dir, file), join(etc, 'kueue', 'metrics', 'certs', file));
  if (existsSync('/etc/hosts')) copyFileSync('/etc/hosts', join(etc, 'hosts'));
  const namespace = process.getuid?.() === 0 ? ['--mount'] : ['--user', '--map-root-user', '--mount'];
  return [...namespace, '--propagation', 'private', '--', 'sh', '-c', 'mount --bind "$1" /etc && exec "$2" --config="$3" --feature-gates=VisibilityOnDemand=false', 'sh', etc, binary, config];
}

/** A plane with Kueue's manager running and admitting, and a ClusterQueue of GPU_QUOTA GPUs. */
export async function startPlaneWithKueue(nodes: string): Promise<Plane> {
  const kueue = kueueBinaries();
  const crds = join(kueue, 'crds');
  const plane = await startPlane({ nodes, crds: readdirSync(crds).filter((file) => file.endsWith('.yaml')).map((file) => join(crds, file)) });
  try {
    const [webhookPort, healthPort] = [await freePort(), await freePort()];
    const caBundle = webhookCertificates(plane.dir);
    plane.kubectlOk(['create', 'namespace', 'kueue-system']);
    const config = join(plane.dir, 'kueue-config.yaml');
    writeFileSync(
      config,
      stringify({
        apiVersion: 'config.kueue.x-k8s.io/v1beta2',
        kind: 'Configuration',
        namespace: 'kueue-system',
        health: { healthProbeBindAddress: `127.0.0.1:${healthPort}` },
        metrics: { bindAddress: '0' },
        webhook: { host: '127.0.0.1', port: webhookPort, certDir: plane.dir },
        leaderElection: { leaderElect: false },
        internalCertManagement: { enable: false },
        manageJobsWithoutQueueName: false,
        integrations: { frameworks: ['batch/job'] },
      }),
    );
    plane.startComponent('kueue', 'unshare', kueueInOwnEtc(plane.dir, join(kueue, 'kueue'), config), { KUBECONFIG: plane.kubeconfig });

    const configurations = parseAllDocuments(readFileSync(join(kueue, 'webhooks.yaml'), 'utf8')).map((document) => document.toJS() as WebhookConfiguration);
    const registered = configurations.map((configuration) => ({
      ...configuration,
      metadata: { name: `kueue-${configuration.metadata.name}` },
      webhooks: configuration.webhooks
        .filter((webhook) => SERVED_WEBHOOK.test(webhook.clientConfig.service?.path ?? ''))
        .map((webhook) => ({ ...webhook, clientConfig: { url: `https://127.0.0.1:${webhookPort}${webhook.clientConfig.service!.path}`, caBundle } })),
    }));
    await waitUntil('Kueue ready', async () => {
      const response = await fetch(`http://127.0.0.1:${healthPort}/readyz`).catch(() => undefined);
      return response?.ok ?? false;
    }).catch((error: Error) => {
      const log = readFileSync(join(plane.dir, 'kueue.log'), 'utf8').split('\n');
      const errors = log.filter((line) => line.includes('"level":"error"')).slice(-10);
      throw new Error(`${error.message}\n--- kueue.log (errors, then the end)\n${[...errors, '…', ...log.slice(-10)].join('\n')}`);
    });
    plane.kubectlOk(['apply', '-f', '-'], registered.map((configuration) => stringify(configuration)).join('---\n'));

    const queueObjects = [
      { apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'ResourceFlavor', metadata: { name: 'default-flavor' } },
      {
        apiVersion: 'kueue.x-k8s.io/v1beta2',
        kind: 'ClusterQueue',
        metadata: { name: CLUSTER_QUEUE },
        spec: {
          namespaceSelector: {},
          resourceGroups: [
            {
              coveredResources: ['cpu', 'memory', 'nvidia.com/gpu'],
              flavors: [{ name: 'default-flavor', resources: [{ name: 'cpu', nominalQuota: '1000' }, { name: 'memory', nominalQuota: '10Ti' }, { name: 'nvidia.com/gpu', nominalQuota: GPU_QUOTA }] }],
            },
          ],
        },
      },
    ];
    // Through the webhooks just registered: a refusal here means they do not reach the manager.
    await waitUntil('Kueue webhooks answering', () => plane.kubectl(['apply', '-f', '-'], queueObjects.map((object) => stringify(object)).join('---\n')).status === 0);
    return plane;
  } catch (error) {
    await plane.stop();
    throw error;
  }
}

/** A LocalQueue of `namespace` feeding the ClusterQueue. */
export function createLocalQueue(plane: Plane, namespace: string, name: string): void {
  plane.kubectlOk(['apply', '-f', '-'], stringify({ apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'LocalQueue', metadata: { name, namespace }, spec: { clusterQueue: CLUSTER_QUEUE } }));
}

/** A WorkloadPriorityClass (cluster-wide), as `kueue.priorityClass` names. */
export function createWorkloadPriorityClass(plane: Plane, name: string, value: number): void {
  plane.kubectlOk(['apply', '-f', '-'], stringify({ apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'WorkloadPriorityClass', metadata: { name }, value }));
}
