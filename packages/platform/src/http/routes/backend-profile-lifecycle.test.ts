import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  authed,
  onboardBackend,
  postForm,
  standardToken,
  startTestPlatform,
  TEST_ADMIN_TOKEN,
  type TestPlatform,
} from '../../testing/test-platform.ts';

// Issue 9: back-end access keys are rotated, profiles disabled, enabled and deleted, through
// the admin API; every token of a disabled or deleted profile is refused at once.

let tp: TestPlatform;

beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(() => tp.close());

const usage = (token: string, base = tp.url) => fetch(`${base}/v1/reporting/usage`, authed(token));
const requestStandard = (accessKey: string) =>
  fetch(`${tp.url}/v1/backend/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ access_key: accessKey }),
  });
const json = async <T = Record<string, unknown>>(res: Response, status: number): Promise<T> => {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
};
const generateStatic = async (profileId: string) =>
  (
    await json<{ static_token: string }>(
      await admin(tp, 'POST', `/backend-profiles/${profileId}/static-token`),
      201,
    )
  ).static_token;
const expectInvalidToken = async (res: Response, fragment: string) => {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  const body = (await res.json()) as { error: string; error_description: string };
  expect(body.error).toBe('invalid_token');
  expect(body.error_description).toContain(fragment);
};
const expectInvalidClient = async (res: Response, fragment: string) => {
  expect(res.status).toBe(401);
  const body = (await res.json()) as { error: string; error_description: string };
  expect(body).toMatchObject({ error: 'invalid_client' });
  expect(body.error_description).toContain(fragment);
};
const rotate = (profileId: string, body: unknown = {}) =>
  admin(tp, 'POST', `/backend-profiles/${profileId}/access-key`, body);
const introspect = async (token: string) =>
  (await (
    await postForm(tp, '/oauth/introspect', { token }, { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` })
  ).json()) as { active: boolean };

