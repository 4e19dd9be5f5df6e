import { randomUUID } from 'node:crypto';
import { generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { assertion, CLIENT_ASSERTION_TYPE } from '../lib/assertion.ts';
import { loadRun } from '../lib/load.ts';
import type { BenchModule } from '../lib/module.ts';
import { startPlatform } from '../lib/platform.ts';
import type { Row } from '../lib/report.ts';
import { interleave, summarise } from '../lib/stats.ts';
import { barChart } from '../lib/svg.ts';

/**
 * The floor: what one process signs per second with jose ES256, the same claims, `inFlight`
 * at once. With `verifyAssertions`, each token is preceded by jose's HS256 check of a fresh
 * client assertion (the endpoint's cryptography in full: verify, then sign).
 */
export async function joseSigningRate(
  count: number,
  inFlight: number,
  verifyAssertions = false,
): Promise<number> {
  const { privateKey } = await generateKeyPair('ES256');
  const key = { id: 'pk_bench', secret: 'sk_bench_0123456789abcdef0123456789abcdef' };
  const secret = new TextEncoder().encode(key.secret);
  const tokenUrl = 'http://127.0.0.1/v1/tokens';
  const assertions = verifyAssertions
    ? Array.from({ length: count }, () => assertion(key, tokenUrl, { kind: 'legal_entity' }))
    : [];
  const claims = {
    iss: 'http://127.0.0.1/',
    aud: 'http://127.0.0.1/v1',
    sub: randomUUID(),
    client_id: 'pk_bench',
    scope: 'read',
    kind: 'legal_entity',
    le: randomUUID(),
    origins: ['http://127.0.0.1:5999'],
  };
  let left = count;
  const started = performance.now();
  const worker = async () => {
    while (left-- > 0) {
      if (verifyAssertions) {
        await jwtVerify(assertions[left]!, secret, { algorithms: ['HS256'], audience: tokenUrl });
      }
      const iat = Math.floor(Date.now() / 1000);
      await new SignJWT({ ...claims, iat, exp: iat + 900, jti: randomUUID() })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k' })
        .sign(privateKey);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return count / ((performance.now() - started) / 1000);
}

export const issuance: BenchModule = {
  name: 'issuance',
  title: 'Token issuance (POST /v1/tokens, fresh assertions) vs raw jose ES256 signing',
  async run({ smoke, log }) {
    const rounds = smoke ? 1 : 3;
    const amount = smoke ? 20 : 1000;
    const connections = smoke ? 2 : 50;
    const rows: Row[] = [];
    const notes: string[] = [];
    for (const db of ['pglite', 'postgres'] as const) {
      const p = await startPlatform({ db });
      try {
        const key = { id: p.apiKeyId, secret: p.secretKey };
        const body = () =>
          JSON.stringify({
            kind: 'legal_entity',
            client_assertion_type: CLIENT_ASSERTION_TYPE,
            client_assertion: assertion(key, p.tokenUrl, { kind: 'legal_entity' }),
          });
        let p99: number[] = [];
        const cpu: Record<'open' | 'endpoint', number[]> = { open: [], endpoint: [] };
        const timedCpu = async (key: 'open' | 'endpoint', f: () => Promise<number>) => {
          const before = await p.cpu();
          const rps = await f();
          cpu[key].push(((await p.cpu()) - before) / amount);
          return rps;
        };
        const { samples, ratio } = await interleave(rounds, {
          jose: () => joseSigningRate(amount, connections),
          joseBoth: () => joseSigningRate(amount, connections, true),
          // The HTTP floor: the cheapest route of the same server, same load.
          open: () =>
            timedCpu(
              'open',
              async () => (await loadRun({ url: `${p.url}/bench/open`, connections, amount })).rps,
            ),
          endpoint: () =>
            timedCpu('endpoint', async () => {
              const requests = Array.from({ length: amount }, () => ({
                method: 'POST',
                path: '/v1/tokens',
                headers: { 'Content-Type': 'application/json' },
                body: body(),
              }));
              const r = await loadRun({ url: p.url, connections, amount, requests });
              if (r.non2xx || r.errors) log(`issuance on ${db}: ${r.non2xx} non-2xx, ${r.errors} errors`);
              p99 = [...p99, r.p99];
              return r.rps;
            }),
        });
        rows.push({
          figure: `POST /v1/tokens on ${db === 'pglite' ? 'PGlite' : 'PostgreSQL'} (${connections} connections)`,
          unit: 'tokens/s',
          value: summarise(samples.endpoint),
          baseline: 'jose ES256 sign, one process',
          base: summarise(samples.jose),
          ratio: summarise(ratio('endpoint', 'jose')),
          goal: '≥ 0.5× (PostgreSQL)',
        });
        rows.push({
          figure: `  the same, vs verify + sign`,
          unit: 'tokens/s',
          value: summarise(samples.endpoint),
          baseline: 'jose HS256 verify of the assertion + ES256 sign, one process',
          base: summarise(samples.joseBoth),
          ratio: summarise(ratio('endpoint', 'joseBoth')),
        });
        rows.push({
          figure: `  the same, vs the cheapest route`,
          unit: 'req/s',
          value: summarise(samples.endpoint),
          baseline: 'GET /bench/open, same server',
          base: summarise(samples.open),
          ratio: summarise(ratio('endpoint', 'open')),
        });
        rows.push({
          figure: `  server CPU per token`,
          unit: 'µs',
          value: summarise(cpu.endpoint),
          baseline: 'server CPU per GET /bench/open',
          base: summarise(cpu.open),
          ratio: summarise(cpu.endpoint.map((v, i) => v / cpu.open[i]!)),
          goal: 'lower is better',
        });
        notes.push(
          `${db}: p99 of POST /v1/tokens ${summarise(p99).median} ms (min–max ${summarise(p99).min}–${summarise(p99).max}).`,
        );
      } finally {
        await p.close();
      }
    }
    notes.push(
      'Floors: "jose ES256 sign" is signing only (the claims of a legal-entity token), the strict yardstick the goal is set against; "verify + sign" adds jose\'s HS256 check of a fresh client assertion, the endpoint\'s whole cryptography. Neither includes HTTP, JSON, the jti insert or the load generator, which shares the 2 cores with the platform and the database during the endpoint runs only.',
      "The platform signs with node:crypto and checks the assertion MAC with node:crypto (same algorithms as jose, without WebCrypto's job dispatch), so its cryptography alone can outrun the jose floors.",
    );
    const bars = rows
      .filter((r) => r.unit === 'tokens/s' && !r.figure.startsWith(' '))
      .flatMap((r) => [
        {
          label: r.figure.replace(/ \(.*/, ''),
          value: r.value.median,
          min: r.value.min,
          max: r.value.max,
          accent: true,
        },
        {
          label: `  baseline (${r.figure.includes('PGlite') ? 'PGlite run' : 'PostgreSQL run'})`,
          value: r.base.median,
          min: r.base.min,
          max: r.base.max,
        },
      ]);
    return {
      rows,
      notes,
      charts: [
        {
          file: 'issuance.svg',
          title: 'Token issuance vs jose signing',
          svg: barChart('Tokens per second (median, min–max)', '/s', bars),
        },
      ],
    };
  },
};
