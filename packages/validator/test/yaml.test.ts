import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Document, stringify, visit } from 'yaml';
import { validate } from '../src/index.js';
import { parseDocuments } from '../src/yaml/documents.js';
import { kubernetesYamlSchema, mayUseAliases, parseFast } from '../src/yaml/fast.js';
import { blockYamlPositions, parseBlockYaml } from '../src/yaml/block.js';
import jsyaml from 'js-yaml';
import { expectYamlPositions, V135, yaml } from './helpers.js';
import type { JsonPath } from '../src/types.js';

const run = (text: string | Uint8Array, name = 'in.yaml', limits = {}) => validate({ files: [{ name, text }] }, { ...V135, limits });

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "1"\n`;

describe('documents and statuses', () => {
  it('reports empty documents as empty, not as errors, and counts only real resources', async () => {
    const report = await run(`---\n---\n# only a comment\n---\n${configMap('one')}---\n`);
    expect(report.resources.map((r) => [r.documentIndex, r.status, r.line])).toEqual([
      [0, 'empty', 1],
      [1, 'empty', 2],
      [2, 'valid', 5],
      [3, 'empty', 11],
    ]);
    expect(report.summary).toMatchObject({ resources: 1, valid: 1, empty: 3 });
    expect(report.findings).toEqual([]);
  });

  it('requires apiVersion and kind, with positions', async () => {
    const report = await run(yaml(`
      metadata:
        name: x
      ---
      apiVersion: 3
      kind: ConfigMap
    `));
    expect(report.resources.map((r) => r.status)).toEqual(['error', 'error']);
    expect(report.findings.map((f) => [f.documentIndex, f.line, f.column, f.path, f.message])).toEqual([
      [0, 1, 1, '', 'missing "apiVersion"'],
      [0, 1, 1, '', 'missing "kind"'],
      [1, 4, 13, 'apiVersion', '"apiVersion" must be a non-empty string'],
    ]);
  });

  it('rejects a document that is not a mapping', async () => {
    const report = await run('- a\n- b\n');
    expect(report.findings.map((f) => [f.line, f.column, f.message])).toEqual([[1, 1, 'expected a Kubernetes object (a mapping with apiVersion and kind), got a list']]);
  });

  it('validates kind: List and typed lists item by item, with the item positions', async () => {
    const report = await run(yaml(`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: good}
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: bad}
          data: {a: 1}
      ---
      apiVersion: v1
      kind: ConfigMapList
      items:
        - metadata: {name: typed}
          dta: {}
    `));
    expect(report.resources.map((r) => [r.kind, r.name, r.status, r.line, r.column, r.documentIndex])).toEqual([
      ['ConfigMap', 'good', 'valid', 4, 5, 0],
      ['ConfigMap', 'bad', 'invalid', 7, 5, 0],
      ['ConfigMap', 'typed', 'invalid', 15, 5, 1],
    ]);
    expect(report.findings.map((f) => [f.line, f.column, f.path, f.message])).toEqual([
      [10, 15, 'data.a', 'expected a string, got integer 1'],
      [16, 5, 'dta', 'unknown field (did you mean "data"?)'],
    ]);
  });

  it('reads files with CRLF line endings and a byte-order mark', async () => {
    const text = `\ufeff${configMap('a')}---\n${configMap('b').replace('"1"', '1')}`.replace(/\n/g, '\r\n');
    const report = await run(Buffer.from(text, 'utf8'));
    expect(report.resources.map((r) => [r.name, r.status, r.line])).toEqual([
      ['a', 'valid', 1],
      ['b', 'invalid', 8],
    ]);
    expect(report.findings.map((f) => [f.line, f.column, f.path])).toEqual([[13, 6, 'data.a']]);
  });

  it('reads JSON manifests', async () => {
    const report = await run('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j"},\n "data": {"x": true}}', 'cm.json');
    expect(report.findings.map((f) => [f.file, f.line, f.column, f.path])).toEqual([['cm.json', 2, 16, 'data.x']]);
  });

  it('attributes findings to the helm template from the # Source: comment', async () => {
    const report = await run(`---\n# Source: chart/templates/cm.yaml\n${configMap('ok')}---\n# Source: chart/templates/bad.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\nbogus: 1\n`);
    expect(report.resources.map((r) => r.template)).toEqual(['chart/templates/cm.yaml', 'chart/templates/bad.yaml']);
    expect(report.findings).toMatchObject([{ template: 'chart/templates/bad.yaml', line: 14, column: 1, path: 'bogus' }]);
  });

  it('reads YAML 1.1 as Kubernetes does: yes/on are booleans, 0755 is octal, dates stay strings', async () => {
    const [doc] = parseDocuments('a: yes\nb: on\nc: 0755\nd: 2024-01-01\ne: 1:20\nf: "yes"\ng: ~\n');
    expect(doc!.value).toEqual({ a: true, b: true, c: 493, d: '2024-01-01', e: '1:20', f: 'yes', g: null });
    const report = await run(`${configMap('x')}  enabled: yes\n`);
    expect(report.findings.map((f) => [f.line, f.column, f.path, f.message])).toEqual([[7, 12, 'data.enabled', 'expected a string, got boolean true']]);
  });
  it('reads floats as go-yaml does: e0, E5 and . are strings, and so is a float that overflows', async () => {
    const [doc] = parseDocuments('a: e0\nb: E5\nc: .\nd: 1e3\ne: .5\nf: -.inf\ng: 4e12345678901234\n');
    expect(doc!.value).toEqual({ a: 'e0', b: 'E5', c: '.', d: 1000, e: 0.5, f: -Infinity, g: '4e12345678901234' });
    // The positions parse (used once a document has findings) must read scalars the same way.
    const report = await run(`${configMap('x')}  p: e0\n  q: 1e3\n  r: 9e999\n`);
    expect(report.findings.map((f) => [f.line, f.column, f.path, f.message])).toEqual([[8, 6, 'data.q', "expected a string, got integer 1000"]]);
  });
});


