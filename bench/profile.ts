/**
 * Where the time of an endpoint goes: `pnpm bench:profile issuance [postgres|pglite]` runs
 * the platform under node --cpu-prof, loads it, and prints the top self time by function
 * and by package. (Kept: issue 13's "found while measuring" fixes came from this.)
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertion, CLIENT_ASSERTION_TYPE } from './lib/assertion.ts';
import { topSelfTime } from './lib/cpuprofile.ts';
import { loadRun } from './lib/load.ts';
import { startPlatform } from './lib/platform.ts';

const [what = 'issuance', db = 'postgres'] = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'bench-prof-'));
const p = await startPlatform({ db: db === 'pglite' ? 'pglite' : 'postgres', cpuProfDir: dir });
const amount = Number(process.env.BENCH_PROFILE_AMOUNT ?? 3000);
try {
  const key = { id: p.apiKeyId, secret: p.secretKey };
  const token = what === 'me' ? (await p.tokens(1))[0]! : '';
  const requests = Array.from(
    { length: amount },
    (): { method: string; path: string; headers: Record<string, string>; body?: string } =>
      what === 'me'
        ? { method: 'GET', path: '/v1/me', headers: { Authorization: `Bearer ${token}` } }
        : {
            method: 'POST',
            path: '/v1/tokens',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              kind: 'legal_entity',
              client_assertion_type: CLIENT_ASSERTION_TYPE,
              client_assertion: assertion(key, p.tokenUrl, { kind: 'legal_entity' }),
            }),
          },
  );
  const r = await loadRun({ url: p.url, connections: 50, amount, requests });
  console.log(`${what} on ${db}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms, non-2xx ${r.non2xx}`);
} finally {
  await p.close();
}
const [file] = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
const [fns, pkgs] = await topSelfTime(join(dir, file!));
console.log('\nself time by package:');
for (const { fn, pct } of pkgs!.slice(0, 12)) console.log(`${String(pct).padStart(6)}%  ${fn}`);
console.log('\nself time by function:');
for (const { fn, pct } of fns!) console.log(`${String(pct).padStart(6)}%  ${fn}`);
if (process.env.BENCH_PROFILE_KEEP) console.log(`profile kept: ${join(dir, file!)}`);
else await rm(dir, { recursive: true, force: true });
