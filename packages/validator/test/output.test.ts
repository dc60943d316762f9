import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Parser as TapParser } from 'tap-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatReport, OUTPUT_FORMATS, validate, type Report } from '../src/index.js';
import { V135 } from './helpers.js';

const input = [
  '# Source: demo/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, namespace: prod}\n',
  '# Source: demo/templates/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: "2"\n  selector: {matchLabels: {a: b}}\n  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i, workingDir: <&>}]}}\n  paused: yes\n  extra: 1\n',
  'key: [unclosed\n',
  '',
  'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n',
].join('---\n');

let report: Report;
beforeAll(async () => {
  report = await validate({ files: [{ name: 'out/rendered.yaml', text: input }] }, { ...V135, skip: ['Secret'] });
});

describe('the report', () => {
  it('has one result per document with its status', () => {
    expect(report.resources.map((r) => [r.documentIndex, r.kind, r.status])).toEqual([
      [0, 'ConfigMap', 'valid'],
      [1, 'Deployment', 'invalid'],
      [2, '', 'error'],
      [3, '', 'empty'],
      [4, 'Secret', 'skipped'],
    ]);
    expect(report.summary).toEqual({ files: 1, resources: 4, valid: 1, invalid: 1, errors: 1, skipped: 1, empty: 1 });
  });

  it('is deterministic: the same input gives byte-identical output in every format', async () => {
    const again = await validate({ files: [{ name: 'out/rendered.yaml', text: input }] }, { ...V135, skip: ['Secret'] });
    for (const format of OUTPUT_FORMATS) expect(formatReport(again, format, { summary: true })).toBe(formatReport(report, format, { summary: true }));
  });
});

describe('text', () => {
  it('groups findings by file with positions, resource, template, message and rule', () => {
    expect(formatReport(report, 'text', { summary: true })).toBe(
      [
        'out/rendered.yaml',
        '  11:13    error    Deployment/web (demo/templates/deploy.yaml)  spec.replicas: expected an integer, got string "2"  schema',
        '  15:3     error    Deployment/web (demo/templates/deploy.yaml)  spec.extra: unknown field  schema',
        '  17:15    error    (unknown kind)  Flow sequence in block collection must be sufficiently indented and end with a ]  yaml',
        '',
        'Summary: 4 resources found in 1 file - Valid: 1, Invalid: 1, Errors: 1, Skipped: 1',
        '',
      ].join('\n'),
    );
  });

  it('is coloured only when asked, and lists valid resources with verbose', () => {
    const plain = formatReport(report, 'text');
    expect(plain).not.toContain('\u001b[');
    expect(formatReport(report, 'text', { color: true })).toContain('\u001b[31merror  \u001b[39m');
    expect(formatReport(report, 'text', { verbose: true })).toContain('  2:1      valid    ConfigMap/prod/ok');
  });

  it('wraps findings to a terminal width given, continuations under the resource, colour codes taking no column', () => {
    expect(formatReport(report, 'text', { width: 72 }).split('\n').slice(1, 6)).toEqual([
      '  11:13    error    Deployment/web (demo/templates/deploy.yaml)',
      '                    spec.replicas: expected an integer, got string "2"',
      '                    schema',
      '  15:3     error    Deployment/web (demo/templates/deploy.yaml)',
      '                    spec.extra: unknown field  schema',
    ]);
    const coloured = formatReport(report, 'text', { width: 72, color: true });
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(formatReport(report, 'text', { width: 72 }));
  });
});

describe('json', () => {
  it('keeps kubeconform\'s shape and adds positions, rule and severity', () => {
    const parsed = JSON.parse(formatReport(report, 'json'));
    expect(parsed.summary).toEqual({ valid: 1, invalid: 1, errors: 1, skipped: 1, empty: 1, resources: 4, files: 1 });
    expect(parsed.resources.map((r: { status: string }) => r.status)).toEqual(['statusInvalid', 'statusError']);
    expect(parsed.resources[0]).toEqual({
      filename: 'out/rendered.yaml',
      kind: 'Deployment',
      name: 'web',
      version: 'apps/v1',
      template: 'demo/templates/deploy.yaml',
      documentIndex: 1,
      line: 7,
      column: 1,
      status: 'statusInvalid',
      msg: 'spec.replicas: expected an integer, got string "2"; spec.extra: unknown field',
      validationErrors: [
        { path: '/spec/replicas', field: 'spec.replicas', msg: 'expected an integer, got string "2"', line: 11, column: 13, rule: 'schema', severity: 'error' },
        { path: '/spec/extra', field: 'spec.extra', msg: 'unknown field', line: 15, column: 3, rule: 'schema', severity: 'error' },
      ],
    });
    const verbose = JSON.parse(formatReport(report, 'json', { verbose: true }));
    expect(verbose.resources.map((r: { status: string }) => r.status)).toEqual(['statusValid', 'statusInvalid', 'statusError', 'statusEmpty', 'statusSkipped']);
  });
});

