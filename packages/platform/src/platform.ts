import { EmbedOriginDirectory } from './accounts/embed-origin-directory.ts';
import { LegalEntityDirectory } from './accounts/legal-entity-directory.ts';
import { BackendProfileDirectory } from './backends/backend-profile-directory.ts';
import { CatalogStore } from './catalog/catalog-store.ts';
import type { MasterKey } from './crypto/master-key.ts';
import { OperatorToken } from './crypto/operator-token.ts';
import { Admission, type AdmissionLimits, admitted, DEFAULT_ADMISSION_LIMITS } from './db/admission.ts';
import { openDatabase, type StorageOptions } from './db/open.ts';
import { createApp } from './http/app.ts';
import type { HostSdk } from './http/host-sdk.ts';
import { Readiness } from './lifecycle/readiness.ts';
import { Metrics } from './metrics/metrics.ts';
import type { PlatformConfig, RateLimits, Services } from './services.ts';
import { AccessTokens, STANDARD_TOKEN_LIFETIME } from './tokens/access-tokens.ts';
import { ApiKeyDirectory } from './tokens/api-key-directory.ts';
import { BearerTokens } from './tokens/bearer-tokens.ts';
import { OpaqueTokenDirectory } from './tokens/opaque-tokens.ts';
import { DEFAULT_REVOCATION_POLL_MS } from './tokens/revocation-epoch.ts';
import { type RevocationEvent, revocationTag } from './tokens/revocation-events.ts';
import { listenForRevocations } from './tokens/revocation-listener.ts';
import { type KeyTimings, keyTimings, SigningKeys } from './tokens/signing-keys.ts';
import { SubscriptionDirectory } from './tokens/subscription-directory.ts';
import { UsedAssertions } from './tokens/used-assertions.ts';
import { type UsageBatching, UsageRecorder } from './usage/usage.ts';
import { createLogger, type Logger } from './util/log.ts';
import { RateLimiter, type RateLimitStore } from './util/rate-limiter.ts';
import { openRedis } from './util/redis.ts';
import { requestContext } from './util/request-context.ts';
import { Invalidations, MAX_CACHE_AGE_MS } from './util/revocable-cache.ts';

export interface PlatformOptions extends StorageOptions {
  master: MasterKey;
  publicUrl: string;
  corsOrigins?: string[];
  maxTokenLifetime?: number;
  minTokenLifetime?: number;
  log?: Logger;
  /** Injectable clock (epoch ms), for tests of expiry. */
  now?: () => number;
  /** The operator token that opens the admin API (at least 32 characters); without it the admin API is off. */
  adminToken?: string | undefined;
  /** OAuth refresh-token lifetime, seconds (default 30 days). */
  refreshTokenLifetime?: number;
  /** Absolute lifetime of an OAuth grant, seconds (default 90 days). */
  oauthGrantLifetime?: number;
  /** Rate limits (defaults: `DEFAULT_RATE_LIMITS`). */
  rateLimits?: Partial<RateLimits>;
  /**
   * How many reverse proxies in front of the platform append to `X-Forwarded-For` (default 0:
   * the socket's address is the caller's).
   */
  trustedProxies?: number;
  /** The built operator console (`@planner/admin-console`'s `dist/`), served at `/admin/`. */
  adminConsoleDir?: string | undefined;
  /** The host SDK's single-file build (`@planner/host`'s `dist/planner-host.js`), served at `/sdk/host/v<version>/`. */
  hostSdk?: HostSdk | undefined;
  /** Signing-key rotation timings, seconds (defaults: `keyTimings`). */
  signingKeys?: Partial<KeyTimings>;
  /** A Redis server for the rate limits (`REDIS_URL`); without it they live in the database. */
  redisUrl?: string | undefined;
  /** What the rate limits' Redis keys start with (default `planner:`). */
  redisKeyPrefix?: string | undefined;
  /**
   * How often an instance on PostgreSQL polls the revocation epoch, ms (default 2 s): the
   * bound on a revocation a dead LISTEN connection did not deliver. 0 turns it off.
   */
  revocationPollMs?: number | undefined;
  /** How usage records are buffered before they are written (defaults: `DEFAULT_USAGE_BATCHING`). */
  usage?: Partial<UsageBatching>;
  /** How many requests may wait for the database, and how long (defaults: `DEFAULT_ADMISSION_LIMITS`). */
  dbAdmission?: Partial<AdmissionLimits>;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  tokenRequests: { limit: 120, windowSeconds: 60 },
  authFailures: { limit: 30, windowSeconds: 300 },
  consumerFailures: { limit: 10, windowSeconds: 300 },
  operatorFailures: { limit: 10, windowSeconds: 300 },
};

/** Default absolute lifetime of an OAuth grant: 90 days. */
export const DEFAULT_OAUTH_GRANT_LIFETIME = 90 * 86_400;

