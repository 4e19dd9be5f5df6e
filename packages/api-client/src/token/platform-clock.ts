/**
 * How far the platform's clock is from ours, learned from the `Date` header of its answers
 * (issue 13: a token that expired at the platform but not by the planner's estimate sent
 * every call in flight twice, once refused and once with the new token).
 *
 * The platform stamps `Date` (whole seconds, rounded down) somewhere between our sending the
 * request and our receiving its answer, so one answer bounds the offset (platform − local):
 *
 *     Date − receivedAt  ≤  offset  <  Date + 1 s − sentAt
 *
 * Every answer narrows the interval (the intersection of all of them, as NTP's selection
 * does with its sources); the estimate is its middle, within half a second of the truth
 * once a quick answer straddles a second boundary. An answer that contradicts the interval
 * means one of the clocks jumped (the computer slept, NTP stepped it): start again from it.
 */
export class PlatformClock {
  private lo = Number.NEGATIVE_INFINITY;
  private hi = Number.POSITIVE_INFINITY;

  /** The offset estimate (platform time − local time, ms), once an answer carried a `Date`. */
  get offsetMs(): number | undefined {
    return Number.isFinite(this.lo) ? Math.round((this.lo + this.hi) / 2) : undefined;
  }

  /**
   * Takes one answer's `Date` header, with the local times its request left and its answer
   * arrived. Returns whether the estimate changed. Unreadable dates are ignored.
   */
  observe(date: string | null, sentAt: number, receivedAt: number): boolean {
    if (date === null || receivedAt < sentAt) return false;
    const stamped = Date.parse(date);
    if (Number.isNaN(stamped)) return false;
    const before = this.offsetMs;
    const lo = stamped - receivedAt;
    const hi = stamped + 1000 - sentAt;
    if (lo > this.hi || hi < this.lo) {
      this.lo = lo;
      this.hi = hi;
    } else {
      this.lo = Math.max(this.lo, lo);
      this.hi = Math.min(this.hi, hi);
    }
    return this.offsetMs !== before;
  }
}
