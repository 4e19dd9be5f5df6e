import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { browserLock } from '../lib/browser-lock.ts';
import type { BenchModule } from '../lib/module.ts';
import { type BenchPlatform, startPlatform } from '../lib/platform.ts';
import type { Row } from '../lib/report.ts';
import { interleave, percentile, summarise } from '../lib/stats.ts';
import { lineChart } from '../lib/svg.ts';

type Timed = { wallMs: number; latencies: number[] };
type Driver = {
  queue(path: string, token: string, n: number, inFlight: number): Promise<Timed>;
  plain(path: string, token: string, n: number, inFlight: number): Promise<Timed>;
  storm(
    path: string,
    oldToken: string,
    newToken: string,
    n: number,
  ): Promise<{ expired: number; held: number; ok: number; issued: number[]; settled: number[] }>;
  burst(path: string, token: string, n: number): Promise<{ settled: number[] }>;
};

/** The driver page and its bundle, built once per process (a folder removed at exit). */
let driverDir: Promise<string> | undefined;
function buildDriver(): Promise<string> {
  driverDir ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-page-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    await build({
      entryPoints: [new URL('../harness/browser-driver.ts', import.meta.url).pathname],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      outfile: join(dir, 'driver.js'),
      logLevel: 'silent',
    });
    await writeFile(
      join(dir, 'page.html'),
      '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="driver.js"></script>\n',
    );
    return dir;
  })();
  return driverDir;
}

/** The page, the driver bundle and a platform serving both, in Chromium, under the browser lock. */
export async function withBenchPage<T>(run: (page: Page, p: BenchPlatform) => Promise<T>): Promise<T> {
  const p = await startPlatform({ db: 'pglite', staticDir: await buildDriver() });
  const lock = await browserLock();
  const browser = await chromium.launch({
    executablePath: process.env.PLANNER_CHROMIUM ?? '/usr/bin/chromium',
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${p.url}/bench/static/page.html`);
    await page.waitForFunction(() => 'bench' in globalThis);
    return await run(page, p);
  } finally {
    await browser.close();
    await lock.release();
    await p.close();
  }
}

export const call = <K extends keyof Driver>(page: Page, name: K, ...args: Parameters<Driver[K]>) =>
  page.evaluate(
    ([n, a]) =>
      (globalThis as unknown as { bench: Record<string, (...x: unknown[]) => unknown> }).bench[n]!(...a),
    [name, args] as const,
  ) as ReturnType<Driver[K]>;

export const iframe: BenchModule = {
  name: 'iframe',
  title: 'The iframe side in Chromium: the api-client queue vs plain fetch, and a refresh storm',
  async run({ smoke }) {
    const rounds = smoke ? 1 : 5;
    // 50 in flight: 5 × 2 000 = 10 000 calls a side. Sequential calls take ~10 ms each on a loaded
    // 2-core machine, so 5 × 300 there, or the suite would not finish in ten minutes.
    const perRound = (inFlight: number) => (smoke ? 20 : inFlight === 1 ? 300 : 2000);
    const held = smoke ? 20 : 1000;
    const path = '/bench/guarded';
    return withBenchPage(async (page, p) => {
      const [token, oldToken, newToken] = await p.tokens(3);
      const rows: Row[] = [];
      for (const inFlight of [1, 50]) {
        const lat: Record<'queue' | 'plain', number[][]> = { queue: [], plain: [] };
        const { samples, ratio } = await interleave(rounds, {
          queue: async () => {
            const r = await call(page, 'queue', path, token!, perRound(inFlight), inFlight);
            lat.queue.push(r.latencies);
            return r.wallMs;
          },
          plain: async () => {
            const r = await call(page, 'plain', path, token!, perRound(inFlight), inFlight);
            lat.plain.push(r.latencies);
            return r.wallMs;
          },
        });
        const label = inFlight === 1 ? 'sequential' : `${inFlight} in flight`;
        rows.push({
          figure: `wall time of ${perRound(inFlight)} calls, ${label}`,
          unit: 'ms',
          value: summarise(samples.queue),
          baseline: 'plain fetch, same header',
          base: summarise(samples.plain),
          ratio: summarise(ratio('queue', 'plain')),
          goal: '≤ 1.05×',
        });
        for (const pct of [50, 99]) {
          const q = lat.queue.map((l) => percentile(l, pct));
          const f = lat.plain.map((l) => percentile(l, pct));
          rows.push({
            figure: `  per-call p${pct}, ${label}`,
            unit: 'ms',
            value: summarise(q),
            baseline: 'plain fetch',
            base: summarise(f),
            ratio: summarise(q.map((v, i) => v / Math.max(f[i]!, 0.01))),
            goal: '≤ 1.05×',
          });
        }
      }
      // The refresh storm, against a burst of as many plain calls, interleaved.
      let last: Awaited<ReturnType<Driver['storm']>> | undefined;
      let lastBurst: number[] = [];
      const expiredCounts: number[] = [];
      const storm = await interleave(smoke ? 1 : 3, {
        storm: async () => {
          last = await call(page, 'storm', path, oldToken!, newToken!, held);
          expiredCounts.push(last.expired);
          if (last.ok !== held) throw new Error(`storm: ${last.ok} of ${held} calls succeeded`);
          return Math.max(...last.settled);
        },
        burst: async () => {
          lastBurst = (await call(page, 'burst', path, newToken!, held)).settled;
          return Math.max(...lastBurst);
        },
      });
      rows.push({
        figure: `refresh storm: new token → last of ${held} held calls settled`,
        unit: 'ms',
        value: summarise(storm.samples.storm),
        baseline: `${held} plain calls at once`,
        base: summarise(storm.samples.burst),
        ratio: summarise(storm.ratio('storm', 'burst')),
        goal: '≤ 2×',
      });
      const cumulative = (times: number[]) =>
        [...times].sort((a, b) => a - b).map((t, i) => [t, i + 1] as const);
      const issued = last!.issued;
      return {
        rows,
        notes: [
          `TokenExpired requests per storm: ${expiredCounts.join(', ')} (must be 1); calls held when the token arrived: ${last!.held}.`,
          `Queue overhead: ${rounds} interleaved rounds a side (${rounds * perRound(50)} calls 50 in flight, ${rounds * perRound(1)} sequential), GET ${path} (the guarded bench route), same origin.`,
        ],
        charts: [
          {
            file: 'refresh-storm.svg',
            title: 'Refresh storm timeline',
            svg: lineChart(
              `Refresh storm: ${held} calls held, then the new token (t = 0)`,
              [
                { name: 'calls held (issued)', points: cumulative(issued) },
                { name: 'held calls settled', points: cumulative(last!.settled) },
                { name: 'plain burst settled', points: cumulative(lastBurst) },
              ],
              {
                xLabel: 'ms from the new token',
                yLabel: 'calls',
                markers: [{ x: 0, label: 'token arrives' }],
              },
            ),
          },
        ],
      };
    });
  },
};
