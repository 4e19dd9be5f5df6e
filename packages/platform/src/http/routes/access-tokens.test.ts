import { randomUUID } from 'node:crypto';
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../../accounts/api-keys.ts';
import {
  authed,
  onboardHost,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../../testing/test-platform.ts';

let tp: TestPlatform;
let host: Awaited<ReturnType<typeof onboardHost>>;
let other: Awaited<ReturnType<typeof onboardHost>>;
const keyOf = (h: typeof host) => ({ id: h.apiKey.id, secretKey: h.apiKey.secretKey });

beforeAll(async () => {
  tp = await startTestPlatform();
  host = await onboardHost(tp);
  other = await onboardHost(tp, { name: 'Other Shop' });
});
afterAll(() => tp.close());

const me = (token: string | undefined, headers: Record<string, string> = {}) =>
  fetch(`${tp.url}/v1/me`, token ? authed(token, { headers }) : { headers });

const expectInvalidToken = async (res: Response, fragment?: string) => {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
  const body = (await res.json()) as { error: string; error_description: string };
  expect(body.error).toBe('invalid_token');
  if (fragment) expect(body.error_description).toContain(fragment);
};

/** Re-signs a token's claims with a key of our own choosing: what a forger would do. */
async function forge(
  claims: Record<string, unknown>,
  header: Record<string, unknown>,
  key: CryptoKey | Uint8Array,
) {
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key);
}

