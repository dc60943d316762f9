// The API lifecycle table the rules consult: derived facts from the schemas plus curated older ones.
import { CURATED_API_LIFECYCLE } from './curated.js';
import { DERIVED_API_LIFECYCLE } from './derived-table.js';
import type { ApiLifecycleEntry } from './types.js';

const BY_KEY = new Map<string, ApiLifecycleEntry>();
for (const entry of [...CURATED_API_LIFECYCLE, ...DERIVED_API_LIFECYCLE]) BY_KEY.set(`${entry.apiVersion} ${entry.kind}`, entry);

export function apiLifecycle(apiVersion: string, kind: string): ApiLifecycleEntry | undefined {
  return BY_KEY.get(`${apiVersion} ${kind}`);
}

export const API_LIFECYCLE: readonly ApiLifecycleEntry[] = [...BY_KEY.values()];
