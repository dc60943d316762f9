// The lint path runs without V8's optimizing compiler while its input is small (optimizer.ts) and
// with it past OPTIMIZE_ABOVE_BYTES; other commands and library callers keep the process's flags.
// Observed in a real Node process running the bundled CLI: V8's own report of whether a function
// it was told to optimize got TurboFan code (%GetOptimizationStatus, allowed at run time).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { OPTIMIZE_ABOVE_BYTES } from '../src/optimizer.js';

const bundle = fileURLToPath(new URL('../dist/bundle/index.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'chartforge-optimizer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const configMap = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {a: "${value}"}\n`;
writeFileSync(join(dir, 'small.yaml'), configMap('small', 'b'));
writeFileSync(join(dir, 'large.yaml'), configMap('large', 'b'.repeat(OPTIMIZE_ABOVE_BYTES)));

// Prints, after each CLI run of `runs`, whether TurboFan compiles a function V8 is told to optimize.
const probe = `
import { setFlagsFromString } from 'node:v8';
setFlagsFromString('--allow-natives-syntax');
const { deferOptimization, main } = await import(${JSON.stringify(bundle)});
const status = new Function('f', 'return %GetOptimizationStatus(f)');
const optimize = new Function('f', '%PrepareFunctionForOptimization(f); f(1); f(2); %OptimizeFunctionOnNextCall(f); f(3);');
const TURBOFANNED = 1 << 6;
const turbofan = () => { const f = new Function('x', 'return x * 2 + 1'); optimize(f); return (status(f) & TURBOFANNED) !== 0; };
const [deferFor, ...runs] = JSON.parse(process.argv[1]);
if (deferFor) deferOptimization(deferFor);
const io = { stdin: process.stdin, stdout: { write: () => true, isTTY: false }, stderr: process.stderr, cwd: ${JSON.stringify(dir)}, env: {} };
const seen = [turbofan()];
for (const argv of runs) { await main(argv, io); seen.push(turbofan()); }
console.log(JSON.stringify(seen));
`;

function turbofanAfter(deferFor: string[] | null, ...runs: string[][]): boolean[] {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe, JSON.stringify([deferFor, ...runs])], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as boolean[];
}

describe('TurboFan on the lint path', () => {
  it('is off for validate until the input passes the threshold, then on', () => {
    expect(turbofanAfter(['validate'], ['validate', 'small.yaml'], ['validate', 'large.yaml'])).toEqual([false, false, true]);
  });

  it('stays on for other commands and when the executable did not ask (the library)', () => {
    expect(turbofanAfter(['generate'], ['--version'])).toEqual([true, true]);
    expect(turbofanAfter(null, ['validate', 'small.yaml'])).toEqual([true, true]);
  });
});
