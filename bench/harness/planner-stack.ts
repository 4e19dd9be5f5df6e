/**
 * The product's browser side for the Chromium benches, in its own process: a real platform
 * (PGlite, the seeded catalog) on 127.0.0.1, the planner's own server (`plannerSite` from
 * packages/stack, with its `?le=` lookup and CSP) serving the planner build in
 * BENCH_PLANNER_DIR, and a host website on a third origin: a page using the host SDK, the SDK
 * bundled for the browser, and a back-end token route, as a real host has.
 *
 * Prints one line `READY <json>` when every server listens; SIGTERM or the end of stdin
 * closes them.
 */
import { createServer } from 'node:net';
import { createTokenClient } from '@planner/host/server';
import { build } from 'esbuild';
import { CatalogOperations } from '../../packages/platform/src/catalog/catalog-operations.ts';
import { onboardHost, startTestPlatform } from '../../packages/platform/src/testing/test-platform.ts';
import { silentLogger } from '../../packages/platform/src/util/log.ts';
import { serveFetch } from '../../packages/stack/src/frontends.ts';
import { platformEmbedOrigins } from '../../packages/stack/src/planner-site/embed-origins.ts';
import { plannerEmbedUrl, plannerSite } from '../../packages/stack/src/planner-site/planner-site.ts';
import { BENCH_RATE_LIMITS } from './rate-limits.ts';

const plannerDir = process.env.BENCH_PLANNER_DIR;
if (!plannerDir) throw new Error('BENCH_PLANNER_DIR names the planner build to serve');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
const [plannerPort, hostPort] = [await freePort(), await freePort()];
const plannerUrl = `http://127.0.0.1:${plannerPort}`;
const hostUrl = `http://127.0.0.1:${hostPort}`;

delete process.env.DATABASE_URL;
const tp = await startTestPlatform({
  now: Date.now,
  log: silentLogger,
  // The planner calls the API from its own origin, as in production (CORS, preflights).
  corsOrigins: [plannerUrl],
  rateLimits: BENCH_RATE_LIMITS,
});
const { services } = tp.platform;
const { legalEntity, apiKey } = await onboardHost(tp, { name: 'Bench Shop', origins: [hostUrl] });
// A new legal entity starts with an empty catalog: this one sells the seeded one, as the demo shop.
await new CatalogOperations({ ...services, actor: 'cli' }).adoptSeed(legalEntity.id);

const planner = plannerSite({
  dir: plannerDir,
  apiUrl: tp.url,
  embeds: platformEmbedOrigins({ platformUrl: tp.url }),
});
const plannerServer = await serveFetch(plannerPort, planner);

const tokens = createTokenClient({ platformUrl: tp.url, keyId: apiKey.id, secretKey: apiKey.secretKey });
const hostScript = build({
  entryPoints: [new URL('./host-page.ts', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  minify: true,
  write: false,
  logLevel: 'silent',
}).then((r) => r.outputFiles[0]!.text);
const config = {
  plannerUrl: plannerEmbedUrl(plannerUrl, legalEntity.id),
  blankUrl: new URL(`/blank.html?le=${legalEntity.id}`, plannerUrl).href,
};
const hostPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Bench host</title>
<script>window.benchConfig = ${JSON.stringify(config)};</script></head>
<body style="margin:0"><div id="planner"></div><script type="module" src="/host.js"></script></body></html>`;

const hostServer = await serveFetch(hostPort, async (request) => {
  const url = new URL(request.url);
  if (url.pathname === '/host.html')
    return new Response(hostPage, { headers: { 'Content-Type': 'text/html' } });
  if (url.pathname === '/host.js')
    return new Response(await hostScript, { headers: { 'Content-Type': 'text/javascript' } });
  // The host back-end's token route: a user token when the page names a user, else a legal-entity one.
  if (url.pathname === '/token' && request.method === 'POST') {
    const user = url.searchParams.get('user');
    const answer = user
      ? await tokens.userToken(user, { scope: 'read write' })
      : await tokens.legalEntityToken();
    return Response.json(answer);
  }
  return new Response('Not found\n', { status: 404 });
});

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await Promise.all([plannerServer.close(), hostServer.close()]);
  await tp.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
process.stdout.write(
  `READY ${JSON.stringify({ platformUrl: tp.url, plannerUrl, hostUrl, legalEntityId: legalEntity.id })}\n`,
);
