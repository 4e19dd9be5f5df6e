import { defineConfig } from 'vitest/config';

// Each file starts real processes (pnpm start; a cluster of three platforms, HAProxy and
// PostgreSQL): one file at a time on a busy 2-core machine, with generous time-outs.
export default defineConfig({
  test: {
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
