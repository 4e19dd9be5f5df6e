import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClaims, fakeJwt } from '../testing/fake-jwt.ts';
import { keySet, PLATFORM, type SigningKey, signingKey, signToken } from '../testing/platform-keys.ts';
import { createTokenVerifier } from './verify-token.ts';

describe('createTokenVerifier with the key set given', () => {
  it('takes a token the platform signed, and refuses every forgery and foreign token', async () => {
    const platform = await signingKey('k1');
    const attacker = await signingKey('k1');
    const verify = createTokenVerifier({ issuer: PLATFORM, keys: keySet(platform) });

    expect(await verify(await signToken(platform))).toBe('genuine');
    // A page's own key, under the platform's key id.
    expect(await verify(await signToken(attacker))).toBe('forged');
    // Genuine signature, claims edited afterwards.
    const [h, , sig] = (await signToken(platform)).split('.');
    const edited = fakeJwt(fakeClaims({ origins: ['https://evil.example'] })).split('.')[1];
    expect(await verify(`${h}.${edited}.${sig}`)).toBe('forged');
    // Unsigned, `alg: none`, wrong type, issuer, audience, expired, or not a JWT at all.
    expect(await verify(fakeJwt(fakeClaims()))).toBe('forged');
    expect(await verify(fakeJwt(fakeClaims(), { alg: 'none', typ: 'at+jwt' }).replace(/[^.]+$/, ''))).toBe(
      'forged',
    );
    expect(await verify(await signToken(platform, {}, { typ: 'JWT' }))).toBe('forged');
    expect(await verify(await signToken(platform, { iss: 'https://evil.example' }))).toBe('forged');
    expect(await verify(await signToken(platform, { aud: 'https://evil.example/v1' }))).toBe('forged');
    expect(await verify(await signToken(platform, {}, { now: Date.now() - 3_600_000 }))).toBe('forged');
    expect(await verify('not a token')).toBe('forged');
  });

  it("refuses a signed token without the platform's claims, or not yet valid", async () => {
    const key = await signingKey();
    const verify = createTokenVerifier({ issuer: PLATFORM, keys: keySet(key) });
    expect(await verify(await signToken(key, {}, { typ: 'application/at+jwt' }))).toBe('genuine');
    expect(await verify(await signToken(key, { origins: undefined }))).toBe('forged');
    expect(await verify(await signToken(key, { kind: 'backend' }))).toBe('forged');
    expect(await verify(await signToken(key, { aud: [`${PLATFORM}/v1`, 'https://other.example'] }))).toBe(
      'forged',
    );
    const nbf = Math.floor(Date.now() / 1000) + 3600;
    expect(await verify(await signToken(key, { nbf }))).toBe('forged');
    expect(await verify(await signToken(key, { nbf: nbf - 7200 }))).toBe('genuine');
  });

  it('allows the clock skew the token store allows on exp, and no more', async () => {
    const key = await signingKey();
    const issuedAt = Date.now();
    const token = await signToken(key, {}, { now: issuedAt, lifetimeSeconds: 60 });
    const at = (ms: number) => createTokenVerifier({ issuer: PLATFORM, keys: keySet(key), now: () => ms });
    // The visitor's clock runs 4 minutes fast: the token is still good.
    expect(await at(issuedAt + 60_000 + 4 * 60_000)(token)).toBe('genuine');
    expect(await at(issuedAt + 60_000 + 6 * 60_000)(token)).toBe('forged');
  });
});

describe("createTokenVerifier with the platform's JWKS URL", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  /** A JWKS endpoint on 127.0.0.1 that counts its requests and serves `keys()` at the time. */
  async function jwksServer(keys: () => SigningKey[], status = () => 200) {
    const hits: string[] = [];
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(status(), { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(keySet(...keys())));
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    return { hits, issuer: `http://127.0.0.1:${port}` };
  }

  it('fetches the key set once, refetches once for an unknown key id, then waits out the cooldown', async () => {
    const k1 = await signingKey('k1');
    const k2 = await signingKey('k2');
    let published = [k1];
    const { hits, issuer } = await jwksServer(() => published);
    const sign = (key: SigningKey, kid?: string) =>
      signToken(key, { iss: issuer, aud: `${issuer}/v1` }, kid ? { kid } : {});

    // No cooldown: every unknown key id may refetch, and costs exactly one fetch.
    const eager = createTokenVerifier({ issuer, cooldownMs: 0 });
    expect(await eager(await sign(k1))).toBe('genuine');
    expect(await eager(await sign(k1))).toBe('genuine');
    expect(hits).toHaveLength(1);
    // The platform rotated to k2: the unknown key id costs one refetch, which finds it.
    published = [k1, k2];
    expect(await eager(await sign(k2))).toBe('genuine');
    expect(hits).toHaveLength(2);
    expect(await eager(await sign(k2, 'made-up'))).toBe('forged');
    expect(hits).toHaveLength(3);

    // With the default cooldown, made-up key ids right after a fetch cost nothing.
    const verify = createTokenVerifier({ issuer });
    expect(await verify(await sign(k1))).toBe('genuine');
    for (const kid of ['x1', 'x2', 'x3']) expect(await verify(await sign(k2, kid))).toBe('forged');
    expect(hits).toEqual(Array(4).fill('/.well-known/jwks.json'));
  });

  it('shares one fetch between verifications running at once', async () => {
    const key = await signingKey('k1');
    const { hits, issuer } = await jwksServer(() => [key]);
    const verify = createTokenVerifier({ issuer });
    const token = await signToken(key, { iss: issuer, aud: `${issuer}/v1` });
    expect(await Promise.all([verify(token), verify(token), verify(token)])).toEqual(
      Array(3).fill('genuine'),
    );
    expect(hits).toHaveLength(1);
  });

  it('says keys_unavailable for an answer that is not a key set', async () => {
    const key = await signingKey();
    const { issuer } = await jwksServer(() => [key]);
    server!.removeAllListeners('request');
    server!.on('request', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"keys": "none"}');
    });
    const verify = createTokenVerifier({ issuer });
    expect(await verify(await signToken(key, { iss: issuer, aud: `${issuer}/v1` }))).toBe('keys_unavailable');
  });

  it('says keys_unavailable when the key set cannot be fetched, and recovers', async () => {
    const key = await signingKey();
    let code = 503;
    const { issuer } = await jwksServer(
      () => [key],
      () => code,
    );
    const verify = createTokenVerifier({ issuer });
    const token = await signToken(key, { iss: issuer, aud: `${issuer}/v1` });
    expect(await verify(token)).toBe('keys_unavailable');
    code = 200;
    expect(await verify(token)).toBe('genuine');
  });

  it('says keys_unavailable when nothing listens', async () => {
    const key = await signingKey();
    const { issuer } = await jwksServer(() => [key]);
    await new Promise<void>((done) => server!.close(() => done()));
    server = undefined;
    const verify = createTokenVerifier({ issuer });
    expect(await verify(await signToken(key, { iss: issuer, aud: `${issuer}/v1` }))).toBe('keys_unavailable');
  });
});
