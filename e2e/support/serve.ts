/**
 * The stack the browser tests run against, started by Playwright's `webServer`: the real
 * platform (fresh embedded database), the planner and the demo shop, plus a fixture host
 * website served from two more origins — one registered as an embed origin, one not.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createTokenClient } from '@planner/host/server';
import { CatalogOperations, createApiKey, createLegalEntity, createLogger } from '@planner/platform';
import { plannerEmbedUrl, startStack } from '@planner/stack';
import { fixtureApp } from './fixture-app.ts';
import { formatPorts } from './port-list.ts';
import { PLANNER_E2E_ADMIN_TOKEN, PORTS, url } from './ports.ts';

// A folder of its own (PLANNER_E2E_DATA_DIR, or a fresh one in the system's temporary folder),
// removed when the stack stops. Not under test-results/: Playwright empties that folder at the
// start of every run, which would delete the database under a reused stack (PLANNER_E2E_REUSE).
const ownDir = !process.env.PLANNER_E2E_DATA_DIR;
const dataDir = process.env.PLANNER_E2E_DATA_DIR || (await mkdtemp(join(tmpdir(), 'planner-e2e-stack-')));
await mkdir(dataDir, { recursive: true });
// The stack reads its operator token from here (and would make a random one): specs know this one.
await writeFile(join(dataDir, 'admin.token'), PLANNER_E2E_ADMIN_TOKEN, { mode: 0o600 });

const stack = await startStack({
  dataDir,
  ports: { platform: PORTS.platform, planner: PORTS.planner, shop: PORTS.shop },
  log: createLogger({ level: 'warn' }),
  minTokenLifetime: 3,
  // Sets globalThis.planner, which the specs read; production builds have no such handle.
  plannerMode: 'e2e',
});

const { db, master } = stack.platform.services;
const fixtureShop = await createLegalEntity(db, { name: 'Fixture Shop', origins: [url(PORTS.fixtures)] });
// Its planner shows the seeded catalog too (issue 12: a new legal entity starts empty).
await new CatalogOperations({ ...stack.platform.services, actor: 'cli' }).adoptSeed(fixtureShop.id);
const key = await createApiKey(db, master, fixtureShop.id, 'e2e fixtures');
const tokens = createTokenClient({
  platformUrl: stack.urls.platform,
  keyId: key.id,
  secretKey: key.secretKey,
});

// Another legal entity, which registered the stranger origin: its planner URL renders there,
// and must still refuse the Fixture Shop's tokens (framing.spec.ts).
const strangerShop = await createLegalEntity(db, { name: 'Stranger Shop', origins: [url(PORTS.stranger)] });

const strangerKey = await createApiKey(db, master, strangerShop.id, 'e2e stranger');
const strangerTokens = createTokenClient({
  platformUrl: stack.urls.platform,
  keyId: strangerKey.id,
  secretKey: strangerKey.secretKey,
});

const app = fixtureApp({
  tokens,
  strangerTokens,
  plannerUrl: plannerEmbedUrl(stack.urls.planner, fixtureShop.id),
  strangerPlannerUrl: plannerEmbedUrl(stack.urls.planner, strangerShop.id),
  platformUrl: stack.urls.platform,
  strangerUrl: url(PORTS.stranger),
});
for (const port of [PORTS.fixtures, PORTS.stranger]) serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });

console.log(
  `e2e stack ready: shop ${stack.urls.shop}, fixtures ${url(PORTS.fixtures)}, data ${dataDir} (PLANNER_E2E_PORTS=${formatPorts(PORTS)})`,
);

// Playwright signals the whole process group, so pnpm's forwarded copy arrives too: stop once.
let stopping = false;
const stop = async () => {
  try {
    await stack.close();
  } finally {
    if (ownDir) await rm(dataDir, { recursive: true, force: true });
  }
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
