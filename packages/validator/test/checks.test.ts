import { describe, expect, it } from 'vitest';
import { validate, type ValidateOptions } from '../src/index.js';
import { V135, yaml } from './helpers.js';

async function findings(text: string, options: ValidateOptions = {}) {
  const report = await validate({ files: [{ name: 'in.yaml', text }] }, { ...V135, ...options });
  return report.findings.map((f) => [f.line, f.column, f.path, f.severity, f.message]);
}

function pod(spec: string, metadata = 'name: p'): string {
  const indent = (text: string, n: number) => text.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n${indent(metadata, 2)}\nspec:\n${indent(spec, 2)}\n`;
}

describe('nulls', () => {
  it('an optional field set to null is unset (helm renders an empty `env:` this way)', async () => {
    expect(await findings(pod('containers:\n  - name: c\n    image: i\n    env:\n    args: ~\nnodeSelector: null'))).toEqual([]);
  });

  it('a null required field and a null list item are errors', async () => {
    expect(await findings(pod('containers:\n  - name: c\n    image: i\n    args: [a, null]\n    ports:\n      - containerPort: null'))).toEqual([
      [9, 17, 'spec.containers[0].args[1]', 'error', 'list item must not be null'],
      [11, 26, 'spec.containers[0].ports[0].containerPort', 'error', 'required field must not be null'],
    ]);
    expect(await findings(pod('containers:'))).toEqual([[6, 14, 'spec.containers', 'error', 'required field must not be null']]);
  });
});

describe('strict mode', () => {
  const typo = pod('containers:\n  - name: c\n    image: i\n    imagePullPolice: Always\nrestartPolicy: Always\nhostNetwrok: true\nxyzzy: 1');

  it('unknown fields are errors, with a did-you-mean where one is close', async () => {
    expect(await findings(typo)).toEqual([
      [9, 7, 'spec.containers[0].imagePullPolice', 'error', 'unknown field (did you mean "imagePullPolicy"?)'],
      [11, 3, 'spec.hostNetwrok', 'error', 'unknown field (did you mean "hostNetwork"?)'],
      [12, 3, 'spec.xyzzy', 'error', 'unknown field'],
    ]);
  });

  it('--strict=false allows unknown fields', async () => {
    expect(await findings(typo, { strict: false })).toEqual([]);
  });

  it('a repeated key is an error in strict mode; without it, a warning and the last value wins, as kubeconform reads it', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\ndata: {x: "1"}\n';
    expect(await findings(text)).toEqual([[5, 3, '', 'error', 'Map keys must be unique']]);
    const lenient = await validate({ files: [{ name: 'in.yaml', text }] }, { ...V135, strict: false });
    expect(lenient.resources.map((r) => [r.name, r.status])).toEqual([['b', 'valid']]);
    expect(lenient.findings.map((f) => [f.line, f.column, f.severity, f.message])).toEqual([[5, 3, 'warning', 'Map keys must be unique: the last value is used']]);
  });

  it('unknown top-level fields, in metadata too', async () => {
    expect(await findings('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  lables: {}\ndta: {}\n')).toEqual([
      [5, 3, 'metadata.lables', 'error', 'unknown field (did you mean "labels"?)'],
      [6, 1, 'dta', 'error', 'unknown field (did you mean "data"?)'],
    ]);
  });
});

describe('types, enums, required fields and integer ranges', () => {
  it('reports each with its position', async () => {
    const text = yaml(`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        replicas: 2147483648
        revisionHistoryLimit: two
        progressDeadlineSeconds: 1.5
        template:
          spec:
            activeDeadlineSeconds: 1e20
            containers:
              - image: nginx
                tty: "true"
    `);
    expect(await findings(text)).toEqual([
      [5, 3, 'spec', 'error', 'missing required field "selector"'],
      [5, 13, 'spec.replicas', 'error', '2147483648 is out of range for int32 (-2147483648 to 2147483647)'],
      [6, 25, 'spec.revisionHistoryLimit', 'error', 'expected an integer, got string "two"'],
      [7, 28, 'spec.progressDeadlineSeconds', 'error', 'expected an integer, got number 1.5'],
      [10, 30, 'spec.template.spec.activeDeadlineSeconds', 'error', '100000000000000000000 is out of range for int64'],
      [12, 11, 'spec.template.spec.containers[0]', 'error', 'missing required field "name"'],
      [13, 16, 'spec.template.spec.containers[0].tty', 'error', 'expected a boolean, got string "true"'],
    ]);
  });
});

describe('enums', () => {
  it('are checked with a did-you-mean from 1.24, where the generated Go definitions start to carry the API server enums', async () => {
    const text = pod('containers:\n  - name: c\n    image: i\n    imagePullPolicy: Allways\nrestartPolicy: Sometimes');
    expect(await findings(text)).toEqual([
      [9, 24, 'spec.containers[0].imagePullPolicy', 'error', 'unsupported value "Allways": expected one of "Always", "IfNotPresent", "Never" (did you mean "Always"?)'],
      [10, 18, 'spec.restartPolicy', 'error', 'unsupported value "Sometimes": expected one of "Always", "Never", "OnFailure"'],
    ]);
    expect(await findings(text, { kubernetesVersion: '1.24' })).toHaveLength(2);
    // 1.23's definitions carry no enums; the API server's own checks report the same, in its words.
    expect(await findings(text, { kubernetesVersion: '1.23' })).toEqual([
      [9, 24, 'spec.containers[0].imagePullPolicy', 'error', 'Unsupported value: "Allways": supported values: "Always", "IfNotPresent", "Never"'],
      [10, 18, 'spec.restartPolicy', 'error', 'Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"'],
    ]);
  });
});

describe('Quantity syntax', () => {
  const withLimits = (cpu: string) => pod(`containers:\n  - name: c\n    image: i\n    resources:\n      limits: {cpu: ${cpu}}`);

  it.each(['500m', '1', '1.5', '"2"', '1Gi', '128Mi', '1e3', '.5', '+1', '3E-2', '1k', '0'])('accepts %s', async (cpu) => {
    expect(await findings(withLimits(cpu))).toEqual([]);
  });

  it.each(['1GB', 'abc', '1.2.3', '"5 m"', 'Gi', '1gi'])('rejects %s', async (cpu) => {
    const result = await findings(withLimits(cpu));
    expect(result).toHaveLength(1);
    expect(result[0]!.slice(0, 3)).toEqual([10, 23, 'spec.containers[0].resources.limits.cpu']);
    expect(result[0]![4]).toMatch(/is not a valid quantity/);
  });
});

describe('metadata.name and labels', () => {
  it.each([
    ['ConfigMap', 'my.config-1', undefined],
    ['ConfigMap', 'My_Config', 'invalid name "My_Config": must be a lowercase RFC 1123 subdomain'],
    ['ConfigMap', 'a'.repeat(254), 'invalid name'],
    ['Service', 'web.svc', 'invalid name "web.svc": must be a lowercase RFC 1035 label'],
    ['Service', '1web', 'invalid name "1web": must be a lowercase RFC 1035 label'],
    ['Namespace', 'a.b', 'invalid name "a.b": must be a lowercase RFC 1123 label'],
    ['ClusterRole', 'system:aggregate-to-edit', undefined],
    ['ClusterRole', 'a/b', 'invalid name "a/b": may not contain "/" or "%"'],
  ])('%s named %s', async (kind, name, problem) => {
    const apiVersion = kind === 'ClusterRole' ? 'rbac.authorization.k8s.io/v1' : 'v1';
    const result = await findings(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: "${name}"\n`);
    if (problem === undefined) expect(result).toEqual([]);
    else {
      expect(result.map((r) => r.slice(0, 3))).toEqual([[4, 9, 'metadata.name']]);
      expect(result[0]![4]).toContain(problem);
    }
  });

  it('checks label keys and values in metadata, pod templates and selectors', async () => {
    const text = yaml(`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: d
        labels:
          app.kubernetes.io/name: web
          -bad: x
          example.com/ok: "with space"
          long: ${'v'.repeat(64)}
      spec:
        selector:
          matchLabels: {"a/b/c": x}
        template:
          metadata:
            labels: {tier: "-frontend"}
          spec:
            containers: [{name: c, image: i}]
    `);
    expect(await findings(text)).toEqual([
      [7, 5, 'metadata.labels["-bad"]', 'error', 'invalid label key "-bad": name part must consist of alphanumeric characters, "-", "_" or ".", and must start and end with an alphanumeric character'],
      [8, 21, 'metadata.labels["example.com/ok"]', 'error', 'invalid label value "with space": must be empty or consist of alphanumeric characters, "-", "_" or ".", and must start and end with an alphanumeric character'],
      [9, 11, 'metadata.labels.long', 'error', `invalid label value "${'v'.repeat(64)}": must be no more than 63 characters`],
      [12, 19, 'spec.selector.matchLabels["a/b/c"]', 'error', 'invalid label key "a/b/c": prefix part must be a lowercase RFC 1123 subdomain: lowercase letters, digits, "-", "." , starting and ending with a letter or digit'.replace(', "." ,', ' and ".",')],
      [15, 15, 'spec.template.metadata.labels', 'error', 'Invalid value: {"tier":"-frontend"}: `selector` does not match template `labels`'],
      [15, 22, 'spec.template.metadata.labels.tier', 'error', 'invalid label value "-frontend": must be empty or consist of alphanumeric characters, "-", "_" or ".", and must start and end with an alphanumeric character'],
    ]);
  });
});
