import { describe, expect, it } from 'vitest';
import { compareFindings, EXIT_FINDINGS, EXIT_USAGE, formatPath, parsePath, parseQuantity, pathToPointer, pointerToPath, positionAt, suggest, UserError, type ReportedFinding } from '../src/index.js';

describe('suggest', () => {
  // Typos on which the three suggesters chartforge had (the kinds package's `closest`, publish's
  // and the validator's `suggest`) disagreed: the first two took the first candidate of equal
  // distance in the order given and allowed len/3 edits with no cap; one answer now, whatever the
  // order.
  it.each([
    { typo: 'tag', candidates: ['tar', 'tab'], expected: 'tab', why: 'ties go to the first in sorted order, not the first given' },
    { typo: 'tag', candidates: ['tab', 'tar'], expected: 'tab', why: 'the order given does not matter' },
    { typo: 'terminatonGracePeriodSecs', candidates: ['terminationGracePeriodSeconds'], expected: undefined, why: 'at most three edits, however long the word' },
    { typo: 'replicsa', candidates: ['replicas', 'resources'], expected: 'replicas', why: 'a swapped pair is one edit' },
    { typo: 'IMAGE', candidates: ['imag', 'image'], expected: 'image', why: 'a candidate differing only in case comes first' },
    { typo: 'gpu', candidates: ['cpu', 'gpus'], expected: 'cpu', why: 'equal distance: sorted order' },
    { typo: 'x', candidates: ['y', 'xyz'], expected: 'y', why: 'one edit is allowed even for a short word' },
    { typo: 'modle', candidates: [], expected: undefined, why: 'no candidates, no suggestion' },
    { typo: 'storage', candidates: ['serving', 'training'], expected: undefined, why: 'too far from every candidate' },
  ])('$typo among $candidates → $expected ($why)', ({ typo, candidates, expected }) => {
    expect(suggest(typo, candidates)).toBe(expected);
  });
});

describe('paths', () => {
  it.each([
    { path: [], text: '' },
    { path: ['image', 'tag'], text: 'image.tag' },
    { path: ['model', 'args', 0], text: 'model.args[0]' },
    { path: ['metadata', 'labels', 'app.kubernetes.io/name'], text: 'metadata.labels["app.kubernetes.io/name"]' },
    { path: ['resources', 'limits', 'nvidia.com/gpu'], text: 'resources.limits["nvidia.com/gpu"]' },
    { path: ['$schema', 'x-y', 'a b', '"quoted"'], text: '$schema.x-y["a b"]["\\"quoted\\""]' },
    { path: [0, 'name'], text: '[0].name' },
  ])('$text is written from $path and read back', ({ path, text }) => {
    expect(formatPath(path)).toBe(text);
    expect(parsePath(text)).toEqual(path);
  });

  it('reads a JSON pointer (ajv instancePath) with its escapes', () => {
    expect(pointerToPath('')).toEqual([]);
    expect(pointerToPath('/spec/containers/0/env/10')).toEqual(['spec', 'containers', 0, 'env', 10]);
    expect(pointerToPath('/metadata/labels/app.kubernetes.io~1name/~0x/01')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name', '~x', '01']);
  });

  it('writes a path as the JSON pointer kubeconform reports, which reads back to the same segments', () => {
    expect(pathToPointer('')).toBe('');
    expect(pathToPointer('metadata.labels["app.kubernetes.io/name"]')).toBe('/metadata/labels/app.kubernetes.io~1name');
    expect(pathToPointer('spec.containers[0]["~x"]')).toBe('/spec/containers/0/~0x');
    expect(pointerToPath(pathToPointer('spec.containers[0].env[10]'))).toEqual(['spec', 'containers', 0, 'env', 10]);
  });
});

describe('positionAt', () => {
  it('gives the 1-based line and column of an offset, clamped to the text', () => {
    const text = 'a: 1\nbb: 2\n';
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, 5)).toEqual({ line: 2, column: 1 });
    expect(positionAt(text, 8)).toEqual({ line: 2, column: 4 });
    expect(positionAt(text, -3)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, 99)).toEqual({ line: 3, column: 1 });
  });
});

describe('parseQuantity', () => {
  it('reads every suffix Kubernetes has, exponents and plain numbers', () => {
    const expected = [0.5, 2, 1.5, 0.5, 128 * 2 ** 20, 2 ** 30, 2048, 2 ** 60, 1e-7, 3e-6, 1000, 2e6, 4e9, 1e12, 1e15, 1e18, 1000, 0.5, 2, 8];
    const parsed = ['500m', '2', '1.5', '.5', '128Mi', '1Gi', '2Ki', '1Ei', '100n', '3u', '1k', '2M', '4G', '1T', '1P', '1E', '1e3', '5E-1', '+2', 8].map(parseQuantity);
    // Decimal suffixes multiply by a binary float (1e-9 is not exact): equal to 15 significant digits.
    parsed.forEach((value, i) => expect(Math.abs(value! - expected[i]!) / expected[i]!).toBeLessThan(1e-15));
  });

  it('is undefined for what is not a quantity', () => {
    for (const value of ['500x', '1gi', 'Gi', '', '1 Gi', '1.2.3', Infinity, NaN, null, undefined, {}, ['1']]) expect(parseQuantity(value)).toBeUndefined();
  });
});

describe('UserError', () => {
  it('is one line with the place it is about and the exit code it ends with', () => {
    const located = new UserError('unknown key', { file: 'spec.yaml', line: 3, column: 5, exitCode: EXIT_FINDINGS });
    expect(located).toMatchObject({ message: 'spec.yaml:3:5: unknown key', problem: 'unknown key', file: 'spec.yaml', line: 3, column: 5, exitCode: EXIT_FINDINGS });
    expect(new UserError('no such file', { file: 'x.yaml' }).message).toBe('x.yaml: no such file');
    expect(new UserError('bad flag')).toMatchObject({ message: 'bad flag', exitCode: EXIT_USAGE, file: undefined });
    expect(new UserError('bad flag')).toBeInstanceOf(Error);
  });
});

describe('compareFindings', () => {
  const at = (file: string, line: number, column: number, rule: string, message: string): ReportedFinding => ({ file, line, column, rule, message, severity: 'error' });

  it('orders by file, line, column, rule, then message, whatever order they came in', () => {
    const ordered = [at('a.yaml', 1, 1, 'schema', 'z'), at('a.yaml', 1, 1, 'values-schema', 'a'), at('a.yaml', 1, 2, 'schema', 'a'), at('a.yaml', 2, 1, 'schema', 'a'), at('b.yaml', 1, 1, 'schema', 'a')];
    for (const shuffled of [[...ordered].reverse(), [ordered[3]!, ordered[0]!, ordered[4]!, ordered[2]!, ordered[1]!]]) {
      expect(shuffled.sort(compareFindings)).toEqual(ordered);
    }
  });
});
