// Issue #16 item 14: values that take Kubernetes objects are checked against Kubernetes' own
// definitions when a spec is loaded, and the values schema carries exactly the definitions it uses.
import { describe, expect, it } from 'vitest';
import { definitionRefs, formatSpecError, kinds, loadSpec, schemaText, serving, toValuesSchema, training, type ChartKind } from '../src/index.js';

function errorsOf(kind: typeof serving | typeof training, text: string): string[] {
  const result = loadSpec<unknown>(kind as ChartKind<unknown>, text, 'spec.yaml');
  return result.ok ? [] : result.errors.map(formatSpecError);
}

describe('Kubernetes-typed values', () => {
  it('refuse a misspelt field of an EnvVar with a suggestion, at its line and column', () => {
    expect(errorsOf(serving, 'env:\n  - nmae: FOO\n')).toEqual([
      'spec.yaml:2:5 env[0].name: is required and must not be null',
      'spec.yaml:2:5 env[0].nmae: unknown key (did you mean "name"?)',
    ]);
  });

  it('accept what the API server accepts: a cpu of 1, "500m", a port name, null for an optional field', () => {
    expect(errorsOf(training, 'initSteps:\n  - {name: fetch, image: "busybox:1.36", command: [sh], resources: {requests: {cpu: 1, memory: 64Mi}, limits: {cpu: "500m"}}}\n')).toEqual([]);
    expect(errorsOf(serving, 'runtime:\n  readinessProbe: {httpGet: {path: /ready, port: http}}\nenv:\n  - {name: A, value: null}\npodSecurityContext: {seLinuxOptions: null}\n')).toEqual([]);
    expect(errorsOf(training, 'initSteps:\n  - {name: fetch, image: "busybox:1.36", command: [sh], resources: {limits: {cpu: 1x}}}\n')).toEqual([
      'spec.yaml:2:83 initSteps[0].resources.limits.cpu: must be a Kubernetes quantity such as "500m", "2", "1Gi"; got the string "1x"',
    ]);
  });

  it.each(Object.values(kinds).map((kind) => [kind!.name, kind!] as const))('%s: the values schema carries exactly the definitions it refers to, and its text parses back to it', (_name, kind) => {
    const schema = toValuesSchema(kind.values, 'test');
    const { definitions, ...rest } = schema;
    const reachable = new Set<string>();
    const visit = (name: string) => {
      if (reachable.has(name)) return;
      reachable.add(name);
      for (const next of definitionRefs(definitions![name])) visit(next);
    };
    for (const name of definitionRefs(rest)) visit(name);
    expect(Object.keys(definitions!).sort()).toEqual([...reachable].sort());
    expect(JSON.parse(schemaText(schema))).toEqual(schema);
  });
});
