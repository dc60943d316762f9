// The API server's verdict on a file of manifests, asked straight over HTTPS (no kubectl process
// per file): every document is sent as a server-side apply dry-run with strict field validation,
// as `kubectl apply --server-side --dry-run=server --validate=strict` sends it, and the file is
// accepted when every document is. The verdict is the HTTP status, never warning text (a
// deprecated API's `Warning` header is not a rejection). Each document goes to its own namespace
// (`default` when it names none), so the objects a corpus names (namespaces, ServiceAccounts)
// must exist: `prepare` creates them, since a dry-run of one file cannot create what it refers to.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseAllDocuments, parse as parseYaml, stringify } from 'yaml';
import type { Verdict } from './agreement.js';
import { REPO_ROOT } from './paths.js';

export interface ServerVerdict {
  verdict: Verdict;
  /** The API server's message for the first rejected document. */
  reason?: string;
}

interface Response {
  status: number;
  body: string;
}

interface ResourceInfo {
  resource: string;
  namespaced: boolean;
}

interface ManifestDocument {
  /** The document's own text: the API server parses the YAML as kubectl's client would. */
  text: string;
  object: Record<string, unknown> | null;
  parseError?: string;
}

const FIELD_MANAGER = 'chartforge-agreement';
/** How many requests are in flight: the API server answers a dry-run in milliseconds, the plane shares 2 CPUs. */
const CONCURRENCY = 4;
const REQUEST_TIMEOUT_MS = 60_000;

function documents(text: string): ManifestDocument[] {
  const out: ManifestDocument[] = [];
  for (const document of parseAllDocuments(text)) {
    const [start, , end] = document.range;
    const own = text.slice(start, end);
    if (document.errors.length > 0) out.push({ text: own, object: null, parseError: document.errors[0]!.message });
    else {
      const value = document.toJS() as unknown;
      if (value === null || value === undefined) continue; // an empty document, as kubectl skips it
      out.push({ text: own, object: typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null });
    }
  }
  return out;
}

