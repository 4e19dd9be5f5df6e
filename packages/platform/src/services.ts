import type { CatalogStore } from './catalog/catalog-store.ts';
import type { MasterKey } from './crypto/master-key.ts';
import type { OperatorToken } from './crypto/operator-token.ts';
import type { Database } from './db/database.ts';
import type { AccessTokens } from './tokens/access-tokens.ts';
import type { ApiKeyDirectory } from './tokens/api-key-directory.ts';
import type { BearerTokens } from './tokens/bearer-tokens.ts';
import type { OpaqueTokenDirectory } from './tokens/opaque-tokens.ts';
import type { SigningKeys } from './tokens/signing-keys.ts';
import type { SubscriptionDirectory } from './tokens/subscription-directory.ts';
import type { UsageRecorder } from './usage/usage.ts';
import type { Logger } from './util/log.ts';
import type { RateLimit, SlidingWindowLimiter } from './util/rate-limiter.ts';

/** Rate limits of the OAuth endpoints (RFC 6749 §4.3.2 asks for brute-force protection). */
export interface RateLimits {
  /** Token requests per consumer key. */
  perConsumer: RateLimit;
  /** Token requests, and failed client authentications elsewhere, per client address. */
  perAddress: RateLimit;
}

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
  rateLimits: RateLimits;
  /** Take the client address from the last `X-Forwarded-For` entry (behind a reverse proxy). */
  trustProxy: boolean;
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
  usage: UsageRecorder;
  limiters: { perConsumer: SlidingWindowLimiter; perAddress: SlidingWindowLimiter };
  /** The admin API's operator token; undefined when the admin API is disabled. */
  operator: OperatorToken | undefined;
  log: Logger;
  now: () => number;
}
