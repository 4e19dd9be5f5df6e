import { describe, expect, it, vi } from 'vitest';
import { createShopApp, SHORT_TOKEN_LIFETIME } from './app.ts';
import { DEMO_PASSWORD, demoShoppers, hashPassword, verifyPassword } from './shoppers.ts';

const tokens = () => ({
  legalEntityToken: vi.fn(async (o?: { lifetime?: number }) => ({
    access_token: 'le.token.sig',
    expires_in: o?.lifetime ?? 300,
    scope: 'read',
  })),
  userToken: vi.fn(async (_id: string, o: { scope: string; lifetime?: number }) => ({
    access_token: 'user.token.sig',
    expires_in: o.lifetime ?? 300,
    scope: o.scope,
  })),
});

async function shop() {
  const t = tokens();
  const app = createShopApp({
    shoppers: await demoShoppers(),
    tokens: t,
    plannerUrl: 'http://127.0.0.1:5174/',
    staticFiles: async () => undefined,
  });
  let cookie = '';
  const call = async (path: string, body?: unknown) => {
    const res = await app.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...(cookie ? { Cookie: cookie } : {}), 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const set of res.headers.getSetCookie()) {
      const pair = set.split(';')[0]!;
      cookie = pair.endsWith('=') ? '' : pair;
    }
    return res;
  };
  return { app, call, tokens: t, cookie: () => cookie };
}

describe('passwords', () => {
  it('are stored as salted scrypt hashes and verified in constant time', async () => {
    const a = await hashPassword('secret');
    const b = await hashPassword('secret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret');
    expect(await verifyPassword('secret', a)).toBe(true);
    expect(await verifyPassword('Secret', a)).toBe(false);
    expect(await verifyPassword('secret', 'plain$text')).toBe(false);
  });
});

describe('the shop back-end', () => {
  it('gives a visitor a read-only legal-entity token', async () => {
    const { call, tokens: t } = await shop();
    const res = await call('/api/planner-token', {});
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ kind: 'legal_entity', scope: 'read' });
    expect(t.userToken).not.toHaveBeenCalled();
  });

  it('logs a shopper in with a fresh session and gives them a user token with write scope', async () => {
    const s = await shop();
    await s.call('/api/planner-token', {});
    const before = s.cookie();
    const login = await s.call('/api/login', { email: 'ADA@example.com ', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    expect(s.cookie()).not.toBe(before); // no session fixation
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const token = await (await s.call('/api/planner-token', {})).json();
    expect(token).toMatchObject({ kind: 'user', scope: 'read write' });
    expect(s.tokens.userToken).toHaveBeenCalledWith('shopper-ada', { scope: 'read write' });
    expect(await (await s.call('/api/session')).json()).toMatchObject({ shopper: { name: 'Ada' } });

    await s.call('/api/logout', {});
    expect(await (await s.call('/api/planner-token', {})).json()).toMatchObject({ kind: 'legal_entity' });
  });

  it('refuses wrong passwords and malformed logins without saying which part was wrong', async () => {
    const { call } = await shop();
    const wrong = await call('/api/login', { email: 'ada@example.com', password: 'nope' });
    expect(wrong.status).toBe(401);
    const unknown = await call('/api/login', { email: 'eve@example.com', password: DEMO_PASSWORD });
    expect(await unknown.json()).toEqual(await wrong.json());
    expect((await call('/api/login', { email: 42 })).status).toBe(400);
  });

  it('makes only the next token short-lived', async () => {
    const { call, tokens: t } = await shop();
    await call('/api/short-token', {});
    await call('/api/planner-token', {});
    await call('/api/planner-token', {});
    expect(t.legalEntityToken.mock.calls).toEqual([[{ lifetime: SHORT_TOKEN_LIFETIME }], [{}]]);
  });

  it('never sends the API key or secret to the browser', async () => {
    const { call } = await shop();
    const session = await (await call('/api/session')).text();
    expect(session).not.toMatch(/sk_|secret/i);
  });
});
