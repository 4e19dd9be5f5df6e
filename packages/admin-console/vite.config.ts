import { defineConfig } from 'vitest/config';

/**
 * The console builds to `dist/`, which the platform serves at `/admin/` (relative asset URLs:
 * `base: './'`). Decorators: Lit's legacy form with `useDefineForClassFields: false`, as in
 * the root tsconfig; Vite 8's Oxc does not read those from tsconfig, so they are spelled out
 * here as in packages/planner/vite.config.ts.
 */
export default defineConfig({
  base: './',
  oxc: {
    decorator: { legacy: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    reportCompressedSize: false,
    modulePreload: { polyfill: false },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'happy-dom',
  },
});
