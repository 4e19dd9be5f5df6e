import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createShopApp, SHORT_TOKEN_LIFETIME, type ShopOptions } from './app.ts';
import { DEMO_PASSWORD, demoShoppers, hashPassword, verifyPassword } from './shoppers.ts';

const SHOP = 'http://127.0.0.1:5173';

// Every login runs a real scrypt comparison (that is the point); a loaded machine needs time.
vi.setConfig({ testTimeout: 30_000 });

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

/** The shop, and a browser-like client of it: its own Origin, JSON bodies, one cookie jar. */
async function shop(overrides: Partial<ShopOptions> = {}) {
  const t = tokens();
  const origin = overrides.origin ?? SHOP;
  const app = createShopApp({
    shoppers: await demoShoppers(),
    tokens: t,
    plannerUrl: 'http://127.0.0.1:5174/',
    staticFiles: async () => undefined,
    origin,
    ...overrides,
  });
  let cookie = '';
  // A header given as undefined is left out.
  const call = async (path: string, body?: unknown, headers: Record<string, string | undefined> = {}) => {
    const all: Record<string, string | undefined> = {
      ...(cookie ? { Cookie: cookie } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json', Origin: origin }),
      ...headers,
    };
    const res = await app.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: Object.entries(all).flatMap(([k, v]) => (v === undefined ? [] : [[k, v] as [string, string]])),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const set of res.headers.getSetCookie()) {
      const pair = set.split(';')[0]!;
      cookie = pair.endsWith('=') ? '' : pair;
    }
    return res;
  };
  const shopper = async () => ((await (await call('/api/session')).json()) as { shopper: unknown }).shopper;
  return { app, call, shopper, tokens: t, cookie: () => cookie, setCookie: (c: string) => (cookie = c) };
}

const ada = { email: 'ada@example.com', password: DEMO_PASSWORD };

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
    await s.call('/api/short-token', {}); // a visitor's session
    const before = s.cookie();
    expect(before).not.toBe('');
    const login = await s.call('/api/login', { email: 'ADA@example.com ', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    expect(s.cookie()).not.toBe(before); // no session fixation
    const token = await (await s.call('/api/planner-token', {})).json();
    expect(token).toMatchObject({ kind: 'user', scope: 'read write' });
    expect(s.tokens.userToken).toHaveBeenCalledWith('shopper-ada', { scope: 'read write' });
    expect(await s.shopper()).toMatchObject({ name: 'Ada' });

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
    expect((await call('/api/login', { email: 'ada@example.com', password: 'x'.repeat(1025) })).status).toBe(
      400,
    );
  });

  it('makes only the next token short-lived', async () => {
    const { call, tokens: t } = await shop();
    await call('/api/short-token', {});
    await call('/api/planner-token', {});
    await call('/api/planner-token', {});
    expect(t.legalEntityToken.mock.calls).toEqual([[{ lifetime: SHORT_TOKEN_LIFETIME }], [{}]]);
  });

  it('gives a visitor no session for a planner token alone', async () => {
    const s = await shop();
    const res = await s.call('/api/planner-token', {});
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('never sends the API key or secret to the browser', async () => {
    const { call } = await shop();
    const session = await (await call('/api/session')).text();
    expect(session).not.toMatch(/sk_|secret/i);
  });

  it('refuses bodies over 16 KiB with 413', async () => {
    const { call } = await shop();
    const res = await call('/api/login', { email: 'ada@example.com', password: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'request_too_large' });
  });
});

describe('login CSRF', () => {
  it.each([
    ['another origin', { Origin: 'http://evil.example' }, 403, 'origin_not_allowed'],
    ['no Origin', { Origin: undefined }, 403, 'origin_not_allowed'],
    ['a form body', { 'Content-Type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
    ['a text/plain body', { 'Content-Type': 'text/plain' }, 415, 'unsupported_media_type'],
  ])('a login with %s is refused and logs nobody in', async (_, headers, status, error) => {
    const s = await shop();
    const res = await s.call('/api/login', ada, headers);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error });
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await s.shopper()).toBeNull();
    // The same login from the shop's own page passes.
    expect((await s.call('/api/login', ada)).status).toBe(200);
    expect(await s.shopper()).toMatchObject({ name: 'Ada' });
  });

  it.each(['/api/logout', '/api/short-token', '/api/planner-token'])(
    'every other POST (%s) needs the shop’s Origin too',
    async (path) => {
      const s = await shop();
      await s.call('/api/login', ada);
      expect((await s.call(path, {}, { Origin: 'http://evil.example' })).status).toBe(403);
      expect((await s.call(path, {}, { Origin: undefined })).status).toBe(403);
      expect(await s.shopper()).toMatchObject({ name: 'Ada' }); // not logged out
      expect((await s.call(path, {})).status).toBe(200);
    },
  );
});

describe('the session cookie', () => {
  it('on http://127.0.0.1 is a plain HttpOnly, SameSite=Strict cookie (browsers may refuse Secure there)', async () => {
    const s = await shop();
    const [cookie] = (await s.call('/api/login', ada)).headers.getSetCookie();
    expect(cookie).toMatch(/^shop_session=[\w-]{32}; /);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure|Domain/i);
  });

  it('over https is __Host-, Secure, Path=/, without Domain, and only that name is honoured', async () => {
    const s = await shop({ origin: 'https://shop.example' });
    const login = await s.call('/api/login', ada);
    const [cookie] = login.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-shop_session=[\w-]{32}; /);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).not.toMatch(/Domain/i);
    expect(await s.shopper()).toMatchObject({ name: 'Ada' });

    // The same id under the unprefixed name (as a plain-http response or a sibling could set it) is ignored.
    s.setCookie(s.cookie().replace('__Host-', ''));
    expect(await s.shopper()).toBeNull();
    s.setCookie(`__Host-${s.cookie()}`);
    const logout = await s.call('/api/logout', {});
    expect(logout.headers.getSetCookie()[0]).toMatch(/^__Host-shop_session=; Max-Age=0; .*Secure/);
    expect(await s.shopper()).toBeNull();
  });
});

