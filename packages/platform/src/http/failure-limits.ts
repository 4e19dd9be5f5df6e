import type { RateDecision, RateLimiter } from '../util/rate-limiter.ts';
import { tooManyRequests } from './oauth/errors.ts';

/** One limit a credential check counts against: a limiter and the key within it. */
export interface FailureBucket {
  limiter: RateLimiter;
  key: string;
}

/**
 * Runs a credential check under failure limits. Only failures are counted, so a caller with
 * the right credential is never refused because someone else guessed wrong elsewhere: an
 * attacker fills only the buckets of the addresses it guesses from.
 *
 * 1. Any bucket full: 429 at once, without looking at the credential (and at no cost to us).
 * 2. `check` runs; it may await (a database lookup) and says whether the credential is right.
 * 3. Wrong: counted in every bucket, and 429 instead of the failure once a bucket overflows,
 *    so that a parallel burst learns nothing past the limit. Counting happens inside the
 *    limiter at the moment of the call, so parallel failures can never all slip under it.
 * 4. Right: still 429 if a bucket filled while `check` was awaiting, so that a burst's right
 *    guess is not told apart once the limit's worth of its wrong ones were answered.
 *
 * Returns what `check` returned; `undefined` means the credential was wrong, and the caller
 * answers its own failure (401, invalid_grant).
 */
export async function underFailureLimits<T>(
  buckets: FailureBucket[],
  check: () => Promise<T | undefined>,
): Promise<T | undefined> {
  refuseIfBlocked(await Promise.all(buckets.map((b) => b.limiter.peek(b.key))));
  const result = await check();
  const decisions = buckets.map((b) =>
    result === undefined ? b.limiter.take(b.key) : b.limiter.peek(b.key),
  );
  refuseIfBlocked(await Promise.all(decisions));
  return result;
}

function refuseIfBlocked(decisions: RateDecision[]): void {
  const retryAfter = Math.max(0, ...decisions.map((d) => (d.ok ? 0 : d.retryAfter)));
  if (retryAfter > 0) throw tooManyRequests(retryAfter);
}
