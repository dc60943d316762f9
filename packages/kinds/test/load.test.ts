import { describe, expect, it } from 'vitest';
import { defaultSpec, formatSpecError, loadSpec, migration, serving } from '../src/index.js';

function errorsOf(text: string, file = 'model.yaml'): string[] {
  const result = loadSpec(serving, text, file);
  if (result.ok) throw new Error('expected the spec to be invalid');
  return result.errors.map(formatSpecError);
}

describe('loadSpec', () => {
  it('reports a cross-value rule at the offending key with file:line:column', () => {
    expect(errorsOf('autoscaling:\n  enabled: true\n  minReplicas: 2\n  maxReplicas: 1\n')).toEqual([
      'model.yaml:4:16 autoscaling.maxReplicas: must be ≥ minReplicas (2)',
    ]);
  });

  it('reports a request above its limit at the request, as the API server would refuse it', () => {
    expect(errorsOf('resources:\n  requests:\n    memory: 2Gi\n    cpu: 1500m\n  limits:\n    memory: 1Gi\n    cpu: "2"\n')).toEqual([
      'model.yaml:3:13 resources.requests.memory: must be ≤ resources.limits.memory (1Gi): the API server refuses a request above its limit',
    ]);
    expect(loadSpec(serving, 'resources:\n  requests:\n    memory: 1e9\n  limits:\n    memory: 1Gi\n', 'model.yaml').ok).toBe(true);
  });

  it('reports every problem at once, in file order', () => {
    const errors = errorsOf(
      ['runtime:', '  preset: tritn', 'image:', '  pullPolicy: Sometimes', 'replicaCount: "two"', 'gpu:', '  cont: 1', 'resources:', '  requests:', '    cpu: 1x', ''].join('\n'),
    );
    expect(errors).toEqual([
      'model.yaml:2:11 runtime.preset: must be one of "vllm", "triton", "tfserving", "torchserve", "custom"; got "tritn" (did you mean "triton"?)',
      'model.yaml:4:15 image.pullPolicy: must be one of "Always", "IfNotPresent", "Never"; got "Sometimes"',
      'model.yaml:5:15 replicaCount: must be an integer ≥ 0, got the string "two"',
      'model.yaml:7:3 gpu.cont: unknown key (did you mean "count"?)',
      'model.yaml:10:10 resources.requests.cpu: must be a Kubernetes quantity such as "500m", "2", "1Gi"; got the string "1x"',
    ]);
  });

  it('reports a value the schema refuses by the schema alone, not by rules about what lies under it', () => {
    for (const [steps, message] of [
      ['"x"', 'steps: must be a map, got the string "x"'],
      ['[1, 2]', 'steps: must be a map, got a list'],
      ['{a: 5}', 'steps.a: must be a map, got number 5'],
    ] as const) {
      const result = loadSpec(migration, `chart: {name: m}\nsteps: ${steps}\n`, 'plan.yaml');
      expect(result.ok, steps).toBe(false);
      if (!result.ok) expect(result.errors.map((error) => `${error.path}: ${error.message}`), steps).toEqual([message]);
    }
  });

  it('accepts only HTTPRoute path prefixes the Gateway API CRD accepts', () => {
    for (const prefix of ['/', '/v1/models', '/v1/models/', '/a.b/~c']) expect(loadSpec(serving, `httpRoute:\n  pathPrefix: "${prefix}"\n`, 'model.yaml').ok, prefix).toBe(true);
    for (const prefix of ['/ ', '//', '/a//b', '/./x', '/a/..', '/.hidden', '/a%2fb', '/a#b', 'v1']) {
      expect(errorsOf(`httpRoute:\n  pathPrefix: "${prefix}"\n`)[0], prefix).toMatch(/^model\.yaml:2:15 httpRoute\.pathPrefix: must be a path such as \/ or \/v1\/models/);
    }
  });

  it('quotes map keys that are not identifiers in paths', () => {
    expect(errorsOf('resources:\n  limits:\n    "nvidia.com/gpu": lots\n')).toEqual([
      'model.yaml:3:23 resources.limits["nvidia.com/gpu"]: must be a Kubernetes quantity such as "500m", "2", "1Gi"; got the string "lots"',
    ]);
  });

  it('reports YAML syntax errors, duplicate keys and tabs with positions', () => {
    expect(errorsOf('replicaCount: 1\nreplicaCount: 2\n')).toEqual(['model.yaml:2:1 (syntax): Map keys must be unique']);
    expect(errorsOf('image:\n\trepository: x\n')[0]).toMatch(/^model\.yaml:2:1 \(syntax\): /);
    expect(errorsOf('model: [1,\n')[0]).toMatch(/^model\.yaml:\d+:\d+ \(syntax\): /);
    expect(errorsOf('replicaCount: 1\n---\nreplicaCount: 2\n')).toEqual(['model.yaml:2:1 (syntax): a spec is one YAML document; a second one starts here']);
  });

  it('refuses nesting past the limit where it starts, before composing (which would overflow the stack)', () => {
    expect(errorsOf(`model: ${'['.repeat(1_000_000)}\n`)).toEqual(['model.yaml:1:263 (syntax): nesting is too deep: more than the limit of 256 levels of nesting']);
  });

  it('refuses what YAML allows but the chart would not keep: __proto__, YAML 1.1 line breaks, inexact integers', () => {
    expect(errorsOf('podLabels:\n  __proto__: x\n')).toEqual(['model.yaml:2:3 (syntax): the key "__proto__" is not allowed']);
    expect(errorsOf('podLabels:\n  team: "a\u0085b"\n')).toEqual(['model.yaml:2:9 (syntax): holds U+0085, which YAML 1.1 (helm) reads as a line break; remove it']);
    expect(errorsOf('podAnnotations:\n  "a\u2028b": x\n')[0]).toMatch(/^model\.yaml:2:3 \(syntax\): holds U\+2028/);
    expect(errorsOf('replicaCount: 1e23\n')).toEqual([`model.yaml:1:15 (syntax): 1e23 is too large an integer to be written exactly (at most ${Number.MAX_SAFE_INTEGER})`]);
  });

  it('finds duplicate keys among many in linear time', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`);
    // yaml's own check compares every pair: this took about a minute.
    expect(errorsOf(`${keys.join('\n')}\nk7: 2\n`)).toContain('model.yaml:20001:1 (syntax): Map keys must be unique');
  });

  it('rejects a spec that is not a map', () => {
    expect(errorsOf('- 1\n')).toEqual(['model.yaml:1:1 (root): a spec must be a map of values; got a list']);
  });

  it('validates chart metadata under chart:', () => {
    expect(errorsOf('chart:\n  name: Bad_Name\n  version: one\n')).toEqual([
      'model.yaml:2:9 chart.name: must be lowercase letters, digits and dashes, starting and ending with a letter or digit; got "Bad_Name"',
      'model.yaml:3:12 chart.version: must be a SemVer 2 version such as 1.2.3; got "one"',
    ]);
  });

  it('treats null as Helm does: it deletes the key, which the schema then requires', () => {
    expect(errorsOf('service: null\n')).toEqual(['model.yaml:1:10 service: is required and must not be null']);
  });

  it('merges the spec over the defaults: maps merge, lists replace', () => {
    const result = loadSpec(serving, 'resources:\n  requests:\n    cpu: "2"\ntolerations: [{key: a, operator: Exists}]\n', 'ok.yaml');
    if (!result.ok) throw new Error(result.errors.map(formatSpecError).join('\n'));
    expect(result.spec.values.resources.requests).toEqual({ cpu: '2', memory: '4Gi' });
    expect(result.spec.values.tolerations).toEqual([{ key: 'a', operator: 'Exists' }]);
  });

  it('has defaults that satisfy its own schema and rules', () => {
    const spec = defaultSpec(serving);
    expect(spec.chart.name).toBe('serving');
    expect(spec.values.runtime.preset).toBe('vllm');
  });
});
