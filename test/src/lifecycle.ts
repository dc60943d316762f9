// A chart's life on the control plane as a user lives it: install, test, upgrade, roll back,
// uninstall — with real helm 3 and 4 — and the observations the cluster tests assert on.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { helmBinary, helmEnv, type HelmMajor } from './helm.js';
import type { CommandResult, Plane } from './plane.js';

/** Runs a command without blocking the event loop, so several releases progress at once. */
export function run(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
    child.stdin.end(options.input ?? '');
  });
}

export function helmOn(plane: Plane, major: HelmMajor, args: readonly string[]): Promise<CommandResult> {
  return run(helmBinary(major), [...args, '--kubeconfig', plane.kubeconfig], { env: helmEnv() });
}

export async function helmOk(plane: Plane, major: HelmMajor, args: readonly string[]): Promise<string> {
  const result = await helmOn(plane, major, args);
  if (result.status !== 0) throw new Error(`helm ${major} ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}\n${plane.trouble()}`);
  return result.stdout;
}

export function kubectlOn(plane: Plane, args: readonly string[], input?: string): Promise<CommandResult> {
  return run(join(plane.binaries, 'k8s'), ['kubectl', '--kubeconfig', plane.kubeconfig, ...args], { input });
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    ownerReferences?: unknown[];
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export function documents(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => Boolean(object?.kind));
}

export function objectKey(object: KubeObject): string {
  return `${object.kind}/${object.metadata.name}`;
}

/** Every listable resource type of the plane, namespaced and cluster-scoped (discovery, once per plane). */
const discovered = new WeakMap<Plane, { namespaced: string[]; cluster: string[] }>();
export async function resourceTypes(plane: Plane): Promise<{ namespaced: string[]; cluster: string[] }> {
  const known = discovered.get(plane);
  if (known) return known;
  const list = async (namespaced: boolean) => {
    const result = await kubectlOn(plane, ['api-resources', '--verbs=list', `--namespaced=${namespaced}`, '-o', 'name']);
    if (result.status !== 0) throw new Error(`kubectl api-resources failed:\n${result.stderr}`);
    return result.stdout.split('\n').filter(Boolean).sort();
  };
  const types = { namespaced: await list(true), cluster: await list(false) };
  discovered.set(plane, types);
  return types;
}

async function listObjects(plane: Plane, types: readonly string[], scope: string[]): Promise<KubeObject[]> {
  const result = await kubectlOn(plane, ['get', types.join(','), ...scope, '-o', 'json']);
  if (result.status !== 0) throw new Error(`kubectl get ${types.join(',')} failed:\n${result.stderr}`);
  return (JSON.parse(result.stdout) as { items: KubeObject[] }).items;
}

/** Objects the cluster itself keeps in every namespace, which no chart creates. */
function createdByCluster(object: KubeObject): boolean {
  if (object.metadata.ownerReferences?.length) return true; // removed with their owner by the garbage collector
  if (object.kind === 'Event') return true;
  if (object.kind === 'ServiceAccount' && object.metadata.name === 'default') return true;
  if (object.kind === 'ConfigMap' && object.metadata.name === 'kube-root-ca.crt') return true;
  return false;
}

export const PREREQUISITE_LABEL = 'chartforge.dev/test-prerequisite';

/**
 * What a release left behind after `helm uninstall`: every object of every listable namespaced
 * type in its namespace, and every cluster-scoped object labelled with its instance, except what
 * the cluster keeps on its own, the prerequisites the test created, and objects the chart marks
 * `helm.sh/resource-policy: keep` (the READMEs name them as kept).
 */
/**
 * What a chart README names as kept after `helm uninstall`: objects with `helm.sh/resource-policy:
 * keep`, and `helm test` pods whose chart keeps them until the next `helm test` (Helm's
 * before-hook-creation policy) so that `helm test --logs` can still read them.
 */
function keptOnPurpose(object: KubeObject): boolean {
  const annotations = object.metadata.annotations ?? {};
  if (annotations['helm.sh/resource-policy'] === 'keep') return true;
  return object.kind === 'Pod' && annotations['helm.sh/hook'] === 'test' && !(annotations['helm.sh/hook-delete-policy'] ?? '').includes('hook-succeeded');
}

