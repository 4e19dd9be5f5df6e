/**
 * Caps how many refreshes may start in a sliding window. A host that keeps handing over
 * tokens the platform refuses (a misconfigured key, a cached stale token) would otherwise
 * make the planner and the host ask each other for tokens in a loop.
 *
 * Only unproven refreshes count: once the platform has accepted a token a refresh brought,
 * that refresh was no loop and is forgiven (`forgive`). So short-lived tokens expiring one
 * after another never open the breaker, while tokens refused or stale on arrival still do.
 */
export class RefreshBreaker {
  private starts: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Records a refresh start at `now` if the cap allows it; false when the breaker is open. */
  tryStart(now: number): boolean {
    this.starts = this.starts.filter((t) => now - t < this.windowMs);
    if (this.starts.length >= this.max) return false;
    this.starts.push(now);
    return true;
  }

  /** Takes the refresh started at `startedAt` off the count: its token worked. */
  forgive(startedAt: number): void {
    const i = this.starts.indexOf(startedAt);
    if (i >= 0) this.starts.splice(i, 1);
  }
}
