// One typo, one answer: a misspelt key in a spec (`generate`), in a values file (`values check`),
// and a misspelt command or flag all get their "did you mean" from @chartforge/core's `suggest`.
// `mReplicas` is two edits from both `minReplicas` and `maxReplicas`; the spec's and the values
// check's own suggesters used to take the first of the two in schema order (`minReplicas`), the
// validator's the first in sorted order (`maxReplicas`).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suggest } from '@chartforge/core';
import { describe, expect, it } from 'vitest';
import { chartforge } from '../src/cli.js';
import { REPO_ROOT } from '../src/paths.js';
import { temporaryDir } from '../src/publish.js';

const AUTOSCALING_KEYS = ['enabled', 'minReplicas', 'maxReplicas', 'targetCPUUtilizationPercentage', 'targetMemoryUtilizationPercentage', 'behavior'];

describe('did you mean', { timeout: 120_000 }, () => {
  const meant = suggest('mReplicas', AUTOSCALING_KEYS);

  it('is one answer for one typo, the same from the library as from the schemas the commands check', () => {
    expect(meant).toBe('maxReplicas');
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'charts', 'serving', 'values.schema.json'), 'utf8')) as { properties: { autoscaling: { properties: object } } };
    expect(Object.keys(schema.properties.autoscaling.properties)).toEqual(AUTOSCALING_KEYS);
  });

  it('generate and values check suggest the same key for the same misspelt key', () => {
    const dir = temporaryDir('chartforge-did-you-mean-');
    const example = readFileSync(join(REPO_ROOT, 'examples', 'serving.yaml'), 'utf8');
    expect(example).toContain('\n  minReplicas: 2\n');
    writeFileSync(join(dir, 'spec.yaml'), example.replace('\n  minReplicas: 2\n', '\n  mReplicas: 2\n'));
    writeFileSync(join(dir, 'values.yaml'), 'autoscaling:\n  mReplicas: 2\n');

    const generate = chartforge(['generate', 'serving', '-f', 'spec.yaml', '-d', 'out'], { cwd: dir });
    expect(generate).toMatchObject({ status: 1, stdout: '' });
    expect(generate.stderr).toMatch(new RegExp(`^spec\\.yaml:\\d+:3 autoscaling\\.mReplicas: unknown key \\(did you mean "${meant}"\\?\\)\n`));

    const values = chartforge(['values', 'check', '-c', join(REPO_ROOT, 'charts', 'serving'), 'values.yaml'], { cwd: dir });
    expect(values.status).toBe(1);
    expect(values.stdout).toContain(`values.yaml:2:3: error: autoscaling.mReplicas: unknown key (did you mean "${meant}"?) [values-schema]\n`);
  });

  it("an unknown command and an unknown flag get the same function's answer, from the commands and flags help lists", () => {
    const commandNames = [...chartforge(['help']).stdout.matchAll(/^ {2}([a-z][a-z-]*(?: [a-z-]+)?) {2,}/gm)].map((match) => match[1]!.trim());
    expect(commandNames).toContain('validate');
    const command = suggest('valdiate', commandNames);
    expect(command).toBe('validate');
    expect(chartforge(['valdiate', 'x.yaml'])).toMatchObject({ status: 2, stderr: `chartforge: unknown command "valdiate" (did you mean "${command}"?); run \`chartforge --help\` for the list\n` });

    const generateFlags = [...chartforge(['generate', '--help']).stdout.matchAll(/(--[a-z][a-z-]*)/g)].map((match) => match[1]!);
    const flag = suggest('--destinaton', generateFlags);
    expect(flag).toBe('--destination');
    expect(chartforge(['generate', 'serving', '--destinaton', 'out'])).toMatchObject({ status: 2, stderr: `chartforge generate: unknown flag "--destinaton" (did you mean "${flag}"?)\n` });
  });

  it('a mistyped --output format gets the same answer from every check command, and the list of formats when none is close', () => {
    const formats = ['text', 'json', 'junit', 'tap', 'sarif', 'github'];
    expect(suggest('jnuit', formats)).toBe('junit');
    for (const command of [['validate'], ['lint'], ['values', 'check'], ['upgrade-check'], ['version-check']]) {
      const name = command.join(' ');
      expect(chartforge([...command, '-o', 'jnuit'])).toEqual({ status: 2, stdout: '', stderr: `chartforge ${name}: unknown --output format "jnuit" (did you mean "junit"?)\n` });
      expect(chartforge([...command, '--output', 'xml'])).toEqual({ status: 2, stdout: '', stderr: `chartforge ${name}: unknown --output format "xml" (expected one of ${formats.join(', ')})\n` });
    }
  });
});
