// Worker threads must change how fast a run is, never what it reports.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validate, ValidationSession } from '../src/index.js';
import { expandPaths } from '../src/resource/paths.js';
import { validateInWorkers, workerCount } from '../src/workers.js';
import { widgetCrd } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'chartforge-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const configMap = (name: string) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {a: b}\n`;
const files: Record<string, string> = {
  '01-valid.yaml': Array.from({ length: 20 }, (_, i) => configMap(`cm-${i}`)).join(''),
  '02-unknown-field.yaml': `${configMap('ok')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad}\ndatta: {a: b}\n`,
  // The custom resource comes before its CRD (in file order): every thread must know the CRD.
  '03-custom.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  size: many\n',
  '04-syntax.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "unterminated\n',
  '05-empty.yaml': `${configMap('before-empty')}---\n# nothing here\n---\n${configMap('after-empty')}`,
  '06-crd.yaml': widgetCrd,
  '07-missing-schema.yaml': 'apiVersion: example.com/v1\nkind: Unknown\nmetadata: {name: u}\n',
  '08-valid.yaml': Array.from({ length: 20 }, (_, i) => configMap(`more-${i}`)).join(''),
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);

describe('worker threads', () => {
  it('report exactly what a single thread reports: statuses, findings, positions, order', async () => {
    const single = await validate({ paths: [dir] }, { workers: 0 });
    const threaded = await validate({ paths: [dir] }, { workers: 3 });
    expect(threaded).toEqual(single);
    // A custom resource before its CRD, a YAML error, a kind without a schema: all as in one thread.
    expect(single.summary).toEqual({ files: 8, resources: 48, valid: 44, invalid: 2, errors: 2, skipped: 0, empty: 2 });
    expect(single.findings.map((f) => [f.file.replace(`${dir}/`, ''), f.line, f.column, f.rule])).toEqual([
      ['02-unknown-field.yaml', 10, 1, 'schema'],
      ['03-custom.yaml', 5, 9, 'schema'],
      ['04-syntax.yaml', 3, 31, 'yaml'],
      ['04-syntax.yaml', 3, 31, 'yaml'],
      ['07-missing-schema.yaml', 2, 7, 'schema'],
    ]);
  });

  it('validate every file in the workers alone as this thread does', async () => {
    const single = await validate({ paths: [dir] }, { workers: 0 });
    const session = await ValidationSession.create({});
    const byWorkers = await validateInWorkers(session, expandPaths([dir], dir), 3, dir, false);
    expect(byWorkers.flat()).toEqual(single.resources);
  });

  it('tell progress of every file, in one thread as it starts and in threads as it is done', async () => {
    for (const workers of [0, 3]) {
      const told: Array<{ done: number; total: number; file: string }> = [];
      await validate({ paths: [dir] }, { workers, onProgress: (progress) => told.push(progress) });
      expect(told, `workers: ${workers}`).toHaveLength(8);
      expect(new Set(told.map((progress) => progress.file))).toEqual(new Set(Object.keys(files).map((name) => join(dir, name))));
      expect(told.every((progress) => progress.total === 8)).toBe(true);
      expect(told.map((progress) => progress.done)).toEqual(workers === 0 ? [0, 1, 2, 3, 4, 5, 6, 7] : [1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });

  it('tell onInput the size of the input, file by file in this thread and all at once for the workers', async () => {
    const total = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    const inThisThread: number[] = [];
    await validate({ files: [{ name: 'in-memory.yaml', text: configMap('m') }], paths: [dir] }, { workers: 0, onInput: (size) => inThisThread.push(size) });
    expect(inThisThread).toEqual([configMap('m').length, ...Object.keys(files).sort().map((name) => Buffer.byteLength(files[name]!))]);
    const inWorkers: number[] = [];
    await validate({ paths: [dir] }, { workers: 3, onInput: (size) => inWorkers.push(size) });
    expect(inWorkers).toEqual([total]);
  });

  it('start only for inputs large enough to pay for them, unless asked for', async () => {
    expect(await workerCount([join(dir, '01-valid.yaml'), join(dir, '08-valid.yaml')], dir, undefined)).toBe(0);
    expect(await workerCount([join(dir, '01-valid.yaml')], dir, 2)).toBe(2);
  });
});
