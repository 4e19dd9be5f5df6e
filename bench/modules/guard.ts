import { loadRun } from '../lib/load.ts';
import type { BenchModule } from '../lib/module.ts';
import { startPlatform } from '../lib/platform.ts';
import type { Row } from '../lib/report.ts';
import { interleave, summarise } from '../lib/stats.ts';
import { barChart } from '../lib/svg.ts';

/**
 * The JWT guard's cost on the same route (bench-only `/bench/open` vs `/bench/guarded`,
 * identical bodies), the verified-token cache hit and miss separately, plus the routes
 * issue 13 found slow (`/openapi.json`, `/v1/me`) against the same baseline.
 */
export const guard: BenchModule = {
  name: 'guard',
  title: 'Platform: JWT-guarded vs unguarded, same route (autocannon, bounded load, PGlite)',
  async run({ smoke, log }) {
    const rounds = smoke ? 1 : 3;
    const amount = smoke ? 20 : 2000;
    const connections = smoke ? 2 : 50;
    const p = await startPlatform({ db: 'pglite' });
    try {
      const [token] = await p.tokens(1);
      const auth = { Authorization: `Bearer ${token}` };
      const p99: Record<string, number[]> = {};
      const cpu: Record<string, number[]> = {};
      const run =
        (key: string, path: string, headers?: Record<string, string>, fresh?: boolean, base = p.url) =>
        async () => {
          // A miss: every request a token this process has never verified (signed just before).
          const requests = fresh
            ? (await p.tokens(amount)).map((t) => ({ path, headers: { Authorization: `Bearer ${t}` } }))
            : undefined;
          const before = await p.cpu();
          const r = await loadRun({
            url: `${base}${path}`,
            connections,
            amount,
            ...(headers ? { headers } : {}),
            ...(requests ? { requests } : {}),
          });
          if (r.non2xx || r.errors) log(`${key}: ${r.non2xx} non-2xx, ${r.errors} errors`);
          p99[key] = [...(p99[key] ?? []), r.p99];
          cpu[key] = [...(cpu[key] ?? []), ((await p.cpu()) - before) / amount];
          return r.rps;
        };
      const { samples, ratio } = await interleave(rounds, {
        // The floor under our middleware: a bare Hono app, same process, same body.
        bare: run('bare', '/bench/open', undefined, false, p.bareUrl),
        open: run('open', '/bench/open'),
        hit: run('hit', '/bench/guarded', auth),
        miss: run('miss', '/bench/guarded', undefined, true),
        me: run('me', '/v1/me', auth),
        openapi: run('openapi', '/openapi.json'),
      });
      const base = summarise(samples.open);
      const row = (figure: string, key: 'hit' | 'miss' | 'me' | 'openapi', goal?: string): Row => ({
        figure,
        unit: 'req/s',
        value: summarise(samples[key]),
        baseline: 'GET /bench/open (same body, no guard)',
        base,
        ratio: summarise(ratio(key, 'open')),
        ...(goal ? { goal } : {}),
      });
      const rows = [
        {
          figure: 'GET /bench/open (the platform: every middleware, no guard)',
          unit: 'req/s',
          value: base,
          baseline: 'the same route on a bare Hono app, same process',
          base: summarise(samples.bare),
          ratio: summarise(ratio('open', 'bare')),
        },
        row('GET /bench/guarded, cached token (hit)', 'hit', '≥ 0.85×'),
        row('GET /bench/guarded, fresh token each call (miss)', 'miss'),
        row('GET /v1/me (cached token)', 'me'),
        row('GET /openapi.json (built once)', 'openapi'),
      ];
      const p99ratio = (key: string) => summarise(p99[key]!.map((v, i) => v / Math.max(p99.open![i]!, 1)));
      const p99rows: Row[] = (['hit', 'miss', 'me', 'openapi'] as const).map((key) => ({
        figure: `p99 latency, ${key}`,
        unit: 'ms',
        value: summarise(p99[key]!),
        baseline: 'p99 of GET /bench/open',
        base: summarise(p99.open!),
        ratio: p99ratio(key),
        goal: 'lower is better',
      }));
      const cpuRows: Row[] = (['open', 'hit', 'me'] as const).map((key) => ({
        figure: `server CPU per request, ${key}`,
        unit: 'µs',
        value: summarise(cpu[key]!),
        baseline: 'the same on the bare Hono app',
        base: summarise(cpu.bare!),
        ratio: summarise(cpu[key]!.map((v, i) => v / cpu.bare![i]!)),
        goal: 'lower is better',
      }));
      const memory = await p.memory();
      return {
        rows: [...rows, ...p99rows, ...cpuRows],
        notes: [
          `${connections} connections, ${amount} requests a run, ${rounds} interleaved rounds; ratios are per round.`,
          `Platform memory after the runs: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB.`,
          'The miss case signs one token per request in the platform process beforehand (not timed); each is verified once.',
          "Server CPU per request: the platform process's user + system CPU time over the run divided by its requests (process.cpuUsage), steadier than requests/s on a shared machine since it leaves out time spent waiting for a core. The load generator runs in another process.",
        ],
        charts: [
          {
            file: 'guard.svg',
            title: 'Requests per second, same route guarded and unguarded',
            svg: barChart('Requests/s (median, min–max), 50 connections', 'req/s', [
              (() => {
                const bare = summarise(samples.bare);
                return {
                  label: 'bare Hono, same route (floor)',
                  value: bare.median,
                  min: bare.min,
                  max: bare.max,
                };
              })(),
              { label: 'GET /bench/open (baseline)', value: base.median, min: base.min, max: base.max },
              ...rows.slice(1).map((r) => ({
                label: r.figure.replace(/ \(.*\)$/, '').replace('GET /bench/guarded, ', 'guarded, '),
                value: r.value.median,
                min: r.value.min,
                max: r.value.max,
                accent: true,
              })),
            ]),
          },
        ],
      };
    } finally {
      await p.close();
    }
  },
};
