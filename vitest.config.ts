import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Some tests train models or spawn the CLI: seconds alone, more on a busy 2-core machine.
          testTimeout: 60_000,
          // Two files at a time even on 2 cores (the default is one fewer than the cores): many
          // files spend most of their time waiting for a CLI process they started, which leaves
          // the core they hold idle.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // One browser at a time against one preview server: files run one after the other.
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 120_000,
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
