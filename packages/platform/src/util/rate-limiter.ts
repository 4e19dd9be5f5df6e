import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** At most `limit` attempts in a window of `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfter: number };

/**
 * A rate limit per key, in memory (rate-limiter-flexible's fixed windows: a key's window
 * starts at its first attempt). Per instance: behind a load balancer each instance limits on
 * its own, which still bounds guessing to `limit × instances` per window.
 *
 * Both methods read or count at the moment they are called, not when their promise settles:
 * a caller that calls them before its first `await` is never overtaken by a parallel
 * request (a burst of N parallel attempts gets exactly `limit` through).
 */
export class RateLimiter {
  readonly #memory: RateLimiterMemory;

  constructor(readonly rule: RateLimit) {
    this.#memory = new RateLimiterMemory({ points: rule.limit, duration: rule.windowSeconds });
  }

  /** Counts an attempt; refused once the key has had `limit` in its window. */
  take(key: string): Promise<RateDecision> {
    return this.#memory.consume(key).then(
      () => ({ ok: true }),
      (refusal: unknown) => {
        // rate-limiter-flexible rejects with its result when over the limit, and with an
        // Error only when its store fails (never, for memory).
        if (refusal instanceof RateLimiterRes) return blocked(refusal);
        throw refusal;
      },
    );
  }

  /** Whether the key is at its limit, without counting an attempt. */
  peek(key: string): Promise<RateDecision> {
    return this.#memory
      .get(key)
      .then((state) =>
        state && state.msBeforeNext > 0 && state.consumedPoints >= this.rule.limit
          ? blocked(state)
          : { ok: true },
      );
  }
}

const blocked = (state: RateLimiterRes): RateDecision => ({
  ok: false,
  retryAfter: Math.max(1, Math.ceil(state.msBeforeNext / 1000)),
});
