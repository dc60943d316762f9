import { expect } from 'vitest';
import { helm, type HelmMajor } from './helm.js';

/** Helm itself refuses `--set <set>` through the chart's values.schema.json, naming the field. */
export function expectSchemaRejection(major: HelmMajor, chartDir: string, set: string, field: RegExp): void {
  const result = helm(major, ['template', 'release', chartDir, '--set', set]);
  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(/values don't meet the specifications of the schema/);
  expect(result.stderr).toMatch(field);
}