function field(object: Record<string, unknown> | null | undefined, key: string): unknown {
  return object && typeof object === 'object' ? object[key] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function metadataOf(object: Record<string, unknown> | null): Record<string, unknown> | undefined {
  const metadata = field(object, 'metadata');
  return metadata && typeof metadata === 'object' && !Array.isArray(metadata) ? (metadata as Record<string, unknown>) : undefined;
}

/** Where each pod spec of a built-in workload sits, for the ServiceAccounts it names. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export class ApiServerJudge {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY, rejectUnauthorized: false });
  private readonly resources = new Map<string, ResourceInfo>();

  constructor(
    private readonly server: string,
    private readonly token: string,
  ) {}

  /** A judge for the plane of `kubeconfig` (the token user the plane writes). */
  static fromKubeconfig(server: string, kubeconfig: string): ApiServerJudge {
    const config = parseYaml(kubeconfig) as { users: { user: { token: string } }[] };
    return new ApiServerJudge(server, config.users[0]!.user.token);
  }

  close(): void {
    this.agent.destroy();
  }

  private call(method: string, path: string, body?: string, contentType?: string): Promise<Response> {
    return new Promise((resolve, reject) => {
      const req = request(`${this.server}${path}`, { method, agent: this.agent, headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...(contentType ? { 'content-type': contentType } : {}) } }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      });
      req.on('error', reject);
      // A dry-run is answered in milliseconds; the bound only turns a hung API server into an error.
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  private async json(path: string): Promise<unknown> {
    const response = await this.call('GET', path);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${response.body}`);
    return JSON.parse(response.body) as unknown;
  }

  /** Every served `apiVersion kind` and its resource, from discovery (CRDs included: run it after they are established). */
  async discover(): Promise<void> {
    const groupVersions = ['v1'];
    const groups = (await this.json('/apis')) as { groups: { versions: { groupVersion: string }[] }[] };
    for (const group of groups.groups) for (const version of group.versions) groupVersions.push(version.groupVersion);
    for (const groupVersion of groupVersions) {
      const list = (await this.json(groupVersion === 'v1' ? '/api/v1' : `/apis/${groupVersion}`)) as { resources: { name: string; kind: string; namespaced: boolean }[] };
      for (const resource of list.resources) {
        if (resource.name.includes('/')) continue; // subresources
        this.resources.set(`${groupVersion} ${resource.kind}`, { resource: resource.name, namespaced: resource.namespaced });
      }
    }
  }

  /**
   * Creates what the files refer to but cannot create in a dry-run: the namespaces their objects
   * name and the ServiceAccounts their pod specs run as (the ServiceAccount admission plugin
   * rejects a Pod whose account does not exist).
   */
  async prepare(texts: readonly string[]): Promise<void> {
    const namespaces = new Set<string>();
    const accounts = new Set<string>();
    for (const file of texts) {
      for (const { object } of documents(file)) {
        const namespace = text(field(metadataOf(object), 'namespace')) ?? 'default';
        namespaces.add(namespace);
        let podSpec: unknown = object;
        for (const step of POD_SPEC_PATHS[String(field(object, 'kind'))] ?? ['-']) podSpec = field(podSpec as Record<string, unknown>, step);
        const account = text(field(podSpec as Record<string, unknown>, 'serviceAccountName')) ?? text(field(podSpec as Record<string, unknown>, 'serviceAccount'));
        if (account) accounts.add(`${namespace}/${account}`);
      }
    }
    const create = async (path: string, object: object) => {
      const response = await this.call('POST', path, JSON.stringify(object), 'application/json');
      if (response.status !== 201 && response.status !== 409) throw new Error(`POST ${path}: ${response.status} ${response.body}`);
    };
    for (const namespace of [...namespaces].sort()) await create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    for (const account of [...accounts].sort()) {
      const [namespace, name] = account.split('/') as [string, string];
      await create(`/api/v1/namespaces/${namespace}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
    }
  }

  /** The API server's verdict on one document, or why it cannot be sent (what kubectl refuses before sending, the server would refuse too). */
  private async documentVerdict(document: ManifestDocument): Promise<ServerVerdict> {
    if (document.parseError) return { verdict: 'rejected', reason: `YAML: ${document.parseError}` };
    const { object } = document;
    const apiVersion = text(field(object, 'apiVersion'));
    const kind = text(field(object, 'kind'));
    if (!apiVersion || !kind) return { verdict: 'rejected', reason: 'apiVersion or kind not set' };
    const info = this.resources.get(`${apiVersion} ${kind}`);
    if (!info) return { verdict: 'rejected', reason: `no matches for kind "${kind}" in version "${apiVersion}"` };
    const metadata = metadataOf(object);
    const namespace = text(field(metadata, 'namespace')) ?? 'default';
    const collection = `${apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`}${info.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${info.resource}`;
    const name = text(field(metadata, 'name'));
    // Apply needs a name; an object without one is what a create (generateName) gets, and the API server judges it as such.
    const response = name
      ? await this.call('PATCH', `${collection}/${encodeURIComponent(name)}?dryRun=All&fieldValidation=Strict&force=true&fieldManager=${FIELD_MANAGER}`, document.text, 'application/apply-patch+yaml')
      : await this.call('POST', `${collection}?dryRun=All&fieldValidation=Strict&fieldManager=${FIELD_MANAGER}`, document.text, 'application/yaml');
    if (response.status >= 200 && response.status < 300) return { verdict: 'accepted' };
    let reason = response.body;
    try {
      reason = (JSON.parse(response.body) as { message?: string }).message ?? reason;
    } catch {
      // not a Status: keep the body
    }
    return { verdict: 'rejected', reason };
  }

  async fileVerdict(fileText: string): Promise<ServerVerdict> {
    const docs = documents(fileText);
    if (docs.length === 0) return { verdict: 'rejected', reason: 'no objects passed to apply' };
    for (const document of docs) {
      const result = await this.documentVerdict(document);
      if (result.verdict === 'rejected') return result;
    }
    return { verdict: 'accepted' };
  }

  /** The verdicts on many files, a few requests at a time, in the files' order. */
  async fileVerdicts(texts: readonly string[]): Promise<ServerVerdict[]> {
    const results: ServerVerdict[] = new Array(texts.length);
    let next = 0;
    const worker = async () => {
      while (next < texts.length) {
        const index = next++;
        results[index] = await this.fileVerdict(texts[index]!);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return results;
  }
}

/** The validator's embedded upstream CRDs (packages/validator/embedded/crds), the ones chartforge judges custom resources by. */
const EMBEDDED_CRDS = join(REPO_ROOT, 'packages', 'validator', 'embedded', 'crds');

interface EmbeddedCrd {
  group: string;
  kind: string;
  scope: string;
  plural: string;
  versions: Record<string, object>;
}

/**
 * A CRD file for `startPlane({ crds })` holding the embedded upstream CRD of every custom kind the
 * files use, so the API server judges a custom resource by the same schema and CEL rules as
 * chartforge (the hand-written test CRDs carry no CEL rules). Written to a new temporary directory.
 */
export function embeddedCrdFile(texts: readonly string[]): string {
  const index = JSON.parse(readFileSync(join(EMBEDDED_CRDS, 'index.json'), 'utf8')) as { groups: Record<string, { kinds: Record<string, { file: string }> }> };
  const files = new Set<string>();
  for (const file of texts) {
    for (const { object } of documents(file)) {
      const apiVersion = text(field(object, 'apiVersion'));
      const entry = apiVersion?.includes('/') ? index.groups[apiVersion.slice(0, apiVersion.indexOf('/'))]?.kinds[String(field(object, 'kind'))] : undefined;
      if (entry) files.add(entry.file);
    }
  }
  const crds = [...files].sort().map((file) => {
    const crd = JSON.parse(gunzipSync(readFileSync(join(EMBEDDED_CRDS, file))).toString('utf8')) as EmbeddedCrd;
    const versions = Object.entries(crd.versions).map(([name, schema], position) => ({ name, served: true, storage: position === 0, schema: { openAPIV3Schema: schema } }));
    return {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${crd.plural}.${crd.group}` },
      spec: { group: crd.group, scope: crd.scope, names: { kind: crd.kind, plural: crd.plural, listKind: `${crd.kind}List`, singular: crd.kind.toLowerCase() }, versions },
    };
  });
  const path = join(mkdtempSync(join(tmpdir(), 'chartforge-agreement-crds-')), 'crds.yaml');
  writeFileSync(path, crds.map((crd) => stringify(crd)).join('---\n'));
  return path;
}
