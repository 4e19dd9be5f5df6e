import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/database.ts';
import { TestClock } from '../testing/test-platform.ts';
import { Invalidations } from '../util/revocable-cache.ts';
import { EmbedOriginDirectory } from './embed-origin-directory.ts';

const ID = '11111111-1111-4111-8111-111111111111';

/** A database whose answers the test releases one by one, to order a read against a change. */
function fakeDb() {
  let origins: string[] | null = ['https://old.example'];
  const pending: (() => void)[] = [];
  let queries = 0;
  const db: Queryable = {
    async query<R extends object>(): Promise<R[]> {
      queries++;
      const answer = origins && { origins: [...origins] };
      await new Promise<void>((release) => pending.push(release));
      return (answer ? [answer] : []) as R[];
    },
    async exec() {},
  };
  return {
    db,
    set: (next: string[] | null) => {
      origins = next;
    },
    release: () => pending.shift()?.(),
    get queries() {
      return queries;
    },
  };
}

describe('EmbedOriginDirectory', () => {
  it('keeps an answer, known or unknown, for a few seconds, then asks again', async () => {
    const clock = new TestClock();
    const fake = fakeDb();
    const dir = new EmbedOriginDirectory(fake.db, new Invalidations(60_000, clock.now));
    const first = dir.origins(ID);
    fake.release();
    expect(await first).toEqual(['https://old.example']);
    expect(await dir.origins(ID)).toEqual(['https://old.example']);
    expect(fake.queries).toBe(1);
    clock.advance(5);
    fake.set(null);
    const after = dir.origins(ID);
    fake.release();
    expect(await after).toBeUndefined();
    expect(await dir.origins(ID)).toBeUndefined();
    expect(fake.queries).toBe(2);
  });

  it('never puts back a list read before a change was announced', async () => {
    const fake = fakeDb();
    const dir = new EmbedOriginDirectory(fake.db, new Invalidations(60_000, new TestClock().now));
    // A read starts and sees the old list; the change commits and is announced before the
    // read's answer comes back.
    const stale = dir.origins(ID);
    fake.set(['https://new.example']);
    dir.forget(ID);
    fake.release();
    expect(await stale).toEqual(['https://old.example']);
    // Had the stale answer been cached, this would be it, until the TTL.
    const fresh = dir.origins(ID);
    fake.release();
    expect(await fresh).toEqual(['https://new.example']);
    expect(fake.queries).toBe(2);
  });

  it('forgets everything on a reset of the invalidations (notifications may have been missed)', async () => {
    const fake = fakeDb();
    const invalidations = new Invalidations(60_000, new TestClock().now);
    const dir = new EmbedOriginDirectory(fake.db, invalidations);
    const first = dir.origins(ID);
    fake.release();
    await first;
    fake.set(['https://new.example']);
    invalidations.reset();
    const next = dir.origins(ID);
    fake.release();
    expect(await next).toEqual(['https://new.example']);
  });
});
