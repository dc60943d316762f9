// The API lifecycle table the rules consult: derived facts from the schemas plus curated older ones.
import { CURATED_API_LIFECYCLE, EARLIER_DEPRECATIONS, EARLIER_REPLACEMENTS } from './curated.js';
import { DERIVED_API_LIFECYCLE, DERIVED_FROM } from './derived-table.js';
import type { ApiLifecycleEntry, ApiReplacement } from './types.js';
import { compareVersions, parseKubeVersion } from '../support/version.js';
import type { KubeVersion } from '../types.js';

const key = (apiVersion: string, kind: string) => `${apiVersion} ${kind}`;
const GUIDE = 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/';

const EARLIER = new Map(EARLIER_DEPRECATIONS.flatMap(({ apiVersion, kinds, deprecatedIn }) => kinds.map((kind) => [key(apiVersion, kind), deprecatedIn] as const)));

/** A replacement "since 1.22" (the oldest release) may have been served earlier: the guide says when. */
function earlierSince(replacement: ApiReplacement, kind: string): ApiReplacement {
  if (replacement.since !== DERIVED_FROM.oldest) return replacement;
  const since = EARLIER_REPLACEMENTS[key(replacement.apiVersion, kind.replace(/List$/, ''))];
  return since ? { ...replacement, since } : replacement;
}

const BY_KEY = new Map<string, ApiLifecycleEntry>();
for (const entry of CURATED_API_LIFECYCLE) BY_KEY.set(key(entry.apiVersion, entry.kind), entry);
for (const derived of DERIVED_API_LIFECYCLE) {
  const entry = derived.replacements ? { ...derived, replacements: derived.replacements.map((r) => earlierSince(r, derived.kind)) } : derived;
  const earlier = entry.deprecatedIn === DERIVED_FROM.oldest ? EARLIER.get(key(entry.apiVersion, entry.kind.replace(/List$/, ''))) : undefined;
  BY_KEY.set(key(entry.apiVersion, entry.kind), earlier ? { ...entry, deprecatedIn: earlier, source: GUIDE } : entry);
}

/** The entry for an apiVersion and kind; a List kind without its own takes its item kind's. */
export function apiLifecycle(apiVersion: string, kind: string): ApiLifecycleEntry | undefined {
  const own = BY_KEY.get(key(apiVersion, kind));
  if (own || !kind.endsWith('List')) return own;
  const item = BY_KEY.get(key(apiVersion, kind.slice(0, -'List'.length)));
  return item ? { ...item, kind } : undefined;
}

/** Whether `version` serves `apiVersion` for `kind`, as far as the table knows. */
function serves(version: KubeVersion, replacement: ApiReplacement, kind: string): boolean {
  const since = parseKubeVersion(replacement.since);
  if (!since || compareVersions(version, since) < 0) return false;
  const removedIn = apiLifecycle(replacement.apiVersion, kind)?.removedIn;
  const removed = removedIn === undefined ? undefined : parseKubeVersion(removedIn);
  return !removed || compareVersions(version, removed) < 0;
}

/** The most stable replacement that every one of `versions` serves. */
export function replacementServedBy(entry: ApiLifecycleEntry, ...versions: KubeVersion[]): ApiReplacement | undefined {
  return entry.replacements?.find((replacement) => versions.every((version) => serves(version, replacement, entry.kind)));
}

export const API_LIFECYCLE: readonly ApiLifecycleEntry[] = [...BY_KEY.values()];
