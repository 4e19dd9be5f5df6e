import type { Queryable } from '../db/database.ts';
import { revocationTag } from '../tokens/revocation-events.ts';
import { type Invalidations, RevocableCache } from '../util/revocable-cache.ts';
import { listEmbedOrigins } from './origins.ts';

/** How long an answer is kept, and how long a caller (the planner's server) may keep it. */
export const EMBED_ORIGINS_TTL_SECONDS = 5;

/**
 * Embed origins as `GET /v1/embeds/{id}` answers them, cached briefly because that route is
 * public and every planner page load behind a cold planner cache asks.
 *
 * 1. A change (`addOrigin`, `removeOrigin`: CLI or admin API) is announced
 *    (`embed_origins:<legal entity>`), and every instance drops its copy at once; the TTL only
 *    bounds a lost notification.
 * 2. A read that started before a drop must not put the old list back: the revocable cache
 *    stores an answer only if no invalidation of its tag overtook the read.
 * 3. Unknown ids are cached too, so a stream of made-up ids costs one query each per TTL.
 */
export class EmbedOriginDirectory {
  readonly #cache: RevocableCache<readonly string[] | null>;

  constructor(
    private readonly db: Queryable,
    private readonly invalidations: Invalidations,
  ) {
    this.#cache = new RevocableCache(invalidations, 10_000);
  }

  /** The legal entity's origins, or undefined when there is no such legal entity. */
  async origins(legalEntityId: string): Promise<readonly string[] | undefined> {
    const key = legalEntityId.toLowerCase();
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const ticket = this.#cache.ticket();
    const found = await listEmbedOrigins(this.db, key);
    this.#cache.set(ticket, key, found ?? null, {
      tags: [revocationTag('embed_origins', key)],
      maxAgeMs: EMBED_ORIGINS_TTL_SECONDS * 1000,
    });
    return found;
  }

  forget(legalEntityId: string): void {
    this.invalidations.invalidate(revocationTag('embed_origins', legalEntityId.toLowerCase()));
  }
}
