// Issue #16 item 14: values that take Kubernetes objects (env, resources, affinity, tolerations,
// probes, volumes, security contexts, extra containers …) are typed in values.schema.json from the
// Kubernetes definitions, so `chartforge values check`, `helm lint --strict` (Helm 3 and 4) and
// editors catch `env: [{nmae: FOO}]` at the values file, while everything the API server accepts
// (a cpu of 1, "500m", a port name, null to unset) still passes.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KindName } from '@chartforge/kinds';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartDir } from '../src/charts.js';
import { chartforge } from '../src/cli.js';
import { HELM_MAJORS, helm } from '../src/helm.js';
import { describeFindings, kubernetesProblems } from '../src/kube.js';
import { REPO_ROOT } from '../src/paths.js';
import { temporaryDir } from '../src/publish.js';

const KINDS: KindName[] = ['serving', 'training', 'migration'];

// Migration renders pods only for a plan with steps, and its env is a step's: its ci plan is the base.
const BASE: Record<KindName, string[]> = {
  serving: [],
  training: [],
  migration: [join(chartDir('migration'), 'ci', 'files-values.yaml')],
};
const ENV_PARENT: Record<KindName, string> = { serving: '', training: '', migration: 'steps:\n  copy:\n' };

function valuesFile(name: string, text: string): string {
  const path = join(temporaryDir('chartforge-kubernetes-types-'), name);
  writeFileSync(path, text);
  return path;
}

/** `text` indented to sit under `parent` (a chain of map keys ending in a newline), or as is at the top. */
function under(parent: string, text: string): string {
  const depth = parent === '' ? 0 : parent.trimEnd().split('\n').length * 2;
  return parent + text.replace(/^(?=.)/gm, ' '.repeat(depth));
}

function valuesCheck(kind: KindName, files: string[]) {
  return chartforge(['values', 'check', '-c', chartDir(kind), ...files]);
}

function helmLint(major: (typeof HELM_MAJORS)[number], kind: KindName, files: string[]) {
  return helm(major, ['lint', '--strict', chartDir(kind), ...files.flatMap((file) => ['-f', file])]);
}

