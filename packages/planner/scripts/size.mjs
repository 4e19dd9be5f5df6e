// The size budget of the planner page: everything index.html loads before the planner runs
// (its entry chunk and the chunks that one imports statically, plus CSS), minified and gzipped
// at level 9, must stay within BUDGET. What loads after the first paint (dynamic imports:
// the banners, the inbox and the dialogs, see src/components/deferred.ts) has its own budget,
// LAZY_BUDGET, for all lazy chunks together, so moving code out of the first paint cannot
// hide it from the check. (10 kB until the inspector and the notices' sentences moved there,
// ~2 kB: 12 kB keeps that and a margin.) The 3D view (three.js, issue 11) loads only when the
// shopper opens it and is far bigger than the rest, so its chunk and what only it imports have
// a budget of their own, VIEW3D_BUDGET: what it takes (three.js tree-shaken to the parts used)
// plus a small margin.
// Builds with Vite's JS API, so it works from a clean checkout; nothing is written to disk.
//
// Also fails when server-only code reaches the page (zod, Hono, the platform's runtime): the
// planner may import the platform's schemas for their types only. jose is the exception: its
// web build verifies the host's tokens in the browser before the planner trusts them (issue 9).
//
// And fails when the debug handle (`globalThis.planner`, which holds the token store) or
// anything else from src/dev/ reaches the production page: development and e2e builds only.
//
// Until src/main.ts exists, the entry is replaced by a stand-in that mounts the UI and wires
// the api-client's bridge, as main.ts does, so the estimate counts the same code.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const BUDGET = 50 * 1000;
// 17 760 B after the plan's gestures, the room bar and the warnings moved out of the first
// paint (branch canvas-lazy), plus ~15 %; then 5.4 kB more when the token verifier (jose) moved
// out of the first paint to make room for the translations (branch i18n), +1 kB for the
// variants (issue 12: the inspector's choice, the variant's colour, flagged shopping-list
// lines), +6 kB on branch share: sharing (src/share/: the SVG and PNG export, the print view
// and Copy link, 5 140 B), the shopper's name in the session badge, doors and windows kept
// through a template change and the wall height (~350 B); +5 kB for multi-select (its
// gestures, group edits and selection bar, ~4.4 kB, and the room bar's reducer moved out of
// the first paint); and ~1 kB of margin.
const LAZY_BUDGET = 39 * 1000;
const VIEW3D_BUDGET = 146 * 1000;
const VIEW3D_ENTRY = /\/src\/view3d\/planner-view3d\.ts$/;
// Each language's strings (src/generated/locales/, issue 12) are a chunk of their own, loaded
// only for a host that asks for that language, at most one per page: each has this budget
// (8 kB held ~6 kB of strings; 10 kB once sharing and multi-select were translated, ~8 kB).
const LOCALE_BUDGET = 10 * 1000;
const LOCALE_ENTRY = /\/src\/generated\/locales\/[\w-]+\.ts$/;
const root = new URL('..', import.meta.url).pathname;
const hasMain = existsSync(`${root}src/main.ts`) && !process.env.PLANNER_SIZE_STAND_IN;
const SERVER_ONLY =
  /\/node_modules\/(?:\.pnpm\/)?(?:zod|hono|@hono|pg|@electric-sql)[@/]|\/packages\/platform\/src\/(?!schemas\/)/;

