import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { EMBEDDED_KUBERNETES_RELEASES, embeddedDefinitions, embeddedRelease } from '../src/index.js';
import type { JsonPath, SourcePosition } from '../src/types.js';
import { yamlPositions } from '../src/yaml/documents.js';

export const V135 = { kubernetesVersion: '1.35.0' } as const;

/** One embedded release's definitions as the upstream `{definitions}` document. */
export function upstreamDefinitions(version: string): { definitions: Record<string, unknown> } {
  const release = embeddedRelease(version);
  if (!release) throw new Error(`no embedded release for ${version}`);
  return JSON.parse(JSON.stringify(embeddedDefinitions(release).document.root)) as { definitions: Record<string, unknown> };
}

let definitionsDirectory: string | undefined;

/** A directory of `vX.Y.Z.definitions.json.gz` files, one per embedded release, written once per run. */
export function upstreamDefinitionsDirectory(): string {
  if (!definitionsDirectory) {
    definitionsDirectory = mkdtempSync(join(tmpdir(), 'chartforge-definitions-'));
    for (const version of EMBEDDED_KUBERNETES_RELEASES) {
      writeFileSync(join(definitionsDirectory, `${version}.definitions.json.gz`), gzipSync(JSON.stringify(upstreamDefinitions(version))));
    }
  }
  return definitionsDirectory;
}

/** Drops the shared indentation of a template literal so manifests can be written inline. */
export function yaml(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** A CustomResourceDefinition for `example.com/v1` Widgets (spec.size 1–10 required, spec.colour red|green). */
export const widgetCrd = yaml(`
  apiVersion: apiextensions.k8s.io/v1
  kind: CustomResourceDefinition
  metadata: {name: widgets.example.com}
  spec:
    group: example.com
    names: {kind: Widget, plural: widgets}
    scope: Namespaced
    versions:
      - name: v1
        served: true
        storage: true
        schema:
          openAPIV3Schema:
            type: object
            properties:
              spec:
                type: object
                required: [size]
                properties:
                  size: {type: integer, minimum: 1, maximum: 10}
                  colour: {type: string, enum: [red, green]}
                  extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
      - name: v1alpha1
        served: false
        storage: false
        schema: {openAPIV3Schema: {type: object}}
`);

/**
 * Holds the block parser's positions (`located`, from blockYamlPositions(text)) to the yaml
 * package's: the key and the value at each of `paths`. `label` leads each compared entry.
 */
export function expectYamlPositions(located: { locate(path: JsonPath, key: boolean): SourcePosition }, text: string, paths: readonly JsonPath[], label: readonly string[] = []): void {
  const reference = yamlPositions(text);
  for (const path of paths) {
    for (const key of [false, true]) expect([...label, path, key, located.locate(path, key)]).toEqual([...label, path, key, reference.locate(path, key)]);
  }
}
