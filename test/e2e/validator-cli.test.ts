// `chartforge validate` as a user runs it: a subprocess, real files, stdin, real helm output.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from 'chartforge';
import { chartforge } from '../src/cli.js';
import { helm, HELM_MAJORS } from '../src/helm.js';

const valid = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {level: info}
`;
const invalid = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: "2"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      contianers: []
      containers: [{name: web, image: "nginx:1.27"}]
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chartforge-validate-'));
  mkdirSync(join(dir, 'manifests', 'nested', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'manifests', 'ok.yaml'), valid);
  writeFileSync(join(dir, 'manifests', 'nested', 'bad.yml'), invalid);
  writeFileSync(join(dir, 'manifests', 'nested', 'deeper', 'cm.json'), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'j' } }));
  writeFileSync(join(dir, 'manifests', 'notes.txt'), 'not a manifest: {');
});

const schemaOnly = ['--no-lint'];

describe('chartforge validate', () => {
  it('--version names the embedded Kubernetes versions and the default', () => {
    const result = chartforge(['--version']);
    expect(result.stdout).toMatch(/^chartforge \d+\.\d+\.\d+ \(embedded Kubernetes schemas: v1\.22\.17 to v1\.37\.2, from the k8s\.io\/kubernetes Go modules; default v1\.37\.2\)\n$/);
  });

  it('exits 0 and prints nothing for valid manifests; --summary prints kubeconform\'s summary line', () => {
    expect(chartforge(['validate', ...schemaOnly, 'manifests/ok.yaml'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(chartforge(['validate', ...schemaOnly, '--summary', 'manifests/ok.yaml'], { cwd: dir }).stdout).toBe('Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n');
  });

  it('exits 1 with file:line:column findings for invalid manifests', () => {
    const result = chartforge(['validate', ...schemaOnly, 'manifests/nested/bad.yml'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      [
        'manifests/nested/bad.yml',
        '  5:13     error    Deployment/web  spec.replicas: expected an integer, got string "2"  schema',
        '  10:7     error    Deployment/web  spec.template.spec.contianers: unknown field (did you mean "containers"?)  schema',
        '',
      ].join('\n'),
    );
  });

  it('reads directories recursively (yaml, yml, json) and globs', () => {
    const all = chartforge(['validate', ...schemaOnly, '--summary', '-o', 'text', 'manifests'], { cwd: dir });
    expect(all.stdout).toContain('Summary: 3 resources found in 3 files - Valid: 2, Invalid: 1, Errors: 0, Skipped: 0');
    const glob = chartforge(['validate', ...schemaOnly, '--summary', 'manifests/**/*.json'], { cwd: dir });
    expect(glob).toMatchObject({ status: 0, stdout: 'Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n' });
  });

  it('reads standard input, with "-" or with no path at all', () => {
    for (const args of [['-'], []]) {
      const result = chartforge(['validate', ...schemaOnly, '--summary', ...args], { input: `${valid}---\n${invalid}` });
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('stdin\n  10:13    error    Deployment/web  spec.replicas');
      expect(result.stdout).toContain('Summary: 2 resources found parsing stdin - Valid: 1, Invalid: 1, Errors: 0, Skipped: 0');
    }
  });

  it('exits 2 with one clear line, and no partial output, for usage and I/O errors', () => {
    const cases: Array<[string[], string]> = [
      [['--output', 'xml', 'manifests'], 'chartforge validate: unknown --output format "xml" (expected one of text, json, junit, tap, sarif, github)\n'],
      [['missing.yaml'], 'chartforge validate: missing.yaml: no such file or directory\n'],
      [['-k', 'one.two', 'manifests'], 'chartforge validate: invalid Kubernetes version "one.two": expected X.Y or X.Y.Z, e.g. 1.35.0\n'],
      [['--fail-on', 'fatal', 'manifests'], 'chartforge validate: --fail-on: unknown severity "fatal" (expected error, warning or info)\n'],
      [['--strict=maybe', 'manifests'], 'chartforge validate: --strict: expected true or false, got "maybe"\n'],
      [['--bogus', 'manifests'], 'chartforge validate: unknown flag "--bogus"\n'],
      [['--fail-of', 'warning', 'manifests'], 'chartforge validate: unknown flag "--fail-of" (did you mean "--fail-on"?)\n'],
    ];
    for (const [args, stderr] of cases) expect(chartforge(['validate', ...args], { cwd: dir })).toEqual({ status: 2, stdout: '', stderr });
  });

  it('an empty input is an error, as in kubeconform, not "0 resources, pass"', () => {
    writeFileSync(join(dir, 'empty.yaml'), '# nothing rendered\n---\n');
    const result = chartforge(['validate', ...schemaOnly, '--summary', 'empty.yaml'], { cwd: dir });
    expect(result).toEqual({ status: 1, stdout: 'Summary: 0 resources found in 1 file - Valid: 0, Invalid: 0, Errors: 0, Skipped: 0\n', stderr: 'chartforge validate: no Kubernetes resources found in 1 input\n' });
    expect(chartforge(['validate', ...schemaOnly], { cwd: dir, input: '' })).toMatchObject({ status: 1, stderr: 'chartforge validate: no Kubernetes resources found in 1 input\n' });
  });

  it('takes a kubeconform command line unchanged: one-dash long flags, -schema-location default, -ignore-filename-pattern', () => {
    const kubeconform = ['-summary', '-strict=false', '-schema-location', 'default', '-ignore-missing-schemas', '-skip', 'Secret', '-ignore-filename-pattern', 'nested', '-output', 'text'];
    expect(chartforge(['validate', ...schemaOnly, ...kubeconform, 'manifests'], { cwd: dir })).toEqual({
      status: 0,
      stdout: 'Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n',
      stderr: '',
    });
    // A one-dash word that is no option of ours is still an error, not a silently ignored flag.
    expect(chartforge(['validate', ...schemaOnly, '-insecure-skip-tls-verify', 'manifests'], { cwd: dir }).status).toBe(2);
    expect(chartforge(['validate', ...schemaOnly, '--cache-max-age', '12h', 'manifests/ok.yaml'], { cwd: dir }).status).toBe(0);
    expect(chartforge(['validate', ...schemaOnly, '--cache-max-age', 'a day', 'manifests/ok.yaml'], { cwd: dir })).toMatchObject({
      status: 2,
      stderr: 'chartforge validate: --cache-max-age: expected a duration such as 30m, 12h or 7d, got "a day"\n',
    });
  });

  it('--strict=false allows unknown fields', () => {
    const result = chartforge(['validate', ...schemaOnly, '--strict=false', 'manifests/nested/bad.yml'], { cwd: dir });
    expect(result.stdout).not.toContain('contianers');
    expect(result.stdout).toContain('spec.replicas');
  });

  it('runs the lint rules by default; --fail-on decides whether warnings fail', () => {
    const result = chartforge(['validate', 'manifests/ok.yaml', 'manifests/nested/bad.yml'], { cwd: dir });
    expect(result.stdout).toMatch(/warning {2}Deployment\/web {2}spec\.template\.spec\.containers\[0\]: container "web" has no livenessProbe.*liveness-probe/);
    const warningsOnly = join(dir, 'warn.yaml');
    writeFileSync(warningsOnly, invalid.replace('replicas: "2"', 'replicas: 2').replace('      contianers: []\n', ''));
    const lenient = chartforge(['validate', '--disable', 'image-tag', warningsOnly]);
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toContain('liveness-probe');
    expect(chartforge(['validate', '--fail-on', 'warning', warningsOnly]).status).toBe(1);
    expect(chartforge(['validate', '--rules', 'no-such-rule', warningsOnly])).toMatchObject({ status: 2, stdout: '' });
  });

  it('writes every output format in a shape its consumers parse', () => {
    const run = (format: string) => chartforge(['validate', ...schemaOnly, '-o', format, 'manifests'], { cwd: dir });
    const json = JSON.parse(run('json').stdout);
    expect(json.resources.map((r: { filename: string; status: string }) => [r.filename, r.status])).toEqual([['manifests/nested/bad.yml', 'statusInvalid']]);
    expect(json.summary).toMatchObject({ valid: 2, invalid: 1, errors: 0, skipped: 0 });
    expect(XMLValidator.validate(run('junit').stdout)).toBe(true);
    expect(run('tap').stdout).toMatch(/^TAP version 13\n1\.\.3\nnot ok 1 - manifests\/nested\/bad\.yml - Deployment\/web\n/);
    const sarif = JSON.parse(run('sarif').stdout);
    expect(sarif.runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) => [r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine])).toEqual([
      ['manifests/nested/bad.yml', 5],
      ['manifests/nested/bad.yml', 10],
    ]);
    expect(sarif.runs[0].tool.driver.version).toMatch(/^\d+\.\d+\.\d+$/);
    // The same annotations lint and the other check commands write, with the field path in the message.
    expect(run('github').stdout).toBe(
      [
        '::error file=manifests/nested/bad.yml,line=5,col=13,title=chartforge schema::spec.replicas: expected an integer, got string "2"',
        '::error file=manifests/nested/bad.yml,line=10,col=7,title=chartforge schema::spec.template.spec.contianers: unknown field (did you mean "containers"?)',
        '',
      ].join('\n'),
    );
  });

  it('validates against any embedded version offline, and reads CRDs', () => {
    const psp = 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}\nspec: {seLinux: {rule: RunAsAny}, runAsUser: {rule: RunAsAny}, supplementalGroups: {rule: RunAsAny}, fsGroup: {rule: RunAsAny}}\n';
    expect(chartforge(['validate', ...schemaOnly, '-k', '1.24', '-'], { input: psp }).status).toBe(0);
    expect(chartforge(['validate', ...schemaOnly, '-k', 'v1.24.3', '-'], { input: psp }).status).toBe(0);
    expect(chartforge(['validate', ...schemaOnly, '-k', '1.29.4', '-'], { input: psp }).stdout).toContain('no schema for policy/v1beta1 PodSecurityPolicy in Kubernetes v1.29.4');
    const removed = chartforge(['validate', ...schemaOnly, '-k', '1.25', '-'], { input: psp });
    expect(removed.status).toBe(1);
    expect(removed.stdout).toContain('2:7      error    PodSecurityPolicy/p  kind: no schema for policy/v1beta1 PodSecurityPolicy in Kubernetes v1.25.0');
    const crd = join(dir, 'crd.yaml');
    writeFileSync(crd, 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: models.ml.example.com}\nspec:\n  group: ml.example.com\n  names: {kind: Model, plural: models}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {uri: {type: string}}}}}}\n');
    const cr = 'apiVersion: ml.example.com/v1\nkind: Model\nmetadata: {name: m}\nspec: {uri: s3://bucket/model, url: x}\n';
    expect(chartforge(['validate', ...schemaOnly, '-'], { input: cr }).stdout).toContain('no schema for ml.example.com/v1 Model');
    expect(chartforge(['validate', ...schemaOnly, '--ignore-missing-schemas', '--summary', '-'], { input: cr }).stdout).toBe('Summary: 1 resource found parsing stdin - Valid: 0, Invalid: 0, Errors: 0, Skipped: 1\n');
    expect(chartforge(['validate', ...schemaOnly, '--crd', crd, '-'], { input: cr }).stdout).toContain('4:32     error    Model/m  spec.url: unknown field (did you mean "uri"?)');
  });

  it('gives the same report with and without worker threads', () => {
    const many = join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 12; i++) writeFileSync(join(many, `f${String(i).padStart(2, '0')}.yaml`), Array.from({ length: 20 }, (_, j) => (j === 7 && i % 5 === 0 ? invalid : valid.replace('settings', `s-${i}-${j}`))).join('---\n'));
    const serial = chartforge(['validate', ...schemaOnly, '--workers', '0', '-o', 'json', '--verbose', many]);
    const threaded = chartforge(['validate', ...schemaOnly, '--workers', '2', '-o', 'json', '--verbose', many]);
    expect(threaded.stdout).toBe(serial.stdout);
    expect(JSON.parse(serial.stdout).summary).toMatchObject({ valid: 237, invalid: 3 });
  });
});

describe('colours', () => {
  async function inProcess(env: Record<string, string>, isTTY: boolean): Promise<string> {
    const stdout = Object.assign(new PassThrough(), { isTTY });
    const chunks: Buffer[] = [];
    stdout.on('data', (c: Buffer) => chunks.push(c));
    await main(['validate', '--no-lint', join(dir, 'manifests', 'nested', 'bad.yml')], { stdin: Object.assign(new PassThrough(), { isTTY: true }), stdout, stderr: new PassThrough(), cwd: dir, env });
    return Buffer.concat(chunks).toString('utf8');
  }

  it('are used on a terminal, never when NO_COLOR is set or the output is piped', async () => {
    expect(await inProcess({}, true)).toContain('\u001b[31merror  \u001b[39m');
    expect(await inProcess({ NO_COLOR: '1' }, true)).not.toContain('\u001b[');
    expect(await inProcess({}, false)).not.toContain('\u001b[');
  });
});

describe.each(HELM_MAJORS)('helm %s template output', (major) => {
  it('attributes each finding to its template and to the line of the rendered stream', () => {
    const chart = mkdtempSync(join(tmpdir(), 'chartforge-chart-'));
    mkdirSync(join(chart, 'templates'));
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'values.yaml'), 'port: 8080\n');
    writeFileSync(join(chart, 'templates', 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  port: {{ .Values.port }}\n');
    writeFileSync(join(chart, 'templates', 'service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  ports:\n    - port: 80\n      targetPort: {{ .Values.port }}\n      protocl: TCP\n');
    const rendered = helm(major, ['template', 'rel', chart]);
    expect(rendered.status, rendered.stderr).toBe(0);
    const result = chartforge(['validate', ...schemaOnly, '-o', 'json', '-'], { input: rendered.stdout });
    expect(result.status).toBe(1);
    const errors = JSON.parse(result.stdout).resources.map((r: { template: string; kind: string; validationErrors: Array<{ field: string; line: number; column: number }> }) => [r.template, r.kind, r.validationErrors.map((e) => [e.field, e.line, e.column])]);
    expect(errors).toEqual([
      ['demo/templates/configmap.yaml', 'ConfigMap', [['data.port', 8, 9]]],
      ['demo/templates/service.yaml', 'Service', [['spec.ports[0].protocl', 19, 7]]],
    ]);
  });
});
