import { findStaticToken, type StaticTokenRecord } from '../backends/static-tokens.ts';
import { sha256 } from '../crypto/random.ts';
import type { Queryable } from '../db/database.ts';
import { findAccessToken, findRefreshToken, type OAuthTokenRecord } from '../oauth/grants.ts';
import { type Invalidations, RevocableCache } from '../util/revocable-cache.ts';
import { revocationTag } from './revocation-events.ts';

export type OpaqueToken =
  | { type: 'static_token'; record: StaticTokenRecord }
  | { type: 'oauth_access_token'; record: OAuthTokenRecord }
  | { type: 'oauth_refresh_token'; record: OAuthTokenRecord };

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

/** What revokes a stored token: itself, and for OAuth its grant or consumer; for a static token its profile. */
function tagsOf(found: OpaqueToken | undefined, hash: string): string[] {
  const tags = [revocationTag('opaque_token', hash)];
  if (found?.type === 'oauth_access_token') {
    tags.push(
      revocationTag('oauth_grant', found.record.grantId),
      revocationTag('oauth_consumer', found.record.consumerKey),
    );
  }
  if (found?.type === 'static_token') tags.push(revocationTag('backend_profile', found.record.profileId));
  return tags;
}

/**
 * Looks up static and OAuth tokens by their hash, with a cache that deactivations and
 * revocations empty at once: the instance that revokes drops its own entry, and the
 * announcement on the revocation channel makes every other instance drop theirs. Entries
 * live at most 60 s (an OAuth token never past its expiry) and a read overtaken by a
 * revocation is not cached (`RevocableCache`).
 * Refresh tokens are never cached: the token endpoint must see their latest state.
 */
export class OpaqueTokenDirectory {
  readonly #cache: RevocableCache<OpaqueToken | null>;

  constructor(
    private readonly db: Queryable,
    private readonly invalidations: Invalidations,
    cacheSize = 50_000,
  ) {
    this.#cache = new RevocableCache(invalidations, cacheSize);
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
    const ticket = this.#cache.ticket();
    const found: OpaqueToken | undefined =
      type === 'static_token'
        ? await findStaticToken(this.db, hash).then((record) => record && { type, record })
        : await findAccessToken(this.db, hash).then((record) => record && { type, record });
    this.#cache.set(ticket, hash, found ?? null, {
      tags: tagsOf(found, hash),
      ...(found ? {} : { maxAgeMs: UNKNOWN_TTL_MS }),
      // Until the token expires; an expired one's answer cannot change, so it is kept as
      // briefly as an unknown one rather than read from the database on every replay.
      ...(found?.type === 'oauth_access_token'
        ? { notAfter: Math.max(found.record.expiresAt, ticket.at + UNKNOWN_TTL_MS) }
        : {}),
    });
    return found;
  }

  forgetHash(tokenHash: string): void {
    this.invalidations.invalidate(revocationTag('opaque_token', tokenHash));
  }

  forgetGrant(grantId: string): void {
    this.invalidations.invalidate(revocationTag('oauth_grant', grantId));
  }

  forgetConsumer(consumerKey: string): void {
    this.invalidations.invalidate(revocationTag('oauth_consumer', consumerKey));
  }
}
