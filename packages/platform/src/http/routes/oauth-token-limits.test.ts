import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basic,
  consumerFor,
  onboardHost,
  postForm,
  startTestPlatform,
  type TestPlatform,
} from '../../testing/test-platform.ts';

/**
 * Rate limits of the token URL (RFC 6749 §4.3.2). The platform trusts one proxy, so each
 * test speaks from addresses of its own through `X-Forwarded-For`, as a proxy would tell.
 */
let tp: TestPlatform;
let alice: Awaited<ReturnType<typeof consumerFor>>;
let bob: Awaited<ReturnType<typeof consumerFor>>;

beforeAll(async () => {
  tp = await startTestPlatform({
    trustedProxies: 1,
    rateLimits: {
      tokenRequests: { limit: 8, windowSeconds: 600 },
      authFailures: { limit: 5, windowSeconds: 600 },
      consumerFailures: { limit: 3, windowSeconds: 600 },
    },
  });
  const host = await onboardHost(tp);
  alice = await consumerFor(tp, host.legalEntity.id, 'alice');
  bob = await consumerFor(tp, host.legalEntity.id, 'bob');
});
afterAll(() => tp.close());

type Consumer = { consumerKey: string; consumerSecret: string };
const WRONG = `cs_${'0'.repeat(43)}`;

const from = (address: string) => ({ 'X-Forwarded-For': address });
const passwordGrant = (address: string, c: Consumer, secret = c.consumerSecret) =>
  postForm(
    tp,
    '/oauth/token',
    { grant_type: 'password', username: c.consumerKey, password: secret },
    from(address),
  );
const clientCredentials = (address: string, c: Consumer, secret = c.consumerSecret) =>
  postForm(
    tp,
    '/oauth/token',
    { grant_type: 'client_credentials' },
    { ...from(address), Authorization: basic(c.consumerKey, secret) },
  );
const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

async function expectRateLimited(res: Response) {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(await res.json()).toMatchObject({ error: 'rate_limited' });
}

