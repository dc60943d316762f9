// The hostile-input corpus: inputs an attacker (or an accident) gives each command, generated
// here at run time (large inputs are sparse files or devices, never committed), and a runner that
// spawns the CLI on each with a bounded heap and a deadline and records what happened.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, cpSync, ftruncateSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { CLI } from './cli.js';
import { helmBinary } from './helm.js';
import { MODEL_API_CHART, temporaryDir } from './publish.js';

/** What one case gives the CLI. `dir` is the case's own fresh directory (its working directory). */
export interface HostileRun {
  args: string[];
  /** A device or file to connect to standard input (default: empty input). */
  stdinFile?: string;
  env?: Record<string, string>;
  /** Paths under `dir` the command may write (its declared output); anything else must stay as it was. */
  output?: string[];
  /**
   * Exit statuses that are right (default 1 or 2). A valid input that used to take unbounded time
   * (a backtracking glob, a chart named `constructor`) must simply succeed, and fast.
   */
  statuses?: number[];
  /** What the output must say, where the message is the point (a breached limit at its file, line and column). */
  says?: RegExp;
}

export interface HostileCase {
  /** Command attacked, e.g. `values check`. */
  command: string;
  attack: string;
  setup(dir: string, context: HostileContext): HostileRun;
}

export interface HostileContext {
  /** Base URL of a schema server that answers headers and then never finishes the body. */
  endlessUrl: string;
  /** Base URL of a schema server that accepts and never answers. */
  stalledUrl: string;
}

export interface HostileOutcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Paths under the case directory created, changed or removed that the case did not allow. */
  strayChanges: string[];
  /** The exit statuses the case allows. */
  expected: number[];
  says?: RegExp;
}

/** Every bound is per case: a heap far below what the attacks used to take, and a deadline. */
export const CASE_HEAP_MB = 256;
export const CASE_DEADLINE_MS = 20_000;

const GIB = 1024 * 1024 * 1024;

