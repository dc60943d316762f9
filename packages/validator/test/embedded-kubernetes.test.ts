// The embedded Kubernetes definitions are what scripts/embed-kubernetes-schemas.mjs derives from the
// `k8s.io/kubernetes` Go module of each pinned release. The file records each release's module
// checksum and the sha256 of the files read; this test fetches the oldest and the newest release
// through the Go module proxy (`go mod download`, cached in Go's module cache) and re-derives them.
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_KUBERNETES_RELEASES, embeddedDefinitions, embeddedDefinitionsFile, embeddedRelease } from '../src/index.js';
import { renderEmbeddedStore } from '../src/schema/embedded-store.js';
import { embeddedStore } from '../src/schema/embedded.js';
import { downloadRelease } from '../src/schema/upstream.js';

const plain = (version: string) => JSON.parse(JSON.stringify(embeddedDefinitions(embeddedRelease(version)!).document.root.definitions)) as Record<string, unknown>;

describe('embedded Kubernetes definitions', () => {
  it('hold exactly the pinned releases, within the size budget', () => {
    expect(embeddedStore().header.releases.map((r) => r.version)).toEqual([...EMBEDDED_KUBERNETES_RELEASES]);
    expect(statSync(embeddedDefinitionsFile()).size).toBeLessThan(3 * 1024 * 1024);
  });

  it('are stored deduplicated: each distinct definition once, and the file is its own canonical form', () => {
    const text = readFileSync(embeddedDefinitionsFile(), 'utf8');
    const definitionsOf = new Map(EMBEDDED_KUBERNETES_RELEASES.map((version) => [version, plain(version) as Record<string, Record<string, unknown>>]));
    expect(renderEmbeddedStore(embeddedStore().header, definitionsOf)).toBe(text);
    const stored = text.split('\n').length - 2;
    const total = [...definitionsOf.values()].reduce((n, d) => n + Object.keys(d).length, 0);
    expect(stored).toBeLessThan(total / 5);
  });

  it.each([EMBEDDED_KUBERNETES_RELEASES[0], EMBEDDED_KUBERNETES_RELEASES.at(-1)!])('re-derive %s from its Go module', { timeout: 180_000 }, (version) => {
    const downloaded = downloadRelease(version);
    expect(downloaded.release).toEqual(embeddedRelease(version));
    expect(plain(version)).toEqual(JSON.parse(JSON.stringify(downloaded.definitions)));
  });
});
