import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkKindValues, defaultSpec, formatSpecError, kinds, loadSpec, mergeValues, serving, type SchemaNode, type Values } from '@chartforge/kinds';
import { isMap, isScalar, LineCounter, parse, parseDocument, type Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { chartDataFile } from '../src/chart-data.js';
import { generateChart, writeChart, WriteRefusedError } from '../src/index.js';

function specOf(text: string) {
  const result = loadSpec(serving, text, 'spec.yaml');
  if (!result.ok) throw new Error(result.errors.map(formatSpecError).join('\n'));
  return result.spec;
}

describe('generateChart', () => {
  it('is deterministic: the same spec gives byte-identical files in a stable order', () => {
    const first = generateChart(defaultSpec(serving));
    const second = generateChart(defaultSpec(serving));
    expect([...second.entries()]).toEqual([...first.entries()]);
    expect([...first.keys()]).toEqual([...first.keys()].sort());
  });

  it('takes the chart defaults from the spec', () => {
    const files = generateChart(specOf('chart:\n  name: my-model\n  version: 1.2.3\nreplicaCount: 3\nruntime:\n  preset: triton\n'));
    expect(files.get('Chart.yaml')).toContain('name: "my-model"\n');
    expect(files.get('Chart.yaml')).toContain('version: "1.2.3"\n');
    expect(files.get('values.yaml')).toContain('replicaCount: 3\n');
    expect(files.get('values.yaml')).toContain('  preset: "triton"\n');
    expect(files.get('templates/_helpers.tpl')).toContain('{{- define "my-model.fullname" -}}');
  });

  it('names every define after the chart and writes the data the templates read into templates/_generated.tpl', () => {
    const files = generateChart(specOf('chart:\n  name: my-model\n'));
    expect([...files].filter(([, text]) => text.includes('<CHARTNAME>')).map(([path]) => path)).toEqual([]);
    const data = files.get('templates/_generated.tpl')!;
    expect(data).toContain('{{- define "my-model.kind" -}}\nserving\n{{- end }}\n');
    const presets = /define "my-model\.runtimePresets" -}}\n(.*)\n/.exec(data)?.[1];
    expect(Object.keys(JSON.parse(presets!))).toContain('vllm');
    expect(files.get('templates/_runtime.tpl')).toContain('include "my-model.runtimePresets" . | fromJson');
  });

  it('writes chart data so that no string in it can open a template action', () => {
    const value = { note: 'a {{ .Release.Name }} b', list: [{ x: 1 }] };
    const file = chartDataFile('c', [{ name: 'table', about: 'A table.', value }]);
    const body = /-}}\n(.*)\n\{\{- end/.exec(file)?.[1];
    expect(body).not.toContain('{{');
    expect(JSON.parse(body!)).toEqual(value);
    expect(() => chartDataFile('c', [{ name: 'kind', about: 'A word.', value: 'serving {{ x }}' }])).toThrow(/a word of lower-case letters/);
  });

  it("writes Chart.yaml's annotations once each: the spec's value replaces chartforge's default for its key", () => {
    const files = generateChart(
      specOf(
        'chart:\n  icon: https://example.com/icon.svg\n  annotations:\n    artifacthub.io/category: monitoring-logging\n    artifacthub.io/changes: "- added a preset"\n',
      ),
    );
    const chartYaml = files.get('Chart.yaml')!;
    // yaml's parse refuses a map with a key twice: the file helm, Artifact Hub and ct's yamllint read.
    const chart = parse(chartYaml) as { icon: string; annotations: Record<string, string> };
    expect(chart.icon).toBe('https://example.com/icon.svg');
    expect(chart.annotations['artifacthub.io/category']).toBe('monitoring-logging');
    expect(chart.annotations['artifacthub.io/changes']).toBe('- added a preset');
    expect(chart.annotations['artifacthub.io/license']).toBe('Apache-2.0');
    expect(chartYaml.match(/artifacthub\.io\/category/g)).toHaveLength(1);
    expect(Object.keys(chart.annotations)).toEqual(['artifacthub.io/category', 'artifacthub.io/license', 'artifacthub.io/images', 'chartforge.dev/kind', 'artifacthub.io/changes']);
  });

  it('refuses chart metadata that is not a URL where Chart.yaml wants one, and the annotations chartforge computes', () => {
    const result = loadSpec(serving, 'chart:\n  home: github.com/acme\n  sources: [ftp://acme]\n  annotations:\n    chartforge.dev/kind: training\n', 'spec.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatSpecError)).toEqual([
      'spec.yaml:2:9 chart.home: must be an http(s) URL, or "" for none; got "github.com/acme"',
      'spec.yaml:3:13 chart.sources[0]: must be an http(s) URL; got "ftp://acme"',
      'spec.yaml:5:5 chart.annotations["chartforge.dev/kind"]: is computed by chartforge from the spec; remove it',
    ]);
  });

  it('documents every key of values.yaml in the helm-docs dialect, blocks with a plain comment', () => {
    const valuesYaml = generateChart(defaultSpec(serving)).get('values.yaml')!;
    expect(valuesYaml.split('\n')[0]).toBe('# yaml-language-server: $schema=values.schema.json');
    let documented = 0;
    const lines = valuesYaml.split('\n');
    const lineCounter = new LineCounter();
    const check = (map: unknown, node: SchemaNode<unknown>, path: string) => {
      if (!isMap(map)) return;
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
        expect(pair, `${path}${key} missing from values.yaml`).toBeDefined();
        const keyLine = lineCounter.linePos((pair!.key as Scalar).range![0]).line;
        // A block of documented keys has a plain comment: helm-docs lists its keys, not the block.
        const marker = child.properties && isMap(pair!.value) && pair!.value.items.length > 0 ? '#' : '# --';
        // A value of several types names them first, as helm-docs reads it: `# -- (int or string) …`.
        const comment = lines[keyLine - 2]!.trim().replace(/^# -- \([^)]*\)/, '# --');
        expect(comment.startsWith(`${marker} ${child.schema.description}`), `${path}${key} undocumented`).toBe(true);
        documented++;
        if (child.properties) check(pair!.value, child, `${path}${key}.`);
      }
    };
    check(parseDocument(valuesYaml, { lineCounter }).contents, serving.values, '');
    expect(documented).toBeGreaterThan(100);
  });

  // helm-docs' own pattern for a description comment (pkg/helm/chart_info.go): what comes before
  // the last whitespace + "--" is read as an explicit key, so it must always be empty here.
  const HELM_DOCS_DESCRIPTION = /^\s*#\s*(.*)\s+--\s*(.*)$/;

  it.each(Object.keys(kinds))('%s: every values.yaml description reads to helm-docs as the next key\'s (item 16: plan.helmTimeoutSeconds mentions --timeout)', (name) => {
    const valuesYaml = generateChart(defaultSpec(kinds[name as keyof typeof kinds]!)).get('values.yaml')!;
    const comments = valuesYaml.split('\n').filter((line) => /^\s*# -- /.test(line));
    expect(comments.length).toBeGreaterThan(20);
    for (const line of comments) expect(HELM_DOCS_DESCRIPTION.exec(line)?.[1], line).toBe('');
    if (name === 'migration') expect(valuesYaml).toContain('# -- The helm `--timeout` you deploy with');
  });

  it('keeps every ci/ values file valid over a spec it clashes with', () => {
    const spec = specOf('model:\n  path: /opt/model\n  source:\n    type: image\nimage:\n  repository: registry.example.com/server\n  tag: "1.0"\n');
    const files = generateChart(spec);
    const ciFiles = [...files.keys()].filter((path) => path.startsWith('ci/') && path.endsWith('-values.yaml'));
    expect(ciFiles.length).toBeGreaterThan(3);
    for (const path of ciFiles) {
      const merged = mergeValues(spec.values as Values, parse(files.get(path)!) as Values);
      expect(checkKindValues(serving, merged), path).toEqual([]);
    }
    // The triton overlay asks for a model repository on a volume, so it brings the default source.
    expect(parse(files.get('ci/triton-values.yaml')!).model.source.type).toBe('pvc');
  });

  it('writes a draft-07 values.schema.json', () => {
    const schema = JSON.parse(generateChart(defaultSpec(serving)).get('values.schema.json')!);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.global).toBeDefined();
  });
});