function write(dir: string, path: string, text: string): string {
  const file = join(dir, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** A file that claims `bytes` bytes without taking disk space (a hole). */
function sparseFile(dir: string, name: string, bytes: number): string {
  const file = join(dir, name);
  const fd = openSync(file, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return file;
}

/** A named pipe nobody writes to: reading it blocks for ever (node has no mkfifo; coreutils has). */
function fifo(dir: string, name: string): string {
  const file = join(dir, name);
  if (spawnSync('mkfifo', [file]).status !== 0) throw new Error(`mkfifo ${file} failed`);
  return file;
}

/** A copy of the suite's small chart, to break in one way. */
function chart(dir: string, name = 'model-api'): string {
  const target = join(dir, name);
  cpSync(MODEL_API_CHART, target, { recursive: true });
  return target;
}

/** The chart with `charts/<name>` a symbolic link to `target`. */
function chartWithSubchartLink(dir: string, name: string, target: string): string {
  const c = chart(dir);
  mkdirSync(join(c, 'charts'));
  symlinkSync(target, join(c, 'charts', name));
  return c;
}

/** `depth` levels of aliases, each ten copies of the one below: 10^depth nodes from a few lines. */
function aliasBomb(depth = 7): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < depth; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

const SELF_ANCHOR = 'a: &x {b: *x}\n';

const DEPLOYMENT = (replicas: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27", resources: {requests: {cpu: 10m, memory: 16Mi}}}]
`;

/** A CRD whose one field has a pattern that backtracks exponentially in JavaScript's engine (JSON is YAML). */
const BACKTRACKING_CRD = `${JSON.stringify({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets' },
    scope: 'Namespaced',
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } } } } } }],
  },
})}\n`;

// Composing either overflows the stack; V8 aborts the process outright if that happens while it
// compiles a regular expression, so they must be refused before they are composed.
const DEEP_FLOW = '['.repeat(1_000_000);
const DEEP_BLOCK = `${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} v\n`;

// Each anchor is within the depth limit; expanded, the chain is 21,250 levels deep.
const ALIAS_CHAIN = `chain:\n${Array.from({ length: 85 }, (_, k) => `  - &a${k} ${'['.repeat(250)}${k === 0 ? 'x' : `*a${k - 1}`}${']'.repeat(250)}\n`).join('')}`;

const NODES = 'pools:\n  - name: pool\n    count: 2\n    allocatable: {cpu: "8", memory: 32Gi}\n';

export const HOSTILE_CASES: HostileCase[] = [
  // values check
  { command: 'values check', attack: 'self-referencing anchor', setup: (dir) => ({ args: ['values', 'check', '-c', chart(dir), write(dir, 'v.yaml', SELF_ANCHOR)] }) },
  { command: 'values check', attack: 'alias bomb', setup: (dir) => ({ args: ['values', 'check', '-c', chart(dir), write(dir, 'v.yaml', aliasBomb())] }) },
  { command: 'values check', attack: '1 GiB values file', setup: (dir) => ({ args: ['values', 'check', '-c', chart(dir), sparseFile(dir, 'v.yaml', GIB)] }) },
  { command: 'values check', attack: '/dev/zero as values', setup: (dir) => ({ args: ['values', 'check', '-c', chart(dir), '/dev/zero'] }) },
  { command: 'values check', attack: 'a FIFO as values', setup: (dir) => ({ args: ['values', 'check', '-c', chart(dir), fifo(dir, 'v.yaml')] }) },
  { command: 'values check', attack: 'deep flow nesting', setup: (dir) => ({ args: ['values', 'check', '-c', chart(dir), write(dir, 'v.yaml', `a: ${'['.repeat(100_000)}`)] }) },
  { command: 'values check', attack: 'a million levels of flow nesting', setup: (dir) => ({ args: ['values', 'check', '-c', chart(dir), write(dir, 'v.yaml', `a: ${DEEP_FLOW}`)], says: /v\.yaml:1:259\b.*nesting is too deep: more than the limit of 256 levels of nesting/ }) },
  { command: 'values check', attack: '3,000 levels of block nesting', setup: (dir) => ({ args: ['values', 'check', '-c', chart(dir), write(dir, 'v.yaml', DEEP_BLOCK)], says: /v\.yaml:257:257\b.*nesting is too deep/ }) },
  { command: 'values check', attack: 'a chain of 85 anchors, each 250 levels deep and aliasing the one before', setup: (dir) => ({ args: ['values', 'check', '-c', chart(dir), write(dir, 'v.yaml', ALIAS_CHAIN)], says: /v\.yaml:3:252: error: aliases nest this 257 levels deep, more than the limit of 256 levels of nesting/ }) },
  { command: 'values check', attack: 'a values.schema.json nested a million levels', setup: (dir) => { const c = chart(dir); write(c, 'values.schema.json', `{"type": "object", "properties": ${'{"a": '.repeat(1_000_000)}`); return { args: ['values', 'check', '-c', c, write(dir, 'v.yaml', 'a: 1\n')], says: /values\.schema\.json:1:\d+\b.*nests deeper than the limit of 1000 levels/ }; } },
  { command: 'values check', attack: 'symlink loop in charts/', setup: (dir) => ({ args: ['values', 'check', '-c', chartWithSubchartLink(dir, 'loop', 'loop')] }) },
  { command: 'values check', attack: 'broken symlink in charts/', setup: (dir) => ({ args: ['values', 'check', '-c', chartWithSubchartLink(dir, 'sub.tgz', '/nonexistent/sub.tgz')] }) },
  {
    command: 'values check',
    attack: 'a backtracking schema pattern',
    setup: (dir) => {
      const c = chart(dir);
      write(c, 'values.schema.json', JSON.stringify({ type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } }));
      return { args: ['values', 'check', '-c', c, write(dir, 'v.yaml', `name: ${'a'.repeat(40)}b\n`)] };
    },
  },
  { command: 'values check', attack: 'terminal escapes in a file name', setup: (dir) => ({ args: ['values', 'check', '-c', chart(dir), write(dir, 'v\u001b[2J\u001b]0;owned\u0007.yaml', 'a: [\n')] }) },
  // lint
  { command: 'lint', attack: 'a million levels of nesting in values', setup: (dir) => ({ args: ['lint', chart(dir), '--helm', helmBinary('v4'), '-f', write(dir, 'v.yaml', `a: ${DEEP_FLOW}`)], says: /v\.yaml:1:259\b.*nesting is too deep/ }) },
  { command: 'lint', attack: 'self-referencing anchor in values', setup: (dir) => ({ args: ['lint', chart(dir), '--helm', helmBinary('v4'), '-f', write(dir, 'v.yaml', SELF_ANCHOR)], says: /v\.yaml:1:11: error: alias \*x refers to the node that contains it/ }) },
  {
    command: 'lint',
    attack: 'a helm that never exits',
    setup: (dir) => {
      const helm = write(dir, 'bin/helm', '#!/bin/sh\nexec sleep 600\n');
      chmodSync(helm, 0o755);
      return { args: ['lint', chart(dir), '--helm', helm], env: { CHARTFORGE_CHILD_TIMEOUT: '2' } };
    },
  },
  // generate
  { command: 'generate', attack: 'self-referencing anchor in the spec', setup: (dir) => ({ args: ['generate', 'serving', '-f', write(dir, 's.yaml', 'chart: &x {name: *x}\n'), '-d', 'out'], output: ['out'] }) },
  { command: 'generate', attack: 'alias bomb in the spec', setup: (dir) => ({ args: ['generate', 'serving', '-f', write(dir, 's.yaml', aliasBomb()), '-d', 'out'], output: ['out'] }) },
  { command: 'generate', attack: 'a million levels of nesting in the spec', setup: (dir) => ({ args: ['generate', 'serving', '-f', write(dir, 's.yaml', `chart: ${DEEP_FLOW}`), '-d', 'out'], output: ['out'], says: /s\.yaml:1:263\b.*nesting is too deep/ }) },
  { command: 'generate', attack: '/dev/zero as the spec', setup: () => ({ args: ['generate', 'serving', '-f', '/dev/zero', '-d', 'out'], output: ['out'] }) },
  { command: 'generate', attack: '/dev/zero on standard input', setup: () => ({ args: ['generate', 'serving', '-f', '-', '-d', 'out'], stdinFile: '/dev/zero', output: ['out'] }) },
  { command: 'generate', attack: 'a FIFO as the spec', setup: (dir) => ({ args: ['generate', 'serving', '-f', fifo(dir, 's.yaml'), '-d', 'out'], output: ['out'] }) },
  { command: 'generate', attack: '--force -d . over a directory it did not write', setup: (dir) => (write(dir, '.git/HEAD', 'ref: refs/heads/main\n'), { args: ['generate', 'serving', '--force', '-d', '.'] }) },
  { command: 'generate', attack: '-d /proc/self/x (a parent that refuses children)', setup: () => ({ args: ['generate', 'serving', '-d', '/proc/self/x'] }) },
  // validate
  { command: 'validate', attack: '1 GiB manifest', setup: (dir) => ({ args: ['validate', sparseFile(dir, 'm.yaml', GIB)] }) },
  { command: 'validate', attack: 'a million levels of flow nesting', setup: (dir) => ({ args: ['validate', write(dir, 'm.yaml', `${DEPLOYMENT('1')}---\napiVersion: v1\nkind: ConfigMap\ndata: ${DEEP_FLOW}\n`)], says: /m\.yaml\n(?:.*\n)*  14:262 +error .*document nests deeper than the limit of 256 levels/ }) },
  { command: 'validate', attack: '3,000 levels of block nesting', setup: (dir) => ({ args: ['validate', write(dir, 'm.yaml', DEEP_BLOCK)], says: /m\.yaml\n  257:257 +error .*document nests deeper than the limit of 256 levels/ }) },
  {
    command: 'validate',
    attack: 'a double-quoted scalar folded over 500,000 lines',
    setup: (dir) => ({ args: ['validate', '--no-lint', write(dir, 'm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: "x${'\n    y\\\\'.repeat(500_000)}"\n`)], statuses: [0] }),
  },
  { command: 'validate', attack: '/dev/zero as a manifest', setup: () => ({ args: ['validate', '/dev/zero'] }) },
  { command: 'validate', attack: '/dev/zero on standard input', setup: () => ({ args: ['validate', '-'], stdinFile: '/dev/zero' }) },
  { command: 'validate', attack: 'a FIFO as a manifest', setup: (dir) => ({ args: ['validate', fifo(dir, 'm.yaml')] }) },
  { command: 'validate', attack: 'broken symlink in a directory', setup: (dir) => (write(dir, 'in/a.yaml', DEPLOYMENT('1')), symlinkSync('/nonexistent', join(dir, 'in', 'b.yaml')), { args: ['validate', 'in'] }) },
  { command: 'validate', attack: 'symlink loop in a directory', setup: (dir) => (write(dir, 'in/a.yaml', DEPLOYMENT('1')), symlinkSync('b.yaml', join(dir, 'in', 'b.yaml')), { args: ['validate', 'in'] }) },
  { command: 'validate', attack: 'alias bomb in .chartforge.yaml', setup: (dir) => (write(dir, '.chartforge.yaml', aliasBomb()), { args: ['validate', write(dir, 'm.yaml', DEPLOYMENT('1'))] }) },
  { command: 'validate', attack: 'self-referencing anchor in a manifest', setup: (dir) => ({ args: ['validate', write(dir, 'm.yaml', `${DEPLOYMENT('1')}---\n${SELF_ANCHOR}`)] }) },
  { command: 'validate', attack: '200k empty documents', setup: (dir) => ({ args: ['validate', '--no-lint', write(dir, 'm.yaml', '---\n'.repeat(200_000))] }) },
  {
    command: 'validate',
    attack: 'terminal escapes in a resource name',
    setup: (dir) => ({ args: ['validate', write(dir, 'm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "\\e]0;owned\\a\\e[2J"}\ndata: {a: 1}\n')] }),
  },
  { command: 'validate', attack: 'schema server that never ends the body', setup: (dir, context) => ({ args: ['validate', '-s', `${context.endlessUrl}/{{ .ResourceKind }}.json`, write(dir, 'm.yaml', DEPLOYMENT('1'))], env: { CHARTFORGE_HTTP_TIMEOUT: '3', CHARTFORGE_MAX_INPUT_BYTES: String(8 * 1024 * 1024) } }) },
  { command: 'validate', attack: 'schema server that never answers', setup: (dir, context) => ({ args: ['validate', '-s', `${context.stalledUrl}/{{ .ResourceKind }}.json`, write(dir, 'm.yaml', DEPLOYMENT('1'))], env: { CHARTFORGE_HTTP_TIMEOUT: '2' } }) },
  {
    command: 'validate',
    attack: 'a backtracking pattern in a CRD of the input',
    setup: (dir) => ({ args: ['validate', write(dir, 'm.yaml', `${BACKTRACKING_CRD}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {name: ${'a'.repeat(40)}b}\n`)] }),
  },
  // fit
  { command: 'fit', attack: 'replicas: 2147483647', setup: (dir) => ({ args: ['fit', '--nodes', write(dir, 'n.yaml', NODES), write(dir, 'm.yaml', DEPLOYMENT('2147483647'))] }) },
  { command: 'fit', attack: 'a pool of 1e9 nodes', setup: (dir) => ({ args: ['fit', '--nodes', write(dir, 'n.yaml', NODES.replace('count: 2', 'count: 1000000000')), write(dir, 'm.yaml', DEPLOYMENT('1'))] }) },
  { command: 'fit', attack: 'alias bomb in --nodes', setup: (dir) => ({ args: ['fit', '--nodes', write(dir, 'n.yaml', aliasBomb()), write(dir, 'm.yaml', DEPLOYMENT('1'))] }) },
  { command: 'fit', attack: '1 GiB manifest', setup: (dir) => ({ args: ['fit', '--nodes', write(dir, 'n.yaml', NODES), sparseFile(dir, 'm.yaml', GIB)] }) },
  // package
  { command: 'package', attack: 'alias bomb in Chart.yaml', setup: (dir) => { const c = chart(dir); write(c, 'Chart.yaml', `apiVersion: v2\nname: x\nversion: 1.0.0\n${aliasBomb()}`); return { args: ['package', c, '-d', 'out'], output: ['out'] }; } },
  { command: 'package', attack: 'a million levels of nesting in Chart.yaml', setup: (dir) => { const c = chart(dir); write(c, 'Chart.yaml', `apiVersion: v2\nname: x\nversion: 1.0.0\nannotations: ${DEEP_FLOW}\n`); return { args: ['package', c, '-d', 'out'], output: ['out'], says: /Chart\.yaml:4:269\b.*nesting is too deep/ }; } },
  { command: 'package', attack: 'a 250-character chart name', setup: (dir) => { const c = chart(dir); write(c, 'Chart.yaml', `apiVersion: v2\nname: ${'a'.repeat(250)}\nversion: 1.0.0\n`); return { args: ['package', c, '-d', 'out'], output: ['out'] }; } },
  { command: 'package', attack: 'a 10 KB version', setup: (dir) => { const c = chart(dir); write(c, 'Chart.yaml', `apiVersion: v2\nname: x\nversion: 1.0.0-${'a'.repeat(10_000)}\n`); return { args: ['package', c, '-d', 'out'], output: ['out'] }; } },
  { command: 'package', attack: 'a FIFO as Chart.yaml', setup: (dir) => { const c = chart(dir); rmSync(join(c, 'Chart.yaml')); fifo(c, 'Chart.yaml'); return { args: ['package', c, '-d', 'out'], output: ['out'] }; } },
  { command: 'package', attack: 'backtracking .helmignore glob', setup: (dir) => { const c = chart(dir); write(c, '.helmignore', '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\n'); write(c, `templates/${'a'.repeat(60)}.txt`, 'x'); return { args: ['package', c, '-d', 'out'], output: ['out'], statuses: [0] }; } },
  { command: 'package', attack: 'a symbolic link to /etc/passwd in the chart', setup: (dir) => { const c = chart(dir); symlinkSync('/etc/passwd', join(c, 'passwd')); return { args: ['package', c, '-d', 'out'], output: ['out'] }; } },
  { command: 'package', attack: 'a key twice in Chart.yaml', setup: (dir) => { const c = chart(dir); write(c, 'Chart.yaml', 'apiVersion: v2\nname: x\nversion: 1.0.0\nversion: 2.0.0\n'); return { args: ['package', c, '-d', 'out'], output: ['out'] }; } },
  { command: 'package', attack: '--source-date-epoch past 2^64', setup: (dir) => ({ args: ['package', chart(dir), '-d', 'out', '--source-date-epoch', '18446744073709551617'], output: ['out'] }) },
  { command: 'package', attack: '-d /proc/self/x/y', setup: (dir) => ({ args: ['package', chart(dir), '-d', '/proc/self/x/y'] }) },
  // index
  {
    command: 'index',
    attack: 'charts named constructor and __proto__ in --merge',
    setup: (dir) => {
      mkdirSync(join(dir, 'repo'));
      const entry = (name: string) => `    - {name: ${name}, version: 1.0.0, urls: [${name}.tgz], digest: ${'a'.repeat(64)}, created: "2024-01-01T00:00:00Z"}\n`;
      return { args: ['index', 'repo', '--merge', write(dir, 'old.yaml', `apiVersion: v1\nentries:\n  constructor:\n${entry('constructor')}  __proto__:\n${entry('__proto__')}`), '--index-file', 'index.yaml'], output: ['index.yaml'], statuses: [0] };
    },
  },
  { command: 'index', attack: 'javascript: URL and bad digest in --merge', setup: (dir) => { mkdirSync(join(dir, 'repo')); return { args: ['index', 'repo', '--merge', write(dir, 'old.yaml', 'apiVersion: v1\nentries:\n  a:\n    - {name: a, version: 1.0.0, urls: ["javascript:alert(1)"], digest: x}\n'), '--index-file', 'index.yaml'], output: ['index.yaml'], statuses: [0] }; } },
  { command: 'index', attack: 'a JSON --merge index nested a million levels', setup: (dir) => { mkdirSync(join(dir, 'repo')); return { args: ['index', 'repo', '--merge', write(dir, 'old.json', `{"apiVersion": "v1", "entries": ${DEEP_FLOW}`), '--index-file', 'out/index.yaml'], output: ['out'], says: /old\.json:1:288\b.*nesting is too deep/ }; } },
  { command: 'index', attack: 'alias bomb in --merge', setup: (dir) => { mkdirSync(join(dir, 'repo')); return { args: ['index', 'repo', '--merge', write(dir, 'old.yaml', `apiVersion: v1\n${aliasBomb()}`), '--index-file', 'out/index.yaml'], output: ['out'] }; } },
  { command: 'index', attack: 'broken symlink in the directory', setup: (dir) => { mkdirSync(join(dir, 'repo')); symlinkSync('/nonexistent', join(dir, 'repo', 'x.tgz')); return { args: ['index', 'repo', '--index-file', 'out/index.yaml'], output: ['out'] }; } },
];

