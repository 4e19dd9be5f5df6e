/**
 * What a guarded route pays for its token, as ratios against an unguarded route measured
 * in the same run (these machines are noisy; absolute numbers mean little).
 *
 *   pnpm bench:verify
 */
import { CatalogOperations } from '../packages/platform/src/catalog/catalog-operations.ts';
import { onboardHost, startTestPlatform, tokenFor } from '../packages/platform/src/testing/test-platform.ts';

const ROUNDS = 2000;

async function time(label: string, fn: () => unknown): Promise<number> {
  for (let i = 0; i < 200; i++) await fn(); // warm up the JIT and the caches
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) await fn();
  const perCall = ((performance.now() - start) / ROUNDS) * 1000;
  console.log(`${label.padEnd(44)} ${perCall.toFixed(1).padStart(8)} µs/call`);
  return perCall;
}

const tp = await startTestPlatform({ now: Date.now, log: { debug() {}, info() {}, warn() {}, error() {} } });
try {
  const { apiKey, legalEntity } = await onboardHost(tp);
  const token = await tokenFor(tp, { id: apiKey.id, secretKey: apiKey.secretKey }, { kind: 'legal_entity' });
  await new CatalogOperations({ ...tp.platform.services, actor: 'cli' }).adoptSeed(legalEntity.id);
  const { items } = await tp.platform.services.catalog.page(legalEntity.id, {});
  const request = (path: string, auth?: string) =>
    tp.platform.fetch(
      new Request(`${tp.url}${path}`, auth ? { headers: { Authorization: `Bearer ${auth}` } } : {}),
    );
  const symbol = items[0]!.symbol_url;
  const { tokens } = tp.platform.services;

  const unguarded = await time('unguarded route (catalog symbol)', () => request(symbol));
  const guarded = await time('guarded route (catalog page), cached token', () =>
    request('/v1/catalog', token),
  );
  const cached = await time('verify(), cached', () => tokens.verify(token));
  // A fresh AccessTokens sees every token for the first time: the full ES256 check.
  const { AccessTokens } = await import('../packages/platform/src/tokens/access-tokens.ts');
  const s = tp.platform.services;
  const uncached = await time('verify(), uncached (signature + claims)', () =>
    new AccessTokens(s.keys, s.apiKeys, s.config.publicUrl, s.config.audience, s.invalidations).verify(token),
  );
  console.log(`\nguarded / unguarded route:   ${(guarded / unguarded).toFixed(2)}×`);
  console.log(`uncached / cached verify():  ${(uncached / cached).toFixed(1)}×`);
} finally {
  await tp.close();
}
