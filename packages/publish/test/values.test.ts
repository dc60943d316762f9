import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkValues, coalesceWithDefaults, mergeUserValues, parseValues, toPlain } from '../src/index.js';
import type { TrackedMap } from '../src/values-yaml.js';

function parsed(text: string, file = 'v.yaml'): TrackedMap {
  const result = parseValues(file, text);
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return result.root;
}

function chart(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'chartforge-values-'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const SCHEMA = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['replicas', 'image'],
  properties: {
    replicas: { type: 'integer', minimum: 1 },
    image: {
      type: 'object',
      additionalProperties: false,
      required: ['repository', 'pullPolicy'],
      properties: { repository: { type: 'string' }, tag: { type: 'string' }, pullPolicy: { enum: ['Always', 'IfNotPresent'] } },
    },
    email: { type: 'string', format: 'email' },
    args: { type: 'array', items: { type: 'string' } },
    debug: { type: 'boolean' },
  },
});
const DEFAULTS = 'replicas: 1\nimage:\n  repository: nginx\n  pullPolicy: IfNotPresent\nargs: [a, b]\n';

describe('reading values as Helm does (YAML 1.1 via go-yaml v2)', () => {
  it('reads YAML 1.1 booleans and numbers, keeps sexagesimals and timestamps as strings', () => {
    const root = parsed('a: yes\nb: off\nc: y\nd: 0777\ne: 0x1F\nf: 1_000\ng: 1:30\nh: 2024-01-01\ni: ~\nj: "yes"\n');
    expect(toPlain(root)).toEqual({ a: true, b: false, c: true, d: 511, e: 31, f: 1000, g: '1:30', h: '2024-01-01', i: null, j: 'yes' });
  });

  it('resolves anchors and merge keys, explicit keys winning over merged ones', () => {
    const root = parsed('base: &b {x: 1, z: 2}\nchild:\n  <<: *b\n  z: 3\n');
    expect(toPlain(root)).toEqual({ base: { x: 1, z: 2 }, child: { x: 1, z: 3 } });
  });

  it('keeps the last of duplicate keys, with a warning at the duplicate', () => {
    const result = parseValues('d.yaml', 'a: 1\na: 2\n');
    expect(toPlain(result.root)).toEqual({ a: 2 });
    expect(result.findings).toEqual([expect.objectContaining({ file: 'd.yaml', line: 2, column: 1, severity: 'warning' })]);
  });

  it('reports a syntax error with its position and a non-map file as an error', () => {
    expect(parseValues('s.yaml', 'a: [1, 2\n').findings[0]).toMatchObject({ file: 's.yaml', line: 2, column: 1, severity: 'error', rule: 'values-yaml' });
    expect(parseValues('l.yaml', '- 1\n- 2\n').findings[0]).toMatchObject({ line: 1, column: 1, message: expect.stringContaining('must be a map') });
  });

  it('renames keys that YAML 1.1 reads as booleans, as Helm does, and warns about it', () => {
    const result = parseValues('k.yaml', 'base:\n  x: 1\n  y: 2\n  "on": 3\n  off: 4\n');
    expect(toPlain(result.root)).toEqual({ base: { x: 1, true: 2, on: 3, false: 4 } });
    expect(result.findings.map((f) => [f.line, f.column, f.severity])).toEqual([
      [3, 3, 'warning'],
      [5, 3, 'warning'],
    ]);
  });

  it('treats an empty or comment-only file as no values', () => {
    expect(toPlain(parsed(''))).toEqual({});
    expect(toPlain(parsed('# nothing\n'))).toEqual({});
  });

  it('refuses an alias bomb instead of expanding it', { timeout: 30_000 }, () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const result = parseValues('bomb.yaml', `${lines.join('\n')}\n`);
    expect(result.findings[0]?.message).toMatch(/aliases expand this to \d+ nodes, more than the limit of \d+ .*CHARTFORGE_MAX_YAML_NODES/);
  });
});

describe('merging like helm -f a -f b, then coalescing with values.yaml', () => {
  it('merges maps, replaces lists and keeps nulls between user files', () => {
    const merged = mergeUserValues(parsed('m: {a: 1, b: 2}\nl: [1, 2]\n', 'a.yaml'), parsed('m: {b: null, c: 3}\nl: [9]\n', 'b.yaml'));
    expect(toPlain(merged)).toEqual({ m: { a: 1, b: null, c: 3 }, l: [9] });
  });

  it('deletes a chart default with a user null, keeps nulls for keys the chart lacks', () => {
    const defaults = parsed('keep: {x: 1, y: 2}\ngone: {x: 1}\nnullDefault: null\n');
    const user = parsed('keep: {y: null}\ngone: null\nnewNull: null\n');
    expect(toPlain(coalesceWithDefaults(user, defaults))).toEqual({ keep: { x: 1 }, nullDefault: null, newNull: null });
  });

  it('lets a user scalar replace a default map and a user map replace a default scalar', () => {
    expect(toPlain(coalesceWithDefaults(parsed('a: 1\nb: {x: 1}\n'), parsed('a: {x: 1}\nb: 2\n')))).toEqual({ a: 1, b: { x: 1 } });
  });
});

