// `chartforge upgrade-check`: what `helm upgrade` from one rendered release to another will do to
// the objects already running, before it runs. Both sides are manifests as helm renders them
// (`helm get manifest`, or `helm template` of a chart and values), each object known by the
// `# Source:` template that produced it.
import { isDeepStrictEqual } from 'node:util';
import { formatPath, positionAt, type Severity } from '@chartforge/core';
import type { Document } from 'yaml';
import { parseYamlWithinLimits } from '@chartforge/validator/read';
import { kubernetesKind } from '@chartforge/validator/workload';
import type { CheckFinding, CheckRule } from './findings.js';

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  object: Record<string, unknown>;
  /** `chart/templates/x.yaml` from helm's `# Source:` comment, when there is one. */
  source?: string;
  /** 1-based line where the document starts in the manifest text. */
  line: number;
}

/** The objects of a rendered manifest, each with its `# Source:` template; `file` names the manifest in a message about a breached read limit. */
export function readManifest(text: string, file = 'manifest'): ManifestObject[] {
  const objects: ManifestObject[] = [];
  let previousEnd = 0;
  for (const document of parseYamlWithinLimits(text, file, { uniqueKeys: false }).documents as Document.Parsed[]) {
    const start = document.contents?.range[0] ?? document.range[0];
    // The last `# Source:` between the previous document and this one's content names its template.
    const source = [...text.slice(previousEnd, start).matchAll(/# Source: (\S+)/g)].pop()?.[1];
    previousEnd = document.contents?.range[1] ?? document.range[1];
    const object = document.toJS() as unknown;
    if (typeof object !== 'object' || object === null || Array.isArray(object)) continue;
    const value = object as Record<string, unknown>;
    const metadata = (value.metadata ?? {}) as Record<string, unknown>;
    if (typeof value.kind !== 'string' || typeof metadata.name !== 'string') continue;
    objects.push({
      apiVersion: String(value.apiVersion ?? ''),
      kind: value.kind,
      name: metadata.name,
      ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
      object: value,
      ...(source ? { source } : {}),
      line: positionAt(text, start).line,
    });
  }
  return objects;
}

/** A finding of the upgrade, with the JSON path it is about; `where` places it in a file. */
export interface UpgradeFinding {
  severity: Severity;
  rule: UpgradeRule;
  /** The object on the side that causes the finding (the new one; the current one for deletions). */
  subject: ManifestObject;
  side: 'current' | 'next';
  path: Array<string | number>;
  message: string;
}

export type UpgradeRule = 'pods-replaced' | 'object-deleted' | 'job-rerun' | 'claim-deleted' | 'immutable-field' | 'controller-owned-field' | 'hook-runs';

/** What each upgrade rule checks (SARIF's rule descriptors). */
export const UPGRADE_RULES: Readonly<Record<UpgradeRule, CheckRule>> = {
  'pods-replaced': {
    id: 'pods-replaced',
    summary: 'The upgrade replaces every pod of a workload',
    description: "The upgrade changes a workload's pod template, so its controller replaces every one of its pods.",
  },
  'object-deleted': {
    id: 'object-deleted',
    summary: 'The upgrade deletes an object',
    description: 'An object of the current release is missing from the new chart, so helm upgrade deletes it.',
  },
  'job-rerun': {
    id: 'job-rerun',
    summary: 'The upgrade restarts a Job',
    description: 'A Job of the current release is renamed in the new chart, so helm deletes the running Job and its pods and the new Job starts its run from the beginning.',
  },
  'claim-deleted': {
    id: 'claim-deleted',
    summary: 'The upgrade deletes a PersistentVolumeClaim',
    description: 'A PersistentVolumeClaim of the current release is missing from the new chart, so helm deletes it, and its data with it unless helm.sh/resource-policy: keep protects it.',
  },
  'immutable-field': {
    id: 'immutable-field',
    summary: 'The upgrade changes an immutable field',
    description: 'The upgrade changes a field the API server refuses to update in place, such as a selector or a Job template, so helm upgrade fails.',
  },
  'controller-owned-field': {
    id: 'controller-owned-field',
    summary: 'The chart sets a field a controller owns',
    description: 'The chart sets a field another controller owns, such as the replicas of a workload an autoscaler scales or the suspend of a Job Kueue admits, so each upgrade overwrites what that controller chose.',
  },
  'hook-runs': {
    id: 'hook-runs',
    summary: 'The upgrade runs a hook',
    description: 'An object of the chart is a pre-upgrade or post-upgrade hook, so helm runs it again on this upgrade.',
  },
};

/** Rules whose findings mean the upgrade destroys something or the API server refuses it. */
export const DESTRUCTIVE_RULES: ReadonlySet<UpgradeRule> = new Set(['object-deleted', 'job-rerun', 'claim-deleted', 'immutable-field']);

const POD_CONTROLLERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

function group(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
}

/** Helm's identity of a release object: group, kind, namespace, name (the version may change). */
function identity(object: ManifestObject): string {
  return `${group(object.apiVersion)}/${object.kind}/${object.namespace ?? ''}/${object.name}`;
}

function at(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = value;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** The leaf paths where two values differ, outermost first (at most `limit`). */
function differences(a: unknown, b: unknown, path: Array<string | number> = [], limit = 5, out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (out.length >= limit || isDeepStrictEqual(a, b)) return out;
  const bothObjects = typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) {
    out.push(path);
    return out;
  }
  const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
  for (const key of keys) {
    const segment = Array.isArray(a) ? Number(key) : key;
    differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, segment], limit, out);
  }
  return out;
}