describe('bearer tokens on the web services (RFC 6750)', () => {
  it('accepts a valid token and says who it speaks for', async () => {
    const token = await tokenFor(tp, keyOf(host), { kind: 'user', user_id: 'ann' });
    const res = await me(token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      kind: 'user',
      scope: 'read',
      legal_entity: { id: host.legalEntity.id, name: 'Test Shop' },
      user: { id: 'ann' },
    });
  });

  it('refuses a missing token or another scheme with a bare challenge (RFC 6750 §3.1: no error code)', async () => {
    for (const res of [await me(undefined), await me(undefined, { Authorization: 'Basic Zm9vOmJhcg==' })]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="planner"');
      expect(((await res.json()) as { error: string }).error).toBe('invalid_token');
    }
  });

  it('refuses a Bearer credential that is not one b64token as a malformed request (400 invalid_request)', async () => {
    // Found by the forgery suite (src/http/fuzz): these were 401 invalid_token.
    for (const header of ['Bearer', 'Bearer a b', 'Bearer "abc"', 'Bearer abc,abc']) {
      const res = await me(undefined, { Authorization: header });
      expect(res.status, header).toBe(400);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="planner", error="invalid_request"/);
      expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
    }
  });

  it('refuses a genuine token re-spelt with a non-canonical base64url signature', async () => {
    // Found by the forgery suite: the last character's unused bits flipped, same bytes, was a 200.
    const token = await tokenFor(tp, host.apiKey, { kind: 'user', user_id: 'ann' });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelt = `${token.slice(0, -1)}${alphabet[alphabet.indexOf(token.at(-1)!) ^ 1]}`;
    expect((await me(token)).status).toBe(200);
    await expectInvalidToken(await me(respelt), 'malformed');
  });

  it('refuses tokens signed by our own key whose claims no token of ours has', async () => {
    // Found by the forgery suite: iat a year ahead was a 200, exp 1e308 a 500 on /v1/me.
    const token = await tokenFor(tp, keyOf(host), { kind: 'user', user_id: 'ann' });
    const claims = decodeJwt(token);
    const { kid, privateKey } = await tp.platform.services.keys.current();
    const resign = (patch: Record<string, unknown>) =>
      new SignJWT({ ...claims, ...patch })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
        .sign(privateKey);
    const nowS = Math.floor(tp.clock.now() / 1000);
    expect((await me(await resign({}))).status).toBe(200);
    await expectInvalidToken(await me(await resign({ iat: nowS + 365 * 86_400 })), 'invalid');
    await expectInvalidToken(await me(await resign({ exp: 1e308 })), 'invalid');
  });

  it('refuses a malformed token', async () => {
    await expectInvalidToken(await me('not-a-jwt'), 'malformed');
    await expectInvalidToken(await me('a.b.c'), 'malformed');
  });

  it('refuses an expired token, then the clock is what decides', async () => {
    const token = await tokenFor(tp, keyOf(host), { kind: 'legal_entity', lifetime: 60 });
    expect((await me(token)).status).toBe(200); // now cached as verified
    tp.clock.advance(61);
    try {
      await expectInvalidToken(await me(token), 'expired');
    } finally {
      tp.clock.advance(-61);
    }
  });

  it('refuses a tampered token', async () => {
    const token = await tokenFor(tp, keyOf(host), { kind: 'user', user_id: 'ann' });
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    claims.scope = 'read write';
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    await expectInvalidToken(await me(tampered), 'signature');
  });

  it('refuses alg: none', async () => {
    const token = await tokenFor(tp, keyOf(host), { kind: 'legal_entity' });
    const [h, p] = token.split('.');
    const header = { ...JSON.parse(Buffer.from(h!, 'base64url').toString()), alg: 'none' };
    await expectInvalidToken(await me(`${Buffer.from(JSON.stringify(header)).toString('base64url')}.${p}.`));
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const token = await tokenFor(tp, keyOf(host), { kind: 'legal_entity' });
    const jwks = (await (await fetch(`${tp.url}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[];
    };
    const publicKeyBytes = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
    const forged = await forge(
      decodeJwt(token),
      { alg: 'HS256', typ: 'at+jwt', kid: jwks.keys[0]!.kid },
      publicKeyBytes,
    );
    await expectInvalidToken(await me(forged), 'not signed by this platform');
  });

  it('refuses an unknown kid and a token signed by a stranger', async () => {
    const token = await tokenFor(tp, keyOf(host), { kind: 'legal_entity' });
    const { privateKey } = await generateKeyPair('ES256');
    const stranger = await forge(
      decodeJwt(token),
      { alg: 'ES256', typ: 'at+jwt', kid: randomUUID() },
      privateKey,
    );
    await expectInvalidToken(await me(stranger), 'unknown key');
    // Same kid as ours, stranger's key.
    const kid = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid;
    const sameKid = await forge(decodeJwt(token), { alg: 'ES256', typ: 'at+jwt', kid }, privateKey);
    await expectInvalidToken(await me(sameKid), 'signature');
  });

  it('refuses a token for another audience or from another issuer', async () => {
    const token = await tokenFor(tp, keyOf(host), { kind: 'legal_entity' });
    const claims = decodeJwt(token);
    const kid = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid;
    const { privateKey } = await tp.platform.services.keys.current();
    const header = { alg: 'ES256', typ: 'at+jwt', kid };
    await expectInvalidToken(
      await me(await forge({ ...claims, aud: 'https://elsewhere.example/api' }, header, privateKey)),
      'not meant for this API',
    );
    await expectInvalidToken(
      await me(await forge({ ...claims, iss: 'https://evil.example' }, header, privateKey)),
      'not issued by this platform',
    );
    await expectInvalidToken(await me(await forge(claims, { ...header, typ: 'JWT' }, privateKey)));
  });

  it("refuses a token that claims another legal entity's API key", async () => {
    const token = await tokenFor(tp, keyOf(host), { kind: 'legal_entity' });
    const kid = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid;
    const { privateKey } = await tp.platform.services.keys.current();
    const mixed = await forge(
      { ...decodeJwt(token), le: other.legalEntity.id },
      { alg: 'ES256', typ: 'at+jwt', kid },
      privateKey,
    );
    await expectInvalidToken(await me(mixed), 'revoked');
  });

  it('drops tokens of a revoked API key at once, cached or not', async () => {
    const extra = await onboardHost(tp, { name: 'Short-lived Shop' });
    const token = await tokenFor(tp, keyOf(extra), { kind: 'legal_entity' });
    expect((await me(token)).status).toBe(200);
    await revokeApiKey(tp.platform.services.db, extra.apiKey.id);
    await tp.platform.services.db.notify('planner_revocations', `api_key:${extra.apiKey.id}`);
    await new Promise((r) => setTimeout(r, 50));
    await expectInvalidToken(await me(token), 'revoked');
  });
});

describe('scopes (RFC 6750 insufficient_scope)', () => {
  it('lets a legal-entity token read the catalog and nothing else', async () => {
    const token = await tokenFor(tp, keyOf(host), { kind: 'legal_entity' });
    expect((await fetch(`${tp.url}/v1/catalog`, authed(token))).status).toBe(200);
    const list = await fetch(`${tp.url}/v1/projects`, authed(token));
    expect(list.status).toBe(403);
    expect(list.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    const write = await fetch(
      `${tp.url}/v1/projects`,
      authed(token, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'x', room: { width_cm: 400, depth_cm: 300, unit: 'cm' }, items: [] }),
      }),
    );
    expect(write.status).toBe(403);
    expect(await write.json()).toMatchObject({ error: 'insufficient_scope' });
  });

  it('lets a read-only user token read but not write its projects', async () => {
    const token = await tokenFor(tp, keyOf(host), { kind: 'user', user_id: 'reader' });
    expect((await fetch(`${tp.url}/v1/projects`, authed(token))).status).toBe(200);
    const write = await fetch(
      `${tp.url}/v1/projects`,
      authed(token, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'x', room: { width_cm: 400, depth_cm: 300, unit: 'cm' }, items: [] }),
      }),
    );
    expect(write.status).toBe(403);
    expect(write.headers.get('www-authenticate')).toContain('scope="write"');
  });
});