/** Name → size/target of everything under `dir` (symbolic links not followed). */
function snapshot(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(join(dir, prefix));
  } catch {
    return out;
  }
  for (const name of names) {
    const path = prefix ? `${prefix}/${name}` : name;
    const stats = lstatSync(join(dir, path));
    if (stats.isSymbolicLink()) out.set(path, `-> ${readlinkSync(join(dir, path))}`);
    else if (stats.isDirectory()) {
      out.set(path, 'dir');
      for (const [inner, value] of snapshot(dir, path)) out.set(inner, value);
    } else out.set(path, `${stats.size} ${stats.mtimeMs}`);
  }
  return out;
}

/** Runs one case in a fresh directory: the CLI as a subprocess with a bounded heap and a deadline. */
export async function runHostileCase(testCase: HostileCase, context: HostileContext, cli = CLI): Promise<HostileOutcome> {
  const dir = temporaryDir('chartforge-hostile-');
  const run = testCase.setup(dir, context);
  const before = snapshot(dir);
  const stdin = run.stdinFile ? openSync(run.stdinFile, 'r') : 'ignore';
  const child = spawn(process.execPath, [`--max-old-space-size=${CASE_HEAP_MB}`, cli, ...run.args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', ...run.env },
    stdio: [stdin, 'pipe', 'pipe'],
    // Its own process group: at the deadline the whole group goes, a helm or gpg it started too.
    detached: true,
  });
  if (typeof stdin === 'number') closeSync(stdin);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString('utf8')).slice(-65_536)));
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-65_536)));
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    process.kill(-child.pid!, 'SIGKILL');
  }, CASE_DEADLINE_MS);
  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
  clearTimeout(deadline);
  const after = snapshot(dir);
  const allowed = (path: string) => (run.output ?? []).some((out) => path === out || path.startsWith(`${out}/`));
  const strayChanges = [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path) && !allowed(path)).sort();
  return { status, signal, timedOut, stdout, stderr, strayChanges, expected: run.statuses ?? [1, 2], ...(run.says ? { says: run.says } : {}) };
}

