import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, type RecordedRequest } from '../testing/fake-fetch.ts';
import { flush, PLATFORM_NOW, queueHarness, track } from '../testing/queue-harness.ts';

afterEach(() => {
  vi.useRealTimers();
});

const URL_ = 'https://api.example/v1/projects';
const dropped = () => Promise.reject(new TypeError('Failed to fetch'));
const status = (code: number, headers: Record<string, string> = {}) =>
  Response.json({ error: 'busy' }, { status: code, headers });

/** Answers the first `n` requests with `first`, the rest with 200. */
const failing =
  (n: number, first: () => Response | Promise<Response>) =>
  (r: RecordedRequest): Response | Promise<Response> => {
    void r;
    return n-- > 0 ? first() : ok();
  };

describe('RequestQueue retries', () => {
  it('retries a read after a network error with capped, jittered exponential back-off', async () => {
    // Jitter at its top: each back-off is just under its cap, 300 × 2^(n-1) up to 1 000 ms.
    const q = queueHarness({
      responder: failing(4, dropped),
      random: () => 0.999,
      retry: { maxDelayMs: 1_000 },
    });
    q.give();
    const call = track(q.queue.request(URL_));
    await flush();
    expect(q.requests).toHaveLength(1);
    expect(q.eventsOf('callRetried').map((e) => [e.retry, e.delayMs, e.cause])).toEqual([
      [1, 299, 'network'],
    ]);

    await vi.advanceTimersByTimeAsync(298);
    expect(q.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(q.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(599 + 999 + 999);
    expect(q.requests).toHaveLength(5);
    expect(q.eventsOf('callRetried').map((e) => e.delayMs)).toEqual([299, 599, 999, 999]);
    expect(call.settled).toBe(1);
    expect((call.value as Response).status).toBe(200);
  });

  it('full jitter: the back-off is random in [0, cap)', async () => {
    const q = queueHarness({ responder: failing(1, dropped), random: () => 0 });
    q.give();
    const call = q.queue.request(URL_);
    await flush();
    expect(q.eventsOf('callRetried')[0]!.delayMs).toBe(0);
    await flush();
    expect((await call).status).toBe(200);
    expect(q.requests).toHaveLength(2);
  });

  it('gives up after `retries` and fails with NETWORK_ERROR', async () => {
    const q = queueHarness({ responder: dropped, random: () => 0.5, retry: { retries: 2 } });
    q.give();
    const call = track(q.queue.request(URL_));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(q.requests).toHaveLength(3);
    expect(call.error).toMatchObject({ code: 'NETWORK_ERROR' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([408, 429, 502, 503, 504])('retries a %i', async (code) => {
    const q = queueHarness({ responder: failing(1, () => status(code)), random: () => 0.5 });
    q.give();
    const call = q.queue.request(URL_);
    await vi.advanceTimersByTimeAsync(150);
    expect((await call).status).toBe(200);
    expect(q.requests).toHaveLength(2);
    expect(q.eventsOf('callRetried').map((e) => e.cause)).toEqual([code]);
  });

  it.each([400, 403, 404, 409, 412, 500, 501])('hands a %i to the caller at once', async (code) => {
    const q = queueHarness({ responder: () => status(code) });
    q.give();
    expect((await q.queue.request(URL_)).status).toBe(code);
    expect(q.requests).toHaveLength(1);
    expect(q.eventsOf('callRetried')).toHaveLength(0);
  });

  it('the last retryable answer goes to the caller once retries are used up', async () => {
    const q = queueHarness({ responder: () => status(503), random: () => 0.5, retry: { retries: 3 } });
    q.give();
    const call = track(q.queue.request(URL_));
    await vi.advanceTimersByTimeAsync(10_000);
    expect((call.value as Response).status).toBe(503);
    expect(q.requests).toHaveLength(4);
  });

  it('Retry-After in seconds is honoured, not the back-off', async () => {
    const q = queueHarness({ responder: failing(1, () => status(429, { 'Retry-After': '7' })) });
    q.give();
    const call = track(q.queue.request(URL_));
    await flush();
    expect(q.eventsOf('callRetried').map((e) => e.delayMs)).toEqual([7_000]);
    await vi.advanceTimersByTimeAsync(6_999);
    expect(q.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(q.requests).toHaveLength(2);
    expect(call.settled).toBe(1);
  });

  it('Retry-After as an HTTP date is honoured, on the platform clock', async () => {
    const at = new Date(PLATFORM_NOW + 12_000).toUTCString();
    const q = queueHarness({ responder: failing(1, () => status(503, { 'Retry-After': at })) });
    q.give();
    const call = track(q.queue.request(URL_));
    await vi.advanceTimersByTimeAsync(11_999);
    expect(q.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(q.requests).toHaveLength(2);
    expect(call.settled).toBe(1);
  });

  it('a Retry-After longer than maxRetryAfterMs, or past the deadline, returns the answer at once', async () => {
    const q = queueHarness({
      responder: () => status(429, { 'Retry-After': '120' }),
      retry: { maxRetryAfterMs: 60_000 },
    });
    q.give();
    expect((await q.queue.request(URL_)).status).toBe(429);
    const q2 = queueHarness({ responder: () => status(503, { 'Retry-After': '5' }) });
    q2.give();
    expect((await q2.queue.request(URL_, { timeoutMs: 4_000 })).status).toBe(503);
    expect(q.requests).toHaveLength(1);
    expect(q2.requests).toHaveLength(1);
  });

  it('a back-off that would end past the deadline is not started: NETWORK_ERROR at once', async () => {
    const q = queueHarness({ responder: dropped, random: () => 0.999, retry: { baseDelayMs: 2_000 } });
    q.give();
    const call = track(q.queue.request(URL_, { timeoutMs: 1_000 }));
    await flush();
    expect(call.error).toMatchObject({ code: 'NETWORK_ERROR' });
    expect(q.requests).toHaveLength(1);
  });

  it('a keyed write is retried with the same Idempotency-Key and the same bytes', async () => {
    const q = queueHarness({ responder: failing(2, dropped), random: () => 0.5 });
    q.give();
    const call = track(q.queue.request(URL_, { method: 'PUT', json: { name: 'Kitchen' } }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect((call.value as Response).status).toBe(200);
    expect(q.requests).toHaveLength(3);
    const keys = new Set(q.requests.map((r) => r.headers.get('Idempotency-Key')));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    const bodies = await Promise.all(q.requests.map(async (r) => new TextDecoder().decode(await r.bytes())));
    expect(new Set(bodies)).toEqual(new Set(['{"name":"Kitchen"}']));
  });

  it('a write without Idempotency-Key is not retried: not after a network error, not after a 503', async () => {
    const q = queueHarness({ responder: failing(1, dropped), random: () => 0 });
    q.give();
    const lost = track(q.queue.request(URL_, { method: 'POST', json: {}, idempotencyKey: false }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lost.error).toMatchObject({ code: 'NETWORK_ERROR' });
    expect(q.requests).toHaveLength(1);
    expect(q.requests[0]!.headers.has('Idempotency-Key')).toBe(false);

    const q2 = queueHarness({ responder: failing(1, () => status(503)), random: () => 0 });
    q2.give();
    const busy = q2.queue.request(URL_, { method: 'DELETE', idempotencyKey: false });
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await busy).status).toBe(503);
    expect(q2.requests).toHaveLength(1);
    expect(q.eventsOf('callRetried')).toHaveLength(0);
    expect(q2.eventsOf('callRetried')).toHaveLength(0);
  });

  it('abort cancels a pending back-off: the call rejects at once and is never sent again', async () => {
    const q = queueHarness({ responder: dropped, random: () => 0.999 });
    q.give();
    const controller = new AbortController();
    const call = track(q.queue.request(URL_, { signal: controller.signal }));
    await flush();
    expect(q.eventsOf('callRetried')).toHaveLength(1);
    controller.abort();
    await flush();
    expect(call.error).toMatchObject({ name: 'AbortError' });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(q.requests).toHaveLength(1);
    expect(q.queue.size).toBe(0);
  });

  it("a hung retry meets the call's deadline: DEADLINE_EXCEEDED, nothing left running", async () => {
    let sent = 0;
    const q = queueHarness({
      responder: () => (sent++ === 0 ? dropped() : undefined),
      random: () => 0.999,
    });
    q.give();
    const call = track(q.queue.request(URL_, { timeoutMs: 5_000 }));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(q.requests).toHaveLength(2);
    expect(call.settled).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.error).toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    expect(q.requests[1]!.signal?.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a retry meets an expired token like a first send: held, one TokenExpired, then sent', async () => {
    const q = queueHarness({ responder: failing(1, () => status(503, { 'Retry-After': '50' })) });
    q.give(60); // usable for 45 s (the leeway is a quarter of its life)
    const call = track(q.queue.request(URL_));
    await vi.advanceTimersByTimeAsync(50_000);
    expect(q.requests).toHaveLength(1);
    expect(q.asks.map((a) => a.reason)).toEqual(['expired']);
    expect(q.eventsOf('callQueued').map((e) => e.reason)).toEqual(['expired']);
    const t2 = q.give();
    await flush();
    expect(q.requests.map((r) => r.token)).toEqual([expect.any(String), t2]);
    expect((call.value as Response).status).toBe(200);
  });

  it("a keyed write answered 409 'in progress' (a retry that overtook its first send) asks again; a 422 reuse does not", async () => {
    const inProgress = () =>
      Response.json(
        {
          error: 'idempotency_key_reused',
          error_description: 'A request with this Idempotency-Key is in progress.',
        },
        { status: 409 },
      );
    const q = queueHarness({ responder: failing(1, inProgress), random: () => 0.5 });
    q.give();
    const save = track(q.queue.request(URL_, { method: 'PUT', json: {} }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect((save.value as Response).status).toBe(200);
    expect(q.eventsOf('callRetried').map((e) => e.cause)).toEqual([409]);

    const reused = () => Response.json({ error: 'idempotency_key_reused' }, { status: 422 });
    const other = () => Response.json({ error: 'conflict' }, { status: 409 });
    for (const answer of [reused, other]) {
      const q2 = queueHarness({ responder: answer });
      q2.give();
      const response = await q2.queue.request(URL_, { method: 'PUT', json: {} });
      expect(response.status).toBe(answer === reused ? 422 : 409);
      expect(await response.json()).toHaveProperty('error');
      expect(q2.requests).toHaveLength(1);
    }
  });
});
