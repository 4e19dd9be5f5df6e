import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createShopApp, demoShoppers, shopPage, staticFiles } from '@planner/demo-host/server';
import { BUNDLE_FILE, buildBrowserBundle } from '@planner/host/scripts/browser-bundle';
import { createTokenClient } from '@planner/host/server';
import {
  addOrigin,
  createApiKey,
  createLegalEntity,
  createPlatform,
  generateMasterKey,
  getLegalEntity,
  type Logger,
  listen,
  lockDataDir,
  masterKeyFrom,
  type Platform,
} from '@planner/platform';
import { platformEmbedOrigins } from './planner-site/embed-origins.ts';
import { plannerEmbedUrl, plannerSite } from './planner-site/planner-site.ts';

export { plannerEmbedUrl } from './planner-site/planner-site.ts';

export interface StackOptions {
  /** Where everything persistent lives: the master key, the embedded database, the shop's API key. */
  dataDir: string;
  ports: { platform: number; planner: number; shop: number };
  log: Logger;
  /** Build the planner and the shop page before serving (skip when dist/ is fresh). */
  build?: boolean;
  /**
   * The planner's Vite build mode: `production` by default; the browser tests use `e2e`, a
   * production build that also sets the `globalThis.planner` debug handle they read.
   */
  plannerMode?: 'production' | 'e2e';
  /** The shortest token lifetime the platform grants, seconds (tests shorten it). */
  minTokenLifetime?: number;
}

export interface Stack {
  urls: { platform: string; planner: string; shop: string; adminConsole: string };
  /** The file holding the operator token that opens the admin console and API (never printed). */
  adminTokenFile: string;
  /** The running platform, for tests that provision more hosts. */
  platform: Platform;
  close(): Promise<void>;
}

const repo = new URL('../../../', import.meta.url).pathname;
const plannerDir = join(repo, 'packages/planner');
const adminConsoleDir = join(repo, 'packages/admin-console');
const hostDir = join(repo, 'packages/host');
const hostVersion = (JSON.parse(await readFile(join(hostDir, 'package.json'), 'utf8')) as { version: string })
  .version;

/** The host SDK's single-file build, which the platform serves at `/sdk/host/v<version>/`. */
async function writeHostSdk(): Promise<void> {
  await mkdir(join(hostDir, 'dist'), { recursive: true });
  await writeFile(join(hostDir, 'dist', BUNDLE_FILE), await buildBrowserBundle());
}

interface ShopCredentials {
  legalEntityId: string;
  apiKeyId: string;
  secretKey: string;
}

/**
 * The whole product on one machine: the platform (embedded database), the planner's static
 * site and the demo shop, each on its own 127.0.0.1 port, so shop and planner are two origins
 * as they are in production.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { dataDir, ports, log } = options;
  const urls = {
    platform: `http://127.0.0.1:${ports.platform}`,
    planner: `http://127.0.0.1:${ports.planner}`,
    shop: `http://127.0.0.1:${ports.shop}`,
    adminConsole: `http://127.0.0.1:${ports.platform}/admin/`,
  };
  await mkdir(dataDir, { recursive: true });

  if (options.build !== false) {
    const { build } = await import('vite');
    await build({ root: plannerDir, mode: options.plannerMode ?? 'production', logLevel: 'warn' });
    await build({ root: adminConsoleDir, logLevel: 'warn' });
    await build({ root: shopPage.root, configFile: shopPage.configFile, logLevel: 'warn' });
    await writeHostSdk();
  }

  // The operator's master key, outside the database; made on first start.
  const keyFile = join(dataDir, 'master.key');
  if (!existsSync(keyFile)) {
    await writeFile(keyFile, generateMasterKey(), { mode: 0o600 });
    await chmod(keyFile, 0o600);
  }
  const master = masterKeyFrom(Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'base64url'));
  const adminTokenFile = join(dataDir, 'admin.token');
  const adminToken = await operatorToken(adminTokenFile);

  const platformDir = join(dataDir, 'platform');
  const unlock = lockDataDir(platformDir);
  const platform = await createPlatform({
    dataDir: platformDir,
    master,
    publicUrl: urls.platform,
    corsOrigins: [urls.planner],
    adminToken,
    adminConsoleDir: join(adminConsoleDir, 'dist'),
    hostSdk: { version: hostVersion, file: join(hostDir, 'dist', BUNDLE_FILE) },
    log,
    ...(options.minTokenLifetime ? { minTokenLifetime: options.minTokenLifetime } : {}),
  });
  const platformServer = await listen(platform, ports.platform);

  const credentials = await provisionShop(
    platform.services.db,
    master,
    join(dataDir, 'shop.json'),
    urls.shop,
  );
  const tokens = createTokenClient({
    platformUrl: urls.platform,
    keyId: credentials.apiKeyId,
    secretKey: credentials.secretKey,
  });

  // The planner site asks the platform over HTTP, as a separately deployed planner server
  // would: it needs no database. It keeps each answer a few seconds, so an origin added or
  // removed (CLI, admin API) frames or stops framing the planner without a restart.
  const planner = plannerSite({
    dir: join(plannerDir, 'dist'),
    apiUrl: urls.platform,
    embeds: platformEmbedOrigins({ platformUrl: urls.platform }),
    onLookupError: (error) => log.warn('planner_site.embed_lookup_failed', { error }),
  });
  const plannerServer = await serveFetch(ports.planner, planner);
  const shop = createShopApp({
    shoppers: await demoShoppers(),
    tokens,
    plannerUrl: plannerEmbedUrl(urls.planner, credentials.legalEntityId),
    origin: urls.shop,
    staticFiles: staticFiles(shopPage.dist),
  });
  // The shop reads the client's address from the server's bindings (its login rate limit).
  const shopServer = await serveFetch(ports.shop, (request, env) => shop.fetch(request, env));
  log.info('stack.ready', urls);

  return {
    urls,
    adminTokenFile,
    platform,
    async close() {
      await Promise.all([plannerServer.close(), shopServer.close(), platformServer.close()]);
      await platform.close();
      unlock();
    },
  };
}

/**
 * The operator token of the admin console and API: made on first start (as
 * `planner-admin admin-token` would), readable by this user only, kept across restarts.
 */
async function operatorToken(file: string): Promise<string> {
  if (!existsSync(file)) {
    await writeFile(file, `adm_${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return (await readFile(file, 'utf8')).trim();
}

/** The demo shop's legal entity and API key: created on first start, kept in the data folder. */
async function provisionShop(
  db: Parameters<typeof addOrigin>[0],
  master: Parameters<typeof createApiKey>[1],
  file: string,
  shopOrigin: string,
): Promise<ShopCredentials> {
  if (existsSync(file)) {
    const saved = JSON.parse(await readFile(file, 'utf8')) as ShopCredentials;
    const le = await getLegalEntity(db, saved.legalEntityId);
    if (le) {
      if (!le.origins.includes(shopOrigin)) await addOrigin(db, le.id, shopOrigin);
      return saved;
    }
  }
  const le = await createLegalEntity(db, {
    name: 'Nordhem Living',
    origins: [shopOrigin],
    defaultTokenLifetime: 300,
  });
  const key = await createApiKey(db, master, le.id, 'demo shop');
  const credentials = { legalEntityId: le.id, apiKeyId: key.id, secretKey: key.secretKey };
  await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

/** Serves a fetch handler on 127.0.0.1. */
function serveFetch(
  port: number,
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
): Promise<{ close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, () =>
      resolve({
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      }),
    );
    server.once('error', reject);
  });
}
