// Chart defects the control plane shows today, each one an open item of issue #16 that another
// change fixes. A lifecycle step listed here asserts that the defect is STILL there — so the fix
// makes the test fail until its entry is deleted — instead of weakening the test around it.
import type { KindName } from '@chartforge/spec';
import type { HelmMajor } from './helm.js';

export type LifecycleStep =
  | 'upgrade-unchanged'
  | 'upgrade-changed-values'
  | 'upgrade-chart-version'
  | 'rollback'
  | 'uninstall'
  /** A Job admitted by Kueue (suspend: false) is left running by `helm upgrade` with unchanged values. */
  | 'upgrade-keeps-admitted-job';

export interface KnownDefect {
  /** The item number in issue #16. */
  readonly item: number;
  readonly summary: string;
  readonly kind: KindName;
  readonly step: LifecycleStep;
  /** ci values files it shows with; every file of the kind when absent. */
  readonly valuesFiles?: readonly string[];
  /** Helm majors it shows with; both when absent. */
  readonly majors?: readonly HelmMajor[];
  /** The helm command of the step fails, with this message, instead of giving a wrong result. */
  readonly failsCommand?: RegExp;
}

export const KNOWN_DEFECTS: readonly KnownDefect[] = [
  {
    item: 1,
    summary: 'a Job admitted by Kueue is re-suspended by helm upgrade with unchanged values (Helm 3 patches suspend back to true)',
    kind: 'training',
    step: 'upgrade-keeps-admitted-job',
    valuesFiles: ['kueue-values.yaml'],
    majors: ['v3'],
  },
  {
    item: 1,
    summary: "Helm 4's server-side apply of the rendered suspend: true conflicts with the admission's suspend: false",
    kind: 'training',
    step: 'upgrade-unchanged',
    valuesFiles: ['kueue-values.yaml'],
    majors: ['v4'],
    failsCommand: /Apply failed with 1 conflict: conflict with "kubectl-patch" using batch\/v1: \.spec\.suspend/,
  },
  {
    item: 2,
    summary: 'bumping only the chart version renames the run: the Job name hashes the pod template, which carries helm.sh/chart',
    kind: 'training',
    step: 'upgrade-chart-version',
    valuesFiles: ['data-pipeline-values.yaml', 'distributed-values.yaml', 'kueue-values.yaml'],
  },
  {
    item: 8,
    summary: 'hook resources leak on uninstall: step Jobs, the helm test pod, the ServiceAccount, scripts (and markers) ConfigMaps, Role, RoleBinding and credential Secrets remain',
    kind: 'migration',
    step: 'uninstall',
  },
];

export function knownDefect(step: LifecycleStep, testCase: { kind: KindName; valuesFile: string; major: HelmMajor }): KnownDefect | undefined {
  return KNOWN_DEFECTS.find(
    (defect) =>
      defect.step === step &&
      defect.kind === testCase.kind &&
      (!defect.valuesFiles || defect.valuesFiles.includes(testCase.valuesFile)) &&
      (!defect.majors || defect.majors.includes(testCase.major)),
  );
}