describe('YAML errors are findings with positions, never crashes', () => {
  const yamlFinding = async (text: string | Uint8Array, limits = {}) => {
    const report = await run(text, 'in.yaml', limits);
    expect(report.resources.every((r) => r.status === 'error' || r.status === 'valid')).toBe(true);
    return report.findings.filter((f) => f.rule === 'yaml').map((f) => [f.line, f.column, f.message]);
  };

  it('syntax error', async () => {
    expect(await yamlFinding(`${configMap('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n`)).toEqual([
      [11, 18, 'Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ]);
  });

  it('duplicate keys', async () => {
    expect(await yamlFinding('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n')).toEqual([[5, 3, 'Map keys must be unique']]);
  });

  it('tabs used as indentation', async () => {
    const findings = await yamlFinding('apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n');
    expect(findings[0]!.slice(0, 2)).toEqual([4, 1]);
    expect(findings[0]![2]).toMatch(/tab/i);
  });

  it('bad escapes in double-quoted strings', async () => {
    expect(await yamlFinding('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "a\\qb"\n')).toEqual([[4, 11, 'Invalid escape sequence \\q']]);
  });

  it('non-UTF-8 bytes', async () => {
    const bytes = Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(await yamlFinding(bytes)).toEqual([[4, 12, 'invalid UTF-8: byte 0xe9 at offset 52 (manifests must be UTF-8 text)']]);
  });

  it('a YAML bomb (alias expansion) is refused without exhausting memory', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const before = process.memoryUsage().heapUsed;
    const findings = await yamlFinding(`apiVersion: v1\nkind: ConfigMap\n${levels.join('\n')}\n`);
    expect(findings).toEqual([[1, 1, 'too many alias expansions (limit 100): refusing a possible YAML bomb']]);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('prose that only looks like an alias keeps the fast path; a real alias does not', () => {
    // controller-gen writes markdown into CRD descriptions: `*more*`, `**Note**`, `* item`.
    const prose = 'description: |-\n  won\'t make it *more* imbalanced\n  **Classic Preemption** & *all*\nurl: "https://x/?a=1&b=2"\nheaders: ["Test-Header-*", "*Trace-Id"]\n';
    expect(mayUseAliases(prose)).toBe(false);
    expect(parseFast(prose, 256)).toEqual({ value: jsyaml.load(prose) });
    for (const text of ['a: &x 1\nb: *x\n', 'base: &base {a: 1}\nother:\n  <<: *base\n', '- &a [1]\n- [*a, *a]\n', '&k key: v\n*k : w\n']) {
      expect(mayUseAliases(text), text).toBe(true);
      expect(parseFast(text, 256), text).toEqual({ failed: true });
    }
    // An alias to no anchor is js-yaml's syntax error: the slow path reports it.
    expect(mayUseAliases('a: *nowhere\n')).toBe(false);
    expect(parseFast('a: *nowhere\n', 256)).toEqual({ failed: true });
  });

  it('the fast path reads a document up to the nesting limit, and leaves one past it to the slow path', () => {
    const nested = (levels: number) => `a: ${'['.repeat(levels - 1)}1${']'.repeat(levels - 1)}\n`;
    expect(parseFast(nested(256), 256)).toHaveProperty('value');
    expect(parseFast(nested(257), 256)).toEqual({ failed: true });
    expect(parseFast(nested(1001), 1e9)).toEqual({ failed: true });
  });

  it('a few aliases are fine', async () => {
    const report = await run('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, labels: &l {a: b}, annotations: *l}\n');
    expect(report.findings).toEqual([]);
  });

  it('nesting deeper than the limit, at the first level past it, however deep the document goes', async () => {
    expect(await yamlFinding(`apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(300)}${']'.repeat(300)}\n`)).toEqual([[3, 7 + 255, 'document nests deeper than the limit of 256 levels']]);
    // Composing these would overflow the stack, and V8 aborts the process when that happens while it compiles a regular expression.
    expect(await yamlFinding(`a: ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}\n`)).toEqual([[1, 4 + 255, 'document nests deeper than the limit of 256 levels']]);
    expect(await yamlFinding(`${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} v\n`)).toEqual([[257, 257, 'document nests deeper than the limit of 256 levels']]);
    expect(await yamlFinding(`a: ${'['.repeat(300)}${']'.repeat(300)}\n`, { maxDepth: 1e9 })).toEqual([]);
    expect(await yamlFinding(`a: ${'['.repeat(1200)}${']'.repeat(1200)}\n`, { maxDepth: 1e9 })).toEqual([[1, 4 + 999, 'document nests deeper than the limit of 1000 levels']]);
  });

  it('documents larger than the size limit', async () => {
    expect(await yamlFinding(`${configMap('a')}---\n${configMap('b')}`, { maxDocumentBytes: 60 })).toEqual([
      [1, 1, 'document is 66 bytes, more than the limit of 60 bytes'],
      [7, 1, 'document is 70 bytes, more than the limit of 60 bytes'],
    ]);
  });

  it('an error in one document leaves the others validated', async () => {
    const report = await run(`${configMap('a')}---\nkey: "unterminated\n---\n${configMap('c')}`);
    expect(report.resources.map((r) => r.status)).toEqual(['valid', 'error', 'valid']);
  });
});

describe('the fast parser agrees with the positional one', () => {
  const scalar = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('yes', 'No', 'on', 'OFF', '0755', '0x1F', '1e3', '.5', '~', '2024-01-01', '1:20', '-0', '+12', '0b101', 'null', '', ' lead', 'a: b', '#x', '- x', '"q"', "'s'"),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ minLength: 1 }), tie('node'), { maxKeys: 4 })),
  })).node;

  it('on random documents in every YAML style the yaml package writes', () => {
    fc.assert(
      fc.property(value, fc.constantFrom('block', 'flow'), (data, style) => {
        const text = stringify(data, { version: '1.1', collectionStyle: style === 'flow' ? 'flow' : 'block' });
        const [full] = parseDocuments(text);
        const fast = parseFast(text, 256);
        if ('value' in fast && full!.problems.length === 0) expect(fast.value).toEqual(full!.value ?? null);
      }),
      { numRuns: 400 },
    );
  }, 60_000);
});

