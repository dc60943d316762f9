import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_USAGE, UserError } from '@chartforge/core';
import { loadConfig, parseConfig, resolveRules, RULES, RuleConfigError, runRules } from '../src/rules/index.js';
import { parseManifests } from './support/parse.js';

const ROOT_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    {annotation}
spec:
  containers:
    - name: app
      image: example.com/app:latest
      ports:
        - containerPort: 80
          hostPort: 80
`;

function pod(annotation = 'x: y') {
  return parseManifests(ROOT_POD.replace('{annotation}', annotation));
}

const ids = (findings: { rule: string }[]) => [...new Set(findings.map((f) => f.rule))].sort();

describe('rule selection', () => {
  it('runs baseline Pod Security controls by default and restricted ones only with pss restricted', () => {
    const baseline = resolveRules({}).map((a) => a.rule.meta.id);
    expect(baseline).toContain('pss-host-ports');
    expect(baseline).not.toContain('pss-run-as-non-root');
    expect(resolveRules({ pss: 'privileged' }).map((a) => a.rule.meta.id)).not.toContain('pss-host-ports');
    const restricted = resolveRules({ pss: 'restricted' }).map((a) => a.rule.meta.id);
    expect(restricted).toContain('pss-run-as-non-root');
    // Every rule but the policy profile's runs under the restricted profile.
    expect(restricted).toHaveLength(RULES.filter((rule) => rule.meta.profile === undefined).length);
  });

  it('the policy profile adds its rules and requires CPU limits; a config entry still wins', () => {
    const policyRules = RULES.filter((rule) => rule.meta.profile === 'policy').map((rule) => rule.meta.id);
    expect(policyRules).toEqual(['serving-replicas', 'run-as-high-uid', 'image-digest', 'image-pull-policy']);
    const byDefault = resolveRules({});
    expect(byDefault.map((a) => a.rule.meta.id)).not.toContain('image-digest');
    expect(byDefault.find((a) => a.rule.meta.id === 'container-resources')?.parameters).toEqual({ requireCpuLimit: false });
    const policy = resolveRules({ profile: 'policy' });
    expect(policy.map((a) => a.rule.meta.id)).toEqual(expect.arrayContaining(policyRules));
    expect(policy.find((a) => a.rule.meta.id === 'container-resources')?.parameters).toEqual({ requireCpuLimit: true });
    const configured = resolveRules({ profile: 'policy', rules: { 'image-digest': 'off', 'container-resources': { parameters: { requireCpuLimit: false } } } });
    expect(configured.map((a) => a.rule.meta.id)).not.toContain('image-digest');
    expect(configured.find((a) => a.rule.meta.id === 'container-resources')?.parameters).toEqual({ requireCpuLimit: false });
    expect(parseConfig('profile: policy\n', '.chartforge.yaml')).toEqual({ profile: 'policy' });
    expect(() => parseConfig('profile: strict\n', '.chartforge.yaml')).toThrow(/1:10/);
  });

  it('--rules runs exactly the named rules, --disable wins, config "off" disables', () => {
    expect(resolveRules({ only: ['image-tag', 'pss-run-as-user'] }).map((a) => a.rule.meta.id)).toEqual(['pss-run-as-user', 'image-tag']);
    expect(resolveRules({ only: ['image-tag'], disable: ['image-tag'] })).toEqual([]);
    expect(resolveRules({ rules: { 'image-tag': 'off' } }).map((a) => a.rule.meta.id)).not.toContain('image-tag');
  });

  it('a config entry enables a rule outside the PSS level and overrides severity and parameters', () => {
    const active = resolveRules({ rules: { 'pss-run-as-user': 'warning', 'container-resources': { severity: 'error', parameters: { requireCpuLimit: true } } } });
    expect(active.find((a) => a.rule.meta.id === 'pss-run-as-user')?.severity).toBe('warning');
    const resources = active.find((a) => a.rule.meta.id === 'container-resources');
    expect(resources).toMatchObject({ severity: 'error', parameters: { requireCpuLimit: true } });
  });

  it('rejects unknown rule ids and bad parameters with the place they came from', () => {
    expect(() => resolveRules({ only: ['image-tags'] })).toThrow(new RuleConfigError('--rules: unknown rule "image-tags" (run `chartforge rules` for the list)'));
    expect(() => resolveRules({ disable: ['nope'] })).toThrow(/--disable: unknown rule "nope"/);
    expect(() => resolveRules({ rules: { 'container-resources': { parameters: { requireCpuLimit: 'yes' } } } })).toThrow(/requireCpuLimit: expected boolean/);
  });

  it('throws a UserError with the usage exit code, which the CLI prints without translating it', () => {
    let thrown: unknown;
    try {
      resolveRules({ only: ['image-tags'] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect(thrown).toMatchObject({ exitCode: EXIT_USAGE, message: '--rules: unknown rule "image-tags" (run `chartforge rules` for the list)' });
  });
});

describe('runRules', () => {
  it('reports rule id, severity, position and path', () => {
    const findings = runRules(pod(), { kubernetesVersion: '1.30', only: ['image-tag', 'pss-host-ports'] });
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'image-tag', severity: 'error', line: 10, column: 14, path: 'spec.containers[0].image', kind: 'Pod', name: 'web', documentIndex: 0 }),
      expect.objectContaining({ rule: 'pss-host-ports', severity: 'error', line: 13, column: 21, path: 'spec.containers[0].ports[0].hostPort' }),
    ]);
  });

  it('reports an unpinned image of a helm test pod as a warning at most; a configured lower severity still wins', () => {
    const testPod = pod('helm.sh/hook: test');
    expect(runRules(testPod, { kubernetesVersion: '1.36', only: ['image-tag'] })).toEqual([expect.objectContaining({ rule: 'image-tag', severity: 'warning', line: 10, column: 14 })]);
    expect(runRules(testPod, { kubernetesVersion: '1.36', rules: { 'image-tag': 'info' } }).filter((f) => f.rule === 'image-tag')).toEqual([expect.objectContaining({ severity: 'info' })]);
    // A hook that does the release's work (a migration step) is no test: still an error.
    expect(runRules(pod('helm.sh/hook: pre-upgrade'), { kubernetesVersion: '1.36', only: ['image-tag'] })).toEqual([expect.objectContaining({ severity: 'error' })]);
  });

  it('is deterministic', () => {
    const a = JSON.stringify(runRules(pod(), { kubernetesVersion: '1.36', pss: 'restricted' }));
    const b = JSON.stringify(runRules(pod(), { kubernetesVersion: '1.36', pss: 'restricted' }));
    expect(a).toBe(b);
  });

  it('honours chartforge.dev/ignore with a list of ids and a reason', () => {
    const findings = runRules(pod('chartforge.dev/ignore: "image-tag, pss-host-ports; legacy ingress controller"'), { kubernetesVersion: '1.36' });
    expect(ids(findings)).not.toContain('image-tag');
    expect(ids(findings)).not.toContain('pss-host-ports');
    expect(ids(findings)).toContain('container-resources');
  });

  it('honours the ignore-all form "*"', () => {
    expect(runRules(pod('chartforge.dev/ignore: "*; vendored manifest"'), { kubernetesVersion: '1.36', pss: 'restricted' })).toEqual([]);
  });

  it('honours ignores on a pod template for workload findings', () => {
    const resources = parseManifests(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
      annotations: {chartforge.dev/ignore: image-tag}
    spec:
      containers: [{name: app, image: nginx}]
`);
    expect(runRules(resources, { kubernetesVersion: '1.36', only: ['image-tag'] })).toEqual([]);
  });

  it('checks removed APIs against the target version and the upgrade target', () => {
    const resources = parseManifests('apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec: {}\n');
    const only = ['removed-api'];
    expect(runRules(resources, { kubernetesVersion: '1.25', only })).toEqual([]);
    expect(runRules(resources, { kubernetesVersion: '1.26', only }).map((f) => f.message)).toEqual(['autoscaling/v2beta2 HorizontalPodAutoscaler was removed in Kubernetes 1.26; use autoscaling/v2']);
    expect(runRules(resources, { kubernetesVersion: '1.24', upgradeTo: '1.27', only }).map((f) => f.message)).toEqual([
      'autoscaling/v2beta2 HorizontalPodAutoscaler is removed in Kubernetes 1.26: upgrading from 1.24 to 1.27 breaks it; use autoscaling/v2',
    ]);
    expect(() => runRules(resources, { kubernetesVersion: '1.30', upgradeTo: '1.29', only })).toThrow(/must be newer/);
    expect(() => runRules(resources, { kubernetesVersion: 'latest', only })).toThrow(/not a Kubernetes version/);
  });

  it('gates version-dependent controls on the target version', () => {
    const resources = parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    sysctls: [{name: net.ipv4.tcp_keepalive_time, value: "60"}]\n  containers: [{name: a, image: a:1, livenessProbe: {tcpSocket: {host: 1.2.3.4, port: 1}}}]\n');
    expect(ids(runRules(resources, { kubernetesVersion: '1.28', only: ['pss-sysctls', 'pss-host-probes'] }))).toEqual(['pss-sysctls']);
    expect(ids(runRules(resources, { kubernetesVersion: '1.34', only: ['pss-sysctls', 'pss-host-probes'] }))).toEqual(['pss-host-probes']);
  });
});

