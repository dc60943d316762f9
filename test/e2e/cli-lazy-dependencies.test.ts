// The CLI's cold start: the bundled dependencies (yaml, ajv, js-yaml, picomatch, re2js, undici,
// cel-js) are files of their own that a command reads only when it needs them, and so are the
// Node.js built-in modules that start-up has not loaded already (worker_threads, zlib). Asserted
// by what a run loads, never by how long it takes: preloads record every file of
// dist/bundle/lazy/ that the process requires, every ES module it imports and the built-in
// modules loaded by its exit.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartforge } from '../src/cli.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{name: http, containerPort: 8080}]
`;

/** A namespaced CRD of example.com/v1 whose spec has `spec` (YAML, indented for its place). */
const crd = (kind: string, spec: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: ${kind.toLowerCase()}s.example.com}
spec:
  group: example.com
  names: {kind: ${kind}, plural: ${kind.toLowerCase()}s, singular: ${kind.toLowerCase()}, listKind: ${kind}List}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
${spec}---
`;

/** A Widget CRD whose spec.size must match `pattern`, and a Widget whose size does not. */
const crdAndWidget = (pattern: string) => `${crd('Widget', `              properties:\n                size: {type: string, pattern: '${pattern}'}\n`)}apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec: {size: large}
`;

const gadgetWithRule = `${crd('Gadget', "              x-kubernetes-validations: [{rule: 'self.replicas <= 3', message: at most 3 replicas}]\n              properties:\n                replicas: {type: integer}\n")}apiVersion: example.com/v1
kind: Gadget
metadata: {name: g}
spec: {replicas: 5}
`;

let dir: string;
let preload: string;
let esmHooks: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chartforge-lazy-'));
  writeFileSync(join(dir, 'deployment.yaml'), deployment);
  writeFileSync(join(dir, 'widget.yaml'), crdAndWidget('^[0-9]+(Mi|Gi)$'));
  // `\d` is a digit in Go and JavaScript alike, but outside the syntax the CLI hands to V8's
  // linear-time engine (read/pattern.ts), as Go-only escapes are: RE2 answers it.
  writeFileSync(join(dir, 'widget-re2.yaml'), crdAndWidget('^\\d+(Mi|Gi)$'));
  writeFileSync(join(dir, 'gadget.yaml'), gadgetWithRule);
  preload = join(dir, 'record-lazy-loads.cjs');
  writeFileSync(
    preload,
    `const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/^\\.\\/lazy\\//.test(request)) appendFileSync(process.env.LAZY_LOADS, request.slice('./lazy/'.length) + '\\n');
  return load.call(this, request, ...rest);
};
process.on('exit', () => appendFileSync(process.env.BUILTIN_LOADS, process.moduleLoadList.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice('NativeModule '.length) + '\\n').join('')));
`,
  );
  // Module hooks run on their own thread: the load hook appends each ES module's URL to the record.
  const hooks = join(dir, 'record-esm-loads.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:')) appendFileSync(process.env.ESM_LOADS, url + '\\n');
  return nextLoad(url, context);
}
`,
  );
  esmHooks = join(dir, 'register-esm-hooks.mjs');
  writeFileSync(esmHooks, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
});

/**
 * Runs the CLI and returns its result with the lazy files it loaded (each once, sorted).
 * `recordEsm: false` leaves out the ES module hooks, whose thread loads node:worker_threads itself.
 */
function run(name: string, args: string[], { recordEsm = true } = {}) {
  const record = join(dir, `${name}.loads`);
  const esmRecord = join(dir, `${name}.esm`);
  const builtinRecord = join(dir, `${name}.builtins`);
  for (const file of [record, esmRecord, builtinRecord]) writeFileSync(file, '');
  const result = chartforge(args, { cwd: dir, env: { NODE_OPTIONS: `--require ${preload}${recordEsm ? ` --import ${esmHooks}` : ''}`, LAZY_LOADS: record, ESM_LOADS: esmRecord, BUILTIN_LOADS: builtinRecord } });
  const loaded = [...new Set(readFileSync(record, 'utf8').split('\n').filter(Boolean))].sort();
  const modules = [...new Set(readFileSync(esmRecord, 'utf8').split('\n').filter(Boolean))];
  const esmBytes = modules.reduce((sum, url) => sum + statSync(fileURLToPath(url)).size, 0);
  const builtins = readFileSync(builtinRecord, 'utf8').split('\n').filter(Boolean);
  return { ...result, loaded, esmBytes, builtins };
}

describe('the CLI loads a bundled dependency only when the command needs it', () => {
  it('--version loads none', () => {
    const result = run('version', ['--version']);
    expect(result.status).toBe(0);
    expect(result.loaded).toEqual([]);
  });

  it('validate --no-lint on plain block YAML loads none (the block parser reads it; no pattern, glob or download)', () => {
    const result = run('plain', ['validate', '--no-lint', 'deployment.yaml']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.loaded).toEqual([]);
    // The chartforge code it runs is about 0.2 MB; the dependencies it does not need were 2.5 MB more.
    expect(result.esmBytes).toBeGreaterThan(0);
    expect(result.esmBytes).toBeLessThan(512 * 1024);
  });

  it('validate with the default rules on plain block YAML loads neither node:worker_threads (inputs past the thread threshold do) nor node:zlib (gzipped files do)', () => {
    const result = run('builtins', ['validate', 'deployment.yaml'], { recordEsm: false });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('liveness-probe');
    expect(result.builtins).toContain('fs');
    expect(result.builtins).not.toContain('worker_threads');
    expect(result.builtins).not.toContain('zlib');
  });

  it('a CRD pattern in the syntax Go and JavaScript share runs on V8\'s linear-time engine: no RE2, and the pattern is still enforced', () => {
    const result = run('pattern', ['validate', '--no-lint', 'widget.yaml']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('spec.size: "large" does not match pattern ^[0-9]+(Mi|Gi)$');
    expect(result.loaded).toEqual([]);
  });

  it('any other CRD pattern loads RE2 alone, and the pattern is still enforced', () => {
    const result = run('pattern-re2', ['validate', '--no-lint', 'widget-re2.yaml']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('spec.size: "large" does not match pattern ^\\d+(Mi|Gi)$');
    expect(result.loaded).toEqual(['re2js.cjs']);
  });

  it('a CRD with validation rules loads the CEL evaluator, and the rule is still enforced', () => {
    const result = run('cel', ['validate', '--no-lint', 'gadget.yaml']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('at most 3 replicas');
    expect(result.loaded).toEqual(['marcbachmann-cel-js.cjs']);
  });

  it('a glob loads the matcher, and matches', () => {
    const result = run('glob', ['validate', '--no-lint', 'w*.yaml']);
    expect(result.stdout).toContain('widget.yaml');
    expect(result.stdout).not.toContain('gadget.yaml');
    expect(result.loaded).toContain('picomatch.cjs');
    expect(result.loaded).not.toContain('undici.cjs');
  });
});
