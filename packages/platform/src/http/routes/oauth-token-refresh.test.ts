import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  basic,
  consumerFor,
  onboardHost,
  postForm,
  startTestPlatform,
  type TestPlatform,
} from '../../testing/test-platform.ts';

/** Ten hours: longer than an access token (eight), far shorter than a refresh token (30 days). */
const GRANT_LIFETIME = 36_000;

let tp: TestPlatform;
let alice: Awaited<ReturnType<typeof consumerFor>>;
let bob: Awaited<ReturnType<typeof consumerFor>>;

beforeAll(async () => {
  tp = await startTestPlatform({ oauthGrantLifetime: GRANT_LIFETIME });
  const host = await onboardHost(tp);
  alice = await consumerFor(tp, host.legalEntity.id, 'alice');
  bob = await consumerFor(tp, host.legalEntity.id, 'bob');
});
afterAll(() => tp.close());

type Consumer = { consumerKey: string; consumerSecret: string };
interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
}

const token = (params: Record<string, string>, headers: Record<string, string> = {}) =>
  postForm(tp, '/oauth/token', params, headers);
async function ok(res: Response): Promise<TokenAnswer> {
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as TokenAnswer;
}
async function refused(res: Response, status: number, error: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = (await res.json()) as { error: string; error_description: string };
  expect(body.error).toBe(error);
  return body;
}
const passwordGrant = async (c: Consumer) =>
  ok(await token({ grant_type: 'password', username: c.consumerKey, password: c.consumerSecret }));
const refreshBasic = (refreshToken: string, as: Consumer) =>
  token(
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    { Authorization: basic(as.consumerKey, as.consumerSecret) },
  );
const me = (access: string) => fetch(`${tp.url}/v1/me`, authed(access));

describe('a refresh authenticates the consumer (RFC 6749 §6)', () => {
  it('refuses a refresh token alone with 401 invalid_client and a Basic challenge', async () => {
    const { refresh_token } = await passwordGrant(alice);
    const alone = await token({ grant_type: 'refresh_token', refresh_token: refresh_token! });
    await refused(alone, 401, 'invalid_client');
    expect(alone.headers.get('www-authenticate')).toBe('Basic realm="planner"');
    // client_id names a client, it does not authenticate one.
    await refused(
      await token({
        grant_type: 'refresh_token',
        refresh_token: refresh_token!,
        client_id: alice.consumerKey,
      }),
      401,
      'invalid_client',
    );
    // The refused attempts burnt nothing: the owner still refreshes.
    await ok(await refreshBasic(refresh_token!, alice));
  });

  it('refuses a wrong secret with 401 invalid_client, whichever way it is sent', async () => {
    const { refresh_token } = await passwordGrant(alice);
    const wrong = { consumerKey: alice.consumerKey, consumerSecret: bob.consumerSecret };
    const viaBasic = await refreshBasic(refresh_token!, wrong);
    await refused(viaBasic, 401, 'invalid_client');
    expect(viaBasic.headers.get('www-authenticate')).toBe('Basic realm="planner"');
    await refused(
      await token({
        grant_type: 'refresh_token',
        refresh_token: refresh_token!,
        client_id: wrong.consumerKey,
        client_secret: wrong.consumerSecret,
      }),
      401,
      'invalid_client',
    );
    await refused(
      await token({
        grant_type: 'refresh_token',
        refresh_token: refresh_token!,
        username: wrong.consumerKey,
        password: wrong.consumerSecret,
      }),
      401,
      'invalid_client',
    );
    await ok(await refreshBasic(refresh_token!, alice));
  });

  it("accepts the consumer's credentials as the other grants take them: Basic, client_secret_post, username + password", async () => {
    let { refresh_token } = await passwordGrant(alice);
    ({ refresh_token } = await ok(await refreshBasic(refresh_token!, alice)));
    ({ refresh_token } = await ok(
      await token({
        grant_type: 'refresh_token',
        refresh_token: refresh_token!,
        client_id: alice.consumerKey,
        client_secret: alice.consumerSecret,
      }),
    ));
    const last = await ok(
      await token({
        grant_type: 'refresh_token',
        refresh_token: refresh_token!,
        username: alice.consumerKey,
        password: alice.consumerSecret,
      }),
    );
    expect((await me(last.access_token)).status).toBe(200);
  });

  it('refuses two credentials that name different consumers', async () => {
    const { refresh_token } = await passwordGrant(alice);
    await refused(
      await token(
        {
          grant_type: 'refresh_token',
          refresh_token: refresh_token!,
          username: alice.consumerKey,
          password: alice.consumerSecret,
        },
        { Authorization: basic(bob.consumerKey, bob.consumerSecret) },
      ),
      401,
      'invalid_client',
    );
  });

  it("refuses another consumer's refresh token with invalid_grant, and leaves it to its owner", async () => {
    const { refresh_token } = await passwordGrant(alice);
    const foreign = await refused(await refreshBasic(refresh_token!, bob), 400, 'invalid_grant');
    expect(foreign.error_description).toContain('another client');
    await ok(await refreshBasic(refresh_token!, alice));
  });
});

describe('an OAuth grant has an absolute lifetime', () => {
  async function at<T>(seconds: number, fn: () => Promise<T>): Promise<T> {
    tp.clock.advance(seconds);
    try {
      return await fn();
    } finally {
      tp.clock.advance(-seconds);
    }
  }

  it('caps the first refresh token at the grant lifetime, not the refresh lifetime', async () => {
    const first = await passwordGrant(alice);
    expect(first.expires_in).toBe(28_800);
    const introspected = await postForm(
      tp,
      '/oauth/introspect',
      { token: first.refresh_token! },
      { Authorization: basic(alice.consumerKey, alice.consumerSecret) },
    );
    const { exp, iat } = (await introspected.json()) as { exp: number; iat: number };
    expect(exp - iat).toBe(GRANT_LIFETIME);
  });

  it('never extends past it by rotation: later tokens end with the grant, then invalid_grant', async () => {
    const first = await passwordGrant(alice);
    // Eight hours in: two hours of the grant are left, so the new access token gets two.
    const second = await at(28_000, async () => ok(await refreshBasic(first.refresh_token!, alice)));
    expect(second.expires_in).toBe(GRANT_LIFETIME - 28_000);
    expect((await at(GRANT_LIFETIME - 1, () => me(second.access_token))).status).toBe(200);
    expect((await at(GRANT_LIFETIME, () => me(second.access_token))).status).toBe(401);
    // The rotated refresh token would live 30 days on its own; the grant ends it.
    await at(GRANT_LIFETIME, async () =>
      refused(await refreshBasic(second.refresh_token!, alice), 400, 'invalid_grant'),
    );
    // The consumer's credentials start a new grant.
    await at(GRANT_LIFETIME, () => passwordGrant(alice));
  });

  it('ends grants issued before the lifetime was shortened', async () => {
    const first = await passwordGrant(alice);
    const { config } = tp.platform.services;
    // As a restart with a shorter PLANNER_OAUTH_GRANT_LIFETIME would.
    config.oauthGrantLifetime = 3600;
    try {
      const body = await at(3600, async () =>
        refused(await refreshBasic(first.refresh_token!, alice), 400, 'invalid_grant'),
      );
      expect(body.error_description).toContain('absolute lifetime');
      await at(3599, async () => ok(await refreshBasic(first.refresh_token!, alice)));
    } finally {
      config.oauthGrantLifetime = GRANT_LIFETIME;
    }
  });
});
