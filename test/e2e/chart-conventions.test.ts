// The ecosystem's chart tools accept every generated chart as it is: helm-docs (v1.14.2, default
// flags, as a pre-commit hook runs it) renders README.md from README.md.gotmpl byte for byte, and
// chart-testing's `ct lint` (v3.14.0: its Chart.yaml schema, its yamllint rules, helm lint of
// each ci/ values file) passes. Both run on copies of the committed charts and of charts
// generated from examples/*.yaml, installed outside the repository by scripts/setup.sh.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartDir, filesOnDisk } from '../src/charts.js';
import { chartforge } from '../src/cli.js';
import { helm, helmBinary } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';
import { chartTesting, helmDocsBinary } from '../src/tools.js';

const KINDS = ['serving', 'training', 'migration'] as const;
const EXAMPLES = readdirSync(join(REPO_ROOT, 'examples')).filter((name) => name.endsWith('.yaml')).sort();

// What a spec can put into the README that helm-docs would write raw, or that Go templates read.
const HOSTILE_SPEC = [
  'chart:',
  '  name: hostile',
  '  appVersion: "1.0 ](javascript:alert(1))"',
  '  description: "<script>alert(1)</script> [docs](javascript:alert(1)) *bold* {{ .Release.Name }}"',
  '  kubeVersion: ">=1.29.0-0 `x` {{ .Name }}"',
  '  home: "https://example.com/<b>"',
  '  sources: ["https://example.com/a|b"]',
  '  maintainers:',
  '    - name: "*Jane* | {{ .Name }}"',
  '      email: "jane <at> example"',
  'podAnnotations:',
  '  note: "a`b | c {{ .Values }}"',
  // Values helm-docs encodes by Go's rules: map keys in byte order (upper case, then lower case,
  // then non-ASCII), fractions, dotted keys, markup inside a list.
  'podLabels: {b: "1", A: "2", a.b: "4", a_b: "5"}',
  'extraObjects: [{apiVersion: v1, kind: ConfigMap, metadata: {name: extra}, data: {b: "1", é: "3", "c d": "5", "": "6"}}]',
  'resources: {requests: {cpu: 0.5, memory: 1.5e-7}}',
  'env: [{name: A, value: "<b>x</b> & y"}]',
  '',
].join('\n');

let work: string;
/** Chart directory names under `work`, each a copy of a committed chart or one generated from a spec. */
const charts: string[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'chartforge-conventions-'));
  for (const kind of KINDS) {
    cpSync(chartDir(kind), join(work, kind), { recursive: true });
    charts.push(kind);
  }
  for (const example of EXAMPLES) {
    const kind = basename(example, '.yaml');
    const name = `example-${kind}`;
    const result = chartforge(['generate', kind, '-f', join(REPO_ROOT, 'examples', example), '-d', join(work, name)]);
    expect(result.status, result.stderr).toBe(0);
    charts.push(name);
  }
  const spec = join(work, 'hostile.yaml');
  writeFileSync(spec, HOSTILE_SPEC);
  const result = chartforge(['generate', 'serving', '-f', spec, '-d', join(work, 'hostile')]);
  expect(result.status, result.stderr).toBe(0);
});