describe('writeChart', () => {
  const files = generateChart(defaultSpec(serving));

  it('writes every file and replaces its own earlier output', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cf-write-')), 'chart');
    writeChart(files, out);
    writeChart(files, out);
    expect(readFileSync(join(out, 'values.yaml'), 'utf8')).toBe(files.get('values.yaml'));
    expect(readdirSync(join(out, 'templates')).length).toBeGreaterThan(5);
  });

  it('refuses a directory it did not generate, forced or not, and leaves it untouched', () => {
    const out = mkdtempSync(join(tmpdir(), 'cf-foreign-'));
    writeFileSync(join(out, 'notes.txt'), 'mine');
    expect(() => writeChart(files, out)).toThrow(WriteRefusedError);
    expect(() => writeChart(files, out, { force: true })).toThrow(/never replaces it, even with --force/);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(out, 'Chart.yaml'))).toBe(false);
  });

  it('refuses to drop files a user added to a generated chart', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cf-extra-')), 'chart');
    writeChart(files, out);
    mkdirSync(join(out, 'templates', 'extra'), { recursive: true });
    writeFileSync(join(out, 'templates', 'extra', 'cm.yaml'), 'kind: ConfigMap');
    expect(() => writeChart(files, out)).toThrow(/templates\/extra\/cm\.yaml/);
    expect(existsSync(join(out, 'templates', 'extra', 'cm.yaml'))).toBe(true);
  });
});
