import { describe, expect, it } from 'vitest';
import * as yaml from 'yaml';
import { LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import { composeYamlWithinNesting, DEFAULT_MAX_DEPTH, jsonNestingBreach, MAX_DEPTH_CEILING, positionAt } from '../src/index.js';

const breach = (text: string, maxDepth = DEFAULT_MAX_DEPTH) => {
  const composed = composeYamlWithinNesting(yaml, text, { yamlOptions: {}, maxDepth });
  return 'breach' in composed ? { ...positionAt(text, composed.breach.offset), limit: composed.breach.limit } : undefined;
};

/** `levels` block maps, one key per line, each indented one more space. */
const blockMaps = (levels: number) => `${Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} v\n`;

describe('composeYamlWithinNesting', () => {
  it("composes what yaml's parseAllDocuments and parseDocument compose, with the same errors and lines", () => {
    const texts = ['a: 1\n---\nb: [x, {c: d}]\n', '', '# only\n', 'k: &a v\nl: *a\nbad: [\n', '---\n- 1\n...\n--- x\n', 'a: 1\na: 2\n'];
    for (const text of texts) {
      for (const oneDocument of [false, true]) {
        const lines = new LineCounter();
        const composed = composeYamlWithinNesting(yaml, text, { yamlOptions: { version: '1.1' }, maxDepth: 8, onNewLine: lines.addNewLine, oneDocument });
        const expectedLines = new LineCounter();
        const expected = oneDocument ? [parseDocument(text, { version: '1.1', lineCounter: expectedLines })] : parseAllDocuments(text, { version: '1.1', lineCounter: expectedLines });
        if (!('documents' in composed)) throw new Error(`no documents for ${JSON.stringify(text)}`);
        // parseDocument adds an error of its own for a second document; a caller that wants one document judges that itself.
        const documents = oneDocument ? composed.documents.slice(0, 1) : composed.documents;
        expect(documents.map((d) => [d.toJS(), d.errors.map((e) => [e.code, e.pos])])).toEqual(
          (expected as yaml.Document[]).map((d) => [d.toJS(), d.errors.filter((e) => e.code !== 'MULTIPLE_DOCS').map((e) => [e.code, e.pos])]),
        );
        expect(lines.lineStarts).toEqual(expectedLines.lineStarts);
      }
    }
  });

  it('accepts nesting up to the limit, counting maps and sequences as the composed document does', () => {
    for (const text of [`a: ${'['.repeat(255)}${']'.repeat(255)}\n`, blockMaps(256), `${'- '.repeat(256)}x\n`, `${'{a: '.repeat(256)}x${'}'.repeat(256)}\n`]) {
      expect(breach(text)).toBeUndefined();
      expect(() => parseDocument(text).toJS()).not.toThrow();
    }
  });

  it('finds the first map or sequence past the limit, in flow, block and compact nesting', () => {
    // `a:` is a map: the first `[` is the second level.
    expect(breach(`a: ${'['.repeat(300)}${']'.repeat(300)}\n`)).toEqual({ line: 1, column: 3 + 256, limit: 256 });
    expect(breach(blockMaps(300))).toEqual({ line: 257, column: 257, limit: 256 });
    expect(breach(`${'- '.repeat(300)}x\n`)).toEqual({ line: 1, column: 1 + 2 * 256, limit: 256 });
    expect(breach(`x: 1\n---\ny:\n  z: [[[1]]]\n`, 4)).toEqual({ line: 4, column: 8, limit: 4 });
  });

  it('reads a million levels without recursing and stops where the limit is broken', () => {
    // Composing this overflows the stack; measuring it must not.
    expect(breach(`a: ${'['.repeat(1_000_000)}`)).toEqual({ line: 1, column: 259, limit: 256 });
    expect(breach(`a: ${'{b: '.repeat(1_000_000)}`)).toEqual({ line: 1, column: 4 + 4 * 255, limit: 256 });
  });

  it('never allows more than the ceiling, whatever limit is asked for', () => {
    expect(breach(`a: ${'['.repeat(5000)}`, 1e9)).toEqual({ line: 1, column: 3 + MAX_DEPTH_CEILING, limit: MAX_DEPTH_CEILING });
  });

  it('says nothing about what is not nesting: brackets in quotes, comments and block scalars', () => {
    const text = `a: "${'['.repeat(1000)}"\nb: '${'{'.repeat(1000)}'\n# ${'['.repeat(1000)}\nc: |\n  ${'['.repeat(1000)}\n`;
    expect(breach(text)).toBeUndefined();
  });
});

describe('jsonNestingBreach', () => {
  it('finds the first array or object past the limit, and ignores brackets in strings', () => {
    expect(jsonNestingBreach(`{"a": ${'['.repeat(300)}${']'.repeat(300)}}`, 256)).toEqual({ offset: 6 + 255, limit: 256 });
    const quoted = `{"a": "x\\"${'['.repeat(300)}", "b": "${'{'.repeat(300)}\\\\"}`;
    expect(JSON.parse(quoted)).toMatchObject({ a: `x"${'['.repeat(300)}` });
    expect(jsonNestingBreach(quoted, 256)).toBeUndefined();
    expect(jsonNestingBreach(`${'[1,'.repeat(256)}${']'.repeat(256)}`, 256)).toBeUndefined();
    expect(jsonNestingBreach('['.repeat(1_000_000), 1e9)).toEqual({ offset: MAX_DEPTH_CEILING, limit: MAX_DEPTH_CEILING });
  });
});
