import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeConsumer } from '../../oauth/consumers.ts';
import {
  admin,
  authed,
  basic,
  consumerFor,
  onboardHost,
  postForm,
  startTestPlatform,
  type TestPlatform,
} from '../../testing/test-platform.ts';

let tp: TestPlatform;
let host: Awaited<ReturnType<typeof onboardHost>>;
let reader: Awaited<ReturnType<typeof consumerFor>>;
let writer: Awaited<ReturnType<typeof consumerFor>>;

interface TokenAnswer {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

beforeAll(async () => {
  // Generous limits here: the rate-limit tests below run on a platform of their own.
  tp = await startTestPlatform({
    rateLimits: {
      tokenRequests: { limit: 10_000, windowSeconds: 60 },
      authFailures: { limit: 1000, windowSeconds: 60 },
      consumerFailures: { limit: 1000, windowSeconds: 60 },
    },
  });
  host = await onboardHost(tp);
  reader = await consumerFor(tp, host.legalEntity.id, 'reader-1');
  writer = await consumerFor(tp, host.legalEntity.id, 'writer-1', 'read write');
});
afterAll(() => tp.close());

const token = (params: Record<string, string>, headers: Record<string, string> = {}) =>
  postForm(tp, '/oauth/token', params, headers);
const password = (
  consumer: { consumerKey: string; consumerSecret: string },
  extra: Record<string, string> = {},
) =>
  token({
    grant_type: 'password',
    username: consumer.consumerKey,
    password: consumer.consumerSecret,
    ...extra,
  });
async function ok(res: Response): Promise<TokenAnswer> {
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()) as TokenAnswer;
}
async function expectError(res: Response, status: number, error: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = (await res.json()) as { error: string; error_description: string };
  expect(body.error).toBe(error);
  expect(body.error_description).toEqual(expect.any(String));
  return body;
}
const me = (access: string) => fetch(`${tp.url}/v1/me`, authed(access));
const newProject = (access: string) =>
  fetch(
    `${tp.url}/v1/projects`,
    authed(access, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Den', room: { width_cm: 300, depth_cm: 300, unit: 'cm' }, items: [] }),
    }),
  );
async function later<T>(seconds: number, fn: () => Promise<T>): Promise<T> {
  tp.clock.advance(seconds);
  try {
    return await fn();
  } finally {
    tp.clock.advance(-seconds);
  }
}

describe('authorization server metadata (RFC 8414)', () => {
  it('names the endpoints, grants and client authentication methods', async () => {
    const res = await fetch(`${tp.url}/.well-known/oauth-authorization-server`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      issuer: tp.url,
      token_endpoint: `${tp.url}/oauth/token`,
      revocation_endpoint: `${tp.url}/oauth/revoke`,
      introspection_endpoint: `${tp.url}/oauth/introspect`,
      grant_types_supported: ['client_credentials', 'refresh_token', 'password'],
      token_endpoint_auth_methods_supported: expect.arrayContaining(['client_secret_basic']),
    });
  });
});

describe('password grant (seed 002)', () => {
  it('answers access_token, token_type bearer, expires_in 28800 and a refresh_token', async () => {
    const answer = await ok(await password(reader));
    expect(answer).toMatchObject({ token_type: 'bearer', expires_in: 28_800, scope: 'read' });
    expect(answer.access_token).toMatch(/^oat_[\w-]{43}$/);
    expect(answer.refresh_token).toMatch(/^rt_[\w-]{43}$/);
    const identity = await me(answer.access_token);
    expect(await identity.json()).toMatchObject({
      kind: 'oauth',
      scope: 'read',
      legal_entity: { id: host.legalEntity.id },
      user: { id: 'reader-1' },
    });
  });

  it("accepts the seed's exact request, with client_id", async () => {
    const answer = await ok(await password(reader, { client_id: reader.consumerKey }));
    expect(answer.token_type).toBe('bearer');
  });

  it("acts as the consumer's user: its projects, writes only with the write scope", async () => {
    const readOnly = await ok(await password(reader));
    expect((await fetch(`${tp.url}/v1/projects`, authed(readOnly.access_token))).status).toBe(200);
    expect((await fetch(`${tp.url}/v1/catalog`, authed(readOnly.access_token))).status).toBe(200);
    const refused = await newProject(readOnly.access_token);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toContain('scope="write"');

    const full = await ok(await password(writer));
    expect(full.scope).toBe('read write');
    expect((await newProject(full.access_token)).status).toBe(201);
    const narrowed = await ok(await password(writer, { scope: 'read' }));
    expect(narrowed.scope).toBe('read');
    expect((await newProject(narrowed.access_token)).status).toBe(403);
  });

  it('lives 28800 s by default, adjustable per legal entity and per request', async () => {
    const answer = await ok(await password(reader));
    expect((await later(28_799, () => me(answer.access_token))).status).toBe(200);
    const expired = await later(28_800, () => me(answer.access_token));
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await expired.json()).toMatchObject({
      error: 'invalid_token',
      error_description: 'The access token expired.',
    });
    expect(
      (await later(28_800, () => fetch(`${tp.url}/v1/projects`, authed(answer.access_token)))).status,
    ).toBe(401);

    const asked = await ok(await password(reader, { expires_in: '600' }));
    expect(asked.expires_in).toBe(600);
    expect((await later(600, () => me(asked.access_token))).status).toBe(401);

    const shop = await onboardHost(tp, { name: 'Short OAuth Shop' });
    const set = await admin(tp, 'PUT', `/legal-entities/${shop.legalEntity.id}/oauth-token-lifetime`, {
      seconds: 3600,
    });
    expect(await set.json()).toMatchObject({ oauth_token_lifetime: 3600 });
    const consumer = await consumerFor(tp, shop.legalEntity.id, 'someone');
    expect((await ok(await password(consumer))).expires_in).toBe(3600);
  });

  it.each([
    ['too short', '1'],
    ['too long', '999999'],
    ['not a number', 'soon'],
  ])('refuses an expires_in that is %s', async (_, value) => {
    await expectError(await password(reader, { expires_in: value }), 400, 'invalid_request');
  });
});

