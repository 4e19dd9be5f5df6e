import { type BackendService, getSubscription } from '../accounts/subscriptions.ts';
import type { Queryable } from '../db/database.ts';
import { type Invalidations, RevocableCache } from '../util/revocable-cache.ts';
import { revocationTag } from './revocation-events.ts';

/**
 * Subscriptions as back-end token checks see them, cached because every back-end request
 * asks. A change is announced (`subscription:<legal entity>`), so every instance drops its
 * copy at once and a read that started before the change is not cached; the cache's 60 s
 * only bound the damage of a lost notification.
 */
export class SubscriptionDirectory {
  readonly #cache: RevocableCache<BackendService[]>;

  constructor(
    private readonly db: Queryable,
    private readonly invalidations: Invalidations,
  ) {
    this.#cache = new RevocableCache(invalidations, 10_000);
  }

  async services(legalEntityId: string): Promise<BackendService[]> {
    const cached = this.#cache.get(legalEntityId);
    if (cached) return cached;
    const ticket = this.#cache.ticket();
    const { services } = await getSubscription(this.db, legalEntityId);
    this.#cache.set(ticket, legalEntityId, services, {
      tags: [revocationTag('subscription', legalEntityId)],
    });
    return services;
  }

  forget(legalEntityId: string): void {
    this.invalidations.invalidate(revocationTag('subscription', legalEntityId));
  }
}
