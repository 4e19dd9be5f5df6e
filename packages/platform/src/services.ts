import type { EmbedOriginDirectory } from './accounts/embed-origin-directory.ts';
import type { LegalEntityDirectory } from './accounts/legal-entity-directory.ts';
import type { BackendProfileDirectory } from './backends/backend-profile-directory.ts';
import type { CatalogStore } from './catalog/catalog-store.ts';
import type { MasterKey } from './crypto/master-key.ts';
import type { OperatorToken } from './crypto/operator-token.ts';
import type { Database } from './db/database.ts';
import type { Readiness } from './lifecycle/readiness.ts';
import type { Metrics } from './metrics/metrics.ts';
import type { AccessTokens } from './tokens/access-tokens.ts';
import type { ApiKeyDirectory } from './tokens/api-key-directory.ts';
import type { BearerTokens } from './tokens/bearer-tokens.ts';
import type { OpaqueTokenDirectory } from './tokens/opaque-tokens.ts';
import type { RevocationEvent } from './tokens/revocation-events.ts';
import type { SigningKeys } from './tokens/signing-keys.ts';
import type { SubscriptionDirectory } from './tokens/subscription-directory.ts';
import type { UsedAssertions } from './tokens/used-assertions.ts';
import type { UsageRecorder } from './usage/usage.ts';
import type { Logger } from './util/log.ts';
import type { RateLimit, RateLimiter } from './util/rate-limiter.ts';
import type { Invalidations } from './util/revocable-cache.ts';

/**
 * Rate limits (RFC 6749 §4.3.2 asks for brute-force protection). Only failures count against
 * a credential, so nobody can lock a consumer out by guessing its secret from elsewhere.
 */
export interface RateLimits {
  /** Requests to the OAuth token URL per client address (IPv6: per /64), failed or not. */
  tokenRequests: RateLimit;
  /** Failed authentications of any kind (consumer, access key, bearer) per client address. */
  authFailures: RateLimit;
  /** Failed authentications of one consumer key from one client address. */
  consumerFailures: RateLimit;
  /** Wrong operator tokens at the admin API per client address. */
  operatorFailures: RateLimit;
}

/** One limiter per rule of `RateLimits`. */
export type Limiters = { [K in keyof RateLimits]: RateLimiter };

export interface PlatformConfig {
  /** The platform's public base URL: the tokens' issuer. */
  publicUrl: string;
  /** The exact URL client assertions must name as their audience. */
  tokenUrl: string;
  /** The tokens' audience: the web services. */
  audience: string;
  /** The longest token lifetime anybody may ask for, in seconds. */
  maxTokenLifetime: number;
  /** The shortest, in seconds. */
  minTokenLifetime: number;
  /** Browser origins allowed to call the web services (the planner's). */
  corsOrigins: string[];
  /** The OAuth token URL (RFC 6749 §3.2). */
  oauthTokenUrl: string;
  /** How long an OAuth refresh token lives, in seconds (each use replaces it). */
  refreshTokenLifetime: number;
  /**
   * The absolute lifetime of an OAuth grant, in seconds from its first token: no refresh
   * extends it, and after it the consumer must authenticate for a new grant.
   */
  oauthGrantLifetime: number;
  rateLimits: RateLimits;
  /** How many reverse proxies in front of the platform append to `X-Forwarded-For` (0: none). */
  trustedProxies: number;
}

/** Everything a request handler may use; built once per process by `createPlatform`. */
export interface Services {
  config: PlatformConfig;
  db: Database;
  master: MasterKey;
  keys: SigningKeys;
  apiKeys: ApiKeyDirectory;
  tokens: AccessTokens;
  catalog: CatalogStore;
  /** Resolves any bearer token (JWT, static, OAuth) to the principal it speaks for. */
  bearer: BearerTokens;
  opaqueTokens: OpaqueTokenDirectory;
  subscriptions: SubscriptionDirectory;
  /** Whether back-end profiles' tokens still work (disabled, deleted, rotated keys). */
  backendProfiles: BackendProfileDirectory;
  /** Legal entities' embed origins, as the planner's server asks for them. */
  embedOrigins: EmbedOriginDirectory;
  /** Legal entities as the token endpoint and `GET /v1/me` read them (cached briefly). */
  legalEntities: LegalEntityDirectory;
  /** Drops what this instance cached about a revoked credential, at once (the announcement tells the others). */
  invalidate: (event: RevocationEvent) => void;
  /** The revocation versions every cache of a revocable fact checks on each hit. */
  invalidations: Invalidations;
  usage: UsageRecorder;
  /** Client assertions' jtis, each accepted once (`POST /v1/tokens`). */
  usedAssertions: UsedAssertions;
  /** Whether this instance should get traffic (`/readyz`); draining starts at SIGTERM. */
  readiness: Readiness;
  limiters: Limiters;
  /** The admin API's operator token; undefined when the admin API is disabled. */
  operator: OperatorToken | undefined;
  log: Logger;
  now: () => number;
  /** Prometheus metrics of this instance (`/metrics`). */
  metrics: Metrics;
}
