// One finding shape for every check this package runs (values against a schema, YAML syntax,
// chart metadata, helm's own lint output), so the CLI reports them all the same way. It is
// @chartforge/core's ReportedFinding, which every report format takes.

import { compareFindings, type ReportedFinding } from '@chartforge/core';

/** A finding of a publish check; `rule` is the check's id (`values-schema`, `values-yaml`, `helm-lint`, …). */
export type CheckFinding = ReportedFinding;

/**
 * What a check is, for the SARIF rule descriptor of its findings: `summary` is the rule's
 * shortDescription, `description` (one sentence) its fullDescription. Each is defined beside the
 * code that reports its findings; check-rules.ts lists them all.
 */
export interface CheckRule {
  id: string;
  summary: string;
  description: string;
}

/** Sorted, with exact duplicates (the same message at the same place) removed. */
export function sortFindings(findings: readonly CheckFinding[]): CheckFinding[] {
  const seen = new Set<string>();
  const unique: CheckFinding[] = [];
  for (const finding of [...findings].sort(compareFindings)) {
    const key = `${finding.file}\0${finding.line}\0${finding.column}\0${finding.rule}\0${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(finding);
  }
  return unique;
}
