import type { KubeVersion } from '../types.js';

/** Parses `1.30`, `v1.30`, `1.30.2` or `v1.30.0`; undefined when it is not a version. */
export function parseKubeVersion(text: string): KubeVersion | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

export function compareVersions(a: KubeVersion, b: KubeVersion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

export function formatVersion(version: KubeVersion): string {
  return `${version.major}.${version.minor}`;
}

/** True when `version` is `since` or later; `since` written as `1.29`. */
const literals = new Map<string, KubeVersion>();

export function atLeast(version: KubeVersion, since: string): boolean {
  let parsed = literals.get(since);
  if (!parsed) {
    parsed = parseKubeVersion(since);
    if (!parsed) throw new Error(`bad version literal ${since}`);
    literals.set(since, parsed);
  }
  return compareVersions(version, parsed) >= 0;
}