describe('item 14: Kubernetes-typed values', () => {
  it.each(KINDS)('%s: a misspelt EnvVar key is refused at its file, line and column, with a suggestion', (kind) => {
    const bad = valuesFile('typo.yaml', under(ENV_PARENT[kind], 'env:\n  - nmae: FOO\n    value: bar\n'));
    const line = ENV_PARENT[kind].split('\n').length + 1;
    const column = ENV_PARENT[kind] === '' ? 5 : 9;
    const path = `${ENV_PARENT[kind] === '' ? '' : 'steps.copy.'}env[0]`;
    const result = valuesCheck(kind, [...BASE[kind], bad]);
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain(`${bad}:${line}:${column}: error: ${path}.nmae: unknown key (did you mean "name"?) [values-schema]`);
    expect(result.stdout).toContain(`${bad}:${line}:${column}: error: ${path}.name: missing required value [values-schema]`);
    for (const major of HELM_MAJORS) {
      const lint = helmLint(major, kind, [...BASE[kind], bad]);
      expect(lint.status, `helm ${major}`).not.toBe(0);
      expect(lint.stdout + lint.stderr, `helm ${major}`).toMatch(/nmae/);
    }
  });

  it.each(KINDS)('%s: a wrong type in a toleration or in the resources of an extra container is refused', (kind) => {
    const bad = valuesFile(
      'types.yaml',
      [
        'tolerations:',
        '  - key: gpu',
        '    operator: Exist',
        '    tolerationSeconds: "300"',
        'extraInitContainers:',
        '  - name: warmup',
        '    image: registry.example.com/ops/warmup:1.0',
        '    resources:',
        '      limits:',
        '        cpu: two',
        '',
      ].join('\n'),
    );
    const result = valuesCheck(kind, [...BASE[kind], bad]);
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain(`${bad}:3:15: error: tolerations[0].operator: must be one of "Equal", "Exists", "Gt", "Lt" (or null to unset), got "Exist" (did you mean "Exists"?) [values-schema]`);
    expect(result.stdout).toContain(`${bad}:4:24: error: tolerations[0].tolerationSeconds: expected integer or null, got string "300" [values-schema]`);
    expect(result.stdout).toContain(`${bad}:10:14: error: extraInitContainers[0].resources.limits.cpu: must be a Kubernetes quantity such as "500m", "2", "1Gi", got "two" [values-schema]`);
    for (const major of HELM_MAJORS) {
      const lint = helmLint(major, kind, [...BASE[kind], bad]);
      expect(lint.status, `helm ${major}`).not.toBe(0);
      expect(lint.stdout + lint.stderr, `helm ${major}`).toMatch(/tolerations.*0.*operator/);
      expect(lint.stdout + lint.stderr, `helm ${major}`).toMatch(/tolerationSeconds/);
      expect(lint.stdout + lint.stderr, `helm ${major}`).toMatch(/extraInitContainers.*0.*resources.*limits.*cpu/);
    }
  });

  it.each(KINDS)('%s: what the API server accepts passes: cpu 1 and "1500m", port names, null to unset', async (kind) => {
    const good = valuesFile(
      'kubernetes.yaml',
      [
        under(ENV_PARENT[kind], 'env:\n  - name: UNSET\n    value: null\n  - name: POD\n    valueFrom:\n      fieldRef:\n        fieldPath: metadata.name\n'),
        'tolerations:',
        '  - key: nvidia.com/gpu',
        '    operator: Exists',
        '    effect: NoExecute',
        '    tolerationSeconds: 300',
        'affinity:',
        '  nodeAffinity:',
        '    requiredDuringSchedulingIgnoredDuringExecution:',
        '      nodeSelectorTerms:',
        '        - matchExpressions:',
        '            - {key: node.kubernetes.io/instance-type, operator: In, values: [g5.xlarge]}',
        'topologySpreadConstraints:',
        '  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}',
        'podSecurityContext:',
        '  seLinuxOptions: null',
        '  supplementalGroups: [2000]',
        'extraInitContainers:',
        '  - name: warmup',
        '    image: registry.example.com/ops/warmup:1.0',
        '    restartPolicy: Always',
        '    ports: [{name: warm, containerPort: 9000}]',
        '    startupProbe: {httpGet: {path: /ready, port: warm}, failureThreshold: 30}',
        '    resources:',
        '      requests: {cpu: 1, memory: 64Mi}',
        '      limits: {cpu: "1500m", memory: 0.5Gi}',
        '    securityContext:',
        '      allowPrivilegeEscalation: false',
        '      readOnlyRootFilesystem: true',
        '      runAsNonRoot: true',
        '      capabilities: {drop: [ALL]}',
        '      seccompProfile: {type: RuntimeDefault}',
        '',
      ].join('\n'),
    );
    const files = [...BASE[kind], good];
    const result = valuesCheck(kind, files);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    for (const major of HELM_MAJORS) {
      const lint = helmLint(major, kind, files);
      expect(lint.status, `helm ${major}: ${lint.stdout}${lint.stderr}`).toBe(0);
      const rendered = helm(major, ['template', 'release', chartDir(kind), ...files.flatMap((file) => ['-f', file])]);
      expect(rendered.status, rendered.stderr).toBe(0);
      const problems = await kubernetesProblems(rendered.stdout, `${kind} Kubernetes-typed values`);
      expect(problems, describeFindings(problems)).toEqual([]);
    }
  });

  it('serving: a probe is a Kubernetes Probe (port by name accepted, an unknown handler refused)', () => {
    const good = valuesFile('probe.yaml', 'runtime:\n  readinessProbe:\n    httpGet: {path: /ready, port: http}\n    periodSeconds: 5\n');
    expect(valuesCheck('serving', [good]).status).toBe(0);
    const bad = valuesFile('probe-typo.yaml', 'runtime:\n  readinessProbe:\n    httpGett: {path: /ready, port: http}\n');
    const result = valuesCheck('serving', [bad]);
    expect(result.stdout).toContain(`${bad}:3:5: error: runtime.readinessProbe.httpGett: unknown key (did you mean "httpGet"?) [values-schema]`);
    for (const major of HELM_MAJORS) expect(helmLint(major, 'serving', [bad]).status, `helm ${major}`).not.toBe(0);
  });

  it('serving: an HTTPRoute parent is a Gateway API ParentReference, from the Gateway API CRD', () => {
    const good = valuesFile('route.yaml', 'httpRoute:\n  enabled: true\n  parentRefs:\n    - {name: gateway, namespace: infra, sectionName: https, port: 443}\n');
    expect(valuesCheck('serving', [good]).status).toBe(0);
    const bad = valuesFile('route-typo.yaml', 'httpRoute:\n  enabled: true\n  parentRefs:\n    - {nmae: gateway, port: 70000}\n');
    const result = valuesCheck('serving', [bad]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${bad}:4:8: error: httpRoute.parentRefs[0].nmae: unknown key (did you mean "name"?) [values-schema]`);
    expect(result.stdout).toContain(`${bad}:4:29: error: httpRoute.parentRefs[0].port: must be <= 65535, got 70000 [values-schema]`);
    for (const major of HELM_MAJORS) expect(helmLint(major, 'serving', [bad]).status, `helm ${major}`).not.toBe(0);
  });

  it('the published editor schemas and chartforge generate refuse the same typo', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validateValues = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'serving.values.schema.json'), 'utf8')));
    expect(validateValues(parse('env:\n  - name: FOO\n    value: bar\n'))).toBe(true);
    expect(validateValues(parse('env:\n  - nmae: FOO\n'))).toBe(false);
    const spec = valuesFile('spec.yaml', 'env:\n  - nmae: FOO\n');
    const generated = chartforge(['generate', 'serving', '-f', spec, '-d', join(temporaryDir('chartforge-kubernetes-types-'), 'out')]);
    expect(generated.status).toBe(1);
    expect(generated.stderr).toContain(`${spec}:2:5 env[0].nmae: unknown key (did you mean "name"?)`);
  });

  it('src/kubernetes-definitions.json is what the script derives from the validator\'s embedded Kubernetes definitions', () => {
    const output = execFileSync(process.execPath, [join(REPO_ROOT, 'packages', 'kinds', 'scripts', 'extract-kubernetes-definitions.mjs'), '--check'], { encoding: 'utf8' });
    expect(output).toMatch(/^src\/kubernetes-definitions\.json matches the \d+ definitions the kinds use\n$/);
  });
});
