import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Machine } from './machine.ts';
import type { Summary } from './stats.ts';

/** One measured figure against the baseline measured in the same run. */
export interface Row {
  figure: string;
  unit: string;
  value: Summary;
  baseline: string;
  base: Summary;
  /** Per-round value/baseline (interleaved rounds), or value/baseline for a single measurement. */
  ratio: Summary;
  goal?: string;
}

/** A free-form table, for figures that are not a ratio per row (sizes, growth steps). */
export interface Table {
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface Chart {
  /** File name under bench/results/, e.g. `platform-guard.svg`. */
  file: string;
  title: string;
  svg: string;
}

export interface Section {
  name: string;
  title: string;
  command: string;
  machine: Machine;
  rows: Row[];
  tables: Table[];
  charts: Chart[];
  notes: string[];
}

export const RESULTS_DIR = new URL('../results/', import.meta.url).pathname;

const fmt = (v: number) =>
  !Number.isFinite(v)
    ? '–'
    : Math.abs(v) >= 1000
      ? Math.round(v).toLocaleString('en-US')
      : Math.abs(v) >= 10
        ? v.toFixed(1)
        : v.toFixed(2);
const range = (s: Summary) => (s.n > 1 ? ` (${fmt(s.min)}–${fmt(s.max)})` : '');
const ratio = (s: Summary) =>
  `${s.median.toFixed(2)}×${s.n > 1 ? ` (${s.min.toFixed(2)}–${s.max.toFixed(2)})` : ''}`;

export function rowTable(rows: readonly Row[]): Table {
  return {
    caption: '',
    columns: ['figure', 'measured', 'baseline', 'baseline value', 'ratio', 'goal'],
    rows: rows.map((r) => [
      r.figure,
      `${fmt(r.value.median)}${range(r.value)} ${r.unit}`,
      r.baseline,
      `${fmt(r.base.median)}${range(r.base)} ${r.unit}`,
      ratio(r.ratio),
      r.goal ?? '',
    ]),
  };
}

const mdTable = (t: Table) =>
  [
    ...(t.caption ? [`**${t.caption}**`, ''] : []),
    `| ${t.columns.join(' | ')} |`,
    `|${t.columns.map(() => ' --- ').join('|')}|`,
    // Escaped: a cell naming `<planner-embed>` would otherwise be read as an HTML tag.
    ...t.rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|').replace(/</g, '&lt;')).join(' | ')} |`),
  ].join('\n');

export function sectionMarkdown(s: Section): string {
  const m = s.machine;
  return [
    `## ${s.title}`,
    '',
    `\`${s.command}\` — ${m.date}, Node ${m.node}, ${m.cpus} × ${m.cpuModel}, load average ${m.loadBefore.join(' / ')} before${m.loadAfter ? `, ${m.loadAfter.join(' / ')} after` : ''}.`,
    '',
    ...(s.rows.length ? [mdTable(rowTable(s.rows)), ''] : []),
    ...s.tables.flatMap((t) => [mdTable(t), '']),
    ...s.charts.map((c) => `![${c.title}](${c.file})\n`),
    ...s.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}

/** The console's view: the same table, aligned. */
export function printSection(s: Section): void {
  const print = (t: Table) => {
    const widths = t.columns.map((c, i) => Math.max(c.length, ...t.rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
    if (t.caption) console.log(t.caption);
    console.log(line(t.columns));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of t.rows) console.log(line(r));
    console.log();
  };
  console.log(
    `\n== ${s.title}  (load ${s.machine.loadBefore.join(' / ')} → ${s.machine.loadAfter?.join(' / ') ?? '?'})`,
  );
  if (s.rows.length) print(rowTable(s.rows));
  for (const t of s.tables) print(t);
  for (const n of s.notes) console.log(`  - ${n}`);
}

const ORDER = ['sizes', 'guard', 'issuance', 'oauth', 'save', 'iframe', 'handshake', 'planner', 'growth'];

/** Writes one module's result and rebuilds report.md from every module's latest result. */
export async function writeSection(s: Section, dir = RESULTS_DIR): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, `${s.name}.json`),
    `${JSON.stringify({ ...s, charts: s.charts.map(({ svg: _, ...c }) => c) }, null, 2)}\n`,
  );
  for (const c of s.charts) await writeFile(join(dir, c.file), `${c.svg}\n`);
  await buildReport(dir);
}

/** report.md from every module's latest result (`pnpm --filter bench exec tsx lib/report.ts` redoes it). */
export async function buildReport(dir = RESULTS_DIR): Promise<void> {
  const sections: Section[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json'))) {
    sections.push(JSON.parse(await readFile(join(dir, file), 'utf8')) as Section);
  }
  sections.sort((a, b) => (ORDER.indexOf(a.name) + 1 || 99) - (ORDER.indexOf(b.name) + 1 || 99));
  const report = [
    '# Benchmarks',
    '',
    'Every figure is a ratio against a baseline measured in the same run (A and B interleaved,',
    'medians with min–max over rounds). Written by `pnpm bench` (all) or `pnpm bench <name>`',
    '(one section; the others keep their last run). Absolute numbers depend on the machine and',
    'its load (shown per section); the ratios are what to compare.',
    '',
    ...sections.map(sectionMarkdown),
  ].join('\n');
  await writeFile(join(dir, 'report.md'), report);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildReport();
