/**
 * A real platform on 127.0.0.1 for the benchmarks, in its own process (so the load
 * generator does not share its event loop), with two bench-only routes mounted on the
 * platform's own app, behind its whole middleware stack: `GET /bench/open` and
 * `GET /bench/guarded` answer the identical body, the second behind `bearerAuth()`, so
 * their ratio is the guard's cost and nothing else. Never mounted in production.
 *
 * BENCH_DB=postgres uses an own schema on DATABASE_URL (dropped on exit); otherwise PGlite.
 * Prints one line `READY <json>` when it listens; SIGTERM closes it (and writes the CPU
 * profile when started with --cpu-prof).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { ensureUser } from '../../packages/platform/src/accounts/users.ts';
import { CatalogOperations } from '../../packages/platform/src/catalog/catalog-operations.ts';
import { createApp } from '../../packages/platform/src/http/app.ts';
import { bearerAuth } from '../../packages/platform/src/http/middleware/bearer-auth.ts';
import { createConsumer } from '../../packages/platform/src/oauth/consumers.ts';
import { listen } from '../../packages/platform/src/server.ts';
import { onboardHost, startTestPlatform } from '../../packages/platform/src/testing/test-platform.ts';
import { silentLogger } from '../../packages/platform/src/util/log.ts';
import { BENCH_RATE_LIMITS } from './rate-limits.ts';

if (process.env.BENCH_DB !== 'postgres') delete process.env.DATABASE_URL;
else process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

const tp = await startTestPlatform({
  now: Date.now,
  log: silentLogger,
  rateLimits: BENCH_RATE_LIMITS,
});
const { services } = tp.platform;
const app = createApp(services);
const same = { ok: true, what: 'the same body on both routes, so only the guard differs' };
app.get('/bench/open', (c) => c.json(same));
app.get('/bench/guarded', bearerAuth(), (c) => c.json(same));

const { legalEntity, apiKey } = await onboardHost(tp, { origins: ['http://127.0.0.1:5999'] });
const consumer = await createConsumer(services.db, legalEntity.id, {
  externalUserId: 'bench-oauth-user',
  scope: 'read',
});
// Tokens made in-process (the signing itself is what /v1/tokens is compared against).
app.post('/bench/tokens', async (c) => {
  const {
    n = 1,
    kind = 'legal_entity',
    user = 'bench-user',
  } = await c.req.json<{
    n?: number;
    kind?: 'legal_entity' | 'user';
    user?: string;
  }>();
  const userId = kind === 'user' ? await ensureUser(services.db, legalEntity.id, user) : undefined;
  const tokens: string[] = [];
  for (let i = 0; i < Math.min(n, 100_000); i++) {
    const { token } = await services.tokens.issue({
      kind,
      legalEntityId: legalEntity.id,
      apiKeyId: apiKey.id,
      ...(userId ? { userId, externalUserId: user } : {}),
      scope: kind === 'user' ? 'read write' : 'read',
      lifetime: 3600,
      origins: legalEntity.origins,
    });
    tokens.push(token);
  }
  return c.json({ tokens });
});
// A catalog of `n` synthetic items (the catalog growth bench), imported as the next version.
app.post('/bench/catalog', async (c) => {
  const { n } = await c.req.json<{ n: number }>();
  const words = ['oak', 'walnut', 'linen', 'steel', 'velvet', 'ash', 'marble', 'rattan'];
  const categories = ['sofa', 'table', 'chair', 'shelf', 'bed', 'lamp'];
  const items = Array.from({ length: Math.min(n, 10_000) }, (_, i) => ({
    sku: `B-${i}`,
    name: `${words[i % words.length]} ${categories[i % categories.length]} ${i}`,
    category: categories[i % categories.length]!,
    description: `Bench item ${i}, ${words[(i * 7) % words.length]} finish.`,
    width_cm: 40 + (i % 160),
    depth_cm: 40 + (i % 60),
    height_cm: 40 + (i % 100),
    price_cents: 1000 + i,
    currency: 'EUR',
  }));
  const result = await new CatalogOperations({ ...services, actor: 'cli' }).import(legalEntity.id, { items });
  return c.json(result);
});
app.get('/bench/memory', (c) => c.json(process.memoryUsage()));
// This process's CPU time so far (µs): the load's cost per request, whatever else the machine runs.
app.get('/bench/cpu', (c) => c.json(process.cpuUsage()));
// A CPU profile of only what happens between start and stop (`pnpm bench:profile`): with
// node --cpu-prof the start-up (compiling, migrations) was a third of the samples.
let profiler: Session | undefined;
app.post('/bench/profile/start', async (c) => {
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
  return c.json({ ok: true });
});
app.post('/bench/profile/stop', async (c) => {
  const { file } = await c.req.json<{ file: string }>();
  if (!profiler) return c.json({ error: 'not profiling' }, 409);
  const { profile } = await profiler.post('Profiler.stop');
  profiler.disconnect();
  profiler = undefined;
  await writeFile(file, JSON.stringify(profile));
  return c.json({ ok: true });
});
// The floor under the platform's middleware: a bare Hono app on @hono/node-server in this
// process, the same body, nothing else (so `/bench/open` vs this is our whole stack's cost).
const bare = new Hono();
bare.get('/bench/open', (c) => c.json(same));
bare.get(
  '/bench/async',
  async (_c, next) => {
    await next();
  },
  (c) => c.json(same),
);
const bareServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const bareAddress = bareServer.address();
const bareUrl = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}`;
// The browser benches' page and script, same origin as the API (no preflight on either side).
const staticDir = process.env.BENCH_STATIC_DIR;
if (staticDir) {
  const types: Record<string, string> = { html: 'text/html', js: 'text/javascript' };
  app.get('/bench/static/:file', async (c) => {
    const file = c.req.param('file');
    if (!/^[\w-]+\.(html|js)$/.test(file)) return c.notFound();
    const body = await readFile(join(staticDir, file));
    return c.body(body, 200, { 'Content-Type': types[file.split('.').pop()!]! });
  });
}

// Re-listen on the same port (the issuer URL names it) with the app that has the bench routes.
const port = Number(new URL(tp.url).port);
await tp.server.close();
tp.server = await listen({ ...tp.platform, fetch: app.fetch }, port);

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  bareServer.close();
  await tp.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The runner holds our stdin open: when it ends (the runner died), stop too.
process.stdin.on('end', stop);
process.stdin.resume();
process.stdout.write(
  `READY ${JSON.stringify({ url: tp.url, bareUrl, apiKeyId: apiKey.id, secretKey: apiKey.secretKey, legalEntityId: legalEntity.id, tokenUrl: `${tp.url}/v1/tokens`, consumerKey: consumer.consumerKey, consumerSecret: consumer.consumerSecret })}\n`,
);
