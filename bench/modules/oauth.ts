import { loadRun } from '../lib/load.ts';
import type { BenchModule } from '../lib/module.ts';
import { startPlatform } from '../lib/platform.ts';
import type { Row } from '../lib/report.ts';
import { interleave, summarise } from '../lib/stats.ts';
import { joseSigningRate } from './issuance.ts';

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export const oauth: BenchModule = {
  name: 'oauth',
  title: 'OAuth token endpoint (client_credentials, HTTP Basic) vs raw jose ES256 signing',
  async run({ smoke, log }) {
    const rounds = smoke ? 1 : 3;
    const amount = smoke ? 20 : 1000;
    const connections = smoke ? 2 : 50;
    const rows: Row[] = [];
    const notes: string[] = [];
    for (const db of ['pglite', 'postgres'] as const) {
      const p = await startPlatform({ db });
      try {
        const p99: number[] = [];
        const { samples, ratio } = await interleave(rounds, {
          jose: () => joseSigningRate(amount, connections),
          endpoint: async () => {
            const r = await loadRun({
              url: `${p.url}/oauth/token`,
              connections,
              amount,
              method: 'POST',
              headers: {
                Authorization: basic(p.consumerKey, p.consumerSecret),
                'Content-Type': 'application/x-www-form-urlencoded',
              },
              requests: [{ method: 'POST', path: '/oauth/token', body: 'grant_type=client_credentials' }],
            });
            if (r.non2xx || r.errors) log(`oauth on ${db}: ${r.non2xx} non-2xx, ${r.errors} errors`);
            p99.push(r.p99);
            return r.rps;
          },
        });
        rows.push({
          figure: `POST /oauth/token on ${db === 'pglite' ? 'PGlite' : 'PostgreSQL'} (${connections} connections)`,
          unit: 'tokens/s',
          value: summarise(samples.endpoint),
          baseline: 'jose ES256 sign, one process',
          base: summarise(samples.jose),
          ratio: summarise(ratio('endpoint', 'jose')),
          goal: '≥ 0.8× (issue 13)',
        });
        notes.push(`${db}: p99 ${summarise(p99).median} ms (${summarise(p99).min}–${summarise(p99).max}).`);
      } finally {
        await p.close();
      }
    }
    notes.push(
      'OAuth access tokens are opaque (stored by hash), so each issuance writes a grant and a token: the jose floor is the same yardstick as for /v1/tokens, not the same work.',
      'Consumer secrets are stored as SHA-256 (not a deliberately slow hash): nothing to cache there.',
    );
    return { rows, notes };
  },
};
