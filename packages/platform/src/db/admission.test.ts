import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Admission, type AdmissionOutcome, ClientGone, DatabaseOverloaded } from './admission.ts';

// A fake clock: the wait limit is a timer, and the waits reported are read from it.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function admission(permits: number, maxQueue: number, maxWaitMs: number) {
  const outcomes: [AdmissionOutcome, number][] = [];
  const a = new Admission({
    permits,
    maxQueue,
    maxWaitMs,
    now: () => Date.now(),
    onOutcome: (outcome, waited) => outcomes.push([outcome, waited]),
  });
  return { a, outcomes };
}

/** Settles what is already resolved, without moving the clock. */
const flush = () => vi.advanceTimersByTimeAsync(0);

describe('the database admission queue', () => {
  it('lets `permits` through at once and the rest in arrival order, each when one is released', async () => {
    const { a, outcomes } = admission(2, 10, 10_000);
    const order: string[] = [];
    const first = await a.acquire();
    const second = await a.acquire();
    const waiting = ['c', 'd', 'e'].map((name) =>
      a.acquire().then((release) => {
        order.push(name);
        return release;
      }),
    );
    await flush();
    expect({ depth: a.depth, inUse: a.inUse, order }).toEqual({ depth: 3, inUse: 2, order: [] });

    await vi.advanceTimersByTimeAsync(250);
    second();
    second(); // a second release of the same permit frees nothing more
    await flush();
    expect({ depth: a.depth, order }).toEqual({ depth: 2, order: ['c'] });
    first();
    await flush();
    expect(order).toEqual(['c', 'd']);
    for (const r of await Promise.all(waiting.slice(0, 2))) r();
    await flush();
    expect(order).toEqual(['c', 'd', 'e']);
    (await waiting[2]!)();
    expect({ depth: a.depth, inUse: a.inUse }).toEqual({ depth: 0, inUse: 0 });
    expect(outcomes.map(([o]) => o)).toEqual(['admitted', 'admitted', 'admitted', 'admitted', 'admitted']);
    expect(outcomes[2]![1]).toBe(250); // c waited from its arrival to the release
  });

  it('refuses one more than maxQueue at once: overloaded (queue_full), with a Retry-After', async () => {
    const { a, outcomes } = admission(1, 2, 4_500);
    const held = await a.acquire();
    const queued = [a.acquire(), a.acquire()];
    const refused = a.acquire().catch((e: unknown) => e);
    expect(await refused).toBeInstanceOf(DatabaseOverloaded);
    expect(await refused).toMatchObject({ code: 'overloaded', reason: 'queue_full', retryAfterSeconds: 5 });
    expect(a.depth).toBe(2);
    held();
    for (const waiting of queued) (await waiting)();
    expect(outcomes.filter(([o]) => o === 'queue_full')).toHaveLength(1);
  });

  it('refuses a request that waited maxWaitMs (wait_timeout), and serves the next in line after it', async () => {
    const { a, outcomes } = admission(1, 10, 1_000);
    const held = await a.acquire();
    const early = a.acquire().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(600);
    const late = a.acquire();
    await vi.advanceTimersByTimeAsync(399);
    expect(a.depth).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(await early).toMatchObject({ code: 'overloaded', reason: 'wait_timeout', retryAfterSeconds: 1 });
    expect(a.depth).toBe(1);
    held();
    const release = await late;
    expect(outcomes.at(-1)).toEqual(['admitted', 400]);
    // The one admitted is not timed out afterwards.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(a.inUse).toBe(1);
    release();
    expect(outcomes.map(([o]) => o)).toEqual(['admitted', 'wait_timeout', 'admitted']);
  });

  it('drops a waiter whose client went away (client_gone) and never runs its work', async () => {
    const { a, outcomes } = admission(1, 10, 10_000);
    const held = await a.acquire();
    const client = new AbortController();
    let ran = false;
    const gone = a
      .run(async () => {
        ran = true;
      }, client.signal)
      .catch((e: unknown) => e);
    const next = a.acquire();
    await vi.advanceTimersByTimeAsync(300);
    client.abort();
    expect(await gone).toBeInstanceOf(ClientGone);
    expect(await gone).toMatchObject({ code: 'client_gone' });
    expect(a.depth).toBe(1);
    held();
    (await next)();
    expect(ran).toBe(false);
    expect(outcomes).toEqual([
      ['admitted', 0],
      ['client_gone', 300],
      ['admitted', 300],
    ]);
    // A client already gone never joins the line.
    expect(await a.acquire(client.signal).catch((e: unknown) => e)).toBeInstanceOf(ClientGone);
  });

  it("lets the platform's own work (bounded: false) wait past the limits", async () => {
    const { a } = admission(1, 1, 1_000);
    const held = await a.acquire();
    const filler = a.acquire().catch((e: unknown) => e); // fills the queue, then times out
    const background = a.acquire(undefined, false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await filler).toBeInstanceOf(DatabaseOverloaded);
    expect(a.depth).toBe(1);
    held();
    (await background)();
    expect(a.inUse).toBe(0);
  });

  it('releases the permit when the work throws', async () => {
    const { a } = admission(1, 10, 1_000);
    await expect(a.run(() => Promise.reject(new Error('query failed')))).rejects.toThrow('query failed');
    expect(a.inUse).toBe(0);
  });
});
