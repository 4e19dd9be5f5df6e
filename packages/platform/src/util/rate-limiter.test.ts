import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

describe('RateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('allows `limit` attempts per window, then says when to come back', async () => {
    const limiter = new RateLimiter({ limit: 3, windowSeconds: 60 });
    expect(await Promise.all([1, 2, 3].map(() => limiter.take('a')))).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
    ]);
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfter: 60 });
    expect(await limiter.take('b')).toEqual({ ok: true });
    vi.advanceTimersByTime(59_000);
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfter: 1 });
    vi.advanceTimersByTime(1_000);
    expect((await Promise.all([1, 2, 3].map(() => limiter.take('a')))).every((d) => d.ok)).toBe(true);
    expect((await limiter.take('a')).ok).toBe(false);
  });

  it('counts when called, not when awaited: a parallel burst gets exactly the limit through', async () => {
    const limiter = new RateLimiter({ limit: 5, windowSeconds: 60 });
    // Every call is made before any promise is awaited, as parallel requests would.
    const decisions = await Promise.all(Array.from({ length: 12 }, () => limiter.take('k')));
    expect(decisions.filter((d) => d.ok)).toHaveLength(5);
  });

  it('peeks without counting', async () => {
    const limiter = new RateLimiter({ limit: 2, windowSeconds: 10 });
    expect(await limiter.peek('k')).toEqual({ ok: true });
    await limiter.take('k');
    expect(await limiter.peek('k')).toEqual({ ok: true });
    await limiter.take('k');
    expect(await limiter.peek('k')).toEqual({ ok: false, retryAfter: 10 });
    vi.advanceTimersByTime(10_000);
    expect(await limiter.peek('k')).toEqual({ ok: true });
  });
});
