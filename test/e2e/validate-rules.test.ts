// The lint rules as a user meets them through `chartforge validate`: removed APIs for the target
// version and a planned upgrade, Pod Security levels, config file, flags and suppression.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartforge } from '../src/cli.js';

const CRONJOB_V1BETA1 = `apiVersion: batch/v1beta1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      activeDeadlineSeconds: 600
      template:
        spec:
          restartPolicy: Never
          containers: [{name: job, image: example.com/job:1.0}]
`;

const ROOT_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations: {chartforge.dev/ignore: "container-resources, read-only-root-filesystem, automount-service-account-token; covered elsewhere"}
spec:
  containers:
    - name: app
      image: example.com/app:1.0
`;

interface JsonReport {
  resources: { kind: string; status: string; validationErrors?: { rule: string; severity: string; msg: string; line: number; column: number }[] }[];
}

function workdir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'chartforge-validate-rules-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const rulesOf = (stdout: string) => (JSON.parse(stdout) as JsonReport).resources.flatMap((r) => (r.validationErrors ?? []).map((e) => e.rule));

describe('chartforge validate with lint rules', { timeout: 120_000 }, () => {
  it('a removed API is an error even with --ignore-missing-schemas, never merely skipped', () => {
    const result = chartforge(['validate', '--ignore-missing-schemas', '-o', 'json', '-'], { input: CRONJOB_V1BETA1, cwd: workdir() });
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.resources[0]?.status).toBe('statusInvalid');
    expect(report.resources[0]?.validationErrors).toContainEqual(expect.objectContaining({
      rule: 'removed-api', severity: 'error', line: 1, column: 13, msg: 'batch/v1beta1 CronJob was removed in Kubernetes 1.25; use batch/v1',
    }));
  });

  it('--upgrade-to reports what a cluster upgrade removes; without it the old version only warns', () => {
    const on124 = chartforge(['validate', '-k', '1.24', '-o', 'json', '--verbose', '-'], { input: CRONJOB_V1BETA1, cwd: workdir() });
    expect(on124.status).toBe(0);
    expect(rulesOf(on124.stdout)).toContain('deprecated-api');
    expect(rulesOf(on124.stdout)).not.toContain('removed-api');
    const upgrade = chartforge(['validate', '-k', '1.24', '--upgrade-to', '1.26', '-'], { input: CRONJOB_V1BETA1, cwd: workdir() });
    expect(upgrade.status).toBe(1);
    expect(upgrade.stdout).toContain('batch/v1beta1 CronJob is removed in Kubernetes 1.25: upgrading from 1.24 to 1.26 breaks it; use batch/v1');
  });

  it('finds removed APIs offline for a target older than the embedded schemas, List kinds and audit.k8s.io included', () => {
    // A typed list's items take its apiVersion; a List kind takes its item kind's lifecycle.
    const old = 'apiVersion: extensions/v1beta1\nkind: DeploymentList\nitems:\n  - metadata: {name: web}\n---\napiVersion: extensions/v1beta1\nkind: ReplicaSetList\nmetadata: {}\n';
    const usage = chartforge(['validate', '-k', '1.20', '-'], { input: old, cwd: workdir() });
    expect([usage.status, usage.stderr]).toEqual([2, expect.stringContaining('the embedded schemas cover Kubernetes 1.22 to 1.37; for v1.20.0 give a schema location')]);
    const on120 = chartforge(['validate', '-k', '1.20', '--ignore-missing-schemas', '-'], { input: old, cwd: workdir() });
    expect(on120.status).toBe(1);
    expect(on120.stdout).toContain('extensions/v1beta1 Deployment was removed in Kubernetes 1.16; use apps/v1');
    expect(on120.stdout).toContain('extensions/v1beta1 ReplicaSetList was removed in Kubernetes 1.16; use apps/v1');
    // The audit policy file is no served API: no schema has it, the lifecycle table does.
    const audit = 'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules: [{level: Metadata}]\n';
    expect(chartforge(['validate', '-k', '1.22', '--ignore-missing-schemas', '-'], { input: audit, cwd: workdir() }).stdout).toContain('audit.k8s.io/v1beta1 Policy is deprecated since Kubernetes 1.21 and removed in 1.24; use audit.k8s.io/v1');
    const on124 = chartforge(['validate', '-k', '1.24', '--ignore-missing-schemas', '-'], { input: audit, cwd: workdir() });
    expect([on124.status, on124.stdout]).toEqual([1, expect.stringContaining('audit.k8s.io/v1beta1 Policy was removed in Kubernetes 1.24; use audit.k8s.io/v1')]);
  });

  it('advises a replacement the target version serves', () => {
    const hpa = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec: {scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 3}\n`;
    const messages = (args: string[], apiVersion: string) => chartforge(['validate', ...args, '-o', 'json', '-'], { input: hpa(apiVersion), cwd: workdir() }).stdout;
    // 1.22 serves no autoscaling/v2 (1.23 does), and v2beta2 is not deprecated there yet.
    expect(messages(['-k', '1.22'], 'autoscaling/v2beta2')).not.toContain('deprecated-api');
    expect(messages(['-k', '1.22'], 'autoscaling/v2beta1')).toContain('autoscaling/v2beta1 HorizontalPodAutoscaler is deprecated since Kubernetes 1.22 or earlier and removed in 1.25; use autoscaling/v2beta2');
    expect(messages(['-k', '1.23'], 'autoscaling/v2beta2')).toContain('autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated since Kubernetes 1.23 and removed in 1.26; use autoscaling/v2');
    expect(messages(['-k', '1.22', '--upgrade-to', '1.30'], 'autoscaling/v2beta2')).toContain('is removed in Kubernetes 1.26: upgrading from 1.22 to 1.30 breaks it; use autoscaling/v2, served from Kubernetes 1.23');
  });

  it('runs the baseline Pod Security controls by default and the restricted ones with --pss restricted', () => {
    const baseline = chartforge(['validate', '-o', 'json', '--verbose', '-'], { input: ROOT_POD, cwd: workdir() });
    expect(baseline.status).toBe(0);
    expect(rulesOf(baseline.stdout)).toEqual([]);
    const restricted = chartforge(['validate', '--pss', 'restricted', '-o', 'json', '-'], { input: ROOT_POD, cwd: workdir() });
    expect(restricted.status).toBe(1);
    expect(rulesOf(restricted.stdout)).toEqual(['pss-capabilities-restricted', 'pss-privilege-escalation', 'pss-run-as-non-root', 'pss-seccomp-restricted']);
  });

  it('reads .chartforge.yaml from the working directory; flags narrow the rules further', () => {
    const dir = workdir({ '.chartforge.yaml': 'pss: restricted\nrules:\n  pss-seccomp-restricted: off\n  pss-run-as-non-root: warning\n' });
    const configured = chartforge(['validate', '-o', 'json', '-'], { input: ROOT_POD, cwd: dir });
    expect(rulesOf(configured.stdout)).toEqual(['pss-capabilities-restricted', 'pss-privilege-escalation', 'pss-run-as-non-root']);
    const narrowed = chartforge(['validate', '--rules', 'pss-run-as-non-root', '--fail-on', 'error', '-o', 'json', '--verbose', '-'], { input: ROOT_POD, cwd: dir });
    expect(rulesOf(narrowed.stdout)).toEqual(['pss-run-as-non-root']);
    expect(narrowed.status).toBe(0); // a warning, below --fail-on error
  });

  it('a bad config file is a usage error with its position; unknown rule ids too', () => {
    const dir = workdir({ '.chartforge.yaml': 'rules:\n  pss-run-as-nonroot: off\n' });
    const bad = chartforge(['validate', '-'], { input: ROOT_POD, cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('.chartforge.yaml:2:3: rules: unknown rule "pss-run-as-nonroot"');
    expect(chartforge(['validate', '--disable', 'latest-tag', '-'], { input: ROOT_POD, cwd: workdir() })).toMatchObject({ status: 2 });
  });

  it('--no-lint checks the schema only', () => {
    const result = chartforge(['validate', '--no-lint', '--ignore-missing-schemas', '-o', 'json', '--verbose', '-'], { input: CRONJOB_V1BETA1, cwd: workdir() });
    expect(result.status).toBe(0);
    expect(rulesOf(result.stdout)).toEqual([]);
  });
});
