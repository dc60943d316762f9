// What chartforge writes from hostile input stays what it says: README text is text, and a
// NetworkPolicy admits only the ports it names.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { chartDir } from '../src/charts.js';
import { chartforge } from '../src/cli.js';
import { helm } from '../src/helm.js';

interface NetworkPolicy {
  kind: string;
  spec: { ingress: Array<{ ports?: Array<{ port: string; protocol: string }> }> };
}

function networkPolicy(...sets: string[]): NetworkPolicy {
  const render = helm('v4', ['template', 'release', chartDir('serving'), '--set', ['networkPolicy.enabled=true', ...sets].join(',')]);
  expect(render.status, render.stderr).toBe(0);
  const policy = parseAllDocuments(render.stdout)
    .map((document) => document.toJS() as NetworkPolicy | null)
    .find((object) => object?.kind === 'NetworkPolicy');
  expect(policy).toBeDefined();
  return policy!;
}

describe('the serving NetworkPolicy', () => {
  it('names the API port when the runtime serves metrics on it too (vLLM), never an empty port list', () => {
    const [api] = networkPolicy().spec.ingress;
    expect(api?.ports).toEqual([{ port: 'http', protocol: 'TCP' }]);
  });

  it('leaves a dedicated metrics port out of the API rule (Triton)', () => {
    const [api] = networkPolicy('runtime.preset=triton').spec.ingress;
    expect(api?.ports?.map((p) => p.port)).toEqual(['http', 'grpc']);
  });
});

describe('the generated README', () => {
  it('shows the description and values as text, never as HTML, links or broken code spans', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-readme-'));
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, 'chart:\n  description: "<script>alert(1)</script> [docs](javascript:alert(1)) *bold*"\npodAnnotations:\n  note: "a`b | c"\n');
    const result = chartforge(['generate', 'serving', '-f', spec, '-d', join(dir, 'chart')]);
    expect(result.status, result.stderr).toBe(0);
    const readme = readFileSync(join(dir, 'chart', 'README.md'), 'utf8');
    expect(readme).toContain('\\<script\\>alert(1)\\</script\\> \\[docs\\](javascript:alert(1)) \\*bold\\*');
    expect(readme).not.toMatch(/<script>|\[docs\]\(/);
    expect(readme).toContain('| podAnnotations | object | ``{"note":"a`b \\| c"}`` |');
  });
});
