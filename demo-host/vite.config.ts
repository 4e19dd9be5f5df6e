import { defineConfig } from 'vite';

// The shop's pages: index.html (the planner page) and category.html (/sofas, /tables,
// /bedroom; the back-end serves it for each) with src/page, built to dist/ and served by the
// shop's back-end.
export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: ['index.html', 'category.html'] },
  },
  logLevel: 'warn',
});
