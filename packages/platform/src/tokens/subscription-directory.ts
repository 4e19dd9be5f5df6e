import { type BackendService, getSubscription } from '../accounts/subscriptions.ts';
import type { Queryable } from '../db/database.ts';
import { LruCache } from '../util/lru-cache.ts';

const TTL_MS = 60_000;

/**
 * Subscriptions as back-end token checks see them, cached because every back-end request
 * asks. A change is announced (`subscription:<legal entity>`), so every instance drops its
 * copy at once; the TTL only bounds the damage of a lost notification.
 */
export class SubscriptionDirectory {
  readonly #cache: LruCache<string, BackendService[]>;

  constructor(
    private readonly db: Queryable,
    private readonly now: () => number = Date.now,
  ) {
    this.#cache = new LruCache(10_000, now);
  }

  async services(legalEntityId: string): Promise<BackendService[]> {
    const cached = this.#cache.get(legalEntityId);
    if (cached) return cached;
    const { services } = await getSubscription(this.db, legalEntityId);
    this.#cache.set(legalEntityId, services, this.now() + TTL_MS);
    return services;
  }

  forget(legalEntityId: string): void {
    this.#cache.delete(legalEntityId);
  }
}
