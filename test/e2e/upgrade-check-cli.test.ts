// `chartforge upgrade-check` as a user runs it in a pull request (old = the base branch's chart):
// each kind of finding at the template line that causes it, in every report format, exit 1 only
// when something is deleted, re-run or refused. The cluster test (test/cluster/upgrade-check)
// proves the predictions with real `helm upgrade`.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { chartforge } from '../src/cli.js';
import { helmBinary } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';
import { temporaryDir } from '../src/publish.js';

const CHART = relative(REPO_ROOT, join(REPO_ROOT, 'test', 'fixtures', 'upgrade-check', 'trainer'));
const HELM = ['--helm', helmBinary('v4')];

function values(text: string): string {
  const path = join(temporaryDir(), 'values.yaml');
  writeFileSync(path, text);
  return path;
}

function check(newValues: string[], oldValues: string[] = [], format = 'json') {
  return chartforge(['upgrade-check', CHART, '--old-chart', CHART, ...oldValues.flatMap((v) => ['--old-values', v]), ...newValues.flatMap((v) => ['-f', v]), ...HELM, '-o', format]);
}

describe('chartforge upgrade-check', () => {
  it('finds nothing when nothing changes', () => {
    const result = check([], [], 'text');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${CHART}: no problems\n`);
  });

  it('reports each kind of finding at its template line, exit 1 for the destructive ones', () => {
    const result = check([values('run: "2"\nautoscaling: true\nserverImage: registry.example.com/serve:2.0.0\nclaim:\n  enabled: false\n')]);
    expect(result.status, result.stderr).toBe(1);
    const { findings } = JSON.parse(result.stdout) as { findings: Array<{ file: string; line: number; rule: string; severity: string; path: string }> };
    expect(findings.map((f) => [relative(CHART, f.file), f.line, f.rule, f.severity, f.path])).toEqual([
      ['templates/deployment.yaml', 6, 'controller-owned-field', 'warning', 'spec.replicas'],
      ['templates/deployment.yaml', 17, 'pods-replaced', 'warning', 'spec.template.spec.containers[0].image'],
      ['templates/job.yaml', 4, 'job-rerun', 'error', 'metadata.name'],
      ['templates/pvc.yaml', 5, 'claim-deleted', 'error', 'metadata.name'],
    ]);
  });

  it('says a Job template change is refused, with the API server message helm prints', () => {
    const result = check([values('jobImage: registry.example.com/train:2.0.0\n')], [], 'text');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${CHART}/templates/job.yaml:7:3: error: Job/release-name-run-1: the API server refuses the update: Job.batch "release-name-run-1" is invalid: spec.template: Invalid value: …: field is immutable [immutable-field]`);
  });

  it('writes JUnit and TAP: a passing case for an info finding, a failing one for an error', () => {
    const kept = check([values('claim:\n  enabled: false\n')], [values('claim:\n  keep: true\n')], 'junit');
    expect(kept.status, kept.stdout).toBe(0);
    expect(XMLValidator.validate(kept.stdout)).toBe(true);
    expect(kept.stdout).toContain('<testsuites name="chartforge upgrade-check" tests="1" failures="0" errors="0">');
    expect(kept.stdout).toMatch(/<testcase classname="[^"]*templates\/pvc\.yaml" name="5:3 claim-deleted">\n {6}<system-out>/);
    const deleted = check([values('claim:\n  enabled: false\n')], [], 'tap');
    expect(deleted.status).toBe(1);
    expect(deleted.stdout).toMatch(/^TAP version 13\n1\.\.1\nnot ok 1 - .*templates\/pvc\.yaml\n {2}---\n {2}findings:\n {4}- message: ".*"\n {6}severity: error\n {6}rule: "claim-deleted"\n {6}line: 5\n {6}column: 3\n {2}\.\.\.\n$/);
  });

  it('treats a claim helm.sh/resource-policy: keep protects as info, not a failure', () => {
    const result = check([values('claim:\n  enabled: false\n')], [values('claim:\n  keep: true\n')], 'github');
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/^::notice file=.*templates\/pvc\.yaml,line=5,col=3,title=chartforge claim-deleted::.*keep protects it/m);
  });

  it('says which API the target Kubernetes version no longer serves', () => {
    const newValues = values('autoscaling: true\nautoscalingApiVersion: autoscaling/v2beta2\n');
    const result = chartforge(['upgrade-check', CHART, '--old-chart', CHART, '-f', newValues, '-k', '1.26', ...HELM]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${CHART}/templates/hpa.yaml:2:1: error: HorizontalPodAutoscaler/release-name-server: autoscaling/v2beta2 HorizontalPodAutoscaler was removed in Kubernetes 1.26; use autoscaling/v2`);
    expect(chartforge(['upgrade-check', CHART, '--old-chart', CHART, '-f', newValues, '--kubernetes-version', '1.25', ...HELM]).stdout).not.toContain('[removed-api]');
    // In SARIF the validator's rule describes itself and links its page, as in validate's and lint's.
    const sarif = JSON.parse(chartforge(['upgrade-check', CHART, '--old-chart', CHART, '-f', newValues, '-k', '1.26', '-o', 'sarif', ...HELM]).stdout);
    expect(sarif.runs[0].tool.driver.rules.find((rule: { id: string }) => rule.id === 'removed-api')).toEqual({
      id: 'removed-api',
      name: 'removed-api',
      shortDescription: { text: 'apiVersion/kind must still be served by the target Kubernetes version (and by --upgrade-to)' },
      helpUri: 'https://github.com/chartforge/chartforge/blob/main/packages/validator/docs/rules/removed-api.md',
    });
  });

  it('writes SARIF', () => {
    const result = check([values('run: "2"\n')], [], 'sarif');
    expect(result.status).toBe(1);
    const sarif = JSON.parse(result.stdout) as { version: string; runs: Array<{ tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri: string }> } }; results: Array<{ ruleId: string; partialFingerprints: Record<string, string> }> }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toEqual(['job-rerun']);
    // The rule has no page of its own: it is described where it is defined and links the README section whose table describes it.
    expect(sarif.runs[0]!.tool.driver).toMatchObject({
      name: 'chartforge upgrade-check',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      rules: [
        {
          id: 'job-rerun',
          shortDescription: { text: 'The upgrade restarts a Job' },
          fullDescription: { text: 'A Job of the current release is renamed in the new chart, so helm deletes the running Job and its pods and the new Job starts its run from the beginning.' },
          helpUri: 'https://github.com/chartforge/chartforge#chartforge-upgrade-check',
        },
      ],
    });
    expect(sarif.runs[0]!.results[0]!.partialFingerprints['findingPath/v1']).toMatch(/templates\/job\.yaml\|job-rerun\|/);
  });

  it('needs exactly one way to know the current release', () => {
    const neither = chartforge(['upgrade-check', CHART, ...HELM]);
    expect(neither.status).toBe(2);
    expect(neither.stderr).toContain('give the current release as either --current MANIFEST or --old-chart DIR');
  });
});