describe('token URL errors (RFC 6749 §5.2)', () => {
  it('refuses a GET or a JSON body with invalid_request, not a 500', async () => {
    const get = await fetch(`${tp.url}/oauth/token`);
    await expectError(get, 405, 'invalid_request');
    expect(get.headers.get('allow')).toBe('POST');
    const json = await fetch(`${tp.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'password',
        username: reader.consumerKey,
        password: reader.consumerSecret,
      }),
    });
    const body = await expectError(json, 400, 'invalid_request');
    expect(body.error_description).toContain('application/x-www-form-urlencoded');
    await expectError(await fetch(`${tp.url}/oauth/token`, { method: 'POST' }), 400, 'invalid_request');
    await expectError(
      await fetch(`${tp.url}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'x'.repeat(20_000),
      }),
      413,
      'invalid_request',
    );
  });

  it('refuses a missing or repeated parameter with invalid_request', async () => {
    await expectError(
      await token({ username: reader.consumerKey, password: reader.consumerSecret }),
      400,
      'invalid_request',
    );
    await expectError(
      await token({ grant_type: 'password', username: reader.consumerKey }),
      400,
      'invalid_request',
    );
    await expectError(
      await token({ grant_type: 'password', password: reader.consumerSecret }),
      400,
      'invalid_request',
    );
    // An empty value counts as absent (RFC 6749 §3.1).
    await expectError(
      await token({ grant_type: 'password', username: reader.consumerKey, password: '' }),
      400,
      'invalid_request',
    );
    const repeated = await fetch(`${tp.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=password&username=${reader.consumerKey}&password=${reader.consumerSecret}&scope=read&scope=write`,
    });
    await expectError(repeated, 400, 'invalid_request');
  });

  it('refuses an unknown grant type with unsupported_grant_type', async () => {
    await expectError(
      await token({ grant_type: 'authorization_code', code: 'x' }),
      400,
      'unsupported_grant_type',
    );
    await expectError(
      await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' }),
      400,
      'unsupported_grant_type',
    );
  });

  it('refuses wrong credentials with invalid_grant, one answer for every reason', async () => {
    const wrong = await expectError(
      await password({ ...reader, consumerSecret: `cs_${'x'.repeat(43)}` }),
      400,
      'invalid_grant',
    );
    const unknown = await expectError(
      await password({ consumerKey: 'ck_unknownconsumer', consumerSecret: reader.consumerSecret }),
      400,
      'invalid_grant',
    );
    expect(unknown.error_description).toBe(wrong.error_description);
    const revoked = await consumerFor(tp, host.legalEntity.id, 'gone');
    await revokeConsumer(tp.platform.services.db, revoked.consumerKey);
    const body = await expectError(await password(revoked), 400, 'invalid_grant');
    expect(body.error_description).toBe(wrong.error_description);
    expect(JSON.stringify(body)).not.toContain(reader.consumerSecret);
  });

  it("refuses a client_id that is not the consumer's with invalid_client", async () => {
    await expectError(await password(reader, { client_id: writer.consumerKey }), 401, 'invalid_client');
    await expectError(await password(reader, { client_id: '5706' }), 401, 'invalid_client');
  });

  it('refuses a scope it cannot grant with invalid_scope', async () => {
    await expectError(await password(reader, { scope: 'read write' }), 400, 'invalid_scope');
    await expectError(await password(writer, { scope: 'admin' }), 400, 'invalid_scope');
  });
});