describe('helm-docs v1.14.2', () => {
  it('leaves every generated README.md unchanged, values table included', () => {
    expect(charts.length).toBe(KINDS.length + EXAMPLES.length);
    for (const name of [...charts, 'hostile']) {
      const dir = join(work, name);
      const before = filesOnDisk(dir);
      expect(before.get('README.md.gotmpl'), name).toContain('{{ template "chart.valuesSection" . }}');
      const run = spawnSync(helmDocsBinary(), ['--log-level', 'warning'], { cwd: dir, encoding: 'utf8' });
      expect(run.status, `${name}: ${run.stderr}`).toBe(0);
      expect(run.stderr, name).toBe('');
      const after = filesOnDisk(dir);
      expect(after.get('README.md'), name).toBe(before.get('README.md'));
      expect([...after.keys()], name).toEqual([...before.keys()]);
    }
    // helm-docs names a type from the default alone; values of several types say so in their comment.
    expect(readFileSync(join(work, 'serving', 'README.md'), 'utf8')).toContain('| rollingUpdate.maxSurge | int or string | `1` |');
  });

  it('shows what a spec says as text: helm-docs writes no raw Markdown, HTML or template output from it', () => {
    const readme = readFileSync(join(work, 'hostile', 'README.md'), 'utf8');
    expect(readme).toContain('\\<script\\>alert(1)\\</script\\> \\[docs\\](javascript:alert(1)) \\*bold\\* \\{\\{ .Release.Name \\}\\}');
    expect(readme).not.toMatch(/<script>|\[docs\]\(|javascript:alert\(1\)\)\]/);
    expect(readme).toContain('**Homepage:** https://example.com/\\<b\\>\n');
    expect(readme).toContain('| podAnnotations | object | ``{"note":"a`b \\| c {{ .Values }}"}`` |');
    expect(readme).toContain('| podLabels | object | `{"A":"2","a.b":"4","a_b":"5","b":"1"}` |');
    expect(readme).toContain('| extraObjects | list | `[{"apiVersion":"v1","data":{"":"6","b":"1","c d":"5","é":"3"},"kind":"ConfigMap","metadata":{"name":"extra"}}]` |');
    expect(readme).toContain('| resources.requests | object | `{"cpu":0.5,"memory":1.5e-7}` |');
    expect(readme).toContain('| env | EnvVar list | `[{"name":"A","value":"<b>x</b> & y"}]` |');
    expect(readme).toContain('| \\*Jane\\* \\| \\{\\{ .Name \\}\\} | jane \\<at\\> example |  |');
    // A code span helm-docs would end early: chartforge's own, whose `{{` the template prints literally.
    expect(readme).toContain('Kubernetes: ``>=1.29.0-0 `x` {{ .Name }}``');
    expect(readFileSync(join(work, 'hostile', 'README.md.gotmpl'), 'utf8')).toContain('Kubernetes: ``>=1.29.0-0 `x` {{ "{{" }} .Name }}``');
    // A badge would carry the appVersion into its image URL.
    expect(readme).not.toContain('img.shields.io');
  });

  it('keeps README.md.gotmpl out of the packaged chart and README.md in it', () => {
    const out = mkdtempSync(join(tmpdir(), 'chartforge-package-'));
    const packaged = helm('v3', ['package', join(work, 'serving'), '-d', out]);
    expect(packaged.status, packaged.stderr).toBe(0);
    const listing = spawnSync('tar', ['-tzf', join(out, readdirSync(out)[0]!)], { encoding: 'utf8' }).stdout.split('\n');
    expect(listing).toContain('serving/README.md');
    expect(listing).not.toContain('serving/README.md.gotmpl');
  });
});

describe('chart-testing v3.14.0', () => {
  it('ct lint passes on every generated chart: Chart.yaml schema, yamllint of Chart.yaml and the values files, helm lint with each ci/ values file', () => {
    const tools = chartTesting();
    // ct runs `helm` from PATH: Helm 3, which its own release is built against.
    const bin = join(work, '.bin');
    mkdirSync(bin);
    symlinkSync(helmBinary('v3'), join(bin, 'helm'));
    const run = spawnSync(tools.ct, ['lint', '--charts', charts.join(','), '--validate-maintainers=false', '--check-version-increment=false'], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, PATH: [bin, tools.pythonBin, process.env.PATH].join(':'), CT_CONFIG_DIR: tools.configDir },
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).toContain('All charts linted successfully');
    for (const name of charts) expect(output).toMatch(new RegExp(`✔︎ \\S+ => \\(version: "[^"]+", path: "${name}"\\)`));
  });
});
