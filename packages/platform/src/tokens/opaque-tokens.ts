import { findStaticToken, type StaticTokenRecord } from '../backends/static-tokens.ts';
import { sha256 } from '../crypto/random.ts';
import type { Queryable } from '../db/database.ts';
import { findAccessToken, findRefreshToken, type OAuthTokenRecord } from '../oauth/grants.ts';
import { LruCache } from '../util/lru-cache.ts';

export type OpaqueToken =
  | { type: 'static_token'; record: StaticTokenRecord }
  | { type: 'oauth_access_token'; record: OAuthTokenRecord }
  | { type: 'oauth_refresh_token'; record: OAuthTokenRecord };

/** Positive answers are re-read at least this often, in case a notification was lost. */
const TTL_MS = 60_000;
/** Unknown tokens are remembered briefly, so guessing cannot hammer the database. */
const UNKNOWN_TTL_MS = 5_000;

/** The opaque tokens' prefixes: they tell the kinds apart before any lookup. */
export const OPAQUE_PREFIXES = {
  st: 'static_token',
  oat: 'oauth_access_token',
  rt: 'oauth_refresh_token',
} as const;
const SHAPE = /^(st|oat|rt)_[\w-]{32,64}$/;

export const isOpaqueShape = (token: string): boolean => SHAPE.test(token);

/**
 * Looks up static and OAuth tokens by their hash, with a cache that deactivations and
 * revocations empty at once: the instance that revokes drops its own entry, and the
 * announcement on the revocation channel makes every other instance drop theirs.
 * Refresh tokens are never cached: the token endpoint must see their latest state.
 */
export class OpaqueTokenDirectory {
  readonly #cache: LruCache<string, OpaqueToken | null>;

  constructor(
    private readonly db: Queryable,
    private readonly now: () => number = Date.now,
    cacheSize = 50_000,
  ) {
    this.#cache = new LruCache(cacheSize, now);
  }

  /** The token's record, whatever its state (revoked, expired...), or undefined when unknown. */
  async find(token: string): Promise<OpaqueToken | undefined> {
    const match = SHAPE.exec(token);
    if (!match) return undefined;
    const type = OPAQUE_PREFIXES[match[1] as keyof typeof OPAQUE_PREFIXES];
    const hash = sha256(token);
    if (type === 'oauth_refresh_token') {
      const record = await findRefreshToken(this.db, hash);
      return record && { type, record };
    }
    const cached = this.#cache.get(hash);
    if (cached !== undefined) return cached ?? undefined;
    const found: OpaqueToken | undefined =
      type === 'static_token'
        ? await findStaticToken(this.db, hash).then((record) => record && { type, record })
        : await findAccessToken(this.db, hash).then((record) => record && { type, record });
    const ttl = found ? TTL_MS : UNKNOWN_TTL_MS;
    this.#cache.set(hash, found ?? null, this.now() + ttl);
    return found;
  }

  forgetHash(tokenHash: string): void {
    this.#cache.delete(tokenHash);
  }

  forgetGrant(grantId: string): void {
    this.#cache.deleteWhere((t) => t?.type === 'oauth_access_token' && t.record.grantId === grantId);
  }

  forgetConsumer(consumerKey: string): void {
    this.#cache.deleteWhere((t) => t?.type === 'oauth_access_token' && t.record.consumerKey === consumerKey);
  }
}
