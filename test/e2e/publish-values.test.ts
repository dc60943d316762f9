import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { chartforge } from '../src/cli.js';
import { helm, HELM_MAJORS } from '../src/helm.js';
import { MODEL_API_CHART, temporaryDir } from '../src/publish.js';

const CHART = 'test/fixtures/publish/model-api';

function valuesFiles(...texts: string[]): string[] {
  const dir = temporaryDir('chartforge-values-');
  return texts.map((text, i) => {
    const path = join(dir, `values-${i}.yaml`);
    writeFileSync(path, text);
    return path;
  });
}

// Values files whose verdict depends on exactly how Helm reads, merges and validates values.
const CORPUS: Array<[string, string[]]> = [
  ['a valid override', ['replicaCount: 3\nservice:\n  port: 443\n']],
  ['a string where an integer is wanted', ['replicaCount: "3"\n']],
  ['3.0, which JSON Schema counts as an integer', ['replicaCount: 3.0\n']],
  ['hex 0x1F90, an integer to YAML 1.1', ['service:\n  port: 0x1F90\n']],
  ['`yes`, a boolean to YAML 1.1, in a string enum', ['image:\n  pullPolicy: yes\n']],
  ['null deleting a required default', ['model: null\n']],
  ['null deleting an optional default', ['resources: null\n']],
  ['null for a key the chart lacks (kept, and not a string)', ['podLabels:\n  team: null\n']],
  ['a list replacing a list, with a wrong item type', ['model:\n  args: [1]\n']],
  ['an unknown top-level key', ['replicas: 2\n']],
  ['a key `y`, which Helm renames to "true"', ['y: 1\n']],
  ['a pattern violation', ['model:\n  name: Bad_Name\n']],
  ['a tag 1.10 that YAML reads as a number', ['image:\n  tag: 1.10\n']],
  ['the same tag quoted', ['image:\n  tag: "1.10"\n']],
  ['a later file fixing an earlier one', ['replicaCount: many\n', 'replicaCount: 2\n']],
  ['a later file breaking an earlier one', ['replicaCount: 2\n', 'replicaCount: many\n']],
  ['a later null removing a map an earlier file set', ['service:\n  port: 99\n', 'service: null\n']],
  ['a merge key filling a map', ['model:\n  <<: {name: merged, uri: "s3://bucket/m"}\n  name: own\n']],
  ['an alias of an invalid value', ['podLabels: &labels\n  team: [a]\n']],
];

