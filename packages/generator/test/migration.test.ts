import { defaultSpec, formatSpecError, loadSpec, migration, migrationStepNode } from '@chartforge/kinds';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateChart } from '../src/index.js';

function specOf(text: string) {
  const result = loadSpec(migration, text, 'plan.yaml');
  if (!result.ok) throw new Error(result.errors.map(formatSpecError).join('\n'));
  return result.spec;
}

const PLAN = `volumes:
  source: {claimName: v1}
  destination: {claimName: v2}
steps:
  copy: {order: 20, type: migrate, preset: rsync, activeDeadlineSeconds: 600, command: []}
  verify: {order: 30, type: verify, preset: verify-files, activeDeadlineSeconds: 60, verifyFiles: {to: destination}}
`;

// Generation compiles every template on first use, which takes seconds on a loaded machine.
describe('the migration chart', { timeout: 60_000 }, () => {
  it('is deterministic and ships the step scripts as chart files', () => {
    const first = generateChart(specOf(PLAN));
    expect([...generateChart(specOf(PLAN)).entries()]).toEqual([...first.entries()]);
    expect([...first.keys()].filter((p) => p.startsWith('files/'))).toEqual([
      'files/lib.sh',
      'files/pg-dump.sh',
      'files/pg-restore.sh',
      'files/rclone.sh',
      'files/row-counts.sql',
      'files/rsync.sh',
      'files/verify-files.sh',
      'files/verify-rows.sh',
    ]);
    expect(first.get('files/rsync.sh')!.startsWith('#!/bin/sh\n')).toBe(true);
  });

  it('keeps the spec\'s own steps out of the CI plans, renaming CI steps that share their names', () => {
    const files = generateChart(specOf(PLAN));
    const ci = parse(files.get('ci/files-values.yaml')!);
    expect(ci.steps.copy).toEqual({ enabled: false });
    expect(ci.steps.verify).toEqual({ enabled: false });
    expect(ci.steps['ci-copy']).toMatchObject({ order: 20, preset: 'rsync' });
    expect(ci.steps['ci-verify']).toMatchObject({ preset: 'verify-files' });
    // A CI restore undoes the CI step, under its new name.
    expect(ci.steps['ci-restore'] ?? ci.steps.restore).toMatchObject({ type: 'restore', undoes: ['ci-copy'] });
    expect(ci.steps.backup).toMatchObject({ preset: 'rsync' });
    // The defaults' CI files carry no renames: there is nothing to set aside.
    expect(Object.keys(parse(generateChart(defaultSpec(migration)).get('ci/files-values.yaml')!).steps)).toEqual(['backup', 'copy', 'verify', 'restore']);
  });

  it('documents every step field in the README, and the plan\'s own steps in values.yaml', () => {
    const files = generateChart(specOf(PLAN));
    const readme = files.get('README.md')!;
    const fields = (node: typeof migrationStepNode, prefix = ''): string[] =>
      Object.entries(node.properties ?? {}).flatMap(([key, child]) =>
        child.properties && child.schema.type === 'object' && !child.schema.additionalProperties ? fields(child as typeof migrationStepNode, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    const all = fields(migrationStepNode);
    expect(all.length).toBeGreaterThan(40);
    for (const field of all) expect(readme, field).toContain(`| \`${field}\` |`);
    expect(readme).toContain('| `rsync` | copies a directory between volumes with rsync --checksum');
    expect(parse(files.get('values.yaml')!).steps.copy).toEqual({ order: 20, type: 'migrate', preset: 'rsync', activeDeadlineSeconds: 600, command: [] });
  });

  it('lists every image the plan may run for Artifact Hub', () => {
    const chart = parse(generateChart(defaultSpec(migration)).get('Chart.yaml')!);
    expect(parse(chart.annotations['artifacthub.io/images']).map((i: { image: string }) => i.image)).toEqual([
      'instrumentisto/rsync-ssh:alpine3.21',
      'rclone/rclone:1.68.2',
      'postgres:17.2-alpine',
      'busybox:1.37',
      'registry.k8s.io/kubectl:v1.35.0',
    ]);
  });
});
