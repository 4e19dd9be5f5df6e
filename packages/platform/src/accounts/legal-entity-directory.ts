import type { Queryable } from '../db/database.ts';
import { revocationTag } from '../tokens/revocation-events.ts';
import { type Invalidations, RevocableCache } from '../util/revocable-cache.ts';
import { getLegalEntity, type LegalEntity } from './legal-entities.ts';

/** How long a legal entity's record is kept: a lifetime or name change shows within this. */
export const LEGAL_ENTITY_TTL_MS = 5_000;

/**
 * Legal entities as the hot paths read them (`POST /v1/tokens` for the origins and default
 * lifetime it puts in the token, `GET /v1/me` for the name): issue 13 measured a database
 * read per call on both. Kept briefly, and dropped at once (on every instance) when the
 * embed origins change, since those end up in tokens and `frame-ancestors`: the same
 * announcement `EmbedOriginDirectory` listens to, and a read that started before it is not
 * stored (`RevocableCache`). Lifetime and name changes are not announced: they show within
 * `LEGAL_ENTITY_TTL_MS`. Unknown ids are cached for as long, so made-up ids cost one query each.
 */
export class LegalEntityDirectory {
  readonly #cache: RevocableCache<LegalEntity | null>;

  constructor(
    private readonly db: Queryable,
    invalidations: Invalidations,
  ) {
    this.#cache = new RevocableCache(invalidations, 10_000);
  }

  async get(id: string): Promise<LegalEntity | undefined> {
    const key = id.toLowerCase();
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const ticket = this.#cache.ticket();
    const found = await getLegalEntity(this.db, key);
    this.#cache.set(ticket, key, found ?? null, {
      tags: [revocationTag('embed_origins', key)],
      maxAgeMs: LEGAL_ENTITY_TTL_MS,
    });
    return found;
  }
}
