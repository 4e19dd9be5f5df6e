import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createShopApp, demoShoppers, shopPage, staticFiles } from '@planner/demo-host/server';
import { BUNDLE_FILE, buildBrowserBundle } from '@planner/host/scripts/browser-bundle';
import { createTokenClient } from '@planner/host/server';
import type { Logger } from '@planner/platform';
import { platformEmbedOrigins } from './planner-site/embed-origins.ts';
import { plannerEmbedUrl, plannerSite } from './planner-site/planner-site.ts';
import type { ShopCredentials } from './provision.ts';

const repo = new URL('../../../', import.meta.url).pathname;
export const plannerDir = join(repo, 'packages/planner');
export const adminConsoleDir = join(repo, 'packages/admin-console');
const hostDir = join(repo, 'packages/host');
const hostVersion = (JSON.parse(await readFile(join(hostDir, 'package.json'), 'utf8')) as { version: string })
  .version;

/** The host SDK's single-file build, which the platform serves at `/sdk/host/v<version>/`. */
export const hostSdk = { version: hostVersion, file: join(hostDir, 'dist', BUNDLE_FILE) };

/**
 * Builds what the servers serve: the planner (`production`, or `e2e`: a production build that
 * also sets the `globalThis.planner` debug handle the browser tests read), the admin console,
 * the shop's page and the host SDK's single-file build.
 */
export async function buildFrontends(plannerMode: 'production' | 'e2e' = 'production'): Promise<void> {
  const { build } = await import('vite');
  await build({ root: plannerDir, mode: plannerMode, logLevel: 'warn' });
  await build({ root: adminConsoleDir, logLevel: 'warn' });
  await build({ root: shopPage.root, configFile: shopPage.configFile, logLevel: 'warn' });
  await mkdir(join(hostDir, 'dist'), { recursive: true });
  await writeFile(hostSdk.file, await buildBrowserBundle());
}

export interface FrontendOptions {
  /** Where the browser and the shop's back-end reach the platform (one instance, or the balancer). */
  platformUrl: string;
  ports: { planner: number; shop: number };
  shop: ShopCredentials;
  log: Logger;
  /** The planner's built files (default packages/planner/dist, what buildFrontends writes). */
  plannerDist?: string;
}

export interface Frontends {
  urls: { planner: string; shop: string };
  close(): Promise<void>;
}

export const localUrl = (port: number) => `http://127.0.0.1:${port}`;

/** The planner's site and the demo shop, each on its own 127.0.0.1 port, both talking to `platformUrl`. */
export async function startFrontends(options: FrontendOptions): Promise<Frontends> {
  const { platformUrl, ports, log } = options;
  const urls = { planner: localUrl(ports.planner), shop: localUrl(ports.shop) };
  // The planner site asks the platform over HTTP, as a separately deployed planner server
  // would: it needs no database. It keeps each answer a few seconds, so an origin added or
  // removed (CLI, admin API) frames or stops framing the planner without a restart.
  const planner = plannerSite({
    dir: options.plannerDist ?? join(plannerDir, 'dist'),
    apiUrl: platformUrl,
    embeds: platformEmbedOrigins({ platformUrl }),
    onLookupError: (error) => log.warn('planner_site.embed_lookup_failed', { error }),
  });
  const plannerServer = await serveFetch(ports.planner, planner);
  const shop = createShopApp({
    shoppers: await demoShoppers(),
    tokens: createTokenClient({
      platformUrl,
      keyId: options.shop.apiKeyId,
      secretKey: options.shop.secretKey,
    }),
    plannerUrl: plannerEmbedUrl(urls.planner, options.shop.legalEntityId),
    origin: urls.shop,
    staticFiles: staticFiles(shopPage.dist),
  });
  // The shop reads the client's address from the server's bindings (its login rate limit).
  const shopServer = await serveFetch(ports.shop, (request, env) => shop.fetch(request, env));
  return {
    urls,
    close: async () => {
      await Promise.all([plannerServer.close(), shopServer.close()]);
    },
  };
}

/** Serves a fetch handler on 127.0.0.1. */
export function serveFetch(
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
