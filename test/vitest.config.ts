import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 300_000,
    projects: [
      // Renders, CLI and publishing with real helm: never needs Go. They run first (group 0) and
      // the cluster files after them (group 1), so the CPU-bound renders never compete with the planes.
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      // Charts installed on a real control plane; its binaries are built once (Go) before any file runs.
      // Each file starts its own plane and mostly waits on kwok's pod lifecycles, not on the CPU:
      // running the files side by side keeps the cluster phase near its longest file.
      { extends: true, test: { name: 'cluster', include: ['cluster/**/*.test.ts'], globalSetup: ['cluster/build-plane.ts'], maxWorkers: 4, sequence: { groupOrder: 1 } } },
    ],
  },
});
