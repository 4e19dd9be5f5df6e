import { type Plugin, parseSync } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The planner page (`index.html`, entry `src/main.ts`) builds to `dist/`. `vite build --mode
 * dev-preview` builds the stand-alone preview (`dev.html`, fake services) to `dist/dev/`.
 *
 * Decorators: Lit's decorators are used in their legacy (TypeScript `experimentalDecorators`)
 * form with `useDefineForClassFields: false`, as in the root tsconfig. Vite 8 transforms
 * TypeScript with Oxc, which does not lower standard decorators, so the same settings are
 * spelled out here rather than left to tsconfig discovery.
 */
export default defineConfig(({ mode }) => ({
  base: './',
  oxc: {
    decorator: { legacy: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  plugins: [minifyLitTemplates(), noPreloadHelper()],
  build: {
    target: 'es2022',
    outDir: mode === 'dev-preview' ? 'dist/dev' : 'dist',
    emptyOutDir: true,
    reportCompressedSize: false,
    // One entry chunk and one lazy chunk (src/components/deferred.ts) that imports only what the
    // entry has already loaded: nothing to preload, and the polyfill would be dead weight.
    modulePreload: false,
    rolldownOptions: {
      input: mode === 'dev-preview' ? 'dev.html' : 'index.html',
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
}));

/**
 * Collapses the indentation inside our Lit templates (html`…`, svg`…`, css`…`; in the planner's
 * and @planner/ui's modules that import Lit), which the JS
 * minifier must keep verbatim: about 1.5 KB of the gzipped budget. It finds the templates
 * with a real parser, so code and plain strings are never touched; HTML and CSS treat a run
 * of whitespace as one space, so nothing renders differently.
 */
function minifyLitTemplates(): Plugin {
  const markup = (raw: string) => raw.replace(/\s*\n\s*/g, ' ');
  // Outside quoted strings only: whitespace around `{ } ; : ,` and before `!important`, and
  // a block's last `;`. Not around `+ - > ~`, which calc() and selectors need as they are.
  const compact = (part: string) =>
    part
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/\s+!important/g, '!important')
      .replace(/;}/g, '}');
  const styles = (raw: string) =>
    raw
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split(/('[^']*'|"[^"]*")/)
      .map((part, i) => (i % 2 === 1 ? part : compact(part)))
      .join('');
  return {
    name: 'planner:minify-lit-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      // Any module of the planner's or @planner/ui's sources that takes its tags from Lit (the
      // components and their parts in subfolders, such as plan/ and retail/).
      if (!/\/packages\/(?:planner|ui)\/src\/.+\.ts$/.test(id) || id.endsWith('.test.ts')) return null;
      if (!/from ['"]lit['"]/.test(code)) return null;
      const edits: { from: number; to: number; text: string }[] = [];
      visit(parseSync(id, code).program, (node) => {
        if (node.type !== 'TaggedTemplateExpression') return;
        const tag = node.tag as { type: string; name?: string };
        const kind = tag.type === 'Identifier' ? tag.name : undefined;
        if (kind !== 'html' && kind !== 'svg' && kind !== 'css') return;
        const quasis = (node.quasi as { quasis: { start: number; value: { raw: string } }[] }).quasis;
        for (const q of quasis) {
          // A quasi's span starts with its opening ` or }; the raw text follows.
          const from = q.start + 1;
          const text = kind === 'css' ? styles(q.value.raw) : markup(q.value.raw);
          if (text !== q.value.raw) edits.push({ from, to: from + q.value.raw.length, text });
        }
      });
      if (edits.length === 0) return null;
      let out = code;
      for (const e of edits.sort((a, b) => b.from - a.from))
        out = out.slice(0, e.from) + e.text + out.slice(e.to);
      return { code: out, map: null };
    },
  };
}

/**
 * Vite wraps every `import()` in a helper that preloads the chunk's own imports and CSS
 * (≈ 0.6 kB gzipped in the entry chunk). The planner's one lazy chunk (src/retail/) imports
 * only from the entry chunk, which is loaded already, and has no CSS: the helper is replaced
 * by one that just runs the import.
 */
function noPreloadHelper(): Plugin {
  const id = '\0vite/preload-helper.js';
  return {
    name: 'planner:no-preload-helper',
    apply: 'build',
    enforce: 'pre',
    resolveId: (source) => (source === id ? id : null),
    load: (source) => (source === id ? 'export const __vitePreload = (load) => load();' : null),
  };
}

function visit(node: unknown, fn: (node: { type: string } & Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, fn);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (typeof record.type === 'string') fn(record as { type: string } & Record<string, unknown>);
  for (const key in record) if (key !== 'parent') visit(record[key], fn);
}
