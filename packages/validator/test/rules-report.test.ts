// Rule findings in validate()'s report and its output formats.
import { describe, expect, it } from 'vitest';
import { formatReport } from '../src/output/index.js';
import { RULES } from '../src/rules/index.js';
import { validate } from '../src/validate.js';

const CRONJOB = `apiVersion: batch/v1beta1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: job, image: "busybox:latest"}]
`;

describe('rules in the report', () => {
  it('joins rule findings to their resource and marks a removed API invalid even when its schema is skipped', async () => {
    const report = await validate({ files: [{ name: 'cron.yaml', text: CRONJOB }] }, { ignoreMissingSchemas: true, rules: { only: ['removed-api', 'image-tag'] } });
    expect(report.resources.map((r) => r.status)).toEqual(['invalid']);
    expect(report.findings.map((f) => [f.rule, f.line, f.column])).toEqual([['removed-api', 1, 13], ['image-tag', 11, 43]]);
    expect(report.summary).toMatchObject({ invalid: 1, skipped: 0 });
  });

  it('--skip skips the lint rules for those kinds too; a skipped object still counts as existing for reference rules', async () => {
    const input = `${CRONJOB}---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: "nginx:latest", envFrom: [{secretRef: {name: creds}}]}]
---
apiVersion: v1
kind: Secret
metadata: {name: creds}
`;
    const options = { ignoreMissingSchemas: true, rules: { only: ['removed-api', 'image-tag', 'secret-ref-exists'] } };
    const all = await validate({ files: [{ name: 'in.yaml', text: input }] }, options);
    expect(all.findings.map((f) => [f.kind, f.rule])).toEqual([['CronJob', 'removed-api'], ['CronJob', 'image-tag'], ['Pod', 'image-tag']]);
    const skipped = await validate({ files: [{ name: 'in.yaml', text: input }] }, { ...options, skip: ['CronJob', 'Secret'] });
    expect(skipped.findings.map((f) => [f.kind, f.rule])).toEqual([['Pod', 'image-tag']]);
    expect(skipped.resources.map((r) => r.status)).toEqual(['skipped', 'invalid', 'skipped']);
  });

  it('SARIF describes lint rules with their summary and documentation page', async () => {
    const report = await validate({ files: [{ name: 'cron.yaml', text: CRONJOB }] }, { ignoreMissingSchemas: true, rules: { only: ['removed-api'] } });
    const sarif = JSON.parse(formatReport(report, 'sarif')) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string }; helpUri: string }[] } } }[] };
    const removed = RULES.find((rule) => rule.meta.id === 'removed-api')!;
    expect(sarif.runs[0]?.tool.driver.rules).toEqual([
      { id: 'removed-api', name: 'removed-api', shortDescription: { text: removed.meta.summary }, helpUri: 'https://github.com/chartforge/chartforge/blob/main/packages/validator/docs/rules/removed-api.md' },
    ]);
  });
});
