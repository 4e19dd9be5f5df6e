import { describe, expect, it } from 'vitest';
import { RefreshBreaker } from './refresh-breaker.ts';

describe('RefreshBreaker', () => {
  it('allows 3 refreshes a minute, then opens until the oldest leaves the window', () => {
    const breaker = new RefreshBreaker(3, 60_000);
    expect([0, 1_000, 2_000, 3_000].map((t) => breaker.tryStart(t))).toEqual([true, true, true, false]);
    expect(breaker.tryStart(59_999)).toBe(false);
    expect(breaker.tryStart(60_000)).toBe(true);
  });
});

describe('RefreshBreaker.forgive', () => {
  it('takes a refresh whose token worked off the count, and only that one', () => {
    const breaker = new RefreshBreaker(3, 60_000);
    expect([0, 1_000, 2_000].map((t) => breaker.tryStart(t))).toEqual([true, true, true]);
    breaker.forgive(1_000);
    breaker.forgive(1_000); // twice is still one
    breaker.forgive(5_000); // never started: nothing to take off
    expect(breaker.tryStart(3_000)).toBe(true);
    expect(breaker.tryStart(4_000)).toBe(false);
  });
});
