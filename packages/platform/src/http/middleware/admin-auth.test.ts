import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, TEST_ADMIN_TOKEN, type TestPlatform } from '../../testing/test-platform.ts';

let tp: TestPlatform;

beforeAll(async () => {
  // One trusted proxy: each test speaks from its own addresses via X-Forwarded-For.
  tp = await startTestPlatform({
    trustedProxies: 1,
    rateLimits: { operatorFailures: { limit: 3, windowSeconds: 600 } },
  });
});
afterAll(() => tp.close());

const WRONG = `adm_${'x'.repeat(40)}`;
const list = (address: string, token?: string) =>
  fetch(`${tp.url}/admin/api/legal-entities`, {
    headers: {
      'X-Forwarded-For': address,
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
    },
  });

describe('the operator token has a failure rate limit', () => {
  it('answers 429 after the limit of wrong tokens from one address; the right token from another still works', async () => {
    const guesser = '198.51.100.60';
    for (let i = 0; i < 3; i++) expect((await list(guesser, WRONG)).status).toBe(401);
    const blocked = await list(guesser, WRONG);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({ error: 'rate_limited' });
    // The guesser's address is blocked even with the right token...
    expect((await list(guesser, TEST_ADMIN_TOKEN)).status).toBe(429);
    // ...the operator, elsewhere, is not.
    expect((await list('203.0.113.60', TEST_ADMIN_TOKEN)).status).toBe(200);
  });

  it('counts a parallel burst of wrong tokens exactly', async () => {
    const burst = await Promise.all(Array.from({ length: 6 }, () => list('198.51.100.61', WRONG)));
    expect(burst.map((r) => r.status).sort()).toEqual([401, 401, 401, 429, 429, 429]);
  });

  it('does not count a request without a token', async () => {
    const address = '198.51.100.62';
    for (let i = 0; i < 5; i++) expect((await list(address)).status).toBe(401);
    expect((await list(address, TEST_ADMIN_TOKEN)).status).toBe(200);
  });
});
