// The README's example, run as a user runs it: the built package and the validator it imports,
// in a Node.js process of its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'chartforge-fit-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TRAINER_JOB = `apiVersion: batch/v1
kind: Job
metadata: {name: trainer}
spec:
  parallelism: 3
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: train
          image: example.com/train:1.0
          resources: {limits: {nvidia.com/gpu: 8}}
`;

/** The README's ts block with its imports pointed at the built packages (it is run from a temporary folder). */
function readmeExample(): string {
  const block = /```ts\n([\s\S]*?)```/.exec(readFileSync(join(packageDir, 'README.md'), 'utf8'))?.[1];
  if (block === undefined) throw new Error('README.md has no ts block');
  const resolveFromPackage = createRequire(join(packageDir, 'package.json')).resolve;
  const location = (specifier: string) => pathToFileURL(specifier === '@chartforge/fit' ? join(packageDir, 'dist', 'index.js') : resolveFromPackage(specifier)).href;
  return block.replace(/from '(@chartforge\/[^']+)'/g, (_, specifier: string) => `from ${JSON.stringify(location(specifier))}`);
}

describe('the README', () => {
  it("runs its example: the third 8-GPU pod on two 8-GPU nodes does not fit, with kube-scheduler's reason", () => {
    const file = join(scratch, 'example.mjs');
    writeFileSync(file, `const renderedManifests = ${JSON.stringify(TRAINER_JOB)};\n${readmeExample()}`);
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Scheduled 2 of 3 pods (most-allocated scoring).');
    expect(run.stdout).toContain('Job/trainer#3: 0/2 nodes are available: 2 Insufficient nvidia.com/gpu.');
  });
});
