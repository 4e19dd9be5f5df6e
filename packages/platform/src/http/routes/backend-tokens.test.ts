import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSubscription } from '../../accounts/subscriptions.ts';
import {
  admin,
  authed,
  onboardBackend,
  onboardHost,
  postForm,
  standardToken,
  startTestPlatform,
  TEST_ADMIN_TOKEN,
  type TestPlatform,
  tokenFor,
} from '../../testing/test-platform.ts';

let tp: TestPlatform;
let backend: Awaited<ReturnType<typeof onboardBackend>>;

beforeAll(async () => {
  tp = await startTestPlatform();
  backend = await onboardBackend(tp);
});
afterAll(() => tp.close());

const usage = (token: string) => fetch(`${tp.url}/v1/reporting/usage`, authed(token));
const requestStandard = (body: unknown, contentType = 'application/json') =>
  fetch(`${tp.url}/v1/backend/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const sendMessage = (token: string) =>
  fetch(
    `${tp.url}/v1/messagebox/messages`,
    authed(token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: 'all', subject: 'Hello', body: 'Hello everyone.' }),
    }),
  );
const generateStatic = async (profileId: string) => {
  const res = await admin(tp, 'POST', `/backend-profiles/${profileId}/static-token`);
  expect(res.status).toBe(201);
  return ((await res.json()) as { static_token: string }).static_token;
};
/** Runs `fn` with the clock moved by `seconds`, then moves it back. */
async function later<T>(seconds: number, fn: () => Promise<T>): Promise<T> {
  tp.clock.advance(seconds);
  try {
    return await fn();
  } finally {
    tp.clock.advance(-seconds);
  }
}
const expectInvalidToken = async (res: Response, fragment: string) => {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  expect(((await res.json()) as { error_description: string }).error_description).toContain(fragment);
};

describe('back-end profiles (seed 000)', () => {
  it('can be created only when the subscription includes back-end services', async () => {
    const { legalEntity } = await onboardHost(tp, { name: 'No Services Shop' });
    const body = { name: 'CRM', external_system: 'Salesforce' };
    const refused = await admin(tp, 'POST', `/legal-entities/${legalEntity.id}/backend-profiles`, body);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'subscription_required' });

    await admin(tp, 'PUT', `/legal-entities/${legalEntity.id}/subscription`, { services: ['messagebox'] });
    const created = await admin(tp, 'POST', `/legal-entities/${legalEntity.id}/backend-profiles`, body);
    expect(created.status).toBe(201);
    const profile = (await created.json()) as { id: string; access_key: string; static_token: null };
    expect(profile).toMatchObject({ name: 'CRM', external_system: 'Salesforce', static_token: null });
    expect(profile.access_key).toMatch(/^ak_[\w-]{43}$/);
    // Shown again on the details page, as seed 000 says.
    const details = await admin(tp, 'GET', `/backend-profiles/${profile.id}`);
    expect(await details.json()).toMatchObject({ access_key: profile.access_key, services: ['messagebox'] });
  });
});

describe('standard token', () => {
  it('is issued for the access key: a 60-minute JWT scoped to the subscription', async () => {
    const res = await requestStandard({ access_key: backend.profile.accessKey });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { access_token: string };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'reporting messagebox' });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({
      kind: 'backend',
      sub: backend.profile.id,
      client_id: backend.profile.id,
      le: backend.legalEntity.id,
      aud: `${tp.url}/v1`,
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    const me = await fetch(`${tp.url}/v1/me`, authed(body.access_token));
    expect(await me.json()).toMatchObject({ kind: 'backend', scope: 'reporting messagebox', user: null });
  });

  it('refuses a standard token whose client_id is not its profile, even signed by our key', async () => {
    // Found by the forgery suite: client_id was not checked against sub, and such a token was a 200.
    const claims = decodeJwt(await standardToken(tp, backend.profile.accessKey));
    const { kid, privateKey } = await tp.platform.services.keys.current();
    const forged = await new SignJWT({ ...claims, client_id: 'bp_nobody' })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
      .sign(privateKey);
    await expectInvalidToken(await fetch(`${tp.url}/v1/me`, authed(forged)), 'invalid');
  });

  it('refuses an unknown access key and a malformed request', async () => {
    const wrong = await requestStandard({ access_key: `ak_${'x'.repeat(43)}` });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    expect((await requestStandard({})).status).toBe(400);
    expect((await requestStandard('access_key=ak_x', 'application/x-www-form-urlencoded')).status).toBe(415);
  });

  it('is valid for 60 minutes from issue, then refused as expired', async () => {
    const token = await standardToken(tp, backend.profile.accessKey);
    expect((await usage(token)).status).toBe(200);
    expect((await later(3599, () => usage(token))).status).toBe(200);
    await expectInvalidToken(await later(3601, () => usage(token)), 'expired');
  });

  it('can be asked for again at any time, without waiting: both work', async () => {
    const first = await standardToken(tp, backend.profile.accessKey);
    const second = await standardToken(tp, backend.profile.accessKey);
    expect(second).not.toBe(first);
    expect((await usage(first)).status).toBe(200);
    expect((await usage(second)).status).toBe(200);
  });

  it('cannot be deactivated: revocation says so, and it keeps working', async () => {
    const token = await standardToken(tp, backend.profile.accessKey);
    const res = await postForm(
      tp,
      '/oauth/revoke',
      { token },
      { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unsupported_token_type' });
    expect((await usage(token)).status).toBe(200);
  });
});

describe('static token', () => {
  it('is shown once, never expires and is never stored in the clear', async () => {
    const token = await generateStatic(backend.profile.id);
    expect(token).toMatch(/^st_[\w-]{43}$/);
    expect((await usage(token)).status).toBe(200);
    expect((await later(10 * 365 * 86_400, () => usage(token))).status).toBe(200);
    const details = await (await admin(tp, 'GET', `/backend-profiles/${backend.profile.id}`)).text();
    expect(details).not.toContain(token);
    expect(JSON.parse(details).static_token).toMatchObject({ id: expect.any(String) });
    const stored = await tp.platform.services.db.query<{ token_hash: string }>(
      'select token_hash from static_tokens where profile_id = $1',
      [backend.profile.id],
    );
    expect(JSON.stringify(stored)).not.toContain(token);
    const me = await fetch(`${tp.url}/v1/me`, authed(token));
    expect(await me.json()).toMatchObject({ kind: 'backend', expires_at: null });
  });

  it('is one per profile: generating again replaces it, the old one is refused at once', async () => {
    const old = await generateStatic(backend.profile.id);
    expect((await usage(old)).status).toBe(200); // now cached as valid
    const replacement = await generateStatic(backend.profile.id);
    await expectInvalidToken(await usage(old), 'deactivated');
    expect((await usage(replacement)).status).toBe(200);
  });

  it('can be deactivated: the very next request is refused', async () => {
    const token = await generateStatic(backend.profile.id);
    expect((await usage(token)).status).toBe(200);
    const res = await admin(tp, 'DELETE', `/backend-profiles/${backend.profile.id}/static-token`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      profile_id: backend.profile.id,
      deactivated_at: expect.any(String),
    });
    await expectInvalidToken(await usage(token), 'deactivated');
    await expectInvalidToken(await sendMessage(token), 'deactivated');
    // Nothing left to deactivate.
    expect((await admin(tp, 'DELETE', `/backend-profiles/${backend.profile.id}/static-token`)).status).toBe(
      404,
    );
    const details = await admin(tp, 'GET', `/backend-profiles/${backend.profile.id}`);
    expect(await details.json()).toMatchObject({ static_token: null });
  });

  it.runIf(process.env.DATABASE_URL)(
    '[PostgreSQL only] is refused by every instance at once after a deactivation on one of them',
    async () => {
      const other = await startTestPlatform({ schema: tp.options.schema, master: tp.options.master });
      try {
        const token = await generateStatic(backend.profile.id);
        expect((await fetch(`${other.url}/v1/reporting/usage`, authed(token))).status).toBe(200);
        await admin(tp, 'DELETE', `/backend-profiles/${backend.profile.id}/static-token`);
        // NOTIFY travels through the server: give it a moment, not the TTL.
        await new Promise((r) => setTimeout(r, 200));
        expect((await fetch(`${other.url}/v1/reporting/usage`, authed(token))).status).toBe(401);
      } finally {
        await other.server.close();
        await other.platform.close();
      }
    },
  );
});

describe('subscription enforcement', () => {
  it('lets a back-end call only the services of the subscription: 403 insufficient_scope otherwise', async () => {
    const reportingOnly = await onboardBackend(tp, { name: 'Reporting Only', services: ['reporting'] });
    const standard = await standardToken(tp, reportingOnly.profile.accessKey);
    const statik = await generateStatic(reportingOnly.profile.id);
    for (const token of [standard, statik]) {
      expect((await usage(token)).status).toBe(200);
      const refused = await sendMessage(token);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
      expect(refused.headers.get('www-authenticate')).toContain('scope="messagebox"');
      expect(await refused.json()).toMatchObject({ error: 'insufficient_scope' });
      // Nor the planner's services: a back-end is not a user.
      expect((await fetch(`${tp.url}/v1/catalog`, authed(token))).status).toBe(403);
      expect((await fetch(`${tp.url}/v1/projects`, authed(token))).status).toBe(403);
    }
  });

  it('follows a subscription change at once, for tokens already in use', async () => {
    const shop = await onboardBackend(tp, { name: 'Changing Shop', services: ['reporting', 'messagebox'] });
    const standard = await standardToken(tp, shop.profile.accessKey);
    const statik = await generateStatic(shop.profile.id);
    expect((await usage(standard)).status).toBe(200);
    expect((await usage(statik)).status).toBe(200);

    const res = await admin(tp, 'PUT', `/legal-entities/${shop.legalEntity.id}/subscription`, {
      services: ['messagebox'],
    });
    expect(await res.json()).toMatchObject({ services: ['messagebox'] });
    expect((await usage(standard)).status).toBe(403);
    expect((await usage(statik)).status).toBe(403);
    expect((await sendMessage(statik)).status).toBe(201);

    // A static token follows the subscription as it grows again; a standard token keeps
    // the scope it was issued with.
    await setSubscription(tp.platform.services.db, shop.legalEntity.id, ['reporting', 'messagebox']);
    tp.platform.services.subscriptions.forget(shop.legalEntity.id);
    expect((await usage(statik)).status).toBe(200);

    await setSubscription(tp.platform.services.db, shop.legalEntity.id, []);
    tp.platform.services.subscriptions.forget(shop.legalEntity.id);
    const none = await requestStandard({ access_key: shop.profile.accessKey });
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ error: 'unauthorized_client' });
  });

  it("refuses the planner's tokens on the back-end services", async () => {
    const { apiKey } = await onboardHost(tp, { name: 'Planner Shop' });
    const key = { id: apiKey.id, secretKey: apiKey.secretKey };
    const user = await tokenFor(tp, key, { kind: 'user', user_id: 'ann', scope: 'read write' });
    const res = await usage(user);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'insufficient_scope' });
    expect((await sendMessage(user)).status).toBe(403);
  });
});