describe('.chartforge.yaml', () => {
  it('parses a valid configuration', () => {
    const config = parseConfig('pss: restricted\nupgradeTo: "1.33"\nrules:\n  image-tag: warning\n  secret-ref-exists:\n    parameters:\n      external: [hf-token]\n', 'c.yaml');
    expect(config).toEqual({ pss: 'restricted', upgradeTo: '1.33', rules: { 'image-tag': 'warning', 'secret-ref-exists': { parameters: { external: ['hf-token'] } } } });
  });

  it.each([
    ['pss: strict\n', 1, 6, 'pss: expected one of privileged, baseline, restricted'],
    ['rules:\n  image-tags: off\n', 2, 3, 'rules: unknown rule "image-tags" (run `chartforge rules` for the list)'],
    ['rules:\n  image-tag:\n    parameters:\n      foo: 1\n', 4, 7, 'rules.image-tag.parameters: unknown parameter "foo"'],
    ['rules:\n  container-resources:\n    parameters:\n      requireCpuLimit: "yes"\n', 4, 24, 'rules.container-resources.parameters.requireCpuLimit: must be boolean'],
    ['rules:\n  image-tag: fatal\n', 2, 14, 'rules.image-tag: expected off, error, warning, info, or { severity, parameters }'],
    ['upgradeTo: next\n', 1, 12, 'upgradeTo: expected a Kubernetes version such as "1.30"'],
    ['kubernetes: 1.30\n', 1, 1, 'the file: unknown key "kubernetes"'],
    ['rules: [\n', 2, 1, 'Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['pss: a\npss: b\n', 2, 1, 'Map keys must be unique'],
  ])('reports %j at line %i column %i', (text, line, column, problem) => {
    expect(() => parseConfig(text, '.chartforge.yaml')).toThrow(expect.objectContaining({ name: 'InputFileError', file: '.chartforge.yaml', line, column, problem: expect.stringContaining(problem) }));
  });

  it('is found in the working directory, or read from an explicit path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartforge-config-'));
    expect(loadConfig(dir)).toBeUndefined();
    writeFileSync(join(dir, '.chartforge.yaml'), 'pss: restricted\n');
    expect(loadConfig(dir)?.config).toEqual({ pss: 'restricted' });
    expect(() => loadConfig(dir, join(dir, 'missing.yaml'))).toThrow(/cannot read the config file: no such file/);
  });
});

