import { defineConfig } from 'vitest/config';

// Tests that start processes (the CLI, helm) can take seconds on a loaded 2-core machine.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
