// charts/migration installed, tested, upgraded, rolled back and uninstalled on a real control plane.
import { describeLifecycle } from '../src/lifecycle-suite.js';

describeLifecycle('migration', {
  // The steps are hooks, re-run by each upgrade (before-hook-creation); the release's own objects
  // (claims it creates) are never replaced.
  replacedByChangedValues: () => [],
});