describe('checkValues', () => {
  it('accepts valid values and returns what Helm renders with', () => {
    const dir = chart({ 'values.yaml': DEFAULTS, 'values.schema.json': SCHEMA });
    const result = checkValues({ chartDir: dir, valuesFiles: [{ path: 'prod.yaml', text: 'replicas: 3\nimage: {tag: "1.2"}\n' }] });
    expect(result.findings).toEqual([]);
    expect(result.values).toEqual({ replicas: 3, image: { repository: 'nginx', pullPolicy: 'IfNotPresent', tag: '1.2' }, args: ['a', 'b'] });
  });

  it('reports each violation at the file, line and column that caused it', () => {
    const dir = chart({ 'values.yaml': DEFAULTS, 'values.schema.json': SCHEMA });
    const prod = 'replicas: "3"\nimage:\n  pullPolicy: Sometimes\n  repositroy: x\nemail: nobody\ndebug: yes\n';
    const result = checkValues({ chartDir: dir, chartDisplayDir: 'chart', valuesFiles: [{ path: 'prod.yaml', text: prod }] });
    expect(result.findings.map((f) => [f.file, f.line, f.column, f.path, f.message])).toEqual([
      ['prod.yaml', 1, 11, 'replicas', 'replicas: expected integer, got string "3"'],
      ['prod.yaml', 3, 15, 'image.pullPolicy', 'image.pullPolicy: must be one of "Always", "IfNotPresent", got "Sometimes"'],
      ['prod.yaml', 4, 3, 'image.repositroy', 'image.repositroy: unknown key (did you mean "repository"?)'],
      ['prod.yaml', 5, 8, 'email', 'email: "nobody" is not a valid email'],
    ]);
  });

  it('blames the later file that overrides a value, and the null that removed a required default', () => {
    const dir = chart({ 'values.yaml': DEFAULTS, 'values.schema.json': SCHEMA });
    const result = checkValues({
      chartDir: dir,
      valuesFiles: [
        { path: 'base.yaml', text: 'replicas: 2\n' },
        { path: 'prod.yaml', text: '# prod\nreplicas: 0\nimage:\n  repository: null\n' },
      ],
    });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
      'prod.yaml:2:11 replicas: must be >= 1, got 0',
      'prod.yaml:4:15 image.repository: missing required value (this null removed the chart default)',
    ]);
  });

  it('reports errors in the chart defaults at values.yaml', () => {
    const dir = chart({ 'values.yaml': 'replicas: 0\nimage: {repository: x, pullPolicy: Always}\n', 'values.schema.json': SCHEMA });
    const result = checkValues({ chartDir: dir, chartDisplayDir: 'charts/demo', valuesFiles: [] });
    expect(result.findings).toEqual([expect.objectContaining({ file: join('charts/demo', 'values.yaml'), line: 1, column: 11 })]);
  });

  it('points at a broken schema instead of crashing, and validates nothing without one', () => {
    const broken = chart({ 'values.yaml': DEFAULTS, 'values.schema.json': '{\n  "type": "object",\n  oops\n}' });
    const result = checkValues({ chartDir: broken, chartDisplayDir: 'c', valuesFiles: [] });
    expect(result.findings).toEqual([expect.objectContaining({ file: join('c', 'values.schema.json'), line: 3, rule: 'values-schema-invalid' })]);
    const none = checkValues({ chartDir: chart({ 'values.yaml': DEFAULTS }), valuesFiles: [{ path: 'x.yaml', text: 'anything: [1]\n' }] });
    expect(none).toMatchObject({ schemaFound: false, findings: [] });
  });

  it('does not pile schema errors on top of a YAML syntax error', () => {
    const dir = chart({ 'values.yaml': DEFAULTS, 'values.schema.json': SCHEMA });
    const result = checkValues({ chartDir: dir, valuesFiles: [{ path: 'bad.yaml', text: 'replicas: [1\n' }] });
    expect(result.findings.map((f) => f.rule)).toEqual(['values-yaml']);
  });
});
