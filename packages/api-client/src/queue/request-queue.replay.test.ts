import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordedRequest } from '../testing/fake-fetch.ts';
import { invalidToken, ok } from '../testing/fake-fetch.ts';
import { flush, queueHarness } from '../testing/queue-harness.ts';
import type { RequestOptions } from './request-queue.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** Every first attempt is refused (T1), every replay accepted (T2). */
function refusingFirstAttempts() {
  let t1 = '';
  const q = queueHarness({ responder: (r) => (r.token === t1 ? invalidToken() : ok()) });
  t1 = q.give();
  return q;
}

/** Sends one call that is refused once and replayed; returns both attempts. */
async function sendTwice(options: RequestOptions, mutate?: () => void) {
  const q = refusingFirstAttempts();
  const call = q.queue.request('https://api.example/v1/upload', options);
  mutate?.();
  await flush();
  q.give();
  expect((await call).status).toBe(200);
  expect(q.requests).toHaveLength(2);
  return q.requests as [RecordedRequest, RecordedRequest];
}

const headersOf = (r: RecordedRequest) =>
  Object.fromEntries([...r.headers].filter(([name]) => name !== 'authorization'));

describe('RequestQueue replays', () => {
  const bytes = new Uint8Array([0, 1, 2, 255]);
  const form = () => {
    const f = new FormData();
    f.append('name', 'Kitchen');
    f.append('plan', new File(['<svg/>'], 'plan.svg', { type: 'image/svg+xml' }));
    return f;
  };

  it.each<[string, () => RequestOptions, string]>([
    ['JSON', () => ({ method: 'PUT', json: { name: 'Kitchen', items: [] } }), 'application/json'],
    ['text', () => ({ method: 'POST', body: 'plain text' }), 'text/plain;charset=UTF-8'],
    [
      'a Blob',
      () => ({ method: 'POST', body: new Blob(['{"a":1}'], { type: 'application/json' }) }),
      'application/json',
    ],
    ['a buffer', () => ({ method: 'POST', body: bytes }), ''],
    [
      'search params',
      () => ({ method: 'POST', body: new URLSearchParams({ q: 'sofa' }) }),
      'application/x-www-form-urlencoded;charset=UTF-8',
    ],
    ['FormData', () => ({ method: 'POST', body: form() }), 'multipart/form-data; boundary='],
  ])('10. replays %s byte-identical with the same headers', async (_, options, contentType) => {
    const [first, replay] = await sendTwice({ ...options(), headers: { 'X-Trace': 'abc' } });
    const [a, b] = [await first.bytes(), await replay.bytes()];
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(headersOf(replay)).toEqual(headersOf(first));
    expect(first.headers.get('x-trace')).toBe('abc');
    expect(first.headers.get('content-type') ?? '').toContain(contentType);
    expect(first.token).not.toBe(replay.token);
  });

  it('10. replays what was sent even when the caller changes its buffer or form afterwards', async () => {
    const buffer = new Uint8Array([1, 2, 3]);
    const f = form();
    const [first, replay] = await sendTwice({ method: 'POST', body: buffer }, () => buffer.fill(9));
    expect(await replay.bytes()).toEqual(new Uint8Array([1, 2, 3]));
    expect(await first.bytes()).toEqual(new Uint8Array([1, 2, 3]));
    const [f1, f2] = await sendTwice({ method: 'POST', body: f }, () => f.append('late', 'x'));
    expect(new TextDecoder().decode(await f2.bytes())).not.toContain('late');
    expect(await f2.bytes()).toEqual(await f1.bytes());
  });

  it('10. refuses a stream body clearly instead of sending it (or replaying it empty)', async () => {
    const q = refusingFirstAttempts();
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array([1]));
        controller.close();
      },
    });
    await expect(
      q.queue.request('https://api.example/v1/upload', { method: 'POST', body: stream }),
    ).rejects.toMatchObject({
      name: 'ApiClientError',
      code: 'BODY_NOT_REPLAYABLE',
    });
    expect(q.requests).toHaveLength(0);
  });

  it('11. keeps the Idempotency-Key of a write across the replay; one key per logical call', async () => {
    const [first, replay] = await sendTwice({ method: 'POST', json: { name: 'Kitchen' } });
    const key = first.headers.get('Idempotency-Key');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(replay.headers.get('Idempotency-Key')).toBe(key);

    const q = queueHarness({ responder: () => ok() });
    q.give();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'GET']) {
      await q.queue.request('https://api.example/v1/x', { method });
    }
    const keys = q.requests.map((r) => r.headers.get('Idempotency-Key'));
    expect(keys.slice(0, 4).every((k) => k !== null)).toBe(true);
    expect(new Set(keys.slice(0, 4)).size).toBe(4);
    expect(keys[4]).toBeNull();

    await q.queue.request('https://api.example/v1/x', { method: 'POST', idempotencyKey: 'retry-of-42' });
    expect(q.requests.at(-1)!.headers.get('Idempotency-Key')).toBe('retry-of-42');
  });

  it('owns the Authorization header: a caller-supplied one is never sent', async () => {
    const q = queueHarness({ responder: () => ok() });
    const token = q.give();
    await q.queue.request('https://api.example/v1/x', { headers: { Authorization: 'Bearer stale' } });
    expect(q.requests[0]!.token).toBe(token);
  });
});
