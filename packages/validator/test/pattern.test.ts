// CRD and values-schema patterns run on V8's linear-time engine when the process enabled it and the
// pattern means the same there as in Go's regexp; on RE2 otherwise. Either way the answer must be
// Go's (RE2's): checked here against RE2 on every pattern of the embedded CRDs and on the syntax
// where the two languages part, with V8's engine enabled as the CLI enables it.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileLinearPattern } from '../src/read/pattern.js';

const { RE2JS } = createRequire(import.meta.url)('re2js') as typeof import('re2js');
const crdsDir = new URL('../embedded/crds/', import.meta.url);

function patternsIn(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) patternsIn(item, found);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') found.add(value);
      else patternsIn(value, found);
    }
  }
  return found;
}

/** Texts that take each pattern down its branches: its own literal pieces, their mixes, edge characters. */
function probes(pattern: string): string[] {
  const pieces = pattern.replace(/\\(.)/g, '$1').split(/[\^$()[\]{}|*+?]+/).filter(Boolean);
  const texts = ['', 'a', 'A', '0', '-', '.', 'a.b', 'abc-def', 'ab_c', 'x'.repeat(300), '1s', '10ms', 'example.com', '*.example.com', 'a\nb', 'a\rb', 'é', 'a b', '/path', 'Gi', '1Gi', 'v1', '\u2028'];
  for (const piece of pieces) texts.push(piece, `${piece}${piece}`, `a${piece}`, `${piece}\n`, piece.toUpperCase());
  return texts;
}

beforeAll(() => setFlagsFromString('--enable-experimental-regexp-engine'));

describe('patterns answer as Go (RE2) does', () => {
  it('every pattern of the embedded CRDs, on texts built from it', () => {
    const patterns = new Set<string>();
    for (const file of readdirSync(crdsDir).filter((name) => name.endsWith('.json.gz')).sort()) patternsIn(JSON.parse(gunzipSync(readFileSync(new URL(file, crdsDir))).toString('utf8')), patterns);
    expect(patterns.size).toBeGreaterThan(20);
    for (const pattern of patterns) {
      let re2: ReturnType<typeof RE2JS.compile>;
      try {
        re2 = RE2JS.compile(pattern);
      } catch {
        expect(() => compileLinearPattern(pattern), pattern).toThrow();
        continue;
      }
      const compiled = compileLinearPattern(pattern);
      for (const text of probes(pattern)) expect(compiled.test(text), `${pattern} on ${JSON.stringify(text)}`).toBe(re2.test(text));
    }
  });

  it.each([
    ['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', ['abc', 'a-b', '-a', 'A', '']],
    ['^.$', ['\r', '\n', 'a', '\u2028']],
    ['\\d+', ['123', '١٢٣']],
    ['^\\s$', ['\u00a0', ' ', '\v']],
    ['^[^/]{2}$', ['ab', '😀', '😀😀']],
    ['^[[:alpha:]]+$', ['abc', ':', '[a']],
    ['^[]a]$', [']', 'a']],
    ['a\\z', ['a', 'az']],
    ['^x{2}$', ['xx', 'x{2}']],
    ['^(a+)+$', ['a'.repeat(2000), `${'a'.repeat(2000)}b`]],
    ['^(?i)abc$', ['ABC', 'abc']],
  ])('%s', (pattern, texts) => {
    const compiled = compileLinearPattern(pattern);
    const re2 = RE2JS.compile(pattern);
    for (const text of texts) expect(compiled.test(text), JSON.stringify(text)).toBe(re2.test(text));
  });
});
