import { tapStream } from '@chartforge/core';
import type { Report } from '../types.js';
import { resourceLabel } from './common.js';

/** TAP version 13: one test point per resource, findings in a YAML diagnostic block. */
export function formatTap(report: Report): string {
  const points = report.resources
    .filter((r) => r.status !== 'empty')
    .map((r) => ({ ok: r.status === 'valid' || r.status === 'skipped', description: `${r.file} - ${resourceLabel(r)}`, skip: r.status === 'skipped', status: r.status, findings: r.findings }));
  return tapStream(points);
}