function annotation(object: ManifestObject, key: string): string | undefined {
  const value = at(object.object, ['metadata', 'annotations', key]);
  return typeof value === 'string' ? value : undefined;
}

/** How the API server names an object in an error: `Job.batch "train"`. */
function apiName(object: ManifestObject): string {
  const apiGroup = group(object.apiVersion);
  return `${object.kind}${apiGroup ? `.${apiGroup}` : ''} "${object.name}"`;
}

/** Fields the API server refuses to change on update, with the message `helm upgrade` prints. */
function immutableChanges(current: ManifestObject, next: ManifestObject): Array<{ path: Array<string | number>; message: string }> {
  const changed = (path: Array<string | number>): boolean => !isDeepStrictEqual(at(current.object, path), at(next.object, path));
  const refused: Array<{ path: Array<string | number>; message: string }> = [];
  const invalid = (detail: string): string => `the API server refuses the update: ${apiName(next)} is invalid: ${detail}`;
  if (kubernetesKind(next) === 'Job') {
    if (changed(['spec', 'template'])) refused.push({ path: ['spec', 'template'], message: invalid('spec.template: Invalid value: …: field is immutable') });
    if (changed(['spec', 'completions'])) refused.push({ path: ['spec', 'completions'], message: invalid('spec.completions: Invalid value: …: field is immutable') });
  }
  if (POD_CONTROLLERS.has(kubernetesKind(next) ?? '') && changed(['spec', 'selector'])) {
    refused.push({ path: ['spec', 'selector'], message: invalid('spec.selector: Invalid value: …: field is immutable') });
  }
  if (kubernetesKind(next) === 'StatefulSet') {
    const mutable = new Set(['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds', 'selector']);
    const spec = (key: string): unknown => at(current.object, ['spec', key]) ?? at(next.object, ['spec', key]);
    const keys = [...new Set([...Object.keys((current.object.spec ?? {}) as object), ...Object.keys((next.object.spec ?? {}) as object)])].sort();
    for (const key of keys) {
      if (mutable.has(key) || spec(key) === undefined || !changed(['spec', key])) continue;
      refused.push({
        path: ['spec', key],
        message: invalid("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"),
      });
    }
  }
  if (kubernetesKind(next) === 'PersistentVolumeClaim') {
    const strip = (object: ManifestObject): unknown => {
      const spec = { ...((object.object.spec ?? {}) as Record<string, unknown>) };
      delete spec.resources;
      delete spec.volumeAttributesClassName;
      return spec;
    };
    if (!isDeepStrictEqual(strip(current), strip(next))) {
      const path = differences(strip(current), strip(next))[0] ?? [];
      refused.push({ path: ['spec', ...path], message: invalid('spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims') });
    }
  }
  if (kubernetesKind(next) === 'Service') {
    const before = at(current.object, ['spec', 'clusterIP']);
    const after = at(next.object, ['spec', 'clusterIP']);
    if (typeof before === 'string' && before !== '' && typeof after === 'string' && after !== '' && before !== after) {
      refused.push({ path: ['spec', 'clusterIP'], message: invalid(`spec.clusterIPs[0]: Invalid value: []string{"${after}"}: may not change once set`) });
    }
  }
  return refused;
}

function podTemplatePath(object: ManifestObject): Array<string | number> | undefined {
  if (POD_CONTROLLERS.has(kubernetesKind(object) ?? '')) return ['spec', 'template'];
  return undefined;
}

/** Which HorizontalPodAutoscaler in `objects` scales `target`, if one does. */
function scaledBy(target: ManifestObject, objects: readonly ManifestObject[]): ManifestObject | undefined {
  return objects.find(
    (candidate) => kubernetesKind(candidate) === 'HorizontalPodAutoscaler' && at(candidate.object, ['spec', 'scaleTargetRef', 'kind']) === target.kind && at(candidate.object, ['spec', 'scaleTargetRef', 'name']) === target.name,
  );
}

