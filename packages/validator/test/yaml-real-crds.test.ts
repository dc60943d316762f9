// The YAML paths on real data: every CRD file the pinned projects ship (Kueue, JobSet, KServe,
// cert-manager …, read from their Go modules by scripts/embed-crds.mjs) takes the block parser,
// the fast path, and it reads each exactly as js-yaml does, with positions where the yaml package
// puts them. controller-gen folds descriptions over lines in every quoting style; when the block
// parser gave up on them, real charts cost chartforge 6.5× kube-score's time.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jsyaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { blockYamlPositions, parseBlockYaml } from '../src/yaml/block.js';
import { kubernetesYamlSchema } from '../src/yaml/fast.js';
import { expectYamlPositions } from './helpers.js';

type Path = Array<string | number>;
interface CrdSource {
  source: { project: string };
  files: Array<[string, string]>;
}

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
let documents: Array<{ name: string; text: string }> = [];

beforeAll(async () => {
  const script = (await import(pathToFileURL(join(packageRoot, 'scripts', 'embed-crds.mjs')).href)) as { crdSourceFiles(): CrdSource[] };
  documents = script.crdSourceFiles().flatMap(({ source, files }) =>
    files.flatMap(([name, text]) =>
      text
        .split(/^---[ \t]*$/m)
        .filter((document) => document.trim() !== '')
        .map((document, index) => ({ name: `${source.project} ${name} #${index}`, text: document })),
    ),
  );
}, 300_000);

/** Every path of `data` down to `depth` levels. */
function pathsOf(data: unknown, depth: number, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (depth === 0 || data === null || typeof data !== 'object') return out;
  const entries: Array<[string | number, unknown]> = Array.isArray(data) ? data.map((item, i) => [i, item]) : Object.entries(data);
  for (const [key, value] of entries) out.push(...pathsOf(value, depth - 1, [...prefix, key]));
  return out;
}

describe('the CRDs of the pinned projects', () => {
  it('are all read by the block parser, as js-yaml reads them', () => {
    expect(documents.length).toBeGreaterThan(80);
    for (const { name, text } of documents) {
      const block = parseBlockYaml(text);
      expect(block, `${name}: the block parser gave up`).toBeDefined();
      expect(block!.value, name).toEqual(jsyaml.load(text, { schema: kubernetesYamlSchema() }));
    }
  });

  it('with every key and value down to the CRD schemas where the yaml package places it', () => {
    for (const { name, text } of documents) expectYamlPositions(blockYamlPositions(text)!, text, pathsOf(parseBlockYaml(text)!.value, 9), [name]);
  }, 120_000);
});
