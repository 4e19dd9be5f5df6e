/** At most `limit` attempts in any `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfter: number };

/**
 * An in-memory sliding-window log per key: each attempt's time is kept for one window, and
 * a key with `limit` of them in the window is refused until the oldest leaves it. Bounded in
 * keys (the least recently used go first), so a flood of addresses cannot exhaust memory.
 * Per instance: behind a load balancer each instance limits on its own, which still bounds
 * guessing to `limit × instances` per window.
 */
export class SlidingWindowLimiter {
  readonly #hits = new Map<string, number[]>();

  constructor(
    readonly rule: RateLimit,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Records an attempt if it is allowed. A refused attempt is not recorded. */
  take(key: string): RateDecision {
    const decision = this.peek(key);
    if (decision.ok) {
      const hits = this.#hits.get(key) ?? [];
      hits.push(this.now());
      // Re-inserting keeps the map in least-recently-used order, ready to evict.
      this.#hits.delete(key);
      this.#hits.set(key, hits);
      if (this.#hits.size > this.maxKeys) this.#hits.delete(this.#hits.keys().next().value as string);
    }
    return decision;
  }

  /** Whether an attempt would be allowed now, without recording one. */
  peek(key: string): RateDecision {
    const hits = this.#hits.get(key);
    if (!hits) return { ok: true };
    const windowMs = this.rule.windowSeconds * 1000;
    const since = this.now() - windowMs;
    while (hits.length && hits[0]! <= since) hits.shift();
    if (hits.length < this.rule.limit) return { ok: true };
    return { ok: false, retryAfter: Math.max(1, Math.ceil((hits[0]! + windowMs - this.now()) / 1000)) };
  }
}
