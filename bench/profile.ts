/**
 * Where the time of an endpoint goes: `pnpm bench:profile <what> [postgres|pglite]` loads the
 * platform and prints the top self time by function and by package, and the server's CPU
 * time per request. `what`: `issuance` (POST /v1/tokens), `me` (GET /v1/me), `open` (the
 * cheapest route, GET /bench/open) or `bare` (the same route on a bare Hono app in the same
 * process). Only the load is profiled (an inspector session started and stopped around it),
 * after one untimed warm-up run. (Kept: issue 13's "found while measuring" fixes came from this.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertion, CLIENT_ASSERTION_TYPE } from './lib/assertion.ts';
import { topSelfTime } from './lib/cpuprofile.ts';
import { loadRun } from './lib/load.ts';
import { startPlatform } from './lib/platform.ts';

const [what = 'issuance', db = 'postgres'] = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'bench-prof-'));
const file = join(dir, `${what}.cpuprofile`);
const p = await startPlatform({ db: db === 'pglite' ? 'pglite' : 'postgres' });
const amount = Number(process.env.BENCH_PROFILE_AMOUNT ?? 3000);
try {
  const key = { id: p.apiKeyId, secret: p.secretKey };
  const token = what === 'me' ? (await p.tokens(1))[0]! : '';
  type Req = { method: string; path: string; headers: Record<string, string>; body?: string };
  const request = (): Req =>
    what === 'me'
      ? { method: 'GET', path: '/v1/me', headers: { Authorization: `Bearer ${token}` } }
      : what === 'open' || what === 'bare'
        ? { method: 'GET', path: '/bench/open', headers: {} }
        : {
            method: 'POST',
            path: '/v1/tokens',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              kind: 'legal_entity',
              client_assertion_type: CLIENT_ASSERTION_TYPE,
              client_assertion: assertion(key, p.tokenUrl, { kind: 'legal_entity' }),
            }),
          };
  const url = what === 'bare' ? p.bareUrl : p.url;
  const load = () =>
    loadRun({ url, connections: 50, amount, requests: Array.from({ length: amount }, request) });
  await load(); // warm-up: the JIT, the pool, the caches
  let result: Awaited<ReturnType<typeof load>> | undefined;
  const cpuBefore = await p.cpu();
  await p.profile(file, async () => {
    result = await load();
  });
  const cpu = (await p.cpu()) - cpuBefore;
  console.log(
    `${what} on ${db}: ${result!.rps.toFixed(0)} req/s, p99 ${result!.p99} ms, non-2xx ${result!.non2xx}, server CPU ${(cpu / amount).toFixed(0)} µs/request (profiler on)`,
  );
} finally {
  await p.close();
}
const [fns, pkgs] = await topSelfTime(file);
console.log('\nself time by package:');
for (const { fn, pct } of pkgs!.slice(0, 12)) console.log(`${String(pct).padStart(6)}%  ${fn}`);
console.log('\nself time by function:');
for (const { fn, pct } of fns!) console.log(`${String(pct).padStart(6)}%  ${fn}`);
if (process.env.BENCH_PROFILE_KEEP) console.log(`profile kept: ${file}`);
else await rm(dir, { recursive: true, force: true });
