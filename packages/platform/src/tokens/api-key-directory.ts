import { type ApiKeyCredential, findApiKeyCredential } from '../accounts/api-keys.ts';
import type { MasterKey } from '../crypto/master-key.ts';
import type { Database } from '../db/database.ts';
import { LruCache } from '../util/lru-cache.ts';

export const REVOCATION_CHANNEL = 'planner_revocations';
const TTL_MS = 60_000;

/**
 * API-key records as the token endpoint and the token verifier see them, cached because
 * both sit on hot paths. A revocation is broadcast with NOTIFY, so every instance drops
 * its copy at once instead of after the TTL.
 */
export class ApiKeyDirectory {
  readonly #cache: LruCache<string, ApiKeyCredential | null>;

  constructor(
    private readonly db: Database,
    private readonly master: MasterKey,
    private readonly now: () => number = Date.now,
  ) {
    this.#cache = new LruCache(10_000, now);
  }

  async get(id: string): Promise<ApiKeyCredential | undefined> {
    if (!/^pk_[\w-]{1,64}$/.test(id)) return undefined;
    const cached = this.#cache.get(id);
    if (cached !== undefined) return cached ?? undefined;
    const found = await findApiKeyCredential(this.db, this.master, id);
    // Unknown ids are cached too (briefly), so guessing ids cannot hammer the database.
    this.#cache.set(id, found ?? null, this.now() + (found ? TTL_MS : 5_000));
    return found;
  }

  forget(id: string): void {
    this.#cache.delete(id);
  }
}
