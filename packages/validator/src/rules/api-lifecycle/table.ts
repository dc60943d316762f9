// The API lifecycle table the rules consult: derived facts from the schemas plus curated older ones.
import { CURATED_API_LIFECYCLE, EARLIER_DEPRECATIONS } from './curated.js';
import { DERIVED_API_LIFECYCLE, DERIVED_FROM } from './derived-table.js';
import type { ApiLifecycleEntry } from './types.js';

const key = (apiVersion: string, kind: string) => `${apiVersion} ${kind}`;

const EARLIER = new Map(EARLIER_DEPRECATIONS.flatMap(({ apiVersion, kinds, deprecatedIn }) => kinds.map((kind) => [key(apiVersion, kind), deprecatedIn] as const)));

const BY_KEY = new Map<string, ApiLifecycleEntry>();
for (const entry of CURATED_API_LIFECYCLE) BY_KEY.set(key(entry.apiVersion, entry.kind), entry);
for (const entry of DERIVED_API_LIFECYCLE) {
  const earlier = entry.deprecatedIn === DERIVED_FROM.oldest ? EARLIER.get(key(entry.apiVersion, entry.kind)) : undefined;
  BY_KEY.set(key(entry.apiVersion, entry.kind), earlier ? { ...entry, deprecatedIn: earlier, source: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/' } : entry);
}

export function apiLifecycle(apiVersion: string, kind: string): ApiLifecycleEntry | undefined {
  return BY_KEY.get(key(apiVersion, kind));
}

export const API_LIFECYCLE: readonly ApiLifecycleEntry[] = [...BY_KEY.values()];
