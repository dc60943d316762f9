// Issue #16 item 15: the chart, the generator and the Artifact Hub `artifacthub.io/images`
// annotation compute an image reference the same way (registry, then digest or tag), and the
// annotation lists every image the chart may run, every runtime preset's included.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateChart, writeChart } from '@chartforge/generator';
import { formatSpecError, kinds, loadSpec, RUNTIME_PRESET_NAMES, type KindName } from '@chartforge/kinds';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { chartDir } from '../src/charts.js';
import { HELM_MAJORS, helmTemplate } from '../src/helm.js';
import { renderedPods, type Json } from '../src/pods.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const scratch = mkdtempSync(join(tmpdir(), 'chartforge-images-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function annotatedImages(dir: string): string[] {
  const chart = parse(readFileSync(join(dir, 'Chart.yaml'), 'utf8')) as { annotations: Record<string, string> };
  return (parse(chart.annotations['artifacthub.io/images']!) as { image: string }[]).map((entry) => entry.image);
}

function imagesRun(rendered: string): string[] {
  return renderedPods(rendered).flatMap((pod) => [...((pod.spec.initContainers as Json[]) ?? []), ...(pod.spec.containers as Json[])].map((c) => String(c.image)));
}

function generated(kind: KindName, values: Json): string {
  const loaded = loadSpec(kinds[kind]!, stringify(values), `${kind}.yaml`);
  if (!loaded.ok) throw new Error(loaded.errors.map(formatSpecError).join('\n'));
  const dir = join(scratch, kind);
  writeChart(generateChart(loaded.spec), dir);
  return dir;
}

const REGISTRY_AND_DIGEST: [KindName, Json, string, string[]][] = [
  ['serving', { image: { registry: 'registry.example.com/', repository: 'ml/server', tag: '', digest: DIGEST } }, `registry.example.com/ml/server@${DIGEST}`, []],
  ['training', { image: { registry: 'registry.example.com', repository: 'ml/trainer', digest: DIGEST } }, `registry.example.com/ml/trainer@${DIGEST}`, []],
  ['migration', { images: { rsync: { registry: 'registry.example.com', repository: 'ml/rsync', digest: DIGEST } } }, `registry.example.com/ml/rsync@${DIGEST}`, ['-f', 'ci/files-values.yaml']],
];

describe('item 15: one image reference for chart, generator and Artifact Hub', () => {
  it.each(REGISTRY_AND_DIGEST)('%s: a spec with a registry and a digest runs and annotates the same reference', (kind, values, expected, args) => {
    const dir = generated(kind, values);
    expect(annotatedImages(dir)).toContain(expected);
    for (const major of HELM_MAJORS) {
      const ran = imagesRun(helmTemplate(major, dir, args.map((arg) => (arg.startsWith('ci/') ? join(dir, arg) : arg))));
      expect(ran).toContain(expected);
      for (const image of ran) expect(annotatedImages(dir), `helm ${major} runs ${image}`).toContain(image);
    }
  });

  describe.each(HELM_MAJORS)('helm %s', (major) => {
    it.each(RUNTIME_PRESET_NAMES.filter((name) => name !== 'custom'))('charts/serving lists every image the %s preset runs, with and without GPUs', (preset) => {
      const dir = chartDir('serving');
      const uri = ['--set', 'model.source.type=uri', '--set', 'model.source.uri.location=s3://models/opt'];
      for (const gpus of ['0', '1']) {
        const ran = imagesRun(helmTemplate(major, dir, ['--set', `runtime.preset=${preset}`, '--set', `gpu.count=${gpus}`, ...uri]));
        for (const image of ran) expect(annotatedImages(dir), `${preset} with ${gpus} GPU runs ${image}`).toContain(image);
      }
    });
  });
});
