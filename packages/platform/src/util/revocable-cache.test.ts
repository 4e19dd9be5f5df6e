import { describe, expect, it } from 'vitest';
import { TestClock } from '../testing/test-platform.ts';
import { Invalidations, MAX_CACHE_AGE_MS, RevocableCache } from './revocable-cache.ts';

const setup = (maxTags?: number) => {
  const clock = new TestClock();
  const invalidations = new Invalidations(MAX_CACHE_AGE_MS, clock.now, maxTags);
  return { clock, invalidations, cache: new RevocableCache<string>(invalidations, 100) };
};

describe('RevocableCache', () => {
  it('serves an entry until 60 s after its read started, however far its notAfter', () => {
    const { clock, cache } = setup();
    const ticket = cache.ticket();
    clock.advance(5); // the read took 5 s
    expect(cache.set(ticket, 'k', 'v', { notAfter: clock.ms + 86_400_000 })).toBe(true);
    clock.advance(54);
    expect(cache.get('k')).toBe('v');
    clock.advance(1); // 60 s after the ticket
    expect(cache.get('k')).toBeUndefined();
  });

  it('never serves an entry past its notAfter (a token’s exp)', () => {
    const { clock, cache } = setup();
    cache.set(cache.ticket(), 'k', 'v', { notAfter: clock.ms + 10_000 });
    clock.advance(9);
    expect(cache.get('k')).toBe('v');
    clock.advance(1);
    expect(cache.get('k')).toBeUndefined();
  });

  it('honours a shorter maxAgeMs, never a longer one', () => {
    const { clock, cache } = setup();
    cache.set(cache.ticket(), 'short', 'v', { maxAgeMs: 5_000 });
    cache.set(cache.ticket(), 'long', 'v', { maxAgeMs: 3_600_000 });
    clock.advance(5);
    expect(cache.get('short')).toBeUndefined();
    expect(cache.get('long')).toBe('v');
    clock.advance(55);
    expect(cache.get('long')).toBeUndefined();
  });

  it('drops a write whose read started before an invalidation of one of its tags', () => {
    const { invalidations, cache } = setup();
    const ticket = cache.ticket();
    invalidations.invalidate('api_key:pk_1');
    expect(cache.set(ticket, 'k', 'stale', { tags: ['api_key:pk_1'] })).toBe(false);
    expect(cache.get('k')).toBeUndefined();
    // Another tag's invalidation does not concern it; a read started after does not either.
    expect(cache.set(ticket, 'other', 'v', { tags: ['api_key:pk_2'] })).toBe(true);
    expect(cache.set(cache.ticket(), 'k', 'fresh', { tags: ['api_key:pk_1'] })).toBe(true);
    expect(cache.get('k')).toBe('fresh');
  });

  it('refuses a hit on an entry one of whose tags was invalidated since', () => {
    const { invalidations, cache } = setup();
    cache.set(cache.ticket(), 'a', 'v', { tags: ['api_key:pk_1', 'subscription:le_1'] });
    cache.set(cache.ticket(), 'b', 'v', { tags: ['api_key:pk_2'] });
    invalidations.invalidate('subscription:le_1');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe('v');
  });

  it('forgets everything, and every write under way, on reset', () => {
    const { invalidations, cache } = setup();
    cache.set(cache.ticket(), 'a', 'v');
    const inFlight = cache.ticket();
    invalidations.reset();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.set(inFlight, 'b', 'v')).toBe(false);
    expect(cache.set(cache.ticket(), 'b', 'v')).toBe(true);
  });

  it('serves and stores nothing while suspended, and nothing from before once resumed', () => {
    const { invalidations, cache } = setup();
    cache.set(cache.ticket(), 'a', 'v');
    invalidations.suspend();
    const duringGap = cache.ticket();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.set(cache.ticket(), 'b', 'v')).toBe(false);
    invalidations.resume();
    expect(cache.set(duringGap, 'c', 'v')).toBe(false);
    expect(cache.set(cache.ticket(), 'c', 'v')).toBe(true);
    expect(cache.get('c')).toBe('v');
  });

  it('keeps its version map bounded without ever reviving an invalidated entry', () => {
    const { clock, invalidations, cache } = setup(3);
    cache.set(cache.ticket(), 'a', 'v', { tags: ['t:a'] });
    const inFlight = cache.ticket();
    invalidations.invalidate('t:a');
    // More tags than it keeps: 't:a' is forgotten, the floor must still kill 'a'.
    for (const n of [1, 2, 3, 4]) invalidations.invalidate(`t:${n}`);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.set(inFlight, 'a', 'stale', { tags: ['t:a'] })).toBe(false);
    // And by age: a minute later the old versions go, entries taken after them live on.
    cache.set(cache.ticket(), 'b', 'v', { tags: ['t:b'] });
    clock.advance(30);
    invalidations.invalidate('t:late');
    clock.advance(31);
    invalidations.invalidate('t:later');
    expect(cache.set(cache.ticket(), 'c', 'v', { tags: ['t:late'] })).toBe(true);
    expect(cache.get('c')).toBe('v');
  });
});
