import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '../errors.ts';
import { invalidToken, ok } from '../testing/fake-fetch.ts';
import { flush, queueHarness, track } from '../testing/queue-harness.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** A 300 s token is usable for 270 s (30 s leeway). */
const PAST_LEEWAY = 280_000;

const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://api.example/v1/items/${i}`);

describe('RequestQueue', () => {
  it('1. holds 50 calls on a locally expired token, asks once, then sends them in issue order', async () => {
    const q = queueHarness({ responder: (r) => ok({ url: r.url }) });
    q.give();
    vi.advanceTimersByTime(PAST_LEEWAY);

    const calls = urls(50).map((url) => q.queue.request(url));
    const states = calls.map(track);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(q.asks).toEqual([{ reason: 'expired', kind: 'legal_entity', at: expect.any(Number) }]);
    expect(q.requests).toHaveLength(0);
    expect(q.queue.heldCount).toBe(50);

    const t2 = q.give();
    expect(q.requests.map((r) => r.url)).toEqual(urls(50));
    expect(q.requests.every((r) => r.token === t2)).toBe(true);
    const bodies = await Promise.all(calls.map(async (c) => (await c).json()));
    expect(bodies).toEqual(urls(50).map((url) => ({ url })));
    expect(states.every((s) => s.settled === 1)).toBe(true);
    expect(q.asks).toHaveLength(1);
    expect(q.queue.size).toBe(0);
  });

  it('2. ten 401s on T1 cause one TokenExpired; each is replayed once with T2, with the calls made meanwhile', async () => {
    let t1 = '';
    const q = queueHarness({ responder: (r) => (r.token === t1 ? invalidToken() : ok({ url: r.url })) });
    t1 = q.give();
    const first = urls(10).map((url) => q.queue.request(url));
    await flush();
    expect(q.requests).toHaveLength(10);
    expect(q.asks.map((a) => a.reason)).toEqual(['rejected']);

    const later = ['https://api.example/v1/late/1', 'https://api.example/v1/late/2'];
    const meanwhile = later.map((url) => q.queue.request(url));
    expect(q.requests).toHaveLength(10);

    const t2 = q.give();
    await Promise.all([...first, ...meanwhile]);
    const after = q.requests.slice(10);
    expect(after.map((r) => r.url)).toEqual([...urls(10), ...later]);
    expect(after.every((r) => r.token === t2)).toBe(true);
    expect(q.requests.filter((r) => r.token === t1)).toHaveLength(10);
    expect(q.asks).toHaveLength(1);
  });

  it('3. replays a late 401 for T1 at once with T2, without a new refresh', async () => {
    let t1 = '';
    const q = queueHarness({
      responder: (r) => (r.url.endsWith('/slow') ? undefined : r.token === t1 ? invalidToken() : ok()),
    });
    t1 = q.give();
    const slow = q.queue.request('https://api.example/v1/slow');
    const fast = q.queue.request('https://api.example/v1/fast');
    await flush();
    expect(q.asks).toHaveLength(1);
    const t2 = q.give();
    await fast;

    // The platform's answer to the slow call, sent with T1, arrives only now.
    q.requests[0]!.respond(invalidToken());
    await flush();
    const replay = q.requests.at(-1)!;
    expect(replay.url).toBe('https://api.example/v1/slow');
    expect(replay.token).toBe(t2);
    replay.respond(ok());
    expect((await slow).status).toBe(200);
    expect(q.asks).toHaveLength(1);
  });

  it('4. fails a call refused again after its replay, without a second refresh; a breaker caps refreshes', async () => {
    const q = queueHarness({ responder: () => invalidToken() });
    q.give();
    const a = track(q.queue.request('https://api.example/v1/a'));
    await flush();
    expect(q.asks).toHaveLength(1);
    q.give();
    await flush();
    expect(a.error).toBeInstanceOf(ApiClientError);
    expect(a.error).toMatchObject({ code: 'TOKEN_REJECTED', name: 'ApiClientError' });
    expect(q.requests).toHaveLength(2);
    expect(q.asks).toHaveLength(1);

    // A host that keeps handing over refused tokens: 3 refreshes a minute, then fail fast.
    for (const name of ['b', 'c']) {
      const call = track(q.queue.request(`https://api.example/v1/${name}`));
      await flush();
      q.give();
      await flush();
      expect(call.error).toMatchObject({ code: 'TOKEN_REJECTED' });
    }
    expect(q.asks).toHaveLength(3);
    const d = track(q.queue.request('https://api.example/v1/d'));
    await flush();
    expect(d.error).toMatchObject({ code: 'REFRESH_LIMITED' });
    expect(q.asks).toHaveLength(3);
    expect(q.eventsOf('refreshFailure')).toEqual([
      { type: 'refreshFailure', code: 'REFRESH_LIMITED', durationMs: 0, rejected: 1 },
    ]);

    // Once the window has passed, the next call may refresh again.
    await vi.advanceTimersByTimeAsync(60_000);
    q.queue.request('https://api.example/v1/e').catch(() => {});
    await flush();
    expect(q.asks).toHaveLength(4);
  });

  it('4b. counts only refreshes whose token the platform never accepted: 10 s tokens expiring one after another never open the breaker', async () => {
    const q = queueHarness({ responder: () => ok() });
    q.give(10);
    for (let round = 1; round <= 6; round++) {
      // Past the token's expiry: the next call is held and the host asked for a new one.
      await vi.advanceTimersByTimeAsync(10_000);
      const call = track(q.queue.request(`https://api.example/v1/round/${round}`));
      await flush();
      expect(q.asks).toHaveLength(round);
      q.give(10);
      await flush();
      expect(call.error).toBeUndefined();
      expect(call.settled).toBe(1);
    }
    expect(q.eventsOf('refreshFailure')).toEqual([]);
  });

  it('5. re-sends TokenExpired with back-off while the host is silent, then fails every held call and starts afresh', async () => {
    const q = queueHarness({ responder: () => ok() });
    q.give();
    vi.advanceTimersByTime(PAST_LEEWAY);
    const start = Date.now();
    const held = urls(5).map((url) => track(q.queue.request(url)));

    await vi.advanceTimersByTimeAsync(29_999);
    expect(q.asks.map((a) => a.at - start)).toEqual([0, 4_000, 12_000, 28_000]);
    expect(held.every((h) => h.settled === 0)).toBe(true);

    await vi.advanceTimersByTimeAsync(1);
    for (const h of held) expect(h.error).toMatchObject({ code: 'REFRESH_TIMEOUT' });
    expect(q.queue.size).toBe(0);
    expect(q.queue.heldCount).toBe(0);
    expect(q.queue.refreshing).toBe(false);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(q.asks).toHaveLength(4);
    expect(q.requests).toHaveLength(0);

    const later = q.queue.request('https://api.example/v1/later');
    expect(q.asks).toHaveLength(5);
    q.give();
    expect((await later).status).toBe(200);
  });

  it('7. rejects an aborted call at once with an AbortError, held or in flight, and never sends a held one', async () => {
    const q = queueHarness();
    const controller = new AbortController();
    const held = q.queue.request('https://api.example/v1/held', { signal: controller.signal });
    controller.abort();
    const error = await held.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(q.queue.size).toBe(0);
    q.give();
    expect(q.requests).toHaveLength(0);

    const inFlight = new AbortController();
    const sent = q.queue.request('https://api.example/v1/sent', { signal: inFlight.signal });
    expect(q.requests).toHaveLength(1);
    inFlight.abort();
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
    expect(q.requests[0]!.signal?.aborted).toBe(true);

    const already = AbortSignal.abort();
    await expect(q.queue.request('https://api.example/v1/x', { signal: already })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(q.requests).toHaveLength(1);
  });

  it("7b. lets go of the caller's signal once a call is answered, and aborting it later still cancels the body", async () => {
    const q = queueHarness({ responder: () => ok() });
    q.give();
    const shared = new AbortController();
    const listeners = new Set<unknown>();
    const add = shared.signal.addEventListener.bind(shared.signal);
    const remove = shared.signal.removeEventListener.bind(shared.signal);
    vi.spyOn(shared.signal, 'addEventListener').mockImplementation((type, listener, options) => {
      if (type === 'abort') listeners.add(listener);
      add(type, listener, options);
    });
    vi.spyOn(shared.signal, 'removeEventListener').mockImplementation((type, listener, options) => {
      if (type === 'abort') listeners.delete(listener);
      remove(type, listener, options);
    });

    const answers = await Promise.all(urls(20).map((url) => q.queue.request(url, { signal: shared.signal })));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(listeners.size).toBe(0);

    // The response is the caller's now; aborting reaches its fetch as with a plain fetch.
    shared.abort();
    expect(q.requests.every((r) => r.signal?.aborted)).toBe(true);
    expect(q.eventsOf('callRejected')).toEqual([]);
  });

  it('8. has one deadline for waiting and sending together', async () => {
    const q = queueHarness();
    const call = track(q.queue.request('https://api.example/v1/slow', { timeoutMs: 10_000 }));
    await vi.advanceTimersByTimeAsync(6_000);
    q.give();
    expect(q.requests).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(3_999);
    expect(call.settled).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.error).toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    expect(q.requests[0]!.signal?.aborted).toBe(true);
  });

  it('9. is bounded: overflow fails at once; logout rejects every pending call', async () => {
    const q = queueHarness({ maxPending: 3, responder: () => ok() });
    const pending = urls(3).map((url) => track(q.queue.request(url)));
    await expect(q.queue.request('https://api.example/v1/one-too-many')).rejects.toMatchObject({
      code: 'QUEUE_FULL',
    });
    expect(q.queue.size).toBe(3);

    q.tokens.clear();
    await flush();
    for (const p of pending) expect(p.error).toMatchObject({ code: 'LOGGED_OUT' });
    expect(q.queue.size).toBe(0);

    // Calls after the logout wait for the next token.
    const after = q.queue.request('https://api.example/v1/after');
    expect(q.requests).toHaveLength(0);
    q.give(300, { kind: 'legal_entity' });
    expect((await after).status).toBe(200);
  });

  it('15. reports refreshes and calls as events with counts and durations', async () => {
    const q = queueHarness({ responder: () => ok() });
    q.give();
    vi.advanceTimersByTime(PAST_LEEWAY);
    const calls = urls(2).map((url) => q.queue.request(url));
    await vi.advanceTimersByTimeAsync(5_000);
    q.give();
    await Promise.all(calls);

    expect(q.events).toEqual([
      { type: 'callQueued', id: 1, method: 'GET', url: urls(2)[0], reason: 'expired', held: 1 },
      { type: 'refreshStart', reason: 'expired', kind: 'legal_entity', early: false, held: 1 },
      { type: 'callQueued', id: 2, method: 'GET', url: urls(2)[1], reason: 'refreshing', held: 2 },
      { type: 'refreshSuccess', durationMs: 5_000, requests: 2, released: 2 },
      { type: 'callReplayed', id: 1, method: 'GET', url: urls(2)[0], attempt: 1, heldMs: 5_000 },
      { type: 'callReplayed', id: 2, method: 'GET', url: urls(2)[1], attempt: 1, heldMs: 5_000 },
    ]);

    vi.advanceTimersByTime(PAST_LEEWAY);
    const timedOut = q.queue.request('https://api.example/v1/t').catch(() => {});
    await vi.advanceTimersByTimeAsync(30_000);
    await timedOut;
    expect(q.events.slice(-2)).toEqual([
      {
        type: 'callRejected',
        id: 3,
        method: 'GET',
        url: 'https://api.example/v1/t',
        code: 'REFRESH_TIMEOUT',
        heldMs: 30_000,
      },
      { type: 'refreshTimeout', durationMs: 30_000, requests: 4, rejected: 1 },
    ]);
  });

  it('never sends a call without a token, and fails network errors with their cause', async () => {
    const cause = new TypeError('Failed to fetch');
    const q = queueHarness({ responder: () => Promise.reject(cause), retry: { retries: 0 } });
    const call = q.queue.request('https://api.example/v1/x');
    expect(q.requests).toHaveLength(0);
    q.give();
    const error = await call.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', cause });
    expect(q.requests.every((r) => r.token !== null)).toBe(true);
  });

  it('resolves error statuses other than invalid_token as responses, and a 401 without it is not a refresh', async () => {
    const q = queueHarness({
      responder: (r) =>
        r.url.endsWith('/missing')
          ? Response.json({ error: 'not_found', error_description: 'No such project.' }, { status: 404 })
          : Response.json(
              { error: 'invalid_request' },
              { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
            ),
    });
    q.give();
    expect((await q.queue.request('https://api.example/v1/missing')).status).toBe(404);
    expect((await q.queue.request('https://api.example/v1/other')).status).toBe(401);
    expect(q.asks).toHaveLength(0);
  });

  it('destroy() rejects pending calls with DESTROYED and refuses new ones', async () => {
    const q = queueHarness();
    const call = track(q.queue.request('https://api.example/v1/x'));
    q.queue.destroy();
    q.queue.destroy();
    await flush();
    expect(call.error).toMatchObject({ code: 'DESTROYED' });
    await expect(q.queue.request('https://api.example/v1/y')).rejects.toMatchObject({ code: 'DESTROYED' });
  });

  it('copes with a host that answers TokenExpired synchronously', async () => {
    let q: ReturnType<typeof queueHarness> | undefined;
    q = queueHarness({ responder: () => ok(), onTokenRequest: () => q?.give() });
    q.give();
    vi.advanceTimersByTime(PAST_LEEWAY);
    expect((await q.queue.request('https://api.example/v1/x')).status).toBe(200);
    expect(q.asks).toHaveLength(1);
    expect(q.queue.refreshing).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
