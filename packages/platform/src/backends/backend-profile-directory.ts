import type { Queryable } from '../db/database.ts';
import { invalidToken } from '../http/errors.ts';
import { LruCache } from '../util/lru-cache.ts';
import { type BackendProfileState, getBackendProfileState } from './backend-profiles.ts';

/** Re-read at least this often, so a lost notification is outlived by seconds, not hours. */
const TTL_MS = 30_000;

/**
 * Whether a back-end profile's tokens still work, as every back-end request asks: cached,
 * and dropped at once on the `backend_profile` announcement that every disable, delete and
 * rotation sends (see `BackendOperations`).
 *
 * A read that started before an invalidation must not put the old state back: each
 * `forget` moves a generation counter, and a read stores its answer only if the counter has
 * not moved since the read began.
 */
export class BackendProfileDirectory {
  readonly #cache: LruCache<string, BackendProfileState | null>;
  #generation = 0;

  constructor(
    private readonly db: Queryable,
    private readonly now: () => number = Date.now,
  ) {
    this.#cache = new LruCache(10_000, now);
  }

  async state(profileId: string): Promise<BackendProfileState | undefined> {
    const cached = this.#cache.get(profileId);
    if (cached !== undefined) return cached ?? undefined;
    const generation = this.#generation;
    const found = await getBackendProfileState(this.db, profileId);
    if (generation === this.#generation) this.#cache.set(profileId, found ?? null, this.now() + TTL_MS);
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
    this.#generation++;
    this.#cache.delete(profileId);
  }

  /** Drops everything, e.g. when notifications may have been missed. */
  clear(): void {
    this.#generation++;
    this.#cache.clear();
  }
}
