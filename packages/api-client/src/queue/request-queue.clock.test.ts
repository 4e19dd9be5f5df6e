import { afterEach, describe, expect, it, vi } from 'vitest';
import { invalidToken, ok } from '../testing/fake-fetch.ts';
import { flush, queueHarness, track } from '../testing/queue-harness.ts';
import type { VisibilitySource } from './request-queue.ts';

afterEach(() => {
  vi.useRealTimers();
});

const MIN = 60_000;

describe('RequestQueue and time', () => {
  it.each([
    ['ahead', 5 * MIN],
    ['behind', -5 * MIN],
  ])('12. with the client clock 5 minutes %s: no loop and no unauthenticated request', async (_, skewMs) => {
    let give = (): string => '';
    const q = queueHarness({
      skewMs,
      responder: () => ok(),
      // The host answers each TokenExpired 2 s later with a token minted then.
      onTokenRequest: () => setTimeout(() => give(), 2_000),
    });
    give = () => q.give(300);
    give();

    // Ten minutes of steady use, one call every 10 s.
    for (let t = 0; t < 600; t += 10) {
      await q.queue.request(`https://api.example/v1/at/${t}`);
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect(q.requests).toHaveLength(60);
    expect(q.requests.every((r) => r.token !== null)).toBe(true);
    // One early refresh per 300 s token (at 240 s and 482 s), never a held call.
    expect(q.eventsOf('refreshStart').map((e) => e.early)).toEqual([true, true]);
    expect(q.asks).toHaveLength(2);
    expect(q.eventsOf('callQueued')).toHaveLength(0);
  });

  it('13. refreshes a 300 s token once near the end of its life; calls pause only inside the leeway', async () => {
    const q = queueHarness({ responder: () => ok() });
    const t1 = q.give(300);
    const begin = Date.now();
    const calls: Array<{ at: number; state: ReturnType<typeof track<Response>> }> = [];
    let t2 = '';
    for (let t = 0; t <= 290; t += 5) {
      if (t === 285) t2 = q.give(300);
      calls.push({ at: t, state: track(q.queue.request(`https://api.example/v1/at/${t}`)) });
      await vi.advanceTimersByTimeAsync(5_000);
    }
    expect(q.eventsOf('refreshStart')).toEqual([
      { type: 'refreshStart', reason: 'expired', kind: 'legal_entity', early: true, held: 0 },
    ]);
    expect(q.asks[0]!.at - begin).toBe(240_000);
    // Sent with T1 up to 265 s, held from 270 s (the leeway) until T2 arrived at 285 s.
    const heldIds = q.eventsOf('callQueued').map((e) => e.url.split('/').at(-1));
    expect(heldIds).toEqual(['270', '275', '280']);
    const byUrl = new Map(q.requests.map((r) => [r.url.split('/').at(-1), r.token]));
    for (const { at } of calls) expect(byUrl.get(String(at))).toBe(at < 270 ? t1 : t2);
    expect(calls.every((c) => c.state.settled === 1)).toBe(true);
  });

  it('13. an early refresh that turns blocking (a 401) gives held calls the full time-out from then', async () => {
    let refuse = false;
    const q = queueHarness({ responder: () => (refuse ? invalidToken() : ok()) });
    q.give(300);
    await vi.advanceTimersByTimeAsync(245_000);
    await q.queue.request('https://api.example/v1/early');
    expect(q.eventsOf('refreshStart').map((e) => e.early)).toEqual([true]);

    await vi.advanceTimersByTimeAsync(5_000);
    refuse = true;
    const held = track(q.queue.request('https://api.example/v1/refused'));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(held.settled).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(held.error).toMatchObject({ code: 'REFRESH_TIMEOUT' });
    expect(q.eventsOf('refreshStart')).toHaveLength(1);
  });

  it('14. after the tab sleeps, becoming visible checks the token once and refreshes at most once', async () => {
    class FakeDocument extends EventTarget implements VisibilitySource {
      visibilityState: DocumentVisibilityState = 'visible';
    }
    const doc = new FakeDocument();
    const q = queueHarness({
      visibility: doc,
      responder: (r) => (r.url.endsWith('/slow') ? undefined : ok()),
    });
    q.give(300);
    const waiting = track(q.queue.request('https://api.example/v1/slow', { timeoutMs: 20_000 }));
    await flush();

    // The tab sleeps for an hour: the clock moves on, timers stay frozen.
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    vi.setSystemTime(Date.now() + 60 * MIN);
    expect(q.asks).toHaveLength(0);

    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(q.asks.map((a) => a.reason)).toEqual(['expired']);
    await flush();
    expect(waiting.error).toMatchObject({ code: 'DEADLINE_EXCEEDED' });

    const next = q.queue.request('https://api.example/v1/next');
    expect(q.asks).toHaveLength(1);
    expect(q.requests.map((r) => r.url)).toEqual(['https://api.example/v1/slow']);
    q.give(300);
    expect((await next).status).toBe(200);
    expect(q.requests.at(-1)!.url).toBe('https://api.example/v1/next');

    q.queue.destroy();
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(q.asks).toHaveLength(1);
  });
});