describe('chartforge values check agrees with Helm', () => {
  it.each(CORPUS)('%s', (_name, texts) => {
    const files = valuesFiles(...texts);
    const ours = chartforge(['values', 'check', '-c', CHART, ...files]);
    expect([0, 1]).toContain(ours.status);
    for (const major of HELM_MAJORS) {
      const theirs = helm(major, ['template', 'release', MODEL_API_CHART, ...files.flatMap((f) => ['-f', f])]);
      const helmRejects = theirs.status !== 0;
      if (helmRejects) expect(theirs.stderr, `helm ${major}`).toMatch(/values don't meet the specifications of the schema/);
      expect(ours.status === 1, `helm ${major} ${helmRejects ? 'rejects' : 'accepts'}; chartforge said:\n${ours.stdout}`).toBe(helmRejects);
    }
  });
});

/**
 * A parent chart whose charts/ holds model-api twice: as a folder under the alias `api` (enabled by
 * `api.enabled`) and as a packaged archive (tag `batch`), each with a schema that allows `global`.
 */
function parentChart(): string {
  const parent = join(temporaryDir('chartforge-parent-'), 'platform');
  mkdirSync(join(parent, 'charts'), { recursive: true });
  mkdirSync(join(parent, 'templates'));
  writeFileSync(
    join(parent, 'Chart.yaml'),
    'apiVersion: v2\nname: platform\nversion: 0.1.0\ndependencies:\n  - name: model-api\n    version: 1.2.0\n    alias: api\n    condition: api.enabled\n  - name: batch-api\n    version: 1.2.0\n    tags: [batch]\n',
  );
  writeFileSync(join(parent, 'values.yaml'), 'global:\n  team: ml\napi:\n  enabled: true\ntags:\n  batch: true\n');
  const subchart = join(parent, 'charts', 'model-api');
  cpSync(MODEL_API_CHART, subchart, { recursive: true });
  const schema = JSON.parse(readFileSync(join(subchart, 'values.schema.json'), 'utf8'));
  schema.properties.global = { type: 'object' };
  schema.properties.enabled = { type: 'boolean' };
  writeFileSync(join(subchart, 'values.schema.json'), JSON.stringify(schema));
  const batch = join(temporaryDir(), 'batch-api');
  cpSync(subchart, batch, { recursive: true });
  writeFileSync(join(batch, 'Chart.yaml'), readFileSync(join(batch, 'Chart.yaml'), 'utf8').replace('name: model-api', 'name: batch-api'));
  expect(chartforge(['package', batch, '-d', join(parent, 'charts')]).status).toBe(0);
  return parent;
}

describe('chartforge values check agrees with Helm on subcharts (folder, archive, alias, condition, tags, globals)', () => {
  const parent = parentChart();
  it.each([
    ['valid values for both subcharts', 'api:\n  replicaCount: 2\nbatch-api:\n  replicaCount: 1\n'],
    ['a bad value for the aliased subchart', 'api:\n  replicaCount: many\n'],
    ['the same bad value with the subchart disabled by its condition', 'api:\n  enabled: false\n  replicaCount: many\n'],
    ['a bad value for the archived subchart', 'batch-api:\n  service:\n    port: 0\n'],
    ['the same with the subchart disabled by its tag', 'tags:\n  batch: false\nbatch-api:\n  service:\n    port: 0\n'],
    ['a null removing a subchart default', 'api:\n  model: null\n'],
  ])('%s', (_name, text) => {
    const [file] = valuesFiles(text);
    const ours = chartforge(['values', 'check', '-c', parent, file!]);
    for (const major of HELM_MAJORS) {
      const theirs = helm(major, ['template', 'release', parent, '-f', file!]);
      expect(ours.status === 1, `helm ${major}: ${theirs.stderr}\nchartforge: ${ours.stdout}${ours.stderr}`).toBe(theirs.status !== 0);
    }
  });

  it('reports a subchart error at the user’s file, with the path from the parent', () => {
    const [file] = valuesFiles('# prod\napi:\n  replicaCount: many\n');
    const result = chartforge(['values', 'check', '-c', parent, file!]);
    expect(result.stdout).toContain(`${file}:3:17: error: api.replicaCount: expected integer, got string "many" (schema of subchart model-api) [values-schema]`);
  });

  it('explains the global map Helm hands every subchart when the subchart schema forbids it', () => {
    const strict = parentChart();
    cpSync(MODEL_API_CHART + '/values.schema.json', join(strict, 'charts', 'model-api', 'values.schema.json'));
    const result = chartforge(['values', 'check', '-c', strict]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('api.global: unknown key');
    expect(result.stdout).toContain('Helm gives every subchart a "global" map, so its schema must allow one');
    expect(helm('v3', ['template', 'release', strict]).stderr).toMatch(/Additional property global is not allowed/);
  });
});

describe('chartforge values check output', () => {
  const [prod] = valuesFiles('# production\nreplicaCount: three\nimage:\n  pullPolicy: Sometimes\nmodel:\n  nmae: sentiment\n');

  it('text: every problem at file:line:column, exit 1', () => {
    const result = chartforge(['values', 'check', '-c', CHART, prod!]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      [
        `${prod}:2:15: error: replicaCount: expected integer, got string "three" [values-schema]`,
        `${prod}:4:15: error: image.pullPolicy: must be one of "Always", "IfNotPresent", "Never", got "Sometimes" [values-schema]`,
        `${prod}:6:3: error: model.nmae: unknown key (did you mean "name"?) [values-schema]`,
        `${prod}: 3 errors, 0 warnings`,
        '',
      ].join('\n'),
    );
  });

  it('github: workflow annotations', () => {
    const result = chartforge(['values', 'check', '-c', CHART, prod!, '--output', 'github']);
    expect(result.stdout.split('\n')[0]).toBe(`::error file=${prod},line=2,col=15,title=chartforge values-schema::replicaCount: expected integer, got string "three"`);
  });

  it('junit: a test suite per file, a failing test case per error', () => {
    const junit = chartforge(['values', 'check', '-c', CHART, prod!, '-o', 'junit']);
    expect(junit.status).toBe(1);
    expect(XMLValidator.validate(junit.stdout)).toBe(true);
    expect(junit.stdout).toContain('<testsuites name="chartforge values check" tests="3" failures="3" errors="0">');
    expect(junit.stdout.match(/<testcase classname="[^"]*" name="[^"]*">\n {6}<failure /g)).toHaveLength(3);
    expect(junit.stdout).toContain(`<testcase classname="${prod}" name="6:3 values-schema">`);
  });

  it('tap: a test point per file, not ok with its findings when it has errors', () => {
    const [clean] = valuesFiles('service:\n  port: 443\n');
    const tap = chartforge(['values', 'check', '-c', CHART, prod!, clean!, '-o', 'tap']);
    expect(tap.status).toBe(1);
    const lines = tap.stdout.split('\n');
    expect(lines.slice(0, 10)).toEqual(['TAP version 13', '1..2', `not ok 1 - ${prod}`, '  ---', '  findings:', '    - message: "replicaCount: expected integer, got string \\"three\\""', '      severity: error', '      rule: "values-schema"', '      line: 2', '      column: 15']);
    expect(lines.slice(-3)).toEqual(['  ...', `ok 2 - ${clean}`, '']);
  });

  it('sarif and json parse back with the same positions', () => {
    const sarif = JSON.parse(chartforge(['values', 'check', '-c', CHART, prod!, '-o', 'sarif']).stdout);
    expect(sarif.runs[0].results.map((r: { locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number } } }> }) => r.locations[0]!.physicalLocation.region)).toEqual([
      { startLine: 2, startColumn: 15 },
      { startLine: 4, startColumn: 15 },
      { startLine: 6, startColumn: 3 },
    ]);
    expect(sarif.runs[0].results[2].partialFingerprints).toEqual({ 'findingPath/v1': `${prod}|values-schema|model.nmae` });
    const json = JSON.parse(chartforge(['values', 'check', '-c', CHART, prod!, '-o', 'json']).stdout);
    expect(json.summary).toEqual({ errors: 3, warnings: 0, infos: 0 });
    expect(json.findings[2]).toMatchObject({ file: prod, line: 6, column: 3, path: 'model.nmae', rule: 'values-schema' });
  });

  it('checks the chart’s own values.yaml without files, and each file alone with --each', () => {
    expect(chartforge(['values', 'check', '-c', CHART]).stdout).toBe(`${CHART}/values.yaml: no problems\n`);
    const [fixes, breaks] = valuesFiles('replicaCount: 2\n', 'service:\n  port: 0\n');
    expect(chartforge(['values', 'check', '-c', CHART, prod!, fixes!]).status).toBe(1);
    const each = chartforge(['values', 'check', '-c', CHART, '--each', fixes!, breaks!]);
    expect(each.status).toBe(1);
    expect(each.stdout).toContain(`${breaks}:2:9: error: service.port: must be >= 1, got 0`);
  });

  it('reports YAML errors and usage errors without a stack trace', () => {
    const [broken] = valuesFiles('model: [unclosed\n');
    const yaml = chartforge(['values', 'check', '-c', CHART, broken!]);
    expect(yaml.status).toBe(1);
    expect(yaml.stdout).toMatch(new RegExp(`^${broken}:2:1: error: invalid YAML: `));
    const missing = chartforge(['values', 'check', '-c', CHART, 'no-such-values.yaml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('chartforge values check: values file no-such-values.yaml does not exist\n');
    expect(chartforge(['values', 'check', prod!]).stderr).toBe('chartforge values check: missing --chart CHART_DIR\n');
    expect(chartforge(['values', 'check', '-c', CHART, '-o', 'xml']).status).toBe(2);
  });
});
