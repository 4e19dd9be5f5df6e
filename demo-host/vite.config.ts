import { defineConfig } from 'vite';

// The shop's page: index.html + src/page, built to dist/ and served by the shop's back-end.
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
