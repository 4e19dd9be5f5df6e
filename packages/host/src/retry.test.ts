import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { retry, TOKEN_ATTEMPTS, TOKEN_BACKOFF_MS } from './retry.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('retry', () => {
  it('returns the first success without waiting', async () => {
    const attempt = vi.fn(async () => 'token');

    await expect(retry(attempt, 1000)).resolves.toBe('token');
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('waits 500 ms, then 1 s, between attempts, and gives up after the third', async () => {
    const started: number[] = [];
    const last = new Error('third');
    const attempt = vi.fn(async () => {
      started.push(Date.now());
      throw started.length === TOKEN_ATTEMPTS ? last : new Error('not yet');
    });
    const t0 = Date.now();
    const outcome = retry(attempt, 1000).catch((error: unknown) => error);

    await vi.advanceTimersByTimeAsync(10_000);

    expect(started.map((t) => t - t0)).toEqual([0, TOKEN_BACKOFF_MS, 3 * TOKEN_BACKOFF_MS]);
    expect(await outcome).toMatchObject({ code: 'TOKEN_PROVIDER_FAILED', cause: last });
  });

  it('gives each attempt its own deadline', async () => {
    const attempt = vi
      .fn<() => Promise<string>>()
      .mockReturnValueOnce(new Promise(() => {}))
      .mockResolvedValueOnce('second');
    const outcome = retry(attempt, 1000);

    await vi.advanceTimersByTimeAsync(999);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1 + TOKEN_BACKOFF_MS);

    await expect(outcome).resolves.toBe('second');
  });
});