describe('rotating the access key', () => {
  it('answers a new key; the old key and its standard tokens are refused at once', async () => {
    const { profile } = await onboardBackend(tp, { name: 'Rotating Shop' });
    const oldToken = await standardToken(tp, profile.accessKey);
    expect((await usage(oldToken)).status).toBe(200); // cached as verified

    const rotated = await json<{
      access_key: string;
      previous_access_key_expires_at: null;
      access_key_rotated_at: string;
    }>(await rotate(profile.id), 200);
    expect(rotated.access_key).toMatch(/^ak_[\w-]{43}$/);
    expect(rotated.access_key).not.toBe(profile.accessKey);
    expect(rotated.previous_access_key_expires_at).toBeNull();
    expect(rotated.access_key_rotated_at).toEqual(expect.any(String));

    await expectInvalidClient(await requestStandard(profile.accessKey), 'Unknown access key');
    await expectInvalidToken(await usage(oldToken), 'rotated');
    expect(await introspect(oldToken)).toEqual({ active: false });

    const fresh = await standardToken(tp, rotated.access_key);
    expect(decodeJwt(fresh).akv).toBe(2);
    expect((await usage(fresh)).status).toBe(200);
    // The details page shows the new key, never the old one.
    const details = await (await admin(tp, 'GET', `/backend-profiles/${profile.id}`)).text();
    expect(details).toContain(rotated.access_key);
    expect(details).not.toContain(profile.accessKey);
    // A static token does not depend on the access key.
    const statik = await generateStatic(profile.id);
    await json(await rotate(profile.id), 200);
    expect((await usage(statik)).status).toBe(200);
    // No key reaches the logs.
    const logs = tp.logs.join('\n');
    for (const secret of [profile.accessKey, rotated.access_key]) expect(logs).not.toContain(secret);
    expect(logs).toContain('"event":"backend_profile.access_key_rotated"');
  });

  it('keeps the old key and its tokens working during an optional overlap, then refuses them', async () => {
    const { profile } = await onboardBackend(tp, { name: 'Overlapping Shop' });
    const oldToken = await standardToken(tp, profile.accessKey);
    const rotated = await json<{ access_key: string; previous_access_key_expires_at: string }>(
      await rotate(profile.id, { overlap_seconds: 600 }),
      200,
    );
    expect(Date.parse(rotated.previous_access_key_expires_at)).toBe(tp.clock.now() + 600_000);

    // Both keys get tokens during the overlap, and the old key's tokens work.
    const duringOverlap = await standardToken(tp, profile.accessKey);
    expect(decodeJwt(duringOverlap).akv).toBe(1);
    expect((await usage(oldToken)).status).toBe(200);
    expect((await usage(duringOverlap)).status).toBe(200);
    const fresh = await standardToken(tp, rotated.access_key);

    tp.clock.advance(601);
    try {
      await expectInvalidClient(await requestStandard(profile.accessKey), 'Unknown access key');
      await expectInvalidToken(await usage(duringOverlap), 'rotated');
      expect((await usage(fresh)).status).toBe(200);
    } finally {
      tp.clock.advance(-601);
    }

    // Rotating again during an overlap ends the older key at once.
    const again = await json<{ access_key: string }>(await rotate(profile.id, { overlap_seconds: 60 }), 200);
    await expectInvalidClient(await requestStandard(profile.accessKey), 'Unknown access key');
    expect((await requestStandard(rotated.access_key)).status).toBe(200);
    expect((await requestStandard(again.access_key)).status).toBe(200);
  });

  it('refuses a bad overlap and an unknown profile, changing nothing', async () => {
    const { profile } = await onboardBackend(tp, { name: 'Strict Shop' });
    for (const body of [
      { overlap_seconds: -1 },
      { overlap_seconds: 86_401 },
      { overlap_seconds: 1.5 },
      { x: 1 },
    ]) {
      expect(await json(await rotate(profile.id, body), 400)).toMatchObject({ error: 'invalid_request' });
    }
    const noBody = await fetch(`${tp.url}/admin/api/backend-profiles/${profile.id}/access-key`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(noBody.status).toBe(415);
    expect((await requestStandard(profile.accessKey)).status).toBe(200);
    for (const [method, path] of [
      ['POST', '/backend-profiles/bp_nothing/access-key'],
      ['POST', '/backend-profiles/bp_nothing/disable'],
      ['POST', '/backend-profiles/bp_nothing/enable'],
      ['DELETE', '/backend-profiles/bp_nothing'],
      ['DELETE', `/backend-profiles/${'x'.repeat(90)}`],
    ] as const) {
      expect(
        await json(await admin(tp, method, path, method === 'POST' ? {} : undefined), 404),
      ).toMatchObject({
        error: 'not_found',
      });
    }
  });
});

describe('disabling a profile', () => {
  it('refuses its key and its standard and static tokens at once; enabling restores them', async () => {
    const { profile, legalEntity } = await onboardBackend(tp, { name: 'Disabled Shop' });
    const standard = await standardToken(tp, profile.accessKey);
    const statik = await generateStatic(profile.id);
    expect((await usage(standard)).status).toBe(200);
    expect((await usage(statik)).status).toBe(200);

    const disabled = await json(await admin(tp, 'POST', `/backend-profiles/${profile.id}/disable`), 200);
    expect(disabled).toMatchObject({ status: 'disabled', disabled_at: expect.any(String) });
    await expectInvalidToken(await usage(standard), 'disabled');
    await expectInvalidToken(await usage(statik), 'disabled');
    await expectInvalidToken(await fetch(`${tp.url}/v1/me`, authed(statik)), 'disabled');
    await expectInvalidClient(await requestStandard(profile.accessKey), 'disabled');
    expect(await introspect(standard)).toEqual({ active: false });
    expect(await introspect(statik)).toMatchObject({ active: false });
    // Disabling twice is no error; the list says so.
    await json(await admin(tp, 'POST', `/backend-profiles/${profile.id}/disable`), 200);
    const { backend_profiles } = await json<{ backend_profiles: { id: string; status: string }[] }>(
      await admin(tp, 'GET', `/legal-entities/${legalEntity.id}/backend-profiles`),
      200,
    );
    expect(backend_profiles.find((p) => p.id === profile.id)).toMatchObject({ status: 'disabled' });

    const enabled = await json(await admin(tp, 'POST', `/backend-profiles/${profile.id}/enable`), 200);
    expect(enabled).toMatchObject({ status: 'active', disabled_at: null });
    expect((await usage(standard)).status).toBe(200);
    expect((await usage(statik)).status).toBe(200);
    expect((await requestStandard(profile.accessKey)).status).toBe(200);

    const logs = tp.logs.join('\n');
    expect(logs).toContain('"event":"backend_profile.disabled"');
    expect(logs).toContain('"event":"backend_profile.enabled"');
    expect(logs).toMatch(/"event":"backend_profile.disabled".*"by":"admin_api"/);
  });
});

describe('deleting a profile', () => {
  it('ends its key and tokens for good, and the profile is gone', async () => {
    const { profile, legalEntity } = await onboardBackend(tp, { name: 'Deleted Shop' });
    const standard = await standardToken(tp, profile.accessKey);
    const statik = await generateStatic(profile.id);
    expect((await usage(standard)).status).toBe(200);
    expect((await usage(statik)).status).toBe(200);

    expect(await json(await admin(tp, 'DELETE', `/backend-profiles/${profile.id}`), 200)).toMatchObject({
      id: profile.id,
    });
    await expectInvalidToken(await usage(standard), 'deleted');
    await expectInvalidToken(await usage(statik), 'deactivated');
    await expectInvalidClient(await requestStandard(profile.accessKey), 'Unknown access key');
    await json(await admin(tp, 'GET', `/backend-profiles/${profile.id}`), 404);
    await json(await admin(tp, 'DELETE', `/backend-profiles/${profile.id}`), 404);
    await json(await admin(tp, 'POST', `/backend-profiles/${profile.id}/static-token`), 404);
    await json(await admin(tp, 'POST', `/backend-profiles/${profile.id}/enable`), 404);
    const list = await (await admin(tp, 'GET', `/legal-entities/${legalEntity.id}/backend-profiles`)).text();
    expect(list).not.toContain(profile.id);
    // The key is destroyed, not just hidden.
    const [row] = await tp.platform.services.db.query<{ access_key_sealed: string }>(
      'select access_key_sealed from backend_profiles where id = $1',
      [profile.id],
    );
    expect(row?.access_key_sealed).toBe('');
  });
});

describe('on several instances (PostgreSQL)', () => {
  it.runIf(process.env.DATABASE_URL)(
    "[PostgreSQL only] a second instance refuses a disabled profile's standard and static tokens at once",
    async () => {
      // The same issuer as the first: instances behind one load balancer share the public URL.
      const other = await startTestPlatform({
        schema: tp.options.schema,
        master: tp.options.master,
        publicUrl: tp.url,
        now: tp.clock.now,
      });
      /** Polls `check` until it holds, within a deadline far below any cache TTL (30 s). */
      const eventually = async (check: () => Promise<boolean>) => {
        const deadline = Date.now() + 5_000;
        while (!(await check())) {
          if (Date.now() > deadline) throw new Error('not within 5 s');
          await new Promise((r) => setTimeout(r, 25));
        }
      };
      try {
        const { profile } = await onboardBackend(tp, { name: 'Shared Shop' });
        const standard = await standardToken(tp, profile.accessKey);
        const statik = await generateStatic(profile.id);
        // Cached as working on the other instance first.
        expect((await usage(standard, other.url)).status).toBe(200);
        expect((await usage(statik, other.url)).status).toBe(200);

        await json(await admin(tp, 'POST', `/backend-profiles/${profile.id}/disable`), 200);
        await eventually(async () => (await usage(standard, other.url)).status === 401);
        await expectInvalidToken(await usage(standard, other.url), 'disabled');
        await expectInvalidToken(await usage(statik, other.url), 'disabled');

        await json(await admin(tp, 'POST', `/backend-profiles/${profile.id}/enable`), 200);
        await eventually(async () => (await usage(statik, other.url)).status === 200);

        const rotated = await json<{ access_key: string }>(await rotate(profile.id), 200);
        await eventually(async () => (await usage(standard, other.url)).status === 401);
        expect((await usage(await standardToken(tp, rotated.access_key), other.url)).status).toBe(200);
      } finally {
        await other.server.close();
        await other.platform.close();
      }
    },
  );
});
