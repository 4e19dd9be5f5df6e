import { join } from 'node:path';
import { createPlatform, type Logger, listen, lockDataDir, type Platform } from '@planner/platform';
import { adminConsoleDir, buildFrontends, hostSdk, localUrl, startFrontends } from './frontends.ts';
import { dataFiles, operatorSecrets, provisionShop } from './provision.ts';

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

/**
 * The whole product on one machine: the platform (embedded database), the planner's static
 * site and the demo shop, each on its own 127.0.0.1 port, so shop and planner are two origins
 * as they are in production.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { dataDir, ports, log } = options;
  const platformUrl = localUrl(ports.platform);
  if (options.build !== false) await buildFrontends(options.plannerMode);

  const { master, adminToken } = await operatorSecrets(dataDir);
  const files = dataFiles(dataDir);
  const platformDir = join(dataDir, 'platform');
  const unlock = lockDataDir(platformDir);
  const platform = await createPlatform({
    dataDir: platformDir,
    master,
    publicUrl: platformUrl,
    corsOrigins: [localUrl(ports.planner)],
    adminToken,
    adminConsoleDir: join(adminConsoleDir, 'dist'),
    hostSdk,
    log,
    ...(options.minTokenLifetime ? { minTokenLifetime: options.minTokenLifetime } : {}),
  });
  const platformServer = await listen(platform, ports.platform);
  const shop = await provisionShop(platform.services.db, master, files.shopFile, localUrl(ports.shop));
  const frontends = await startFrontends({ platformUrl, ports, shop, log });
  const urls = { platform: platformUrl, ...frontends.urls, adminConsole: `${platformUrl}/admin/` };
  log.info('stack.ready', urls);

  return {
    urls,
    adminTokenFile: files.adminTokenFile,
    platform,
    async close() {
      await Promise.all([frontends.close(), platformServer.close()]);
      await platform.close();
      unlock();
    },
  };
}
