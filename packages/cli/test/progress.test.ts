import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progress, progressEnabled, progressLine } from '../src/progress.js';

/** A stream standing in for a terminal's stderr: what was written, in order. */
function terminal(columns: number): PassThrough & { isTTY: boolean; columns: number; written: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return Object.assign(stream, { isTTY: true, columns, written: () => chunks.join('') });
}

describe('progressLine', () => {
  it('says done of total and the current item, whose start gives way first to fit one column short of the width', () => {
    expect(progressLine('validate', 3, 40, 'files', 'manifests/web.yaml', 80)).toBe('chartforge validate: 3/40 files · manifests/web.yaml');
    const cut = progressLine('lint', 1, 2, 'charts', 'charts/serving with ci/all-features-values.yaml', 50);
    expect(cut).toBe('chartforge lint: 1/2 charts · …atures-values.yaml');
    expect([...cut].length).toBe(49);
    expect(progressLine('validate', 1, 2, 'files', 'a\u001b[2Jb.yaml', 80)).toBe('chartforge validate: 1/2 files · a\\u{1b}[2Jb.yaml');
  });
});

describe('progressEnabled', () => {
  it('only on a terminal, not in CI, not with --no-progress; NO_COLOR does not matter', () => {
    const tty = { isTTY: true } as never;
    expect(progressEnabled({ env: {}, stderr: tty }, undefined)).toBe(true);
    expect(progressEnabled({ env: { NO_COLOR: '1' }, stderr: tty }, undefined)).toBe(true);
    expect(progressEnabled({ env: {}, stderr: { isTTY: false } as never }, undefined)).toBe(false);
    expect(progressEnabled({ env: { CI: 'true' }, stderr: tty }, undefined)).toBe(false);
    expect(progressEnabled({ env: { CI: 'false' }, stderr: tty }, undefined)).toBe(true);
    expect(progressEnabled({ env: {}, stderr: tty }, true)).toBe(false);
  });
});

describe('progress', () => {
  it('draws in place, skips redraws closer than its interval, and erases what it drew at the end', () => {
    const stderr = terminal(80);
    let clock = 1_000;
    const shown = progress({ env: {}, stderr }, 'validate', 'files', true, () => clock);
    shown.update(0, 3, 'a.yaml');
    clock += 10;
    shown.update(1, 3, 'b.yaml');
    clock += 500;
    shown.update(2, 3, 'c.yaml');
    shown.end();
    expect(stderr.written()).toBe('\r\u001b[2Kchartforge validate: 0/3 files · a.yaml\r\u001b[2Kchartforge validate: 2/3 files · c.yaml\r\u001b[2K');
  });

  it('writes nothing when not enabled, nor when it never drew', () => {
    const stderr = terminal(80);
    const off = progress({ env: {}, stderr }, 'validate', 'files', false);
    off.update(0, 1, 'a.yaml');
    off.end();
    progress({ env: {}, stderr }, 'lint', 'charts', true).end();
    expect(stderr.written()).toBe('');
  });
});