export async function leftovers(plane: Plane, namespace: string, release: string): Promise<string[]> {
  const types = await resourceTypes(plane);
  const namespaced = (await listObjects(plane, types.namespaced.filter((type) => !type.startsWith('events')), ['-n', namespace])).filter(
    (object) => !createdByCluster(object) && !object.metadata.labels?.[PREREQUISITE_LABEL] && !keptOnPurpose(object),
  );
  const cluster = await listObjects(plane, types.cluster, ['-l', `app.kubernetes.io/instance=${release}`]);
  return [...namespaced, ...cluster].map(objectKey).sort();
}

/** Release objects (not hooks) by kind/name → uid, as they live in the cluster. */
export async function releaseObjectUids(plane: Plane, major: HelmMajor, release: string, namespace: string): Promise<Map<string, string>> {
  const manifest = await helmOk(plane, major, ['get', 'manifest', release, '-n', namespace]);
  const result = await kubectlOn(plane, ['get', '--ignore-not-found', '-n', namespace, '-f', '-', '-o', 'json'], manifest);
  if (result.status !== 0) throw new Error(`kubectl get of ${release}'s objects failed:\n${result.stderr}`);
  const parsed = JSON.parse(result.stdout || '{"items":[]}') as KubeObject | { items: KubeObject[] };
  const items = 'items' in parsed ? parsed.items : [parsed];
  return new Map(items.map((object) => [objectKey(object), object.metadata.uid ?? '']));
}

/** Objects of `before` that `after` does not hold with the same uid (deleted, renamed or re-created). */
export function replaced(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before].filter(([key, uid]) => after.get(key) !== uid).map(([key]) => key).sort();
}

/**
 * Every document helm rendered (release objects and hooks), sent as a server-side dry run with
 * strict field validation. The API server admits a pod only when its ServiceAccount exists, and a
 * chart may delete its hook ServiceAccounts when their phase ends (the migration chart does), so
 * the ServiceAccounts among the documents that are gone are created for the check and deleted after it.
 */
export async function strictServerDryRun(plane: Plane, manifests: string, namespace: string): Promise<CommandResult> {
  const serviceAccounts = parseAllDocuments(manifests)
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object?.kind === 'ServiceAccount')
    .map((object) => object.metadata.name);
  const missing: string[] = [];
  for (const name of serviceAccounts) {
    const found = await kubectlOn(plane, ['get', 'serviceaccount', name, '-n', namespace, '--ignore-not-found', '-o', 'name']);
    if (found.stdout.trim() === '') missing.push(name);
  }
  for (const name of missing) {
    const created = await kubectlOn(plane, ['create', 'serviceaccount', name, '-n', namespace]);
    if (created.status !== 0) return created;
  }
  try {
    return await kubectlOn(plane, ['apply', '--server-side', '--dry-run=server', '--validate=strict', '--force-conflicts', '--field-manager=strict-check', '-n', namespace, '-f', '-'], manifests);
  } finally {
    for (const name of missing) await kubectlOn(plane, ['delete', 'serviceaccount', name, '-n', namespace, '--wait']);
  }
}

/** A copy of a chart with only its version changed, for the "chart version bumped" upgrade. */
export function chartWithVersion(chartDir: string, version: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'chartforge-bumped-')), basename(chartDir));
  cpSync(chartDir, copy, { recursive: true });
  const chartYaml = join(copy, 'Chart.yaml');
  writeFileSync(chartYaml, readFileSync(chartYaml, 'utf8').replace(/^version: .*$/m, `version: ${version}`));
  return copy;
}

/** Creates prerequisite objects in a namespace, labelled so the leftover check knows them. */
export async function createPrerequisites(plane: Plane, namespace: string, objects: readonly KubeObject[]): Promise<void> {
  if (objects.length === 0) return;
  const labelled = objects.map((object) => ({
    ...object,
    metadata: { ...object.metadata, labels: { ...object.metadata.labels, [PREREQUISITE_LABEL]: 'true' } },
  }));
  const result = await kubectlOn(plane, ['apply', '-n', namespace, '-f', '-'], labelled.map((object) => stringify(object)).join('---\n'));
  if (result.status !== 0) throw new Error(`creating prerequisites in ${namespace} failed:\n${result.stderr}`);
}
