import { pathToPointer } from '@chartforge/core';
import type { Report, ResourceStatus } from '../types.js';
import { resourceMessage, type FormatOptions } from './common.js';

const STATUS: Record<ResourceStatus, string> = { valid: 'statusValid', invalid: 'statusInvalid', error: 'statusError', skipped: 'statusSkipped', empty: 'statusEmpty' };

/**
 * kubeconform's JSON shape (`resources[]` with filename, kind, name, version, status, msg and
 * validationErrors[{path, msg}]; `summary`), plus positions, rule and severity on every error.
 * Like kubeconform, only resources that are not valid are listed unless `verbose`.
 */
export function formatJson(report: Report, options: FormatOptions = {}): string {
  const resources = report.resources
    .filter((r) => options.verbose || (r.status !== 'valid' && r.status !== 'empty' && r.status !== 'skipped') || r.findings.length > 0)
    .map((r) => ({
      filename: r.file,
      kind: r.kind,
      name: r.name,
      version: r.apiVersion,
      ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
      ...(r.template !== undefined ? { template: r.template } : {}),
      documentIndex: r.documentIndex,
      line: r.line,
      column: r.column,
      status: STATUS[r.status],
      msg: r.status === 'valid' || r.status === 'empty' ? '' : resourceMessage(r),
      validationErrors: r.findings.map((f) => ({ path: pathToPointer(f.path), field: f.path, msg: f.message, line: f.line, column: f.column, rule: f.rule, severity: f.severity })),
    }));
  const s = report.summary;
  return `${JSON.stringify({ kubernetesVersion: report.kubernetesVersion, resources, summary: { valid: s.valid, invalid: s.invalid, errors: s.errors, skipped: s.skipped, empty: s.empty, resources: s.resources, files: s.files } }, null, 2)}\n`;
}