export interface Platform {
  services: Services;
  /**
   * The HTTP interface: a web-standard `Request` → `Response` function. `env` carries the
   * Node server's bindings (the socket: rate limits need the caller's address).
   */
  fetch: (request: Request, env?: object) => Response | Promise<Response>;
  close(): Promise<void>;
}

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
    oauthTokenUrl: `${publicUrl}/oauth/token`,
    refreshTokenLifetime: options.refreshTokenLifetime ?? 30 * 86_400,
    oauthGrantLifetime: options.oauthGrantLifetime ?? DEFAULT_OAUTH_GRANT_LIFETIME,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    trustedProxies: options.trustedProxies ?? 0,
  };
  // Checked before storage opens: a weak admin token is a configuration error, not a warning.
  const operator = options.adminToken ? new OperatorToken(options.adminToken) : undefined;
  const store = await openDatabase({ ...options, log });
  const metrics = new Metrics({ pool: store.poolStats ? () => store.poolStats?.() : undefined });
  // One queue in front of the database: as many at once as it has connections (PGlite: one),
  // the rest waiting in line, bounded in length and time.
  const admission = new Admission({
    permits: store.poolStats?.().max ?? 1,
    ...DEFAULT_ADMISSION_LIMITS,
    ...options.dbAdmission,
    onOutcome: (outcome, waitedMs) => {
      metrics.dbAdmissions.inc({ outcome });
      metrics.dbAdmissionWait.observe(waitedMs / 1000);
      if (outcome === 'queue_full' || outcome === 'wait_timeout') {
        log.warn('db.overloaded', {
          reason: outcome,
          waited_ms: Math.round(waitedMs),
          queued: admission.depth,
        });
      }
    },
  });
  metrics.watchAdmission(admission);
  const db = admitted(store, admission, () => requestContext.getStore()?.clientSignal?.());
  const redis = options.redisUrl
    ? await openRedis(options.redisUrl, log).catch(async (error: unknown) => {
        await db.close();
        throw error;
      })
    : undefined;
  // Shared by every instance: N instances must not allow N times the attempts (issue 10).
  const limitStore: RateLimitStore = redis
    ? { kind: 'redis', client: redis, prefix: options.redisKeyPrefix ?? 'planner:' }
    : { kind: 'sql', db };
  const limiter = (name: keyof RateLimits) => new RateLimiter(config.rateLimits[name], name, limitStore);
  // A retired signing key stays published as long as any token it signed may live,
  // back-ends' 60-minute standard tokens included.
  const keys = new SigningKeys(db, options.master, {
    timings: keyTimings(Math.max(config.maxTokenLifetime, STANDARD_TOKEN_LIFETIME), options.signingKeys),
    now,
    log,
  });
  // One set of revocation versions for every cache of a revocable fact (issue 9).
  const invalidations = new Invalidations(MAX_CACHE_AGE_MS, now);
  const apiKeys = new ApiKeyDirectory(db, options.master, invalidations);
  const tokens = new AccessTokens(keys, apiKeys, config.publicUrl, config.audience, invalidations);
  tokens.onCacheLookup = (hit) => metrics.verifiedTokenCache.inc({ result: hit ? 'hit' : 'miss' });
  const opaqueTokens = new OpaqueTokenDirectory(db, invalidations);
  const subscriptions = new SubscriptionDirectory(db, invalidations);
  const backendProfiles = new BackendProfileDirectory(db, invalidations);
  const embedOrigins = new EmbedOriginDirectory(db, invalidations);
  const legalEntities = new LegalEntityDirectory(db, invalidations);
  // What an announcement makes every instance drop; the instance that made the change calls
  // it at once too, without waiting for its own notification.
  const invalidate = (event: RevocationEvent) =>
    invalidations.invalidate(revocationTag(event.kind, event.id));
  const services: Services = {
    config,
    db,
    master: options.master,
    keys,
    apiKeys,
    tokens,
    catalog: new CatalogStore(db),
    bearer: new BearerTokens(tokens, opaqueTokens, subscriptions, backendProfiles, now),
    opaqueTokens,
    subscriptions,
    backendProfiles,
    embedOrigins,
    legalEntities,
    invalidate,
    invalidations,
    usage: new UsageRecorder(db, log, now, metrics, options.usage),
    usedAssertions: new UsedAssertions(db),
    readiness: new Readiness(db),
    limiters: {
      tokenRequests: limiter('tokenRequests'),
      authFailures: limiter('authFailures'),
      consumerFailures: limiter('consumerFailures'),
      operatorFailures: limiter('operatorFailures'),
    },
    operator,
    log,
    now,
    metrics,
  };

  const unwatchListen = db.watchListen((state) => {
    metrics.listenUp.set(state === 'listening' ? 1 : 0);
    if (state === 'listening') metrics.listenReconnects.inc();
  });
  // Revocations and rotations made by another instance (or the CLI) reach this one at once.
  const unlisten = await listenForRevocations(db, {
    invalidations,
    keys,
    log,
    // In-process notifications cannot be lost: only PostgreSQL needs the fallback.
    pollMs: db.kind === 'postgres' ? (options.revocationPollMs ?? DEFAULT_REVOCATION_POLL_MS) : undefined,
  });
  // Claims do not name their kid: a revoked key's cached verifications go all at once.
  keys.onDropped(() => tokens.forgetVerified());
  await keys.start();

  const sweep = setInterval(
    () => {
      db.query('delete from used_assertions where expires_at < now()').catch(() => {});
      db.query("delete from idempotency_keys where created_at < now() - interval '24 hours'").catch(() => {});
      db.query('delete from rate_limits where expire < $1', [Date.now()]).catch(() => {});
      // Expired OAuth tokens answer "unknown" as well as "expired": a day's grace keeps
      // introspection informative, then they go. Refresh tokens are kept until they expire,
      // so that reuse of a rotated one is still recognised.
      db.query("delete from oauth_access_tokens where expires_at < now() - interval '1 day'").catch(() => {});
      db.query("delete from oauth_refresh_tokens where expires_at < now() - interval '1 day'").catch(
        () => {},
      );
    },
    10 * 60 * 1000,
  );
  sweep.unref();

  const app = createApp(services, { adminConsoleDir: options.adminConsoleDir, hostSdk: options.hostSdk });
  return {
    services,
    fetch: (request, env) => app.fetch(request, env),
    async close() {
      clearInterval(sweep);
      keys.stop();
      unwatchListen();
      await unlisten();
      await redis?.quit().catch(() => {});
      // Before the database closes: buffered usage is what a stop would otherwise lose.
      await services.usage.close();
      await db.close();
    },
  };
}
