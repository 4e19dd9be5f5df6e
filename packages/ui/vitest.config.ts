import { defineConfig } from 'vitest/config';

/** Lit's legacy decorators, as in packages/planner/vite.config.ts (Oxc does not read tsconfig's). */
export default defineConfig({
  oxc: {
    decorator: { legacy: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'happy-dom',
  },
});
