/**
 * A bounded cache with per-entry expiry. Map iteration order is insertion order, so
 * re-inserting on read keeps the least recently used entry first, ready to evict.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, { value: V; expiresAt: number }>();

  constructor(
    readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` until `expiresAt` (epoch ms). */
  set(key: K, value: V, expiresAt: number): void {
    this.#entries.delete(key);
    if (expiresAt <= this.now()) return;
    this.#entries.set(key, { value, expiresAt });
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value as K;
      this.#entries.delete(oldest);
    }
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  /** Drops every entry whose value matches, e.g. all tokens of a revoked key. */
  deleteWhere(match: (value: V, key: K) => boolean): void {
    for (const [key, entry] of this.#entries) if (match(entry.value, key)) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
