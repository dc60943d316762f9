// Chart defects the control plane shows today, each one an open item of issue #16 that another
// change fixes. A lifecycle step listed here asserts that the defect is STILL there — so the fix
// makes the test fail until its entry is deleted — instead of weakening the test around it.
import type { KindName } from '@chartforge/kinds';
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

// Empty: items 1, 2 and 8 of issue #16 are fixed and their lifecycle steps assert the right behaviour.
export const KNOWN_DEFECTS: readonly KnownDefect[] = [];

export function knownDefect(step: LifecycleStep, testCase: { kind: KindName; valuesFile: string; major: HelmMajor }): KnownDefect | undefined {
  return KNOWN_DEFECTS.find(
    (defect) =>
      defect.step === step &&
      defect.kind === testCase.kind &&
      (!defect.valuesFiles || defect.valuesFiles.includes(testCase.valuesFile)) &&
      (!defect.majors || defect.majors.includes(testCase.major)),
  );
}
