import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Queryable } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform.ts';
import { UsedAssertions } from './used-assertions.ts';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(() => tp.close());

const soon = () => Math.floor(Date.now() / 1000) + 60;

/** The platform's database, counting the inserts that reach it. */
function counting(db: Queryable) {
  const seen = { inserts: 0 };
  const q: Queryable = {
    query: (sql, params) => {
      if (/^\s*insert/i.test(sql)) seen.inserts += 1;
      return db.query(sql, params);
    },
    exec: (sql) => db.exec(sql),
  };
  return { q, seen };
}

describe('UsedAssertions (the jti ledger of POST /v1/tokens)', () => {
  it('accepts a jti once: a replay, later or in the same burst, is refused', async () => {
    const ledger = new UsedAssertions(tp.platform.services.db);
    const jti = randomUUID();
    const burst = await Promise.all(Array.from({ length: 50 }, () => ledger.claim('pk_a', jti, soon())));
    expect(burst.filter(Boolean)).toHaveLength(1);
    expect(await ledger.claim('pk_a', jti, soon())).toBe(false);
    // The same jti under another key is another assertion.
    expect(await ledger.claim('pk_b', jti, soon())).toBe(true);
  });

  it('is single-use across instances: two ledgers on one database accept a jti once between them', async () => {
    const a = new UsedAssertions(tp.platform.services.db);
    const b = new UsedAssertions(tp.platform.services.db);
    const jtis = Array.from({ length: 40 }, () => randomUUID());
    const results = await Promise.all(
      jtis.flatMap((jti) => [a.claim('pk_x', jti, soon()), b.claim('pk_x', jti, soon())]),
    );
    for (let i = 0; i < jtis.length; i++) {
      expect([results[2 * i], results[2 * i + 1]].filter(Boolean), jtis[i]).toHaveLength(1);
    }
  });

  it('writes a burst in a few inserts, every distinct jti accepted and stored', async () => {
    const { db } = tp.platform.services;
    const { q, seen } = counting(db);
    const ledger = new UsedAssertions(q);
    const jtis = Array.from({ length: 300 }, () => randomUUID());
    const results = await Promise.all(jtis.map((jti) => ledger.claim('pk_burst', jti, soon())));
    expect(results.every(Boolean)).toBe(true);
    expect(seen.inserts).toBeLessThan(20);
    const [row] = await db.query<{ n: number }>(
      "select count(*)::int as n from used_assertions where key_id = 'pk_burst'",
    );
    expect(row?.n).toBe(300);
  });

  it('fails every claim of a failed insert (the caller answers it as an error, never as accepted)', async () => {
    const broken: Queryable = {
      query: async () => {
        throw new Error('database down');
      },
      exec: async () => {},
    };
    const ledger = new UsedAssertions(broken);
    const outcomes = await Promise.allSettled([
      ledger.claim('pk_c', 'j1-abcdefgh', soon()),
      ledger.claim('pk_c', 'j2-abcdefgh', soon()),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });

  it('inserts every batch in one order, whatever order the claims came in (no deadlock between batches)', async () => {
    const { db } = tp.platform.services;
    const batches: string[][] = [];
    const q: Queryable = {
      query: (sql, params) => {
        if (/^\s*insert/i.test(sql)) {
          const [keys, jtis] = params as [string[], string[]];
          batches.push(keys.map((k, i) => `${k} ${jtis[i]}`));
        }
        return db.query(sql, params);
      },
      exec: (sql) => db.exec(sql),
    };
    const ledger = new UsedAssertions(q);
    const suffix = randomUUID();
    const claims = ['pk_b z', 'pk_a y', 'pk_b a', 'pk_a b', 'pk_c m'].map(
      (c) => c.split(' ') as [string, string],
    );
    // Five at once: the first goes alone, the other four queue and go together, in key order.
    const results = await Promise.all(claims.map(([k, j]) => ledger.claim(k, `${j}-${suffix}`, soon())));
    expect(results.every(Boolean)).toBe(true);
    for (const batch of batches) expect(batch).toEqual([...batch].sort());
    expect(batches.flat()).toHaveLength(5);
  });

  it('tries each claim alone when a batch fails, so one failure does not fail the others', async () => {
    const { db } = tp.platform.services;
    const suffix = randomUUID();
    const poisoned = `poison-${suffix}`;
    const q: Queryable = {
      query: async (sql, params) => {
        // A batch that holds the poisoned claim fails, as a deadlocked statement would; so
        // does the poisoned claim alone, which must then be the only one to fail.
        if (/^\s*insert/i.test(sql) && (params as [string[], string[]])[1].includes(poisoned)) {
          throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
        }
        return db.query(sql, params);
      },
      exec: (sql) => db.exec(sql),
    };
    const ledger = new UsedAssertions(q);
    const jtis = Array.from({ length: 6 }, (_, i) => `ok-${i}-${suffix}`);
    const outcomes = await Promise.allSettled(
      [...jtis, poisoned].map((jti) => ledger.claim('pk_fallback', jti, soon())),
    );
    expect(outcomes.slice(0, 6).map((o) => (o.status === 'fulfilled' ? o.value : o.status))).toEqual(
      Array(6).fill(true),
    );
    expect(outcomes[6]).toMatchObject({ status: 'rejected', reason: { code: '40P01' } });
    // A claim the fallback accepted is stored: its replay is refused.
    expect(await new UsedAssertions(db).claim('pk_fallback', jtis[3]!, soon())).toBe(false);
  });
});

/**
 * A database whose inserts wait until `release()`: the ledger's slots stay busy, so claims
 * queue behind them. Records the jtis of every insert that reached it.
 */
function stalled() {
  const written: string[] = [];
  const waiting: (() => void)[] = [];
  const q: Queryable = {
    query: <T>(_sql: string, params?: unknown[]) => {
      const [keys, jtis] = params as [string[], string[]];
      written.push(...jtis);
      return new Promise<T[]>((resolve) => {
        waiting.push(() => resolve(keys.map((k, i) => ({ key_id: k, jti: jtis[i] })) as T[]));
      });
    },
    exec: async () => {},
  };
  const release = () => {
    for (const go of waiting.splice(0)) go();
  };
  return { q, written, release };
}

const isOverloaded = (reason: unknown) =>
  reason instanceof ApiError &&
  reason.status === 503 &&
  reason.code === 'overloaded' &&
  reason.headers['Retry-After'] === '1';

describe('UsedAssertions under overload (security review D2: a bound and a deadline)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses a claim at once with 503 overloaded when the queue is full, and takes claims again once it drains', async () => {
    const db = stalled();
    const ledger = new UsedAssertions(db.q, { maxQueued: 3, deadlineMs: 60_000 });
    // Four inserts are under way (one claim each), three claims wait behind them: full.
    const held = Array.from({ length: 7 }, (_, i) => ledger.claim('pk_q', `held-${i}-abcdefgh`, soon()));
    expect(ledger.queued).toBe(3);
    const refused = await ledger.claim('pk_q', 'one-too-many-abcdefgh', soon()).catch((e: unknown) => e);
    expect(isOverloaded(refused)).toBe(true);
    expect(db.written).not.toContain('one-too-many-abcdefgh');

    db.release(); // the four inserts commit; the three queued go out in the next one
    await vi.advanceTimersByTimeAsync(0);
    db.release();
    expect(await Promise.all(held)).toEqual(Array(7).fill(true));
    expect(ledger.queued).toBe(0);
    const again = ledger.claim('pk_q', 'after-the-storm-abcdefgh', soon());
    db.release();
    await vi.advanceTimersByTimeAsync(0);
    db.release();
    expect(await again).toBe(true);
  });

  it('answers 503 overloaded once a claim waited past its deadline, and never writes a claim dropped from the queue', async () => {
    const db = stalled();
    const ledger = new UsedAssertions(db.q, { maxQueued: 100, deadlineMs: 2_000 });
    const outcomes = Array.from({ length: 6 }, (_, i) =>
      ledger.claim('pk_d', `late-${i}-abcdefgh`, soon()).then(
        (claimed) => ({ claimed }),
        (error: unknown) => ({ error }),
      ),
    );
    expect(ledger.queued).toBe(2); // four being written, two waiting
    await vi.advanceTimersByTimeAsync(1_999);
    const answered = vi.fn();
    for (const o of outcomes) void o.then(answered);
    await vi.advanceTimersByTimeAsync(0);
    expect(answered).not.toHaveBeenCalled(); // not a millisecond early

    await vi.advanceTimersByTimeAsync(1);
    const all = await Promise.all(outcomes);
    expect(all.every((o) => 'error' in o && isOverloaded(o.error))).toBe(true);
    expect(ledger.queued).toBe(0);

    // The stalled inserts finish late: their answers are ignored (already refused), and the
    // two claims that never left the queue are not written at all.
    db.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(db.written).toEqual(['late-0-abcdefgh', 'late-1-abcdefgh', 'late-2-abcdefgh', 'late-3-abcdefgh']);
  });
});