describe('token URL rate limits', () => {
  it('lets exactly the limit of a parallel burst through', async () => {
    const burst = await Promise.all(Array.from({ length: 14 }, () => clientCredentials('192.0.2.1', alice)));
    expect(statuses(burst)).toEqual([...Array(8).fill(200), ...Array(6).fill(429)]);
    await expectRateLimited(burst.find((r) => r.status === 429)!);
    // Another address is not affected.
    expect((await clientCredentials('192.0.2.2', alice)).status).toBe(200);
  });

  it('counts a parallel burst of wrong secrets: never more than the limit answered, the rest 429', async () => {
    const burst = await Promise.all(
      Array.from({ length: 7 }, () => clientCredentials('192.0.2.3', bob, WRONG)),
    );
    // Never more failures answered than the consumer's limit, and the rest refused. On
    // PostgreSQL the two buckets (per consumer and address, per address) count the burst in
    // orders of their own, so a request within the first bucket's 3 may be the second's 6th
    // and get a 429 too: fewer than 3 answered is stricter, never looser.
    const answered = statuses(burst).filter((s) => s === 401).length;
    expect(answered).toBeGreaterThanOrEqual(1);
    expect(answered).toBeLessThanOrEqual(3);
    expect(statuses(burst)).toEqual([...Array(answered).fill(401), ...Array(7 - answered).fill(429)]);
    if (!process.env.DATABASE_URL) expect(answered).toBe(3);
  });

  it("never locks a consumer out from an address that has not failed; the attacker's address is blocked", async () => {
    const attacker = '198.51.100.7';
    for (let i = 0; i < 3; i++) {
      expect((await passwordGrant(attacker, alice, WRONG)).status).toBe(400);
    }
    await expectRateLimited(await passwordGrant(attacker, alice, WRONG));
    // Even the right secret is refused from where the guessing came from...
    await expectRateLimited(await passwordGrant(attacker, alice));
    // ...while the genuine consumer, elsewhere, gets its tokens, by every grant.
    expect((await passwordGrant('203.0.113.20', alice)).status).toBe(200);
    expect((await clientCredentials('203.0.113.20', alice)).status).toBe(200);
    // The attacker's address may still authenticate another consumer: it failed only for alice.
    expect((await passwordGrant(attacker, bob)).status).toBe(200);
  });

  it('limits failures per address across consumers', async () => {
    const guesser = '198.51.100.8';
    const keys = ['ck_guess1', 'ck_guess2', 'ck_guess3', 'ck_guess4', 'ck_guess5'];
    for (const key of keys) {
      expect((await passwordGrant(guesser, { consumerKey: key, consumerSecret: WRONG })).status).toBe(400);
    }
    await expectRateLimited(
      await passwordGrant(guesser, { consumerKey: 'ck_guess6', consumerSecret: WRONG }),
    );
    await expectRateLimited(await passwordGrant(guesser, bob));
    expect((await passwordGrant('198.51.100.9', bob)).status).toBe(200);
  });

  it('groups IPv6 addresses by /64', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await passwordGrant(`2001:db8:1:2::${i + 1}`, alice, WRONG)).status).toBe(400);
    }
    // The same /64, another address: the same caller.
    await expectRateLimited(await passwordGrant('2001:db8:1:2:ffff:ffff:ffff:fffe', alice));
    // The next /64 is someone else.
    expect((await passwordGrant('2001:db8:1:3::1', alice)).status).toBe(200);
  });

  it('counts the address the trusted proxy saw, not what the caller wrote before it', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await passwordGrant(`10.9.9.${i}, 198.51.100.30`, alice, WRONG);
      expect(res.status).toBe(400);
    }
    await expectRateLimited(await passwordGrant('10.200.0.1, 198.51.100.30', alice));
  });

  it('counts failures at revocation and introspection as at the token URL', async () => {
    const address = '198.51.100.40';
    for (let i = 0; i < 3; i++) {
      const res = await postForm(
        tp,
        '/oauth/introspect',
        { token: 'oat_whatever' },
        { ...from(address), Authorization: basic(alice.consumerKey, WRONG) },
      );
      expect(res.status).toBe(401);
    }
    await expectRateLimited(await passwordGrant(address, alice));
    expect((await passwordGrant('198.51.100.41', alice)).status).toBe(200);
  });

  it('counts a wrong secret on a refresh like any other', async () => {
    const address = '198.51.100.50';
    const issued = (await (await passwordGrant(address, bob)).json()) as { refresh_token: string };
    for (let i = 0; i < 3; i++) {
      const res = await postForm(
        tp,
        '/oauth/token',
        { grant_type: 'refresh_token', refresh_token: issued.refresh_token },
        { ...from(address), Authorization: basic(bob.consumerKey, WRONG) },
      );
      expect(res.status).toBe(401);
    }
    await expectRateLimited(
      await postForm(
        tp,
        '/oauth/token',
        { grant_type: 'refresh_token', refresh_token: issued.refresh_token },
        { ...from(address), Authorization: basic(bob.consumerKey, bob.consumerSecret) },
      ),
    );
  });
});

describe('failed authentications elsewhere', () => {
  it('counts a parallel burst of unknown access keys at /v1/backend/tokens exactly', async () => {
    const burst = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        fetch(`${tp.url}/v1/backend/tokens`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...from('198.51.100.70') },
          body: JSON.stringify({ access_key: `ak_unknown-access-key-${i}-000000000000` }),
        }),
      ),
    );
    expect(statuses(burst)).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429]);
    // The address has failed: the right consumer secret waits too.
    await expectRateLimited(await passwordGrant('198.51.100.70', alice));
  });

  it('counts a parallel burst of wrong consumer secrets at introspection: never more than the limit answered', async () => {
    const burst = await Promise.all(
      Array.from({ length: 6 }, () =>
        postForm(
          tp,
          '/oauth/introspect',
          { token: 'oat_whatever' },
          { ...from('198.51.100.71'), Authorization: basic(bob.consumerKey, WRONG) },
        ),
      ),
    );
    // As at the token URL: at most the consumer's limit answered (exactly it on PGlite, where
    // the two buckets count in one order), the rest refused.
    const answered = statuses(burst).filter((s) => s === 401).length;
    expect(answered).toBeGreaterThanOrEqual(2);
    expect(answered).toBeLessThanOrEqual(3);
    expect(statuses(burst)).toEqual([...Array(answered).fill(401), ...Array(6 - answered).fill(429)]);
    if (!process.env.DATABASE_URL) expect(answered).toBe(3);
  });
});
