import { defineConfig } from 'vitest/config';

// Each test file opens a real database (PGlite takes seconds on a busy 2-core machine) and
// the CLI tests start processes: generous hook and test time-outs, no retries.
export default defineConfig({
  test: {
    hookTimeout: 60_000,
    testTimeout: 30_000,
    include: ['src/**/*.test.ts'],
  },
});
