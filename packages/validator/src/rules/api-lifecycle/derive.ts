// Derives removed and deprecated API versions from the Kubernetes OpenAPI definitions of
// consecutive releases: a group/version/kind served in one release and absent from every later
// one was removed in the release after its last; a more stable version of the same kind in the
// same group, or a "deprecated" note in its description, marks it deprecated.
import type { ApiLifecycleEntry, ApiReplacement } from './types.js';

export interface ReleaseDefinitions {
  /** `1.22` */
  readonly version: string;
  /** The `definitions` object of that release's schema file. */
  readonly definitions: Readonly<Record<string, unknown>>;
}

interface Served {
  readonly apiVersion: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly description: string;
}

/** Ordering of API versions by stability: GA over beta over alpha, then by number. */
export function apiVersionRank(version: string): number {
  const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!match) return -1;
  const level = match[2] === 'alpha' ? 0 : match[2] === 'beta' ? 1 : 2;
  return level * 1_000_000 + Number(match[1]) * 1000 + Number(match[3] ?? 0);
}

function servedKinds(definitions: Readonly<Record<string, unknown>>): Map<string, Served> {
  const served = new Map<string, Served>();
  for (const [name, definition] of Object.entries(definitions)) {
    // apimachinery meta types (DeleteOptions, WatchEvent, Status) belong to every group at once.
    if (name.startsWith('io.k8s.apimachinery.') || typeof definition !== 'object' || definition === null) continue;
    const gvks = (definition as { 'x-kubernetes-group-version-kind'?: unknown })['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks) || gvks.length !== 1) continue;
    const gvk = gvks[0] as { group?: unknown; version?: unknown; kind?: unknown };
    if (typeof gvk.version !== 'string' || typeof gvk.kind !== 'string') continue;
    const group = typeof gvk.group === 'string' ? gvk.group : '';
    const apiVersion = group === '' ? gvk.version : `${group}/${gvk.version}`;
    const description = (definition as { description?: unknown }).description;
    served.set(`${apiVersion} ${gvk.kind}`, { apiVersion, group, version: gvk.version, kind: gvk.kind, description: typeof description === 'string' ? description : '' });
  }
  return served;
}

/** The sentence of a description that says the API is deprecated. */
export function deprecationNote(description: string): string | undefined {
  const sentences = description.replace(/\s+/g, ' ').split(/(?<=\.)\s+(?=[A-Z])/);
  const sentence = sentences.find((s) => /deprecat/i.test(s));
  return sentence?.trim();
}

/** The major number of an API version (`v2beta1` → 2). */
function apiMajor(version: string): number {
  return Number(/^v(\d+)/.exec(version)?.[1] ?? 0);
}

/**
 * Whether `other` supersedes `here`: more stable or newer, and of the same major or a later one.
 * autoscaling/v2 supersedes v2beta2, but the GA autoscaling/v1 does not: it cannot say what v2beta2 says.
 */
export function supersedes(other: string, here: string): boolean {
  return apiVersionRank(other) > apiVersionRank(here) && apiMajor(other) >= apiMajor(here);
}

/**
 * The apiVersions of `kind` to move to from `info`, most stable first, each with the first release
 * that serves it: the same group's versions that supersede it, else (a kind that moved group) the
 * versions of other groups.
 */
function replacements(servedBy: ReadonlyArray<{ version: string; served: Map<string, Served> }>, info: Served): ApiReplacement[] {
  const since = new Map<string, { served: Served; since: string }>();
  for (const { version, served } of servedBy) {
    for (const candidate of served.values()) {
      if (candidate.kind === info.kind && candidate.apiVersion !== info.apiVersion && !since.has(candidate.apiVersion)) since.set(candidate.apiVersion, { served: candidate, since: version });
    }
  }
  const all = [...since.values()];
  const sameGroup = all.filter(({ served }) => served.group === info.group);
  const chosen = sameGroup.length > 0 ? sameGroup.filter(({ served }) => supersedes(served.version, info.version)) : all;
  return chosen
    .sort((a, b) => apiVersionRank(b.served.version) - apiVersionRank(a.served.version) || (a.served.apiVersion < b.served.apiVersion ? -1 : 1))
    .map(({ served, since: first }) => ({ apiVersion: served.apiVersion, since: first }));
}

export function deriveApiLifecycle(releases: readonly ReleaseDefinitions[]): ApiLifecycleEntry[] {
  const servedBy = releases.map((release) => ({ version: release.version, served: servedKinds(release.definitions) }));
  const entries: ApiLifecycleEntry[] = [];
  const keys = new Set(servedBy.flatMap(({ served }) => [...served.keys()]));
  for (const key of keys) {
    let lastIndex = servedBy.length - 1;
    while (lastIndex >= 0 && !servedBy[lastIndex]?.served.has(key)) lastIndex--;
    const firstIndex = servedBy.findIndex(({ served }) => served.has(key));
    const removedRelease = servedBy[lastIndex + 1];
    const info = servedBy[lastIndex]?.served.get(key);
    if (!info) continue;
    let deprecatedIn: string | undefined;
    let note: string | undefined;
    for (let i = firstIndex; i <= lastIndex && !deprecatedIn; i++) {
      const release = servedBy[i];
      const here = release?.served.get(key);
      if (!release || !here) continue;
      const described = deprecationNote(here.description);
      // A GA version is never deprecated by a newer GA one (autoscaling/v1 beside v2); pre-release
      // versions are, once a version of the kind that supersedes them is served.
      const prerelease = /(alpha|beta)/.test(here.version);
      const stabler = prerelease && [...release.served.values()].some((other) => other.kind === here.kind && other.group === here.group && supersedes(other.version, here.version));
      if (described || stabler) {
        deprecatedIn = release.version;
        note = described;
      }
    }
    if (!removedRelease && !deprecatedIn) continue;
    const candidates = replacements(servedBy, info);
    entries.push({
      apiVersion: info.apiVersion,
      kind: info.kind,
      ...(removedRelease ? { removedIn: removedRelease.version } : {}),
      ...(deprecatedIn ? { deprecatedIn } : {}),
      ...(candidates.length > 0 ? { replacements: candidates } : {}),
      ...(note ? { note } : {}),
    });
  }
  const order = (a: ApiLifecycleEntry) => `${a.apiVersion} ${a.kind}`;
  return entries.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