/** What a user saw, in a few words, for the table of attacks and outcomes. */
export function describeOutcome(outcome: HostileOutcome): string {
  if (outcome.timedOut) return 'hang (killed at the deadline)';
  if (outcome.signal) return `killed by ${outcome.signal}`;
  if (/heap out of memory|Allocation failed/i.test(outcome.stderr)) return 'out of memory';
  if (hasStackTrace(outcome)) return `stack trace, exit ${outcome.status}`;
  if (outcome.strayChanges.length > 0) return `exit ${outcome.status}, changed ${outcome.strayChanges.slice(0, 3).join(', ')}`;
  if (outcome.status === 0) return 'exit 0, within the bounds';
  const lines = outcome.stderr.trim().split('\n').filter(Boolean).length;
  return `exit ${outcome.status}, ${lines <= 1 ? 'one-line message' : `${lines}-line message`}`;
}

export function hasStackTrace(outcome: Pick<HostileOutcome, 'stdout' | 'stderr'>): boolean {
  return /^\s+at .+(:\d+:\d+\)?|\(native\))$/m.test(outcome.stderr + outcome.stdout) || /node:internal/.test(outcome.stderr);
}

/** Two schema servers on 127.0.0.1: one that sends a body without end, one that never answers. */
export async function startHostileServers(): Promise<{ context: HostileContext; close: () => Promise<void> }> {
  const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const endless = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    const pump = () => {
      while (response.write(chunk)) {
        if (response.destroyed) return;
      }
      response.once('drain', pump);
    };
    response.on('error', () => undefined);
    pump();
  });
  const stalled = createServer(() => undefined);
  const [endlessUrl, stalledUrl] = await Promise.all([listen(endless), listen(stalled)]);
  const close = async () => {
    for (const server of [endless, stalled]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  };
  return { context: { endlessUrl, stalledUrl }, close };
}