describe('the block parser reads exactly what js-yaml reads, or gives up', () => {
  const key = fc.oneof({ arbitrary: fc.constantFrom('name', 'image', 'ports', 'spec', 'labels', 'x-1', 'a.b/c'), weight: 6 }, fc.constantFrom('name', 'app.kubernetes.io/name', 'nvidia.com/gpu', 'a_b', 'x-y', 'on', 'y', '1', 'null', 'key with space', '__proto__', '-k', 'a:b'), fc.string({ minLength: 1, maxLength: 8 }));
  const scalar = fc.oneof(
    { arbitrary: fc.constantFrom('nginx:1.27', 'web', '100m', '1Gi', 'ClusterIP', '8080', 'true'), weight: 6 },
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('yes', 'No', '0755', '0x1F', '1e3', '.5', '~', '-1', '--port=8080', 'http://x:80/a', 'a #b', '#c', "it's", 'say "hi"', 'multi\nline\n', 'trailing\n', 'para\n\nnext\n\n', 'say "hi"\n', 'back\\slash\u00e9', 'tab\tin', 'a: b', '- x', '[x]', '{y}', '*ref', '&anchor', '!tag', '|', '>', ' lead', 'trail '),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
  })).node;
  const style = fc.record({ indent: fc.constantFrom(2, 4), flowLevel: fc.constantFrom(-1, 1, 2), noCompatMode: fc.boolean(), lineWidth: fc.constantFrom(20, 80, -1) });

  it('on random documents as js-yaml and yaml write them', () => {
    let accepted = 0;
    fc.assert(
      fc.property(value, style, fc.boolean(), (data, options, useYamlPackage) => {
        const text = useYamlPackage ? stringify(data, { version: '1.1', indent: options.indent }) : jsyaml.dump(data, options);
        const block = parseBlockYaml(text);
        if (block === undefined) return;
        accepted++;
        expect(block.value).toEqual(jsyaml.load(text, { schema: kubernetesYamlSchema() }));
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(300);
  }, 120_000);

  it('on prose that the yaml package folds over lines, as controller-gen folds CRD descriptions', () => {
    const word = fc.oneof(
      { arbitrary: fc.constantFrom('the', 'pod', 'is', 'a', 'Job', 'index', 'of', 'e.g.', '(see', 'docs)', 'a-b', '`cmd`', 'CEL'), weight: 30 },
      fc.constantFrom('-', '1', 'true', 'null', '#', 'x:', '*bold*', "it's", '"q"', '[x]', '{y}', '|', '>', '%', '@', '0.5', 'yes', '&a', '!t', '?', ',', 'a\nb', '\n', 'back\\slash', 'é', '\\', 'tab\t'),
    );
    const prose = fc.array(word, { minLength: 1, maxLength: 40 }).map((words) => words.join(' '));
    const data = fc.dictionary(key, fc.oneof(prose, fc.array(prose, { maxLength: 3 }), fc.dictionary(key, prose, { maxKeys: 3 })), { maxKeys: 4 });
    let folded = 0;
    fc.assert(
      fc.property(data, fc.constantFrom(20, 40, 80), fc.constantFrom(2, 4), fc.constantFrom('plain', 'single', 'double'), (value, lineWidth, indent, quotes) => {
        const text = stringify(value, { version: '1.1', lineWidth, minContentWidth: 0, indent, singleQuote: quotes === 'single', ...(quotes === 'double' ? { defaultStringType: 'QUOTE_DOUBLE' as const } : {}) });
        const block = parseBlockYaml(text);
        if (block === undefined) return;
        if (/\n {2,}[^ -]/.test(text) && !text.includes('|') && !text.includes('>')) folded++;
        expect(block.value).toEqual(jsyaml.load(text, { schema: kubernetesYamlSchema() }));
        expectYamlPositions(blockYamlPositions(text)!, text, pathsOf(block.value));
      }),
      { numRuns: 500 },
    );
    expect(folded).toBeGreaterThan(50);
  }, 60_000);

  it('on flow collections the yaml package breaks over lines, with every position where it puts them', () => {
    // Below the top level every collection is a flow one; a narrow line width breaks the long ones
    // over lines, `[` and `]` on lines of their own (yaml's style), items one per line.
    // Mostly what manifests hold, so that most documents are in the subset and the odd scalar still comes up.
    const common = fc.oneof({ arbitrary: fc.constantFrom('--port=8080', 'serve model', '/v1/models', 'a-b_c.d', '100m', 'ALL', 'true', '0755', 'it\'s'), weight: 8 }, scalar);
    const commonKey = fc.oneof({ arbitrary: fc.constantFrom('command', 'args', 'drop', 'matchLabels', 'app.kubernetes.io/name'), weight: 8 }, key);
    const inFlow = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, common, fc.array(tie('node'), { maxLength: 5 }), fc.dictionary(commonKey, tie('node'), { maxKeys: 4 })),
    })).node;
    const data = fc.dictionary(commonKey, fc.oneof(fc.array(inFlow, { maxLength: 6 }), fc.dictionary(commonKey, inFlow, { maxKeys: 4 }), common), { maxKeys: 4 });
    let brokenOverLines = 0;
    fc.assert(
      fc.property(data, fc.constantFrom(20, 40, 80), fc.constantFrom(2, 4), fc.boolean(), (value, lineWidth, indent, sequenceItems) => {
        const document = new Document(sequenceItems ? [value] : value, { version: '1.1' });
        visit(document, {
          Map: (_, node, path) => void (path.length > 2 && (node.flow = true)),
          Seq: (_, node, path) => void (path.length > (sequenceItems ? 2 : 1) && (node.flow = true)),
        });
        const text = document.toString({ lineWidth, minContentWidth: 0, indent });
        const block = parseBlockYaml(text);
        if (block === undefined) return;
        if (/^ *[\[{]$/m.test(text) || /[,[{]$/m.test(text)) brokenOverLines++;
        expect(block.value).toEqual(jsyaml.load(text, { schema: kubernetesYamlSchema() }));
        expectYamlPositions(blockYamlPositions(text)!, text, pathsOf(block.value));
      }),
      { numRuns: 400 },
    );
    expect(brokenOverLines).toBeGreaterThan(50);
  }, 60_000);

  /** Every path in `data`, a missing child of each container, and a step past each scalar. */
  function pathsOf(data: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
    const out: Array<Array<string | number>> = [prefix];
    if (Array.isArray(data)) {
      data.forEach((item, i) => out.push(...pathsOf(item, [...prefix, i])));
      out.push([...prefix, data.length], [...prefix, 'x']);
    } else if (data !== null && typeof data === 'object') {
      for (const [k, v] of Object.entries(data)) out.push(...pathsOf(v, [...prefix, k]));
      out.push([...prefix, 'missing-key'], [...prefix, 0]);
    } else out.push([...prefix, 'beyond']);
    return out;
  }

  it('and places every key and value where the yaml package does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(value, style, fc.boolean(), fc.constantFrom('', '---\n', '# lead\n\n'), fc.constantFrom('null', '', '   ', '  # none'), (data, options, useYamlPackage, lead, nullAs) => {
        // Helm writes an empty value (`env:`) where the dumpers write `null`.
        const dumped = useYamlPackage ? stringify(data, { version: '1.1', indent: options.indent }) : jsyaml.dump(data, options);
        const text = lead + dumped.replace(/^(.*?(?::|-)) null$/gm, (_, head: string) => `${head}${nullAs === 'null' ? ' null' : nullAs}`);
        const block = blockYamlPositions(text);
        const parsed = parseBlockYaml(text);
        expect(block === undefined).toBe(parsed === undefined);
        if (block === undefined || parsed === undefined) return;
        accepted++;
        expectYamlPositions(block, text, pathsOf(parsed.value));
      }),
      { numRuns: 1000 },
    );
    expect(accepted).toBeGreaterThan(150);
  }, 120_000);

  it('on hand-picked edge cases', () => {
    const cases = [
      'a: 1\nb:\n- x\n- y\nc:\n  - z\n',
      '- name: a\n  ports:\n  - 80\n  - containerPort: 81\n    name: h\n- b\n',
      'data:\n  script: |\n    #!/bin/sh\n    echo "hi" # not a comment\n      indented\n  other: |-\n    x\n',
      'k: v # comment\n# comment line\nq: "quoted" # c\ns: \'single\'\n',
      'args: [--port=80, "-v", 2, {a: b}]\nempty: []\nmap: {}\n',
      'x: -1\nyy: -.5\nz: +3\nw: 0b11\nv: 1_000\nu: NULL\nt: Off\n',
      '---\n# Source: c/templates/x.yaml\napiVersion: v1\nkind: ConfigMap\n',
      'a:\n  b:\n    c: d\n  e: f\ng: h\n',
      'folded: >\n  text\n',
      'a: 1\na: 2\n',
      'a: &x 1\nb: *x\n',
      'plain: multi\n  line\n',
      'k: [a,\n  b]\n',
      '"quoted key": 1\n\'single\': 2\n',
      'a:\n- b: c\n  d: e\n',
      'url: http://example.com:8080/x\ncolon: a:b\n',
      'list:\n-\n  a: b\n-\n- c\n',
      'command: ["./gen.sh", "--service", "svc",\n          "--namespace", "default"]\nnext: 1\n',
      'k:\n  [\n    a,\n    {b: c}\n  ]\nl:\n- [x,\n  y]\n',
      '- [a,\n  b]\n- c\n',
      'k: [a\n  b]\n',
      'k: ["a\n  b"]\n',
      'k: [a, # c\n  b]\n',
      'k: {a\n    : b}\n',
      'k: [a,\n\n  b]\n',
      'k: [a,\n  # c\n  b]\n',
      'k: [a,\nb]\n',
      'k: [a,\n  b]\n  j: 2\n',
    ];
    for (const text of cases) {
      const block = parseBlockYaml(text);
      if (block !== undefined) expect([text, block.value]).toEqual([text, jsyaml.load(text, { schema: kubernetesYamlSchema() })]);
    }
    // The common shapes are read by the block parser, not handed on.
    expect(cases.slice(0, 8).map((text) => parseBlockYaml(text) !== undefined)).toEqual([true, true, true, true, true, true, true, true]);
    // A flow collection goes on over lines (Volcano's chart breaks a Job's command so); a scalar
    // broken over lines inside one is YAML's folding, a comment or blank line inside one, or a line
    // no deeper than its key, is left to js-yaml.
    const overLines = cases.slice(17);
    expect(overLines.map((text) => parseBlockYaml(text) !== undefined)).toEqual([true, true, true, false, false, false, false, false, false, false, false]);
    expect(parseBlockYaml(overLines[0]!)!.value).toEqual({ command: ['./gen.sh', '--service', 'svc', '--namespace', 'default'], next: 1 });
    expectYamlPositions(blockYamlPositions(overLines[0]!)!, overLines[0]!, [['command', 3], ['command', 4], ['next']]);
  });

  it('locates a path by walking the lines along it alone: in any order, again and again, past what it skips', () => {
    // Compact mappings (`- name: x`) are rewritten while walked and put back after; literal blocks with blank lines,
    // folded scalars, flow collections and sequences at a key's own indentation are skipped whole.
    const text = [
      'spec:',
      '  containers:',
      '  - name: a',
      '    args: [x, {k: v}]',
      '    script: |',
      '      one',
      '',
      '      two',
      '  - name: b',
      '    description: folded',
      '      over lines',
      '    ports:',
      '    - containerPort: 80',
      '      name: http',
      '  volumes:',
      '  - name: v',
      'metadata:',
      '  name: last',
      '',
    ].join('\n');
    const located = blockYamlPositions(text)!;
    const paths: JsonPath[] = [['metadata', 'name'], ['spec', 'containers', 1, 'ports', 0, 'name'], ['spec', 'containers', 0, 'args', 1, 'k'], ['spec', 'containers', 1, 'description'], ['spec', 'volumes', 0, 'name'], ['spec', 'containers', 0, 'script'], ['spec', 'containers', 2], ['nothing', 'here']];
    for (const order of [paths, [...paths].reverse(), paths]) expectYamlPositions(located, text, order);
    expect(located.locate(['spec', 'containers', 1, 'ports', 0, 'name'], true)).toEqual({ line: 14, column: 7 });
  });

  it("reads double-quoted scalars with the escapes JSON shares (helm's quote) and literal blocks with blank lines, and gives up on the rest", () => {
    const helmQuoted = [
      'data:\n  "server.toml": "workers = 4\\n"\n  "a\\"b": "tab\\there \\u00e9 \\/ \\\\ \\"q\\"" # c\n',
      'args: ["-c", "echo \\"hi\\"\\nexit 0", {"k\\n": "v\\r"}]\n',
      // Single quotes doubled inside single quotes, as controller-gen writes CEL rules and messages into CRDs.
      "rule: '!has(self.p) || self.w == ''TryNextFlavor'''\nmessage: 'values: ''NoSchedule'', ''NoExecute''' # c\n'it''s': ['''', 'a''b', {'k''': 'v'}]\n",
    ];
    // Blank lines inside literal blocks (scripts in ConfigMaps), indented or not, and blank lines chomped at their end.
    const literals = [
      'data:\n  lib.sh: |\n    #!/bin/sh\n\n    set -eu\n    \n\n    echo done\n\n  other: |-\n    a\n\n    b\n\n\nnext: 1\n',
      'script: |\n  x\n\n',
      'a:\n  run: |\n    one\n\n    two\n  name: s\n',
      // Indentation indicators: a leading blank line (JobSet's and LWS's config), leading spaces (what the dumpers write), in a list.
      'data:\n  config.yaml: |2\n\n    apiVersion: v1\n    # kept\n    kind: Configuration\n',
      'a: |2-\n    lead\n  x\nb: |-1\n  two\n',
      'list:\n- |2\n     five\n   three\n- k: |4\n        x\n',
      // Plain scalars folded over lines, as controller-gen writes CRD descriptions.
      'description: podIndex is the Job completion index of the coordinator\n  pod.\ntype: integer\nitems:\n- first line\n  second line   \n     third\n- k: v\n  description: a\n    b\n',
      // Double-quoted over lines, with JSON's escapes, an escaped line break and an escaped backslash at a line's end.
      'description: "status is the status of the ControllerModifyVolume\n  operation. It can be in any of following states:\\n\n  - Pending\\n   Pending indicates \\"that\\"  \n  it is\\\n    joined, \\\\\n  \\u00e9 done"  # c\nnext: 1\n',
      // go-yaml's escaped space at the start of a folded line.
      'example: "value\n  \\ \\"v1\\"\\n\\n```"\n',
      // A continuation line may start with what would be an indicator at a scalar's start.
      'description: defaults to\n  "1" or [x] or *y &z !t | > % @ `c` \'q\' {w} -v ?x\n  -1\n',
      "description: 'Container name: required for volumes,\n  optional for env vars'\ntype: string\nlist:\n- 'it''s: one  \n     two ''x'' three '\n- 'a:\n  b' # c\n",
      // A value alone on the line below its key or `-`, as helm's `toYaml … | nindent` writes an empty map or null.
      // Spaces past the block's indentation on an otherwise blank line are text (KServe's JSON config).
      'a: |\n  x\n     \n  y\nb: |-\n  x\n       \nc: 1\n',
      'securityContext:\n  {}\nmetadata:\n  annotations:\n    null\n  name: x\nq:\n  "s: t"\nl:\n    [1, b]\nseq:\n-\n  7\n- x\n',
    ];
    for (const text of [...helmQuoted, ...literals]) {
      const block = parseBlockYaml(text);
      expect([text, block?.value]).toEqual([text, jsyaml.load(text, { schema: kubernetesYamlSchema() })]);
      expectYamlPositions(blockYamlPositions(text)!, text, pathsOf(block!.value));
    }
    // A leading blank line before the indentation is known: for the other parsers.
    for (const text of ['a: |\n\n  x\n', 'a: |\n     \n  x\n']) expect([text, parseBlockYaml(text)]).toEqual([text, undefined]);
    // Folded scalars that are more than prose: a blank or comment line inside, YAML's own escapes, text after the closing
    // quote, no closing quote, a plain continuation that starts like a block entry or holds `: ` or ` #`: for the other
    // parsers.
    for (const text of ['a: "one\n  two \\x41"\n', 'a: "one\n  two\\ "\n', 'a: "\n  two"\n', 'a: "one\n  two" x\n', 'a: "one\n\n  two"\n', 'a: "one\n  two\n', "a: 'one\n\n  two'\n", "a: 'one\n  # c\n  two'\n", "a: 'one\n  two' x\n", "a: 'one\n  two\n", "a: '\n  two'\n", "a: 'one\nb: two'\n", 'a: one\n\n  two\n', 'a: one\n  # c\n  two\n', 'a: one\n  - two\n', 'a: one\n  ? two\n', 'a: one\n  :\n', 'a: one\n  b: two\n', 'a: one\n  two # c\n', 'a: one # c\n  two\n', 'a: one\n  two:\n', 'a: one |\n\n  two\n', 'a: one |\n  #two\n', 'a: one |\n  two\n  #three\n']) {
      expect([text, parseBlockYaml(text)]).toEqual([text, undefined]);
    }
    // YAML's own escapes (\x41, \0, an escaped space, \N) and a raw control character JSON refuses: for js-yaml and yaml.
    for (const text of ['a: "\\x41"\n', 'a: "\\0"\n', 'a: "x\\ y"\n', 'a: "\\N"\n', 'a: "\\u12"\n', 'a: "bell\u0007\\n"\n']) expect([text, parseBlockYaml(text)]).toEqual([text, undefined]);
  });
});
