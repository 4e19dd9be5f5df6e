import { loadRun } from '../lib/load.ts';
import { startPlatform } from '../lib/platform.ts';
import type { Chart, Table } from '../lib/report.ts';
import { summarise } from '../lib/stats.ts';
import { lineChart } from '../lib/svg.ts';

const f = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

interface Step {
  items: number;
  search: number;
  page: number;
  p99Search: number;
  p99Page: number;
}

/**
 * Catalog size 100 → 10 000 items (the import limit): `GET /v1/catalog` searched (a word
 * prefix that matches an eighth of the items) and paged (50 items from the middle), with a
 * planner token, 10 connections. Each step imports a catalog of that size as the next version.
 */
export async function catalogGrowth(
  smoke: boolean,
  log: (message: string) => void = () => {},
): Promise<{ table: Table; chart: Chart }> {
  const steps = smoke ? [10, 20] : [100, 1_000, 10_000];
  // Small: a catalog request took ~90 ms on PGlite on the loaded bench machine (about 11/s).
  const amount = smoke ? 10 : 150;
  const connections = smoke ? 2 : 10;
  const p = await startPlatform({ db: 'pglite' });
  const results: Step[] = [];
  try {
    const [token] = await p.tokens(1);
    const headers = { Authorization: `Bearer ${token}` };
    for (const items of steps) {
      const res = await fetch(`${p.url}/bench/catalog`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ n: items }),
      });
      if (!res.ok) throw new Error(`catalog import of ${items}: ${res.status} ${await res.text()}`);
      const search = `${p.url}/v1/catalog?q=walnut&limit=50`;
      const page = `${p.url}/v1/catalog?offset=${Math.floor(items / 2)}&limit=50`;
      const runs = {
        search: [] as number[],
        page: [] as number[],
        p99s: [] as number[],
        p99p: [] as number[],
      };
      // Untimed, before the first step: the JIT and the caches warm up on it, not on step one.
      if (items === steps[0] && !smoke) {
        await loadRun({ url: search, connections, amount, headers });
        await loadRun({ url: page, connections, amount, headers });
      }
      for (let r = 0; r < (smoke ? 1 : 2); r++) {
        const s = await loadRun({ url: search, connections, amount, headers });
        const g = await loadRun({ url: page, connections, amount, headers });
        if (s.non2xx || g.non2xx) throw new Error(`catalog at ${items}: ${s.non2xx + g.non2xx} non-2xx`);
        runs.search.push(s.rps);
        runs.page.push(g.rps);
        runs.p99s.push(s.p99);
        runs.p99p.push(g.p99);
      }
      log(
        `catalog of ${items}: search ${f(summarise(runs.search).median)} req/s, page ${f(summarise(runs.page).median)} req/s`,
      );
      results.push({
        items,
        search: summarise(runs.search).median,
        page: summarise(runs.page).median,
        p99Search: summarise(runs.p99s).median,
        p99Page: summarise(runs.p99p).median,
      });
    }
  } finally {
    await p.close();
  }
  const first = results[0]!;
  return {
    table: {
      caption: `Catalog size (GET /v1/catalog, PGlite, ${connections} connections, ${amount} requests a run, medians of 2)`,
      columns: [
        'items',
        'search req/s',
        'search p99 ms',
        'page req/s',
        'page p99 ms',
        `time per search vs ${first.items}`,
        `time per page vs ${first.items}`,
      ],
      rows: results.map((s) => [
        String(s.items),
        f(s.search),
        f(s.p99Search),
        f(s.page),
        f(s.p99Page),
        `${(first.search / s.search).toFixed(2)}×`,
        `${(first.page / s.page).toFixed(2)}×`,
      ]),
    },
    chart: {
      file: 'growth-catalog.svg',
      title: 'Catalog requests/s by catalog size',
      svg: lineChart(
        'Catalog requests/s by catalog size',
        [
          { name: 'search (q=walnut)', points: results.map((s) => [s.items, s.search] as const) },
          { name: 'page (offset = middle)', points: results.map((s) => [s.items, s.page] as const) },
        ],
        { xLabel: 'items', yLabel: 'req/s', logX: true },
      ),
    },
  };
}
