// charts/serving installed, tested, upgraded, rolled back and uninstalled on a real control plane.
import { describeLifecycle } from '../src/lifecycle-suite.js';

describeLifecycle('serving', {
  // The README: the Deployment rolls its pods on a changed pod template; no object is replaced.
  replacedByChangedValues: () => [],
});
