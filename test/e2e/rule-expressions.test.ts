// The rule language's two interpreters agree (packages/kinds/src/rules/expression.ts): every kind of
// expression, including the ones no rule uses yet, is evaluated in TypeScript and written as a Go
// template expression that real Helm 3 and Helm 4 render, over values that probe Go template truth,
// Helm's `int` and `toString`. Expressions of a `forEach` row (`item`, `itemName`, `lookup` into
// data the chart embeds) are rendered inside a range over two items, as the rule tables write them.
// One small chart, one `helm template` per major.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ruleExpressions as r, type Expression } from '@chartforge/kinds';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { HELM_MAJORS, helmTemplate } from '../src/helm.js';

const values = {
  number: { zero: 0, one: 1, fraction: 2.7, negative: -3 },
  text: { empty: '', zero: '0', word: 'abc', digits: '12', path: '/models' },
  flag: { set: true, unset: false },
  list: { empty: [], ports: [{ name: 'grpc' }, { name: 'http' }], unnamed: [{ port: 1 }] },
  map: { empty: {}, full: { a: 1 } },
  items: {
    first: { text: 'abc', nested: { empty: '', zero: 0 }, list: ['a', 'b'], preset: 'copy', key: 'a' },
    second: { text: '', list: [], preset: 'check' },
  },
};

/** Generation-time data, embedded in the chart as `expressions.presets` (as `_generated.tpl` does). */
const presets = { copy: { types: ['backup', 'migrate'], image: 'rsync' }, check: { types: ['verify'], image: '' } };
const preset = (field: string) => r.lookup('presets', presets, r.item('preset'), field);

/** Conditions, printed through `not (not …)`: Go's and/or return an operand, not a bool. */
const conditions: Expression[] = [
  ...['number.zero', 'number.one', 'text.empty', 'text.zero', 'flag.set', 'flag.unset', 'list.empty', 'list.ports', 'map.empty', 'map.full', 'missing'].map((path) => r.value(path)),
  r.not(r.value('text.word')),
  r.and(r.value('flag.set'), r.value('number.one')),
  r.and(r.value('flag.set'), r.value('number.zero')),
  r.or(r.value('flag.unset'), r.value('text.empty')),
  r.or(r.value('flag.unset'), r.value('list.ports')),
  r.eq(r.value('text.word'), r.literal('abc')),
  r.ne(r.int(r.value('number.fraction')), r.literal(2)),
  r.lt(r.int(r.value('number.negative')), r.int(r.value('number.zero'))),
  r.le(r.int(r.value('number.one')), r.literal(1)),
  r.gt(r.int(r.value('text.digits')), r.literal(11)),
  r.ge(r.int(r.value('number.zero')), r.literal(1)),
  r.lt(r.value('text.word'), r.literal('abd')),
  r.eq(r.eq(r.string(r.value('text.empty')), r.literal('')), r.eq(r.string(r.value('text.word')), r.literal(''))),
  r.hasPrefix('/', r.value('text.path')),
  r.hasPrefix('/', r.value('text.word')),
  r.oneOf(r.value('number.zero'), ['0', '0%']),
  r.oneOf(r.value('text.zero'), ['0', '0%']),
  r.oneOf(r.value('number.one'), ['0', '0%']),
  r.hasItemNamed(r.value('list.ports'), 'http'),
  r.hasItemNamed(r.value('list.empty'), 'http'),
  r.hasItemNamed(r.value('list.unnamed'), 'http'),
];

/** Values, printed as they are. */
const results: Expression[] = [
  r.int(r.value('number.fraction')),
  r.int(r.value('number.negative')),
  r.int(r.value('text.digits')),
  r.int(r.value('text.word')),
  r.int(r.value('flag.set')),
  r.string(r.value('number.zero')),
  r.string(r.value('number.fraction')),
  r.string(r.value('flag.unset')),
  r.string(r.value('missing')),
  r.literal('text'),
];

const expressions = [...conditions.map((condition) => r.not(r.not(condition))), ...results];

/** Expressions over an item, rendered for each of `values.items`: a value's fallback only where a key is missing. */
const itemExpressions: Expression[] = [
  r.item('text'),
  r.string(r.item('missing')),
  r.item('missing', 'fallback'),
  r.item('nested.empty', 'fallback'),
  r.int(r.item('nested.zero', 5)),
  r.item('absent.deeper', 'fallback'),
  r.itemName(),
  r.not(r.not(r.item('list'))),
  r.includes(r.item('list'), r.literal('b')),
  r.includes(r.item('missing'), r.literal('b')),
  r.join(r.item('list'), ', '),
  r.join(r.item('missing'), ', '),
  r.hasKey(r.value('map.full'), r.item('key', 'none')),
  r.hasKey(r.value('map.empty'), r.itemName()),
  r.join(preset('types'), ', '),
  r.eq(preset('image'), r.literal('')),
  r.includes(preset('types'), r.literal('verify')),
  r.and(r.eq(r.item('preset'), r.literal('copy')), r.not(r.item('nested.empty', 'x'))),
];

const scratch = mkdtempSync(join(tmpdir(), 'chartforge-rule-expressions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function chart(): string {
  const setup = r.newGoSetup();
  const lines = expressions.map((expression, index) => `e${index}: {{ printf "%v" ${r.toGo(expression, setup)} | quote }}`);
  const itemSetup = r.newGoSetup(setup.data);
  const itemLines = itemExpressions.map((expression, index) => `  i${index}: {{ printf "%v" ${r.toGo(expression, itemSetup)} | quote }}`);
  const dir = join(scratch, 'expressions');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: expressions\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'values.yaml'), stringify(values));
  writeFileSync(join(dir, 'templates', '_data.tpl'), `{{- define "expressions.presets" -}}\n${JSON.stringify(presets)}\n{{- end }}\n`);
  const template = [
    '{{- $v := .Values }}',
    ...r.dataLines(setup.data),
    ...setup.lines,
    ...lines,
    '{{- range $name := keys $v.items | sortAlpha }}',
    '{{- $item := get $v.items $name }}',
    ...itemSetup.lines,
    '{{ $name }}:',
    ...itemLines,
    '{{- end }}',
    '',
  ];
  writeFileSync(join(dir, 'templates', 'expressions.yaml'), template.join('\n').replaceAll('<CHARTNAME>', 'expressions'));
  return dir;
}

describe('rule expressions: TypeScript and Go agree', () => {
  const dir = chart();
  const expected = {
    ...Object.fromEntries(expressions.map((expression, index) => [`e${index}`, String(r.evaluate(expression, values))])),
    ...Object.fromEntries(
      Object.entries(values.items).map(([name, item]) => [name, Object.fromEntries(itemExpressions.map((expression, index) => [`i${index}`, String(r.evaluate(expression, values, { name, item }))]))]),
    ),
  };

  it.each(HELM_MAJORS)('under helm %s', (major) => {
    expect(parse(helmTemplate(major, dir))).toEqual(expected);
  });
});
