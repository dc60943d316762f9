// Builds the control plane's binaries and Kueue's manager once before any cluster test file
// starts, so files do not race to build them. Without Go there is nothing to build with: the run goes on, every other test
// runs, and each cluster test file fails when it starts its plane, with the message saying what
// to install (in CI as anywhere else: the cluster tests are never skipped).
import { ControlPlaneBuildError } from '../../scripts/control-plane.mjs';
import { kueueBinaries } from '../src/kueue.js';
import { controlPlaneBinaries } from '../src/plane.js';

export default function buildPlane(): void {
  try {
    controlPlaneBinaries();
    kueueBinaries();
  } catch (error) {
    if (!(error instanceof ControlPlaneBuildError)) throw error;
  }
}
