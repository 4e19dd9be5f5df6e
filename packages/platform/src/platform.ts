import { CatalogStore } from './catalog/catalog-store.ts';
import type { MasterKey } from './crypto/master-key.ts';
import { openDatabase, type StorageOptions } from './db/open.ts';
import { createApp } from './http/app.ts';
import type { PlatformConfig, Services } from './services.ts';
import { AccessTokens } from './tokens/access-tokens.ts';
import { ApiKeyDirectory, REVOCATION_CHANNEL } from './tokens/api-key-directory.ts';
import { SigningKeys } from './tokens/signing-keys.ts';
import { createLogger, type Logger } from './util/log.ts';

export interface PlatformOptions extends StorageOptions {
  master: MasterKey;
  publicUrl: string;
  corsOrigins?: string[];
  maxTokenLifetime?: number;
  minTokenLifetime?: number;
  log?: Logger;
  /** Injectable clock (epoch ms), for tests of expiry. */
  now?: () => number;
}

export interface Platform {
  services: Services;
  /** The HTTP interface: a web-standard `Request` → `Response` function. */
  fetch: (request: Request) => Response | Promise<Response>;
  close(): Promise<void>;
}

const SIGNING_KEYS_CHANNEL = 'planner_signing_keys';

/** Opens storage, applies migrations and wires every service; no network listener. */
export async function createPlatform(options: PlatformOptions): Promise<Platform> {
  const now = options.now ?? Date.now;
  const log = options.log ?? createLogger();
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const config: PlatformConfig = {
    publicUrl,
    tokenUrl: `${publicUrl}/v1/tokens`,
    audience: `${publicUrl}/v1`,
    maxTokenLifetime: options.maxTokenLifetime ?? 86_400,
    minTokenLifetime: options.minTokenLifetime ?? 10,
    corsOrigins: options.corsOrigins ?? [],
  };
  const db = await openDatabase(options);
  const keys = new SigningKeys(db, options.master, config.maxTokenLifetime, now);
  const apiKeys = new ApiKeyDirectory(db, options.master, now);
  const tokens = new AccessTokens(keys, apiKeys, config.publicUrl, config.audience, now);
  const services: Services = {
    config,
    db,
    master: options.master,
    keys,
    apiKeys,
    tokens,
    catalog: new CatalogStore(db),
    log,
    now,
  };

  // Revocations and rotations made by another instance (or the CLI) reach this one at once.
  const unlisten = [
    await db.listen(REVOCATION_CHANNEL, (payload) => {
      const [kind, id] = payload.split(':');
      if (kind === 'api_key' && id) {
        apiKeys.forget(id);
        tokens.forgetClient(id);
      }
    }),
    await db.listen(SIGNING_KEYS_CHANNEL, () => keys.invalidate()),
  ];
  await keys.current();

  const sweep = setInterval(
    () => {
      db.query('delete from used_assertions where expires_at < now()').catch(() => {});
      db.query("delete from idempotency_keys where created_at < now() - interval '24 hours'").catch(() => {});
    },
    10 * 60 * 1000,
  );
  sweep.unref();

  const app = createApp(services);
  return {
    services,
    fetch: (request) => app.fetch(request),
    async close() {
      clearInterval(sweep);
      for (const stop of unlisten) await stop();
      await db.close();
    },
  };
}
