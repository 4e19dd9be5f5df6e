import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../testing/fake-fetch.ts';
import { fakeNetwork, flush, queueHarness, track } from '../testing/queue-harness.ts';

afterEach(() => {
  vi.useRealTimers();
});

const URL_ = 'https://api.example/v1/projects';

describe('RequestQueue offline', () => {
  it('while offline, calls wait instead of failing, and go out in issue order on `online`', async () => {
    const network = fakeNetwork(false);
    const q = queueHarness({ network, responder: (r) => ok({ url: r.url }) });
    q.give();
    expect(q.queue.online).toBe(false);
    const calls = [1, 2, 3].map((n) => track(q.queue.request(`${URL_}/${n}`)));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(q.requests).toHaveLength(0);
    expect(calls.every((c) => c.settled === 0)).toBe(true);
    expect(q.queue.offlineCount).toBe(3);
    expect(q.eventsOf('callQueued').map((e) => [e.reason, e.held])).toEqual([
      ['offline', 1],
      ['offline', 2],
      ['offline', 3],
    ]);

    network.set(true);
    await flush();
    expect(q.requests.map((r) => r.url)).toEqual([1, 2, 3].map((n) => `${URL_}/${n}`));
    expect(calls.every((c) => c.settled === 1 && (c.value as Response).status === 200)).toBe(true);
    expect(q.eventsOf('networkChange')).toEqual([{ type: 'networkChange', online: true, waiting: 3 }]);
    expect(q.eventsOf('callReplayed').map((e) => e.heldMs)).toEqual([30_000, 30_000, 30_000]);
  });

  it('a keyed save whose fetch fails as the network drops waits for `online`, then is sent once more with its key', async () => {
    const network = fakeNetwork(true);
    const q = queueHarness({ network });
    q.give();
    const save = track(q.queue.request(URL_, { method: 'PUT', json: { name: 'Kitchen' } }));
    await flush();
    network.set(false);
    q.requests[0]!.fail(new TypeError('Failed to fetch'));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(q.requests).toHaveLength(1);
    expect(save.settled).toBe(0);
    // Waiting for the network spends no retry.
    expect(q.eventsOf('callRetried')).toHaveLength(0);
    expect(q.eventsOf('networkChange')).toEqual([{ type: 'networkChange', online: false, waiting: 0 }]);

    network.set(true);
    await flush();
    expect(q.requests).toHaveLength(2);
    expect(q.requests[1]!.headers.get('Idempotency-Key')).toBe(q.requests[0]!.headers.get('Idempotency-Key'));
    q.requests[1]!.respond(ok());
    await flush();
    expect(save.settled).toBe(1);
  });

  it('a write without a key that failed as the network dropped fails with NETWORK_ERROR', async () => {
    const network = fakeNetwork(true);
    const q = queueHarness({ network });
    q.give();
    const write = track(q.queue.request(URL_, { method: 'POST', idempotencyKey: false }));
    await flush();
    network.set(false);
    q.requests[0]!.fail(new TypeError('Failed to fetch'));
    await flush();
    expect(write.error).toMatchObject({ code: 'NETWORK_ERROR' });
    // One issued while offline is never sent, so it can wait safely.
    const later = track(q.queue.request(URL_, { method: 'POST', idempotencyKey: false }));
    network.set(true);
    await flush();
    expect(q.requests).toHaveLength(2);
    q.requests[1]!.respond(ok());
    await flush();
    expect(later.settled).toBe(1);
  });

  it('waiting offline is bounded by the deadline and by abort', async () => {
    const network = fakeNetwork(false);
    const q = queueHarness({ network, responder: () => ok() });
    q.give();
    const timed = track(q.queue.request(URL_, { timeoutMs: 5_000 }));
    const controller = new AbortController();
    const aborted = track(q.queue.request(URL_, { signal: controller.signal }));
    controller.abort();
    await flush();
    expect(aborted.error).toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(timed.error).toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    expect(q.queue.offlineCount).toBe(0);
    network.set(true);
    await flush();
    expect(q.requests).toHaveLength(0);
  });

  it('an expired token found on return is refreshed once; the calls then go with the new token', async () => {
    const network = fakeNetwork(false);
    const q = queueHarness({ network, responder: () => ok() });
    q.give(300);
    const calls = Array.from({ length: 5 }, () => track(q.queue.request(URL_, { timeoutMs: Infinity })));
    await vi.advanceTimersByTimeAsync(290_000);
    expect(q.asks).toHaveLength(0);
    network.set(true);
    expect(q.asks.map((a) => a.reason)).toEqual(['expired']);
    const t2 = q.give();
    await flush();
    expect(q.requests.map((r) => r.token)).toEqual(Array(5).fill(t2));
    expect(calls.every((c) => c.settled === 1)).toBe(true);
  });

  it('destroy() stops listening to the network', () => {
    const network = fakeNetwork(true);
    const q = queueHarness({ network });
    expect(network.listeners()).toBe(2);
    q.queue.destroy();
    expect(network.listeners()).toBe(0);
  });
});