const DEV_ONLY = /\/packages\/planner\/src\/dev\//;
// The handle as main.ts set it before issue 9 (`Object.assign(globalThis, { planner: … })`)
// and as src/dev/debug-handle.ts sets it, minified.
const DEBUG_HANDLE = /globalThis\s*,\s*(?:\{\s*planner\s*:|["'`]planner["'`])/;

const STAND_IN = `
import { createPlannerClient } from '@planner/api-client/bridge';
import { mountPlanner } from '/src/app.ts';
const client = createPlannerClient({ baseUrl: location.origin, plannerVersion: '0' });
client.bridge.expose(mountPlanner(document.getElementById('planner'), client));
`;
const standIn = {
  name: 'size:main-stand-in',
  enforce: 'pre',
  resolveId(id) {
    return id.endsWith('/src/main.ts') ? '\0main-stand-in.ts' : null;
  },
  load(id) {
    return id === '\0main-stand-in.ts' ? STAND_IN : null;
  },
};

const result = await build({
  root,
  // PLANNER_SIZE_MODE=e2e measures the browser tests' build (and shows the dev-only check fail).
  mode: process.env.PLANNER_SIZE_MODE ?? 'production',
  logLevel: 'warn',
  plugins: hasMain ? [] : [standIn],
  build: { write: false },
});
const output = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
const byName = new Map(output.map((file) => [file.fileName, file]));
const bytes = (file) => Buffer.from(file.type === 'chunk' ? file.code : file.source);
const gz = (file) => gzipSync(bytes(file), { level: 9 }).length;

// What the page loads up front: the entry chunks, their static imports, and their CSS.
const initial = new Set();
const visit = (name) => {
  if (initial.has(name)) return;
  initial.add(name);
  const file = byName.get(name);
  if (file?.type !== 'chunk') return;
  for (const imported of file.imports) visit(imported);
  for (const css of file.viteMetadata?.importedCss ?? []) initial.add(css);
};
for (const file of output) if (file.type === 'chunk' && file.isEntry) visit(file.fileName);

const pad = (value, width) => String(value).padStart(width);
let total = 0;
console.log(hasMain ? 'entry: src/main.ts' : 'entry: stand-in for src/main.ts (it does not exist yet)');
for (const name of initial) {
  const file = byName.get(name);
  const size = gz(file);
  total += size;
  console.log(`  ${name.padEnd(36)} ${pad(bytes(file).length, 7)} B min  ${pad(size, 6)} B min+gzip`);
}
// The 3D chunk and the chunks it imports that the first paint does not already have.
const view3d = new Set();
const visit3d = (name) => {
  const file = byName.get(name);
  if (view3d.has(name) || initial.has(name) || file?.type !== 'chunk') return;
  view3d.add(name);
  for (const imported of file.imports) visit3d(imported);
};
for (const file of output)
  if (file.type === 'chunk' && file.facadeModuleId && VIEW3D_ENTRY.test(file.facadeModuleId))
    visit3d(file.fileName);
let lazy = 0;
let lazy3d = 0;
const locales = [];
for (const file of output) {
  if (file.type === 'chunk' && !initial.has(file.fileName)) {
    const size = gz(file);
    const is3d = view3d.has(file.fileName);
    const isLocale = LOCALE_ENTRY.test(file.facadeModuleId ?? '');
    if (is3d) lazy3d += size;
    else if (isLocale) locales.push({ name: file.fileName, size });
    else lazy += size;
    const kind = is3d ? '3D' : isLocale ? 'language' : 'lazy';
    console.log(
      `  ${file.fileName.padEnd(36)} ${pad(file.code.length, 7)} B min  ${pad(size, 6)} B min+gzip (${kind})`,
    );
  }
}
const leaks = output
  .filter((file) => file.type === 'chunk')
  .flatMap((chunk) => Object.keys(chunk.modules))
  .filter((id) => SERVER_ONLY.test(id));
const devOnly = output
  .filter((file) => file.type === 'chunk')
  .flatMap((chunk) => [
    ...Object.keys(chunk.modules).filter((id) => DEV_ONLY.test(id)),
    ...(DEBUG_HANDLE.test(chunk.code) ? [`${chunk.fileName}: globalThis.planner`] : []),
  ]);
// The first paint is one script: Rolldown splits Lit (and @lit/localize) out of the entry into
// chunks of their own when some modules shared by several lazy chunks import them (seen with a
// `msg()` in editor/describe.ts, or a translation with `html` markup). The bytes are counted
// above either way, but each split is one more request before the planner can paint.
const scripts = [...initial].filter((name) => name.endsWith('.js'));
const split = scripts.length > 1;
const over = total > BUDGET || split;
const lazyOver = lazy > LAZY_BUDGET;
const view3dOver = lazy3d > VIEW3D_BUDGET || view3d.size === 0;
const localeOver = locales.filter((l) => l.size > LOCALE_BUDGET);
console.log(
  `initial JavaScript and CSS: ${total} B min+gzip, budget ${BUDGET} B${over ? '  OVER BUDGET' : ''}`,
);
console.log(`lazy chunks: ${lazy} B min+gzip, budget ${LAZY_BUDGET} B${lazyOver ? '  OVER BUDGET' : ''}`);
console.log(
  view3d.size === 0
    ? '3D view: no chunk for src/view3d/planner-view3d.ts (is it still loaded with import()?)'
    : `3D view chunks: ${lazy3d} B min+gzip, budget ${VIEW3D_BUDGET} B${lazy3d > VIEW3D_BUDGET ? '  OVER BUDGET' : ''}`,
);
console.log(
  locales.length === 0
    ? 'languages: no chunk for src/generated/locales/ (are they still loaded with import()?)'
    : `languages: largest ${Math.max(...locales.map((l) => l.size))} B min+gzip, budget ${LOCALE_BUDGET} B each${localeOver.length ? `  OVER BUDGET: ${localeOver.map((l) => l.name).join(', ')}` : ''}`,
);
if (split)
  console.log(
    `  the first paint is split into ${scripts.length} scripts (${scripts.join(', ')}): see the comment above`,
  );
for (const leak of leaks) console.log(`  server-only code in the planner page: ${leak}`);
for (const leak of devOnly) console.log(`  development-only code in the planner page: ${leak}`);
process.exit(
  over ||
    lazyOver ||
    view3dOver ||
    locales.length === 0 ||
    localeOver.length > 0 ||
    leaks.length > 0 ||
    devOnly.length > 0
    ? 1
    : 0,
);
