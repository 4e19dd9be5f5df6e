import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  onboardHost,
  postForm,
  standardToken,
  startTestPlatform,
  TEST_ADMIN_TOKEN,
  type TestPlatform,
} from '../../testing/test-platform.ts';

let tp: TestPlatform;
let host: Awaited<ReturnType<typeof onboardHost>>;

beforeAll(async () => {
  tp = await startTestPlatform();
  host = await onboardHost(tp, { name: 'Admin Shop' });
});
afterAll(() => tp.close());

const json = async <T = Record<string, unknown>>(res: Response, status: number): Promise<T> => {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
};

describe('admin API', () => {
  it('needs the operator token, compared exactly', async () => {
    const none = await fetch(`${tp.url}/admin/api/legal-entities`);
    expect(none.status).toBe(401);
    // RFC 6750 §3.1: no credentials at all is a bare challenge, without an error code.
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="planner"');
    for (const wrong of [`${TEST_ADMIN_TOKEN}x`, TEST_ADMIN_TOKEN.slice(0, -1), 'short']) {
      const res = await fetch(`${tp.url}/admin/api/legal-entities`, {
        headers: { Authorization: `Bearer ${wrong}` },
      });
      expect(res.status).toBe(401);
    }
    const ok = await admin(tp, 'GET', '/legal-entities');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
  });

  it('is off, and says so, when no operator token is configured', async () => {
    const off = await startTestPlatform({ adminToken: undefined });
    try {
      const res = await fetch(`${off.url}/admin/api/legal-entities`, {
        headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error_description: string }).error_description).toContain(
        'PLANNER_ADMIN_TOKEN',
      );
    } finally {
      await off.close();
    }
    await expect(startTestPlatform({ adminToken: 'too-short' })).rejects.toThrow(/at least 32 characters/);
  });

  it('lists legal entities and sets their subscriptions and OAuth lifetime', async () => {
    const { legal_entities } = await json<{ legal_entities: { id: string; services: string[] }[] }>(
      await admin(tp, 'GET', '/legal-entities'),
      200,
    );
    expect(legal_entities.find((le) => le.id === host.legalEntity.id)).toMatchObject({
      name: 'Admin Shop',
      services: [],
      oauth_token_lifetime: 28_800,
    });
    const set = await admin(tp, 'PUT', `/legal-entities/${host.legalEntity.id}/subscription`, {
      services: ['messagebox', 'reporting', 'reporting'],
    });
    expect(await json(set, 200)).toMatchObject({ services: ['reporting', 'messagebox'] });
    await json(
      await admin(tp, 'PUT', `/legal-entities/${host.legalEntity.id}/subscription`, { services: ['fax'] }),
      400,
    );
    await json(
      await admin(tp, 'PUT', `/legal-entities/${host.legalEntity.id}/oauth-token-lifetime`, { seconds: 5 }),
      400,
    );
    const unknown = '00000000-0000-4000-8000-000000000000';
    await json(await admin(tp, 'GET', `/legal-entities/${unknown}`), 404);
    await json(await admin(tp, 'PUT', `/legal-entities/${unknown}/subscription`, { services: [] }), 404);
    const shown = await json(await admin(tp, 'GET', `/legal-entities/${host.legalEntity.id}`), 200);
    expect(shown).toMatchObject({ services: ['reporting', 'messagebox'] });
  });

  it('manages back-end profiles: list without access keys, details with, static tokens shown once', async () => {
    const created = await json<{ id: string; access_key: string }>(
      await admin(tp, 'POST', `/legal-entities/${host.legalEntity.id}/backend-profiles`, {
        name: 'Warehouse',
        external_system: 'WMS 4.2',
      }),
      201,
    );
    await json(
      await admin(tp, 'POST', `/legal-entities/${host.legalEntity.id}/backend-profiles`, {
        name: '',
        external_system: 'x',
      }),
      400,
    );
    const list = await admin(tp, 'GET', `/legal-entities/${host.legalEntity.id}/backend-profiles`);
    const listed = await list.text();
    expect(listed).toContain(created.id);
    expect(listed).not.toContain(created.access_key);

    const statik = await json<{ static_token: string; replaced: string | null; id: string }>(
      await admin(tp, 'POST', `/backend-profiles/${created.id}/static-token`),
      201,
    );
    expect(statik.replaced).toBeNull();
    const again = await json<{ replaced: string }>(
      await admin(tp, 'POST', `/backend-profiles/${created.id}/static-token`),
      201,
    );
    expect(again.replaced).toBe(statik.id);
    const details = await (await admin(tp, 'GET', `/backend-profiles/${created.id}`)).text();
    expect(details).toContain(created.access_key);
    expect(details).not.toContain(statik.static_token);
    await json(await admin(tp, 'GET', '/backend-profiles/bp_nothing'), 404);
    await json(await admin(tp, 'POST', '/backend-profiles/bp_nothing/static-token'), 404);

    // The access key works, and no secret ever reaches the logs.
    await standardToken(tp, created.access_key);
    const logs = tp.logs.join('\n');
    for (const secret of [created.access_key, statik.static_token]) expect(logs).not.toContain(secret);
  });

  it('manages OAuth consumers: the secret is shown once, revocation ends its tokens', async () => {
    const created = await json<{ consumer_key: string; consumer_secret: string }>(
      await admin(tp, 'POST', `/legal-entities/${host.legalEntity.id}/oauth-consumers`, {
        user_id: 'shopper-7',
        label: 'Integration',
        scope: 'read write',
      }),
      201,
    );
    expect(created).toMatchObject({ user_id: 'shopper-7', scope: 'read write', revoked_at: null });
    expect(created.consumer_key).toMatch(/^ck_/);
    expect(created.consumer_secret).toMatch(/^cs_[\w-]{43}$/);
    const list = await (
      await admin(tp, 'GET', `/legal-entities/${host.legalEntity.id}/oauth-consumers`)
    ).text();
    expect(list).toContain(created.consumer_key);
    expect(list).not.toContain(created.consumer_secret);
    await json(
      await admin(tp, 'POST', `/legal-entities/${host.legalEntity.id}/oauth-consumers`, {
        user_id: 'x',
        scope: 'admin',
      }),
      400,
    );

    const issued = await postForm(tp, '/oauth/token', {
      grant_type: 'password',
      username: created.consumer_key,
      password: created.consumer_secret,
    });
    expect(issued.status).toBe(200);
    const revoked = await json(await admin(tp, 'DELETE', `/oauth-consumers/${created.consumer_key}`), 200);
    expect(revoked).toMatchObject({ revoked_at: expect.any(String) });
    await json(await admin(tp, 'DELETE', '/oauth-consumers/ck_nothing'), 404);
    expect(tp.logs.join('\n')).not.toContain(created.consumer_secret);
  });

  it('is documented in /openapi.json, with the OAuth, back-end and service routes', async () => {
    const doc = (await (await fetch(`${tp.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/admin/api/legal-entities',
        '/admin/api/backend-profiles/{id}/static-token',
        '/admin/api/backend-profiles/{id}/access-key',
        '/admin/api/backend-profiles/{id}/disable',
        '/admin/api/backend-profiles/{id}/enable',
        '/admin/api/legal-entities/{id}/oauth-consumers',
        '/oauth/token',
        '/oauth/revoke',
        '/oauth/introspect',
        '/.well-known/oauth-authorization-server',
        '/v1/backend/tokens',
        '/v1/reporting/usage',
        '/v1/messagebox/messages',
        '/v1/messagebox/inbox',
        '/v1/messagebox/messages/{id}/read',
      ]),
    );
  });
});
