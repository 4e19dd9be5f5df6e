/**
 * The benchmark runner (issue 13). `pnpm bench` runs every module; `pnpm bench <name> …`
 * runs those named. Each prints its table and rewrites its part of bench/results/report.md.
 * `--smoke` runs with tiny counts and writes nothing (what the smoke test does).
 */
import { load, machine } from './lib/machine.ts';
import { sharePlatforms } from './lib/platform.ts';
import { printSection, type Section, writeSection } from './lib/report.ts';
import { MODULES } from './modules/index.ts';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !MODULES.some((m) => m.name === n));
if (unknown.length) {
  console.error(`Unknown bench ${unknown.join(', ')}. Known: ${MODULES.map((m) => m.name).join(', ')}`);
  process.exit(2);
}
const chosen = names.length ? MODULES.filter((m) => names.includes(m.name)) : MODULES;
const started = performance.now();
// Smoke runs share one platform per database across modules (what the smoke test does).
const closePlatforms = smoke ? sharePlatforms() : async () => {};
let failed = false;
for (const mod of chosen) {
  const m = machine();
  const t0 = performance.now();
  console.log(`\n-- ${mod.name}: ${mod.title}`);
  try {
    const result = await mod.run({ smoke, log: (msg) => console.log(`   ${msg}`) });
    m.loadAfter = load();
    const section: Section = {
      name: mod.name,
      title: mod.title,
      command: `pnpm bench ${mod.name}`,
      machine: m,
      rows: result.rows,
      tables: result.tables ?? [],
      charts: result.charts ?? [],
      notes: result.notes ?? [],
    };
    printSection(section);
    if (!smoke) await writeSection(section);
    console.log(`   (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  } catch (error) {
    failed = true;
    console.error(`bench ${mod.name} failed:`, error);
  }
}
await closePlatforms();
console.log(
  `\nall done in ${((performance.now() - started) / 1000).toFixed(0)} s${smoke ? ' (smoke: nothing written)' : '; report: bench/results/report.md'}`,
);
process.exit(failed ? 1 : 0);