describe('junit', () => {
  it('is well-formed XML with a test case per resource', () => {
    const xml = formatReport(report, 'junit');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suites = parsed.testsuites;
    expect([suites.tests, suites.failures, suites.errors, suites.disabled]).toEqual(['4', '1', '1', '1']);
    const cases = suites.testsuite.testcase;
    expect(cases.map((c: { name: string }) => c.name)).toEqual([
      'ConfigMap/prod/ok (document 0, line 2)',
      'Deployment/web (document 1, line 7)',
      '(unknown kind) (document 2, line 17)',
      'Secret/s (document 4, line 20)',
    ]);
    expect(cases[1].failure.message).toBe('spec.replicas: expected an integer, got string "2"');
    expect(cases[1].failure['#text']).toContain('out/rendered.yaml:15:3 error spec.extra: unknown field [schema] (demo/templates/deploy.yaml)');
    expect(cases[2].error.type).toBe('error');
    expect(cases[3].skipped).toBe('');
  });

  it("passes kubeconform's own junit.xsd (the Jenkins JUnit schema in kubeconform v0.7.0's Go module), checked by xmllint", () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-junit-'));
    writeFileSync(join(dir, 'report.xml'), formatReport(report, 'junit'));
    // Read from the peer's module through the Go module proxy, never copied into this repository.
    const module = JSON.parse(execFileSync('go', ['mod', 'download', '-json', 'github.com/yannh/kubeconform@v0.7.0'], { encoding: 'utf8' })) as { Dir: string };
    const xsd = join(module.Dir, 'fixtures', 'junit.xsd');
    const result = spawnSync('xmllint', ['--noout', '--schema', xsd, join(dir, 'report.xml')], { encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.stderr).toBe(`${join(dir, 'report.xml')} validates\n`);
    expect(result.status).toBe(0);
  });
});

describe('tap', () => {
  it('parses as TAP 13 with one test point per resource', async () => {
    const tap = formatReport(report, 'tap');
    const results = await new Promise<{ plan: { end: number }; pass: number; fail: number; skip: number; failures: Array<{ name: string; diag: { findings: Array<{ line: number; message: string }> } }> }>((resolve) => {
      const parser = new TapParser((r) => resolve(r as never));
      parser.end(tap);
    });
    expect([results.plan.end, results.pass, results.fail, results.skip]).toEqual([4, 2, 2, 1]);
    expect(results.failures.map((f) => f.name)).toEqual(['out/rendered.yaml - Deployment/web', 'out/rendered.yaml - (unknown kind)']);
    expect(results.failures[0]!.diag.findings.map((f) => [f.line, f.message])).toEqual([
      [11, 'spec.replicas: expected an integer, got string "2"'],
      [15, 'spec.extra: unknown field'],
    ]);
  });
});

describe('github', () => {
  it('annotates each finding at file, line and column, with its field path and template', () => {
    const lines = formatReport(report, 'github').split('\n');
    expect(lines[0]).toBe('::error file=out/rendered.yaml,line=11,col=13,title=chartforge schema::spec.replicas: expected an integer, got string "2" (template demo/templates/deploy.yaml)');
    expect(lines.filter(Boolean)).toHaveLength(report.findings.length);
  });
});

describe('sarif', () => {
  it('validates against the SARIF 2.1.0 schema and carries file positions', () => {
    // The official schema (draft-04), as shipped by @microsoft/jest-sarif; ajv 8 reads it as draft-07 once `id` is `$id`.
    const require = createRequire(import.meta.url);
    const schemaFile = join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json');
    const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(schemaFile, 'utf8'));
    const ajv = new Ajv.default({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const check = ajv.compile({ ...schema, $id: id });
    const sarif = JSON.parse(formatReport(report, 'sarif', { toolVersion: '0.1.0' }));
    expect(check(sarif) ? [] : check.errors).toEqual([]);
    const [run] = sarif.runs;
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['schema', 'yaml']);
    expect(run.results.map((r: { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine, r.locations[0]!.physicalLocation.region.startColumn])).toEqual([
      ['schema', 'error', 'out/rendered.yaml', 11, 13],
      ['schema', 'error', 'out/rendered.yaml', 15, 3],
      ['yaml', 'error', 'out/rendered.yaml', 17, 15],
    ]);
  });
});
