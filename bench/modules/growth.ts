import { PROJECT_LIMITS } from '@planner/contract';
import { loadRun } from '../lib/load.ts';
import type { BenchModule } from '../lib/module.ts';
import { startPlatform } from '../lib/platform.ts';
import type { Table } from '../lib/report.ts';
import { summarise } from '../lib/stats.ts';
import { lineChart } from '../lib/svg.ts';
import { catalogGrowth } from './growth-catalog.ts';
import { call, withBenchPage } from './iframe.ts';
import { saveRound } from './save.ts';

const f = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

/**
 * How cost grows with size: a figure per step, and the cost per unit against the first
 * step, so the report shows linear (per-unit ratio ≈ 1) or worse.
 */
export const growth: BenchModule = {
  name: 'growth',
  title: 'How it grows: connections, project size, catalog size, held calls',
  async run({ smoke, log }) {
    const tables: Table[] = [];
    const charts = [];
    const notes: string[] = [];

    // Concurrent connections 10 → 500 on the guarded route (cached token) and its unguarded twin.
    const connSteps = smoke ? [2, 4] : [10, 50, 100, 250, 500];
    const p = await startPlatform({ db: 'pglite' });
    const conn: { c: number; guarded: number; open: number; p99g: number; p99o: number }[] = [];
    try {
      const [token] = await p.tokens(1);
      for (const c of connSteps) {
        const amount = smoke ? 10 : Math.max(2000, c * 10);
        const o = [] as number[];
        const g = [] as number[];
        const po = [] as number[];
        const pg = [] as number[];
        for (let r = 0; r < (smoke ? 1 : 2); r++) {
          const open = await loadRun({ url: `${p.url}/bench/open`, connections: c, amount });
          const guarded = await loadRun({
            url: `${p.url}/bench/guarded`,
            connections: c,
            amount,
            headers: { Authorization: `Bearer ${token}` },
          });
          o.push(open.rps);
          g.push(guarded.rps);
          po.push(open.p99);
          pg.push(guarded.p99);
        }
        conn.push({
          c,
          guarded: summarise(g).median,
          open: summarise(o).median,
          p99g: summarise(pg).median,
          p99o: summarise(po).median,
        });
      }
    } finally {
      await p.close();
    }
    tables.push({
      caption: 'Concurrent connections (autocannon, PGlite, medians of 2)',
      columns: [
        'connections',
        'guarded req/s',
        'unguarded req/s',
        'ratio',
        'guarded p99 ms',
        'unguarded p99 ms',
      ],
      rows: conn.map((s) => [
        String(s.c),
        f(s.guarded),
        f(s.open),
        `${(s.guarded / s.open).toFixed(2)}×`,
        f(s.p99g),
        f(s.p99o),
      ]),
    });
    charts.push({
      file: 'growth-connections.svg',
      title: 'Requests/s by connections',
      svg: lineChart(
        'Requests/s by concurrent connections',
        [
          { name: 'guarded', points: conn.map((s) => [s.c, s.guarded] as const) },
          { name: 'unguarded', points: conn.map((s) => [s.c, s.open] as const) },
        ],
        { xLabel: 'connections', yLabel: 'req/s', logX: true },
      ),
    });

    // Project size 10 → the contract's limit (500 pieces; 1 000 is refused by the schema).
    const sizeSteps = smoke ? [10, 20] : [10, 50, 100, 250, PROJECT_LIMITS.maxItems];
    const save = await startPlatform({ db: 'pglite' });
    const sizes: { pieces: number; create: number; update: number; p99: number }[] = [];
    try {
      const [token] = await save.tokens(1, 'user');
      for (const pieces of sizeSteps) {
        const { create, update } = await saveRound(save, token!, smoke ? 3 : 100, smoke ? 2 : 10, pieces);
        sizes.push({ pieces, create: create.rps, update: update.rps, p99: update.p99 });
      }
    } finally {
      await save.close();
    }
    const s0 = sizes[0]!;
    tables.push({
      caption: 'Project size (PGlite, 100 creates + 100 updates a step, 10 in flight)',
      columns: ['pieces', 'creates/s', 'updates/s', 'update p99 ms', 'time per save vs 10 pieces'],
      rows: sizes.map((s) => [
        String(s.pieces),
        f(s.create),
        f(s.update),
        f(s.p99),
        `${(s0.update / s.update).toFixed(2)}×`,
      ]),
    });
    charts.push({
      file: 'growth-project-size.svg',
      title: 'Saves/s by project size',
      svg: lineChart(
        'Saves/s by project size',
        [
          { name: 'creates/s', points: sizes.map((s) => [s.pieces, s.create] as const) },
          { name: 'updates/s', points: sizes.map((s) => [s.pieces, s.update] as const) },
        ],
        { xLabel: 'pieces', yLabel: 'saves/s', logX: true },
      ),
    });

    // Catalog size 100 → 10 000 items.
    const catalog = await catalogGrowth(smoke, log);
    tables.push(catalog.table);
    charts.push(catalog.chart);

    // Held calls 10 → 1 000 in Chromium: time from the new token to the last settled.
    const heldSteps = smoke ? [5, 10] : [10, 100, 300, 1000];
    const held: { n: number; storm: number; burst: number; expired: number }[] = [];
    await withBenchPage(async (page, bp) => {
      const tokens = await bp.tokens(heldSteps.length * 2 + 1);
      const plain = tokens.pop()!;
      for (const [i, n] of heldSteps.entries()) {
        const s = await call(page, 'storm', '/bench/guarded', tokens[2 * i]!, tokens[2 * i + 1]!, n);
        const b = await call(page, 'burst', '/bench/guarded', plain, n);
        held.push({ n, storm: Math.max(...s.settled), burst: Math.max(...b.settled), expired: s.expired });
      }
    });
    tables.push({
      caption: 'Held calls (Chromium; one storm and one plain burst per step)',
      columns: ['held calls', 'token → last settled ms', 'plain burst ms', 'ratio', 'TokenExpired sent'],
      rows: held.map((h) => [
        String(h.n),
        f(h.storm),
        f(h.burst),
        `${(h.storm / h.burst).toFixed(2)}×`,
        String(h.expired),
      ]),
    });
    charts.push({
      file: 'growth-held-calls.svg',
      title: 'Refresh storm by held calls',
      svg: lineChart(
        'Time to settle by held calls',
        [
          { name: 'storm (new token → last)', points: held.map((h) => [h.n, h.storm] as const) },
          { name: 'plain burst', points: held.map((h) => [h.n, h.burst] as const) },
        ],
        { xLabel: 'calls', yLabel: 'ms', logX: true },
      ),
    });
    notes.push(
      'Catalog: synthetic items (8 materials × 6 categories), "walnut" matches an eighth of them; each step is imported as the catalog\'s next version before it is measured.',
      `Project size stops at ${PROJECT_LIMITS.maxItems} pieces: the contract refuses more (PROJECT_LIMITS.maxItems).`,
    );
    return { rows: [], tables, charts, notes };
  },
};
