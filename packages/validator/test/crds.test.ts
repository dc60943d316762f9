import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../src/index.js';
import { V135, widgetCrd, yaml } from './helpers.js';

const widget = (spec: string, apiVersion = 'example.com/v1') => `apiVersion: ${apiVersion}\nkind: Widget\nmetadata: {name: w}\nspec: ${spec}\n`;

const run = (text: string, options = {}) => validate({ files: [{ name: 'in.yaml', text }] }, { ...V135, ...options });
const summary = (findings: Awaited<ReturnType<typeof run>>['findings']) => findings.map((f) => [f.line, f.column, f.path, f.message]);

describe('custom resources', () => {
  it('are validated against each served version of a CRD given with --crd (file or directory)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-crds-'));
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'nested', 'widget.yaml'), widgetCrd);
    for (const crds of [[join(dir, 'nested', 'widget.yaml')], [dir]]) {
      const report = await run(widget('{size: 11, colour: blue, extra: {anything: [1]}, shape: round}'), { crds });
      expect(summary(report.findings)).toEqual([
        [4, 14, 'spec.size', 'must be at most 10, got 11'],
        [4, 26, 'spec.colour', 'unsupported value "blue": expected one of "red", "green"'],
        [4, 56, 'spec.shape', 'unknown field'],
      ]);
    }
    const unserved = await run(widget('{}', 'example.com/v1alpha1'), { crds: [dir] });
    expect(unserved.findings.map((f) => f.message)).toEqual(['no schema for example.com/v1alpha1 Widget in Kubernetes v1.35.0: Widget is served as example.com/v1']);
  });

  it('uses CRDs found in the input itself, before or after the custom resources', async () => {
    const after = await run(`${widget('{}')}---\n${widgetCrd}`);
    expect(after.resources.map((r) => [r.kind, r.status])).toEqual([
      ['Widget', 'invalid'],
      ['CustomResourceDefinition', 'valid'],
    ]);
    expect(summary(after.findings)).toEqual([[4, 7, 'spec', 'missing required field "size"']]);
    const before = await run(`${widgetCrd}---\n${widget('{size: 2}')}`);
    expect(before.summary).toMatchObject({ valid: 2, invalid: 0 });
  });

  it('a --crd path without CRDs is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-nocrd-'));
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    await expect(run('', { crds: [dir] })).rejects.toThrow(`--crd ${dir}: no CustomResourceDefinition with a schema found`);
    await expect(run('', { crds: ['/nonexistent'] })).rejects.toThrow('--crd /nonexistent: no such file or directory');
  });
});

describe('missing schemas, --skip and --reject', () => {
  const input = `${widget('{}')}---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`;

  it('a kind with no schema is an error by default, skipped with ignoreMissingSchemas', async () => {
    const strict = await run(input);
    expect(strict.resources.map((r) => r.status)).toEqual(['error', 'valid', 'valid']);
    expect(summary(strict.findings)).toEqual([[2, 7, 'kind', 'no schema for example.com/v1 Widget in Kubernetes v1.35.0']]);
    const lenient = await run(input, { ignoreMissingSchemas: true });
    expect(lenient.resources.map((r) => r.status)).toEqual(['skipped', 'valid', 'valid']);
    expect(lenient.findings).toEqual([]);
  });

  it('skips and rejects by kind or apiVersion/kind', async () => {
    const report = await run(input, { skip: ['example.com/v1/Widget'], reject: ['Secret'] });
    expect(report.resources.map((r) => r.status)).toEqual(['skipped', 'error', 'valid']);
    expect(summary(report.findings)).toEqual([[7, 7, 'kind', 'prohibited resource kind Secret']]);
    const byGroupVersion = await run(input, { skip: ['Widget', 'v1/ConfigMap'], reject: ['apps/v1/Secret'] });
    expect(byGroupVersion.resources.map((r) => r.status)).toEqual(['skipped', 'valid', 'skipped']);
  });
});

describe('formats in CRD schemas, as kubeconform checks them', () => {
  const crd = widgetCrd.replace(/^( *)colour: .*$/m, (line, indent: string) =>
    [line, 'timeout: {type: string, format: duration}', 'host: {type: string, format: hostname}', 'address: {type: string, format: ipv6}'].join(`\n${indent}`),
  );

  it.each(['1h30m', '90s', '0', '1.5h', '-2m', 'PT1H30M', 'P3D', 'P1W', 'P1Y2M3DT4H5M6S'])('duration %s is accepted', async (timeout) => {
    expect(summary((await run(`${crd}---\n${widget(`{size: 1, timeout: "${timeout}"}`)}`)).findings)).toEqual([]);
  });

  it('rejects what is neither a Go nor an ISO 8601 duration, a bad hostname or IPv6 address', async () => {
    const report = await run(`${crd}---\n${widget('{size: 1, timeout: 1 hour, host: -bad-.example.com, address: "fe80::1::2"}')}`);
    expect(summary(report.findings)).toEqual([
      [34, 26, 'spec.timeout', '"1 hour" is not a duration (Go\'s 1h30m or ISO 8601\'s PT1H30M)'],
      [34, 40, 'spec.host', '"-bad-.example.com" is not a hostname (RFC 1123)'],
      [34, 68, 'spec.address', '"fe80::1::2" is not an IPv6 address'],
    ]);
  });
});
