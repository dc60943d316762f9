import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 300_000,
    projects: [
      // Renders, CLI and publishing with real helm: never needs Go.
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.test.ts'] } },
      // Charts installed on a real control plane; its binaries are built once (Go) before any file runs.
      { extends: true, test: { name: 'cluster', include: ['cluster/**/*.test.ts'], globalSetup: ['cluster/build-plane.ts'] } },
    ],
  },
});
