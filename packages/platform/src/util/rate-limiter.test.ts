import { describe, expect, it } from 'vitest';
import { TestClock } from '../testing/test-platform.ts';
import { SlidingWindowLimiter } from './rate-limiter.ts';

describe('SlidingWindowLimiter', () => {
  it('allows `limit` attempts per window, then says when to come back', () => {
    const clock = new TestClock(0);
    const limiter = new SlidingWindowLimiter({ limit: 3, windowSeconds: 60 }, clock.now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfter: 60 });
    expect(limiter.take('b').ok).toBe(true);
    clock.advance(59);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfter: 1 });
    clock.advance(1);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('slides: attempts leave the window one by one', () => {
    const clock = new TestClock(0);
    const limiter = new SlidingWindowLimiter({ limit: 2, windowSeconds: 10 }, clock.now);
    limiter.take('k');
    clock.advance(5);
    limiter.take('k');
    expect(limiter.peek('k').ok).toBe(false);
    clock.advance(5);
    expect(limiter.peek('k').ok).toBe(true);
    limiter.take('k');
    expect(limiter.peek('k')).toEqual({ ok: false, retryAfter: 5 });
  });

  it('forgets the least recently used keys beyond its bound', () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowSeconds: 60 }, () => 0, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    expect(limiter.peek('a').ok).toBe(true);
    expect(limiter.peek('c').ok).toBe(false);
  });
});
