// Test-only stand-in for the validator's YAML reader until the core parser is merged.
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { JsonPath, Resource } from '../../src/types.js';

export function parseManifests(text: string, file = 'test.yaml'): Resource[] {
  const lineCounter = new LineCounter();
  const resources: Resource[] = [];
  parseAllDocuments(text, { lineCounter }).forEach((document, documentIndex) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
    const object = document.toJS() as Record<string, unknown> | null;
    if (!object || typeof object !== 'object') return;
    const metadata = (object.metadata ?? {}) as Record<string, unknown>;
    resources.push({
      object,
      file,
      documentIndex,
      apiVersion: String(object.apiVersion ?? ''),
      kind: String(object.kind ?? ''),
      name: String(metadata.name ?? ''),
      ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
      locate(path: JsonPath) {
        let node = document.contents as Node | null;
        for (const step of path) {
          const next = isMap(node) ? (node.get(step, true) as Node | undefined) : isSeq(node) ? (node.get(step as number, true) as Node | undefined) : undefined;
          if (!next) break;
          node = next;
        }
        const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
        return { line, column: col };
      },
    });
  });
  return resources;
}

export function parseManifestFile(path: string): Resource[] {
  return parseManifests(readFileSync(path, 'utf8'), path);
}
