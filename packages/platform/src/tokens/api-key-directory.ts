import { type ApiKeyCredential, findApiKeyCredential } from '../accounts/api-keys.ts';
import type { MasterKey } from '../crypto/master-key.ts';
import type { Queryable } from '../db/database.ts';
import { type Invalidations, RevocableCache } from '../util/revocable-cache.ts';
import { revocationTag } from './revocation-events.ts';

export { REVOCATION_CHANNEL } from './revocation-events.ts';

/** Unknown ids are remembered briefly, so guessing ids cannot hammer the database. */
const UNKNOWN_TTL_MS = 5_000;

export type ApiKeyRead = (id: string) => Promise<ApiKeyCredential | undefined>;

/**
 * API-key records as the token endpoint and the token verifier see them, cached because
 * both sit on hot paths. A revocation is announced (`api_key:<id>`): every instance's
 * entry dies at once, and a read that started before it is not cached (see
 * `RevocableCache`); a lost notification costs at most the cache's 60 s.
 */
export class ApiKeyDirectory {
  readonly #cache: RevocableCache<ApiKeyCredential | null>;
  readonly #read: ApiKeyRead;

  constructor(
    db: Queryable,
    master: MasterKey,
    private readonly invalidations: Invalidations,
    /** The database read; tests replace it to hold a read open across a revocation. */
    read?: ApiKeyRead,
  ) {
    this.#cache = new RevocableCache(invalidations, 10_000);
    this.#read = read ?? ((id) => findApiKeyCredential(db, master, id));
  }

  async get(id: string): Promise<ApiKeyCredential | undefined> {
    if (!/^pk_[\w-]{1,64}$/.test(id)) return undefined;
    const cached = this.#cache.get(id);
    if (cached !== undefined) return cached ?? undefined;
    const ticket = this.#cache.ticket();
    const found = await this.#read(id);
    this.#cache.set(ticket, id, found ?? null, {
      tags: [revocationTag('api_key', id)],
      ...(found ? {} : { maxAgeMs: UNKNOWN_TTL_MS }),
    });
    return found;
  }

  /**
   * The record as the database has it now, bypassing the cache. The token endpoint reads
   * it when a signature fails, and for an unknown id (even one cached as unknown), so a
   * wrong secret and an unknown id cost the same database round trip: the time of the
   * refusal does not tell which ids exist.
   */
  readThrough(id: string): Promise<ApiKeyCredential | undefined> {
    return this.#read(id);
  }

  /** This instance's own revocation: its entry and every token verified with it die. */
  forget(id: string): void {
    this.invalidations.invalidate(revocationTag('api_key', id));
  }
}