describe('custom resources named like built-in kinds', () => {
  // Volcano's Job, Knative's Service, a vendor's Deployment: the rules about Kubernetes' own kinds
  // must not read them as those (a Job's activeDeadlineSeconds, a pod template at spec.template, a
  // Service's selector), while the same objects under Kubernetes' groups are judged.
  const objects = (group: (kind: string) => string) =>
    parseManifests(
      [
        `apiVersion: ${group('Job')}\nkind: Job\nmetadata: {name: train}\nspec:\n  template:\n    spec:\n      containers: [{name: t, image: "example.com/t:latest", securityContext: {privileged: true}}]\n`,
        `apiVersion: ${group('Service')}\nkind: Service\nmetadata: {name: model}\nspec:\n  type: NodePort\n  selector: {app: nothing}\n  ports: [{port: 80, targetPort: http}]\n`,
        `apiVersion: ${group('Deployment')}\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: other}}\n    spec:\n      hostNetwork: true\n      containers: [{name: app, image: "example.com/app:1.0"}]\n`,
        `apiVersion: ${group('ClusterRoleBinding')}\nkind: ClusterRoleBinding\nmetadata: {name: admin}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: ServiceAccount, name: web, namespace: default}]\n`,
      ].join('---\n'),
    );
  const builtIn: Record<string, string> = { Job: 'batch/v1', Service: 'v1', Deployment: 'apps/v1', ClusterRoleBinding: 'rbac.authorization.k8s.io/v1' };
  const options = { kubernetesVersion: '1.36', pss: 'restricted' } as const;

  it('are not judged by the rules of those kinds', () => {
    expect(ids(runRules(objects((kind) => (kind === 'Job' ? 'batch.volcano.sh/v1alpha1' : kind === 'Service' ? 'serving.knative.dev/v1' : 'example.com/v1')), options))).toEqual([]);
  });

  it('while the built-in kinds themselves are', () => {
    expect(ids(runRules(objects((kind) => builtIn[kind]!), options))).toEqual(expect.arrayContaining(['job-active-deadline', 'nodeport-service', 'pss-host-namespaces', 'pss-privileged', 'rbac-cluster-admin', 'selector-matches-template', 'service-selects-pods']));
  });
});