describe('login rate limit', () => {
  const fromIp = (ip: string) => ({ 'X-Test-Ip': ip });
  const limited = (limits: ShopOptions['loginLimits']) =>
    shop({ clientIp: (c) => c.req.header('X-Test-Ip'), loginLimits: limits });

  it('refuses an email from an address after 5 wrong passwords there, even the right one, and lets others in', async () => {
    const verify = vi.fn(verifyPassword);
    const s = await shop({ verifyPassword: verify });
    for (let i = 0; i < 5; i++)
      expect((await s.call('/api/login', { ...ada, password: `guess${i}` })).status).toBe(401);
    const refused = await s.call('/api/login', ada);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: 'too_many_attempts' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(verify).toHaveBeenCalledTimes(5); // refused before any hashing
    expect(await s.shopper()).toBeNull();
    expect((await s.call('/api/login', { email: 'ben@example.com', password: DEMO_PASSWORD })).status).toBe(
      200,
    );
  });

  it('never locks a shopper out from a clean address by failing on purpose elsewhere', async () => {
    const s = await limited({});
    for (let i = 0; i < 5; i++)
      expect(
        (await s.call('/api/login', { ...ada, password: `guess${i}` }, fromIp('198.51.100.9'))).status,
      ).toBe(401);
    expect((await s.call('/api/login', ada, fromIp('198.51.100.9'))).status).toBe(429);
    expect((await s.call('/api/login', ada, fromIp('203.0.113.4'))).status).toBe(200);
  });

  it('counts only consecutive failures: a correct login starts the count again', async () => {
    const s = await shop();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++)
        expect((await s.call('/api/login', { ...ada, password: 'nope' })).status).toBe(401);
      expect((await s.call('/api/login', ada)).status).toBe(200);
    }
  });

  it('refuses an address after its failures across emails, while another address passes', async () => {
    const s = await limited({ failuresPerIp: 3 });
    for (let i = 0; i < 3; i++) {
      const res = await s.call(
        '/api/login',
        { email: `u${i}@example.com`, password: 'x' },
        fromIp('198.51.100.1'),
      );
      expect(res.status).toBe(401);
    }
    expect((await s.call('/api/login', ada, fromIp('198.51.100.1'))).status).toBe(429);
    expect((await s.call('/api/login', ada, fromIp('198.51.100.2'))).status).toBe(200);
  });

  it('counts a parallel burst of guesses as it arrives', async () => {
    const s = await shop();
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => s.call('/api/login', { ...ada, password: `guess${i}` })),
    );
    expect(burst.map((r) => r.status).sort()).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
  });

  describe('on a real server', () => {
    let close: (() => void) | undefined;
    afterEach(() => close?.());

    it('keys the address bucket on the TCP peer by default', async () => {
      const s = await shop({ loginLimits: { failuresPerIp: 2 } });
      const server = serve({ fetch: s.app.fetch, port: 0, hostname: '127.0.0.1' });
      close = () => server.close();
      await new Promise((resolve) => server.once('listening', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const login = (body: unknown) =>
        fetch(`${base}/api/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: SHOP },
          body: JSON.stringify(body),
        });
      expect((await login({ email: 'a@example.com', password: 'x' })).status).toBe(401);
      expect((await login({ email: 'b@example.com', password: 'x' })).status).toBe(401);
      expect((await login(ada)).status).toBe(429); // 127.0.0.1 is out of attempts
      // app.request() has no TCP peer, so no address: a different bucket, still open.
      expect((await s.call('/api/login', ada)).status).toBe(200);
      expect((await login(ada)).status).toBe(429);
    });
  });
});

describe('unknown and known emails', () => {
  it('cost the same: one scrypt comparison each, against a real-shaped hash for the unknown', async () => {
    const verify = vi.fn(verifyPassword);
    const s = await shop({ verifyPassword: verify });
    const known = await s.call('/api/login', { ...ada, password: 'wrong' });
    const unknown = await s.call('/api/login', { email: 'eve@example.com', password: 'wrong' });
    expect(known.status).toBe(401);
    expect(await unknown.json()).toEqual(await known.json());
    expect(verify).toHaveBeenCalledTimes(2);
    const [[, knownHash], [password, dummyHash]] = verify.mock.calls as [[string, string], [string, string]];
    expect(password).toBe('wrong');
    const shape = (hash: string) =>
      hash.split('$').map((part, i) => (i === 0 ? part : Buffer.from(part, 'base64url').length));
    expect(shape(dummyHash)).toEqual(['scrypt', 16, 32]);
    expect(shape(dummyHash)).toEqual(shape(knownHash));
    expect(dummyHash).not.toBe(knownHash);
    // The dummy is a hash of a random secret: the demo password does not open it.
    expect(await verifyPassword(DEMO_PASSWORD, dummyHash)).toBe(false);
  });
});