describe('client credentials grant with HTTP Basic (preferred)', () => {
  it('issues an access token without a refresh token', async () => {
    const answer = await ok(
      await token(
        { grant_type: 'client_credentials' },
        { Authorization: basic(writer.consumerKey, writer.consumerSecret) },
      ),
    );
    expect(answer).toMatchObject({ token_type: 'bearer', expires_in: 28_800, scope: 'read write' });
    expect(answer.refresh_token).toBeUndefined();
    expect((await newProject(answer.access_token)).status).toBe(201);
  });

  it('also takes client_secret_post, but not both at once', async () => {
    const posted = await token({
      grant_type: 'client_credentials',
      client_id: reader.consumerKey,
      client_secret: reader.consumerSecret,
    });
    expect((await ok(posted)).scope).toBe('read');
    await expectError(
      await token(
        {
          grant_type: 'client_credentials',
          client_id: reader.consumerKey,
          client_secret: reader.consumerSecret,
        },
        { Authorization: basic(reader.consumerKey, reader.consumerSecret) },
      ),
      400,
      'invalid_request',
    );
  });

  it('refuses a missing or wrong client authentication with 401 invalid_client and a Basic challenge', async () => {
    const none = await token({ grant_type: 'client_credentials' });
    await expectError(none, 401, 'invalid_client');
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="planner"');
    const wrong = await token(
      { grant_type: 'client_credentials' },
      { Authorization: basic(reader.consumerKey, writer.consumerSecret) },
    );
    await expectError(wrong, 401, 'invalid_client');
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="planner"');
    await expectError(
      await token({ grant_type: 'client_credentials' }, { Authorization: 'Basic !!!' }),
      401,
      'invalid_client',
    );
  });
});

describe('refresh tokens: rotation and reuse detection', () => {
  /** A refresh by `as` (HTTP Basic), by default the writer, whose tokens most tests use. */
  const refresh = (
    refreshToken: string,
    extra: Record<string, string> = {},
    as: { consumerKey: string; consumerSecret: string } = writer,
  ) =>
    token(
      { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra },
      { Authorization: basic(as.consumerKey, as.consumerSecret) },
    );

  it('rotates: each refresh answers a new access and refresh token', async () => {
    const first = await ok(await password(writer));
    const second = await ok(await refresh(first.refresh_token!));
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second).toMatchObject({ token_type: 'bearer', scope: 'read write', expires_in: 28_800 });
    expect((await me(second.access_token)).status).toBe(200);
    const third = await ok(await refresh(second.refresh_token!, { scope: 'read' }));
    expect(third.scope).toBe('read');
    // The refresh token keeps the scope originally granted.
    const fourth = await ok(await refresh(third.refresh_token!));
    expect(fourth.scope).toBe('read write');
  });

  it('treats a reused refresh token as theft: the whole chain is revoked', async () => {
    const first = await ok(await password(writer));
    const second = await ok(await refresh(first.refresh_token!));
    expect((await me(second.access_token)).status).toBe(200);

    const reuse = await expectError(await refresh(first.refresh_token!), 400, 'invalid_grant');
    expect(reuse.error_description).toContain('already used');
    // Everything of that grant is dead: the newest refresh token and every access token.
    await expectError(await refresh(second.refresh_token!), 400, 'invalid_grant');
    expect((await me(second.access_token)).status).toBe(401);
    expect((await me(first.access_token)).status).toBe(401);
    // Other grants of the same consumer are untouched.
    const other = await ok(await password(writer));
    expect((await me(other.access_token)).status).toBe(200);
  });

  it('refuses an unknown, expired, foreign or over-scoped refresh token', async () => {
    await expectError(await refresh(`rt_${'x'.repeat(43)}`), 400, 'invalid_grant');
    await expectError(await refresh('nonsense'), 400, 'invalid_grant');
    await expectError(await token({ grant_type: 'refresh_token' }), 400, 'invalid_request');

    const narrow = await ok(await password(writer, { scope: 'read' }));
    await expectError(await refresh(narrow.refresh_token!, { scope: 'read write' }), 400, 'invalid_scope');

    const stolen = await ok(await password(reader));
    // Another consumer, authenticated, holding the reader's refresh token.
    await expectError(await refresh(stolen.refresh_token!), 400, 'invalid_grant');
    await expectError(
      await refresh(stolen.refresh_token!, { client_id: writer.consumerKey }),
      400,
      'invalid_grant',
    );
    // Still usable by its owner: a refusal does not burn it.
    await ok(await refresh(stolen.refresh_token!, { client_id: reader.consumerKey }, reader));

    const old = await ok(await password(reader));
    await expectError(
      await later(31 * 86_400, () => refresh(old.refresh_token!, {}, reader)),
      400,
      'invalid_grant',
    );
  });

  it('stops working when its consumer is revoked', async () => {
    const consumer = await consumerFor(tp, host.legalEntity.id, 'leaver');
    const answer = await ok(await password(consumer));
    expect((await me(answer.access_token)).status).toBe(200);
    const res = await admin(tp, 'DELETE', `/oauth-consumers/${consumer.consumerKey}`);
    expect(await res.json()).toMatchObject({ revoked_at: expect.any(String) });
    expect((await me(answer.access_token)).status).toBe(401);
    // Its credentials no longer authenticate it: the refresh is refused as the client's.
    await expectError(await refresh(answer.refresh_token!, {}, consumer), 401, 'invalid_client');
  });
});
