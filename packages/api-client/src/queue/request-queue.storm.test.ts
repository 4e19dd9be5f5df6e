import { afterEach, describe, expect, it, vi } from 'vitest';
import { invalidToken, ok, type RecordedRequest } from '../testing/fake-fetch.ts';
import { fakeToken, HOST_ORIGIN } from '../testing/fake-jwt.ts';
import { flush, PLATFORM_NOW, queueHarness, track } from '../testing/queue-harness.ts';

afterEach(() => {
  vi.useRealTimers();
});

const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://api.example/v1/items/${i}`);

describe('RequestQueue under a storm (issue 13)', () => {
  it('1 000 calls in flight when the platform refuses the token: one TokenExpired, all settle, none QUEUE_FULL', async () => {
    let t1 = '';
    const q = queueHarness({ responder: (r) => (r.token === t1 ? invalidToken() : ok({ url: r.url })) });
    t1 = q.give();
    const calls = urls(1000).map((url) => track(q.queue.request(url)));
    await flush();
    expect(q.asks).toHaveLength(1);
    expect(q.queue.heldCount).toBe(1000);
    const t2 = q.give();
    await flush();
    expect(calls.every((c) => c.settled === 1 && (c.value as Response).status === 200)).toBe(true);
    expect(q.requests.filter((r) => r.token === t2)).toHaveLength(1000);
    expect(q.eventsOf('callRejected')).toHaveLength(0);
    expect(q.asks).toHaveLength(1);
    expect(q.queue.size).toBe(0);
  });

  it('1 000 calls made on a locally expired token are held whole: one TokenExpired, all settle', async () => {
    const q = queueHarness({ responder: () => ok() });
    q.give();
    vi.advanceTimersByTime(280_000);
    const calls = urls(1000).map((url) => track(q.queue.request(url)));
    expect(q.queue.heldCount).toBe(1000);
    q.give();
    await flush();
    expect(calls.every((c) => c.settled === 1)).toBe(true);
    expect(q.asks).toHaveLength(1);
    expect(q.eventsOf('callRejected')).toHaveLength(0);
  });

  it('the bound counts calls, not attempts: a call backing off is one call, and frees its place when it settles', async () => {
    let answer: (r: RecordedRequest) => Response | Promise<Response> = () =>
      Promise.reject(new TypeError('Failed to fetch'));
    const q = queueHarness({ maxPending: 5, random: () => 0.5, responder: (r) => answer(r) });
    q.give();
    const calls = urls(5).map((url) => track(q.queue.request(url)));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(q.requests.length).toBeGreaterThan(5);
    expect(q.queue.size).toBe(5);
    await expect(q.queue.request('https://api.example/v1/sixth')).rejects.toMatchObject({
      code: 'QUEUE_FULL',
    });
    answer = () => ok();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.every((c) => c.settled === 1 && (c.value as Response).status === 200)).toBe(true);
    expect(q.queue.size).toBe(0);
    expect((await q.queue.request('https://api.example/v1/sixth')).status).toBe(200);
  });
});

describe('RequestQueue on the platform clock (issue 13)', () => {
  /**
   * The client clock runs 2 minutes slow and the host hands over a 5-minute token 3 minutes
   * after it was minted (a cached one). Seen from here, `receivedAt − iat` is +1 minute: a
   * plausible skew, so the estimate alone gives the token 5 minutes when it has 2 left.
   */
  const SKEW = -2 * 60_000;
  const AGE = 3 * 60_000;

  function skewed(withDate: boolean) {
    let exp = 0;
    const platformNow = () => Date.now() - SKEW;
    const q = queueHarness({
      skewMs: SKEW,
      responder: (r) => {
        const headers: Record<string, string> = withDate
          ? { Date: new Date(platformNow()).toUTCString() }
          : {};
        if (r.token === first && platformNow() >= exp) {
          return Response.json(
            { error: 'invalid_token' },
            { status: 401, headers: { ...headers, 'WWW-Authenticate': 'Bearer error="invalid_token"' } },
          );
        }
        return ok({}, { headers });
      },
    });
    // Minted 3 minutes ago on the platform's clock, handed over now.
    const first = fakeToken({}, { now: PLATFORM_NOW - AGE, lifetimeSeconds: 300 });
    expect(q.tokens.install(first, { origin: HOST_ORIGIN }).ok).toBe(true);
    exp = PLATFORM_NOW - AGE + 300_000;
    return { q, first };
  }

  async function run(withDate: boolean) {
    const { q, first } = skewed(withDate);
    // The store accepted it as fresh: 5 minutes from now by its estimate.
    const record = q.tokens.current!;
    expect(record.expiresAt - Date.now()).toBe(300_000);
    await q.queue.request('https://api.example/v1/me');
    // 130 s later, past the token's end at the platform (120 s) but well inside the estimate's
    // 270 s, 500 calls go out.
    await vi.advanceTimersByTimeAsync(130_000);
    const calls = urls(500).map((url) => track(q.queue.request(url)));
    await flush();
    return { q, first, calls, record };
  }

  it('corrects the clock from the Date header: the token is judged expired here before the platform refuses it', async () => {
    const { q, first, calls, record } = await run(true);
    expect(q.tokens.platformOffsetMs).toBeGreaterThanOrEqual(-SKEW - 1000);
    expect(q.tokens.platformOffsetMs).toBeLessThanOrEqual(-SKEW + 1000);
    // Re-timed in place: 2 minutes of life left when it arrived, on the platform's clock.
    expect(q.tokens.current).toBe(record);
    expect(Math.abs(record.expiresAt - (PLATFORM_NOW + 120_000 + SKEW))).toBeLessThanOrEqual(1000);
    // Held here, not sent: no 401 at all, one TokenExpired, each call sent once.
    expect(q.requests.filter((r) => r.token === first)).toHaveLength(1);
    expect(q.asks.map((a) => a.reason)).toEqual(['expired']);
    q.give(300);
    await flush();
    expect(q.requests).toHaveLength(501);
    expect(calls.every((c) => c.settled === 1 && (c.value as Response).status === 200)).toBe(true);
  });

  it('without a Date header (the old behaviour) every call in flight goes out twice', async () => {
    const { q, first, calls } = await run(false);
    expect(q.requests.filter((r) => r.token === first)).toHaveLength(501);
    expect(q.asks.map((a) => a.reason)).toEqual(['rejected']);
    q.give(300);
    await flush();
    expect(q.requests).toHaveLength(1001);
    expect(calls.every((c) => c.settled === 1)).toBe(true);
  });
});
