import { LruCache } from './lru-cache.ts';

/**
 * Caches of revocable facts (API keys, verified tokens, static and OAuth tokens,
 * subscriptions) and the one discipline they share. What happens when:
 *
 * 1. A reader takes a `ticket()` *before* it reads the source of truth.
 * 2. Something is revoked: `invalidate(tag)` bumps a generation counter and records it for
 *    the tag. Tags are revocation events' `kind:id`, so one notification is one call, and no
 *    cache is scanned.
 * 3. The reader's `set(ticket, …)` is dropped when one of the entry's tags was invalidated
 *    after its ticket: its read may have started before the revocation committed, and
 *    caching it would outlive the notification that was meant to kill it.
 * 4. A hit re-checks the same versions (one map lookup per tag, no database), so an entry is
 *    dead the moment one of its tags is invalidated.
 * 5. Every entry dies at most `maxAgeMs` after its ticket and never past its `notAfter` (a
 *    token's `exp`): a lost notification costs at most that long.
 * 6. While notifications may be missed (`suspend()`: the listening connection is down)
 *    nothing is served or stored; `resume()` forgets everything from before.
 */
export interface Ticket {
  readonly generation: number;
  /** Epoch ms when it was taken: entries age from the start of their read. */
  readonly at: number;
}

/** The longest any revocable fact may be served from memory (issue 9). */
export const MAX_CACHE_AGE_MS = 60_000;

/** The revocation versions every revocable cache of one process checks. */
export class Invalidations {
  #generation = 0;
  /** Tickets below this are dead: everything before a reset, or a forgotten tag. */
  #floor = 0;
  #suspended = false;
  /** Tag → its last invalidation, oldest first (re-inserted on every invalidation). */
  readonly #tags = new Map<string, { generation: number; at: number }>();

  constructor(
    readonly maxAgeMs = MAX_CACHE_AGE_MS,
    readonly now: () => number = Date.now,
    private readonly maxTags = 100_000,
  ) {}

  ticket(): Ticket {
    return { generation: this.#generation, at: this.now() };
  }

  invalidate(tag: string): void {
    this.#generation += 1;
    this.#tags.delete(tag);
    this.#tags.set(tag, { generation: this.#generation, at: this.now() });
    this.#prune();
  }

  /** Kills every entry and every write under way (notifications may have been missed). */
  reset(): void {
    this.#generation += 1;
    this.#floor = this.#generation;
    this.#tags.clear();
  }

  /** Serves and stores nothing until `resume()`: revocations may go unheard meanwhile. */
  suspend(): void {
    this.#suspended = true;
    this.reset();
  }

  resume(): void {
    this.reset();
    this.#suspended = false;
  }

  /** True when nothing invalidated since `ticket` touches `tags`. */
  isCurrent(ticket: Ticket, tags: readonly string[]): boolean {
    if (this.#suspended || ticket.generation < this.#floor) return false;
    for (const tag of tags) {
      const last = this.#tags.get(tag);
      if (last && last.generation > ticket.generation) return false;
    }
    return true;
  }

  /**
   * Forgets tags older than the longest entry life, and the oldest beyond `maxTags`.
   * Raising the floor to a forgotten tag's generation keeps this safe: it kills only
   * tickets taken before that invalidation, which are expired or conservatively dropped.
   */
  #prune(): void {
    const oldest = this.now() - this.maxAgeMs;
    for (const [tag, last] of this.#tags) {
      if (last.at > oldest && this.#tags.size <= this.maxTags) break;
      this.#tags.delete(tag);
      this.#floor = Math.max(this.#floor, last.generation);
    }
  }
}

export interface CacheWrite {
  /** The revocation tags (`kind:id`) whose invalidation kills the entry. */
  tags?: readonly string[];
  /** Epoch ms it must not outlive (a token's expiry). */
  notAfter?: number;
  /** A shorter life than the cache's maximum (e.g. for negative answers). */
  maxAgeMs?: number;
}

interface Entry<V> {
  value: V;
  ticket: Ticket;
  tags: readonly string[];
}

/** A bounded LRU cache of revocable facts, under the rules of `Invalidations`. */
export class RevocableCache<V> {
  readonly #entries: LruCache<string, Entry<V>>;

  constructor(
    private readonly invalidations: Invalidations,
    maxEntries: number,
  ) {
    this.#entries = new LruCache(maxEntries, invalidations.now);
  }

  /** Take it before reading what the entry will hold. */
  ticket(): Ticket {
    return this.invalidations.ticket();
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (!this.invalidations.isCurrent(entry.ticket, entry.tags)) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores `value` unless its read was overtaken by an invalidation; true when stored. */
  set(ticket: Ticket, key: string, value: V, write: CacheWrite = {}): boolean {
    const tags = write.tags ?? [];
    if (!this.invalidations.isCurrent(ticket, tags)) {
      this.#entries.delete(key);
      return false;
    }
    const maxAge = Math.min(write.maxAgeMs ?? Number.POSITIVE_INFINITY, this.invalidations.maxAgeMs);
    const expiresAt = Math.min(ticket.at + maxAge, write.notAfter ?? Number.POSITIVE_INFINITY);
    this.#entries.set(key, { value, ticket, tags }, expiresAt);
    return expiresAt > this.invalidations.now();
  }

  get size(): number {
    return this.#entries.size;
  }
}
