import type { Queryable } from '../db/database.ts';
import { invalidToken } from '../http/errors.ts';
import { revocationTag } from '../tokens/revocation-events.ts';
import { Invalidations, RevocableCache } from '../util/revocable-cache.ts';
import { type BackendProfileState, getBackendProfileState } from './backend-profiles.ts';

/** Re-read at least this often, so a lost notification is outlived by seconds, not hours. */
const TTL_MS = 30_000;

/**
 * Whether a back-end profile's tokens still work, as every back-end request asks: cached,
 * and dropped at once on the `backend_profile` announcement that every disable, delete and
 * rotation sends (see `BackendOperations`).
 *
 * A read that started before an invalidation must not put the old state back: the cache is
 * a `RevocableCache` (a ticket taken before the read, its write dropped when the profile's
 * `backend_profile:<id>` tag was invalidated since), like every other revocable fact's.
 */
export class BackendProfileDirectory {
  readonly #cache: RevocableCache<BackendProfileState | null>;
  private readonly now: () => number;

  constructor(
    private readonly db: Queryable,
    private readonly invalidations: Invalidations = new Invalidations(),
  ) {
    this.now = invalidations.now;
    this.#cache = new RevocableCache(invalidations, 10_000);
  }

  async state(profileId: string): Promise<BackendProfileState | undefined> {
    const cached = this.#cache.get(profileId);
    if (cached !== undefined) return cached ?? undefined;
    const ticket = this.#cache.ticket();
    const found = await getBackendProfileState(this.db, profileId);
    this.#cache.set(ticket, profileId, found ?? null, {
      tags: [revocationTag('backend_profile', profileId)],
      maxAgeMs: TTL_MS,
    });
    return found;
  }

  /**
   * Throws RFC 6750 `invalid_token` unless the profile's tokens work: not disabled, not
   * deleted, and (standard tokens) asked for with an access key that still works.
   * `keyVersion` is a standard token's `akv`; static tokens do not depend on the key.
   */
  async assertUsable(profileId: string, token: { keyVersion?: number }): Promise<BackendProfileState> {
    const state = await this.state(profileId);
    if (!state || state.status === 'deleted') throw invalidToken('The back-end profile was deleted.');
    if (state.status === 'disabled') throw invalidToken('The back-end profile is disabled.');
    if (token.keyVersion !== undefined) {
      const current = token.keyVersion >= state.keyVersion;
      const overlapping = token.keyVersion === state.keyVersion - 1 && state.previousKeyUntil > this.now();
      if (!current && !overlapping) {
        throw invalidToken('The access key this token was issued for was rotated.');
      }
    }
    return state;
  }

  forget(profileId: string): void {
    this.invalidations.invalidate(revocationTag('backend_profile', profileId));
  }
}