/** Everything `helm upgrade` from `current` to `next` will do that a reviewer should see first. */
export function checkUpgrade(current: readonly ManifestObject[], next: readonly ManifestObject[]): UpgradeFinding[] {
  const findings: UpgradeFinding[] = [];
  const currentById = new Map(current.map((object) => [identity(object), object]));
  const nextById = new Map(next.map((object) => [identity(object), object]));

  for (const after of next) {
    const hook = annotation(after, 'helm.sh/hook');
    if (hook && /(^|,)\s*(pre|post)-upgrade\s*(,|$)/.test(hook)) {
      findings.push({ severity: 'info', rule: 'hook-runs', subject: after, side: 'next', path: ['metadata', 'annotations', 'helm.sh/hook'], message: `the ${hook} hook runs again on this upgrade` });
    }
    if (hook) continue; // Hooks are not part of the release's objects: helm creates them anew each time.
    const before = currentById.get(identity(after));
    if (after.kind === 'Job' && !before) {
      const renamedFrom = current.find((old) => old.kind === 'Job' && !annotation(old, 'helm.sh/hook') && !nextById.has(identity(old)) && old.source === after.source);
      if (renamedFrom) {
        findings.push({
          severity: 'error',
          rule: 'job-rerun',
          subject: after,
          side: 'next',
          path: ['metadata', 'name'],
          message: `Job "${renamedFrom.name}" is renamed to "${after.name}": helm deletes the running Job and its pods, and the new Job starts the run from the beginning`,
        });
      }
    }
    if (!before) continue;
    for (const refused of immutableChanges(before, after)) findings.push({ severity: 'error', rule: 'immutable-field', subject: after, side: 'next', path: refused.path, message: refused.message });
    const template = podTemplatePath(after);
    if (template && !isDeepStrictEqual(at(before.object, template), at(after.object, template))) {
      const changes = differences(at(before.object, template), at(after.object, template)).map((path) => [...template, ...path]);
      const fields = changes.map((path) => formatPath(path));
      findings.push({ severity: 'warning', rule: 'pods-replaced', subject: after, side: 'next', path: changes[0] ?? template, message: `every pod of ${after.kind} "${after.name}" is replaced: the pod template changes at ${fields.join(', ')}` });
    }
    const hpa = scaledBy(after, next);
    if (hpa && at(after.object, ['spec', 'replicas']) !== undefined) {
      findings.push({
        severity: 'warning',
        rule: 'controller-owned-field',
        subject: after,
        side: 'next',
        path: ['spec', 'replicas'],
        message: `HorizontalPodAutoscaler "${hpa.name}" owns spec.replicas: setting it makes the upgrade reset the replica count the autoscaler chose; leave replicas out of the template when autoscaling`,
      });
    }
    const queue = at(after.object, ['metadata', 'labels', 'kueue.x-k8s.io/queue-name']);
    if (kubernetesKind(after) === 'Job' && typeof queue === 'string' && at(after.object, ['spec', 'suspend']) !== undefined) {
      findings.push({
        severity: 'warning',
        rule: 'controller-owned-field',
        subject: after,
        side: 'next',
        path: ['spec', 'suspend'],
        message: `Kueue owns spec.suspend of a Job in queue "${queue}" (it unsuspends admitted Jobs): setting it makes the upgrade fight Kueue over it`,
      });
    }
  }

  for (const before of current) {
    if (annotation(before, 'helm.sh/hook') || nextById.has(identity(before))) continue;
    if (before.kind === 'Job' && next.some((after) => after.kind === 'Job' && after.source === before.source && !currentById.has(identity(after)))) continue; // reported as job-rerun
    if (kubernetesKind(before) === 'PersistentVolumeClaim') {
      const keep = annotation(before, 'helm.sh/resource-policy') === 'keep';
      findings.push({
        severity: keep ? 'info' : 'error',
        rule: 'claim-deleted',
        subject: before,
        side: 'current',
        path: ['metadata', 'name'],
        message: keep
          ? `PersistentVolumeClaim "${before.name}" leaves the chart; helm.sh/resource-policy: keep protects it, so helm leaves it and its data in place`
          : `PersistentVolumeClaim "${before.name}" leaves the chart, so helm deletes it, and with a Delete reclaim policy its volume and data; nothing protects it (annotate helm.sh/resource-policy: keep to keep it)`,
      });
      continue;
    }
    findings.push({ severity: 'error', rule: 'object-deleted', subject: before, side: 'current', path: ['metadata', 'name'], message: `${before.kind} "${before.name}" leaves the chart, so helm deletes it` });
  }
  return findings;
}

/** Upgrade findings as check findings, placed by `place` (a template line, or the manifest line). */
export function upgradeCheckFindings(findings: readonly UpgradeFinding[], place: (finding: UpgradeFinding) => Pick<CheckFinding, 'file' | 'line' | 'column'>): CheckFinding[] {
  return findings.map((finding) => ({
    ...place(finding),
    severity: finding.severity,
    rule: finding.rule,
    path: formatPath(finding.path),
    message: `${finding.subject.kind}/${finding.subject.name}: ${finding.message}`,
  }));
}
