import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  authed,
  basic,
  consumerFor,
  onboardBackend,
  postForm,
  standardToken,
  startTestPlatform,
  TEST_ADMIN_TOKEN,
  type TestPlatform,
  tokenFor,
} from '../../testing/test-platform.ts';

let tp: TestPlatform;
let shop: Awaited<ReturnType<typeof onboardBackend>>;
let other: Awaited<ReturnType<typeof onboardBackend>>;
let alice: Awaited<ReturnType<typeof consumerFor>>;
let bob: Awaited<ReturnType<typeof consumerFor>>;

beforeAll(async () => {
  tp = await startTestPlatform();
  shop = await onboardBackend(tp, { name: 'Shop' });
  other = await onboardBackend(tp, { name: 'Other Shop' });
  alice = await consumerFor(tp, shop.legalEntity.id, 'alice', 'read write');
  bob = await consumerFor(tp, shop.legalEntity.id, 'bob');
});
afterAll(() => tp.close());

const asConsumer = (c: { consumerKey: string; consumerSecret: string }) => ({
  Authorization: basic(c.consumerKey, c.consumerSecret),
});
const asBearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const operator = asBearer(TEST_ADMIN_TOKEN);

async function oauthTokens(c: { consumerKey: string; consumerSecret: string }) {
  const res = await postForm(tp, '/oauth/token', {
    grant_type: 'password',
    username: c.consumerKey,
    password: c.consumerSecret,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { access_token: string; refresh_token: string };
}
async function introspect(token: string, headers: Record<string, string>) {
  const res = await postForm(tp, '/oauth/introspect', { token }, headers);
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()) as Record<string, unknown>;
}
const revoke = (token: string, headers: Record<string, string>, hint?: string) =>
  postForm(tp, '/oauth/revoke', { token, ...(hint ? { token_type_hint: hint } : {}) }, headers);
const me = (token: string) => fetch(`${tp.url}/v1/me`, authed(token));
const plannerToken = (host: typeof shop, userId: string) =>
  tokenFor(tp, { id: host.apiKey.id, secretKey: host.apiKey.secretKey }, { kind: 'user', user_id: userId });
async function staticToken(profileId: string) {
  const res = await admin(tp, 'POST', `/backend-profiles/${profileId}/static-token`);
  return ((await res.json()) as { static_token: string }).static_token;
}

describe('introspection (RFC 7662)', () => {
  it('needs an authenticated caller', async () => {
    const { access_token } = await oauthTokens(alice);
    const none = await postForm(tp, '/oauth/introspect', { token: access_token });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="planner"');
    expect(await none.json()).toMatchObject({ error: 'invalid_client' });
    const wrong = await postForm(
      tp,
      '/oauth/introspect',
      { token: access_token },
      { Authorization: basic(alice.consumerKey, bob.consumerSecret) },
    );
    expect(wrong.status).toBe(401);
    const user = await postForm(tp, '/oauth/introspect', { token: access_token }, asBearer(access_token));
    expect(user.status).toBe(403);
    expect((await fetch(`${tp.url}/oauth/introspect`)).status).toBe(405);
    const missing = await postForm(tp, '/oauth/introspect', {}, asConsumer(alice));
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
  });

  it("describes a consumer's own access and refresh tokens, and nobody else's", async () => {
    const { access_token, refresh_token } = await oauthTokens(alice);
    const access = await introspect(access_token, asConsumer(alice));
    expect(access).toMatchObject({
      active: true,
      token_use: 'access_token',
      kind: 'oauth',
      token_type: 'Bearer',
      scope: 'read write',
      client_id: alice.consumerKey,
      username: 'alice',
      le: shop.legalEntity.id,
      iss: tp.url,
    });
    expect((access.exp as number) - (access.iat as number)).toBe(28_800);
    expect(await introspect(refresh_token, asConsumer(alice))).toMatchObject({
      active: true,
      token_use: 'refresh_token',
      client_id: alice.consumerKey,
    });
    // Bob may not learn anything about Alice's tokens.
    expect(await introspect(access_token, asConsumer(bob))).toEqual({ active: false });
    expect(await introspect('garbage', asConsumer(bob))).toEqual({ active: false });
    expect(await introspect(`oat_${'x'.repeat(43)}`, asConsumer(alice))).toEqual({ active: false });
  });

  it('answers inactive for an expired token', async () => {
    const { access_token } = await oauthTokens(alice);
    tp.clock.advance(28_800);
    try {
      expect(await introspect(access_token, asConsumer(alice))).toEqual({ active: false });
    } finally {
      tp.clock.advance(-28_800);
    }
  });

  it("lets a back-end introspect its legal entity's tokens, JWTs included", async () => {
    const statik = await staticToken(shop.profile.id);
    const user = await plannerToken(shop, 'carol');
    expect(await introspect(user, asBearer(statik))).toMatchObject({
      active: true,
      token_use: 'access_token',
      kind: 'user',
      username: 'carol',
      le: shop.legalEntity.id,
      aud: `${tp.url}/v1`,
    });
    const standard = await standardToken(tp, shop.profile.accessKey);
    expect(await introspect(statik, asBearer(standard))).toMatchObject({
      active: true,
      token_use: 'static_token',
      kind: 'backend',
      client_id: shop.profile.id,
      scope: 'reporting messagebox',
    });
    expect((await introspect(statik, asBearer(standard))).exp).toBeUndefined();
    expect(await introspect(standard, asBearer(statik))).toMatchObject({
      active: true,
      token_use: 'standard_token',
    });
    const { access_token } = await oauthTokens(bob);
    expect(await introspect(access_token, asBearer(standard))).toMatchObject({
      active: true,
      username: 'bob',
    });
    // Another legal entity's tokens are not its business.
    const foreign = await plannerToken(other, 'dave');
    expect(await introspect(foreign, asBearer(standard))).toEqual({ active: false });
  });

  it('lets the operator introspect any token', async () => {
    const foreign = await plannerToken(other, 'erin');
    expect(await introspect(foreign, operator)).toMatchObject({ active: true, le: other.legalEntity.id });
  });
});

describe('revocation (RFC 7009)', () => {
  it('revokes an access token at once; its refresh token still works', async () => {
    const { access_token, refresh_token } = await oauthTokens(alice);
    expect((await me(access_token)).status).toBe(200); // cached as valid
    const res = await revoke(access_token, asConsumer(alice), 'access_token');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const refused = await me(access_token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      error: 'invalid_token',
      error_description: 'The access token was revoked.',
    });
    expect(await introspect(access_token, asConsumer(alice))).toEqual({ active: false });
    const refreshed = await postForm(
      tp,
      '/oauth/token',
      { grant_type: 'refresh_token', refresh_token },
      asConsumer(alice),
    );
    expect(refreshed.status).toBe(200);
  });

  it("revokes a refresh token with its grant's access tokens", async () => {
    const { access_token, refresh_token } = await oauthTokens(alice);
    expect((await revoke(refresh_token, asConsumer(alice))).status).toBe(200);
    expect((await me(access_token)).status).toBe(401);
    const refreshed = await postForm(
      tp,
      '/oauth/token',
      { grant_type: 'refresh_token', refresh_token },
      asConsumer(alice),
    );
    expect(await refreshed.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it("answers 200 for a token that is unknown or not the caller's, and leaves it alone", async () => {
    const { access_token } = await oauthTokens(alice);
    expect((await revoke(access_token, asConsumer(bob))).status).toBe(200);
    expect((await me(access_token)).status).toBe(200);
    expect((await revoke('garbage', asConsumer(bob))).status).toBe(200);
    expect((await revoke(access_token, {})).status).toBe(401);
    const missing = await postForm(tp, '/oauth/revoke', {}, asConsumer(alice));
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('deactivates a static token, asked by a back-end of its legal entity', async () => {
    const statik = await staticToken(shop.profile.id);
    const standard = await standardToken(tp, shop.profile.accessKey);
    expect((await fetch(`${tp.url}/v1/reporting/usage`, authed(statik))).status).toBe(200);
    // Not by another legal entity's back-end.
    const foreign = await standardToken(tp, other.profile.accessKey);
    expect((await revoke(statik, asBearer(foreign))).status).toBe(200);
    expect((await fetch(`${tp.url}/v1/reporting/usage`, authed(statik))).status).toBe(200);

    expect((await revoke(statik, asBearer(standard))).status).toBe(200);
    expect((await fetch(`${tp.url}/v1/reporting/usage`, authed(statik))).status).toBe(401);
    const details = await admin(tp, 'GET', `/backend-profiles/${shop.profile.id}`);
    expect(await details.json()).toMatchObject({ static_token: null });
  });

  it('says a JWT cannot be revoked on its own', async () => {
    const user = await plannerToken(shop, 'frank');
    const res = await revoke(user, operator);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unsupported_token_type' });
    expect((await me(user)).status).toBe(200);
  });
});
