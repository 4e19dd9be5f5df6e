import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../../accounts/api-keys.ts';
import {
  makeAssertion,
  onboardHost,
  requestToken,
  startTestPlatform,
  type TestPlatform,
} from '../../testing/test-platform.ts';

let tp: TestPlatform;
let host: Awaited<ReturnType<typeof onboardHost>>;
const key = () => ({ id: host.apiKey.id, secretKey: host.apiKey.secretKey });

beforeAll(async () => {
  tp = await startTestPlatform();
  host = await onboardHost(tp, { origins: ['https://shop.example', 'http://127.0.0.1:5173'] });
});
afterAll(() => tp.close());

describe('POST /v1/tokens', () => {
  it('issues a read-only legal-entity token with RFC 9068 claims', async () => {
    const res = await requestToken(tp, key(), { kind: 'legal_entity' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'read' });
    const token = body.access_token as string;
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(decodeProtectedHeader(token).kid).toEqual(expect.any(String));
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: tp.url,
      aud: `${tp.url}/v1`,
      sub: host.legalEntity.id,
      client_id: host.apiKey.id,
      scope: 'read',
      kind: 'legal_entity',
      le: host.legalEntity.id,
      origins: ['http://127.0.0.1:5173', 'https://shop.example'],
    });
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(claims.jti).toEqual(expect.any(String));
  });

  it('issues a user token with write scope only when asked, and a chosen lifetime', async () => {
    const read = await requestToken(tp, key(), { kind: 'user', user_id: 'alice' });
    expect(((await read.json()) as { scope: string }).scope).toBe('read');
    const res = await requestToken(tp, key(), {
      kind: 'user',
      user_id: 'alice',
      scope: 'read write',
      lifetime: 120,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; scope: string; expires_in: number };
    expect(body).toMatchObject({ scope: 'read write', expires_in: 120 });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ kind: 'user', uid: 'alice', scope: 'read write' });
    expect(claims.sub).not.toBe('alice');
  });

  it('refuses write scope for a legal-entity token', async () => {
    const res = await requestToken(tp, key(), { kind: 'legal_entity', scope: 'read write' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it.each([
    [{ kind: 'user' }, 'user_id'],
    [{ kind: 'legal_entity', user_id: 'bob' }, 'user_id'],
    [{ kind: 'user', user_id: 'bob', lifetime: 999_999 }, 'lifetime'],
    [{ kind: 'user', user_id: 'bob', lifetime: 1 }, 'lifetime'],
  ] as const)('refuses bad parameters %j', async (params, word) => {
    const res = await requestToken(tp, key(), params);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; error_description: string };
    expect(body.error).toBe('invalid_request');
    expect(body.error_description).toContain(word);
  });

  it('refuses a body that fails the schema, malformed JSON and other content types', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${tp.url}/v1/tokens`, { method: 'POST', headers: { 'Content-Type': type }, body });
    const bad = await post(JSON.stringify({ kind: 'admin' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_request' });
    const malformed = await post('{"kind":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'invalid_request' });
    const form = await post('kind=user', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    const huge = await post(JSON.stringify({ kind: 'user', user_id: 'x'.repeat(20_000) }));
    expect(huge.status).toBe(413);
  });

  describe('client authentication', () => {
    const params = { kind: 'user', user_id: 'carol' } as const;

    const expectInvalidClient = async (res: Response, fragment: string) => {
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: string; error_description: string };
      expect(body.error).toBe('invalid_client');
      expect(body.error_description).toContain(fragment);
      expect(JSON.stringify(body)).not.toContain(host.apiKey.secretKey);
    };

    it('refuses an assertion signed with the wrong secret', async () => {
      const wrong = await makeAssertion(tp, { id: host.apiKey.id, secretKey: 'sk_wrong' }, params);
      // The same words as for an unknown key (found by the timing suite: they differed).
      await expectInvalidClient(await requestToken(tp, key(), params, wrong), 'Unknown or revoked API key');
    });

    it('refuses an unknown key', async () => {
      const unknown = await makeAssertion(tp, { id: 'pk_unknown', secretKey: host.apiKey.secretKey }, params);
      await expectInvalidClient(await requestToken(tp, key(), params, unknown), 'Unknown or revoked');
    });

    it('answers an unknown key and a wrong secret in the same words', async () => {
      const wrong = await makeAssertion(tp, { id: host.apiKey.id, secretKey: 'sk_wrong' }, params);
      const unknown = await makeAssertion(tp, { id: 'pk_unknown2', secretKey: 'sk_wrong' }, params);
      const a = await requestToken(tp, key(), params, wrong);
      const b = await requestToken(tp, key(), params, unknown);
      expect([a.status, await a.json()]).toEqual([b.status, await b.json()]);
    });

    it('refuses a replayed assertion', async () => {
      const assertion = await makeAssertion(tp, key(), params);
      expect((await requestToken(tp, key(), params, assertion)).status).toBe(200);
      await expectInvalidClient(await requestToken(tp, key(), params, assertion), 'already used');
    });

    it('refuses a jti that cannot be stored, and spends nothing', async () => {
      for (const jti of ['abcdefgh\u0000ijkl', 'abcdefgh\ud800ijkl']) {
        const bad = await makeAssertion(tp, key(), params, { jti });
        await expectInvalidClient(await requestToken(tp, key(), params, bad), 'jti must not contain NUL');
      }
      expect((await requestToken(tp, key(), params)).status).toBe(200);
    });

    it('refuses a stale assertion and one that lives too long', async () => {
      const stale = await makeAssertion(tp, key(), params, { expIn: -30 });
      await expectInvalidClient(await requestToken(tp, key(), params, stale), 'expired');
      const long = await makeAssertion(tp, key(), params, { expIn: 3600 });
      await expectInvalidClient(await requestToken(tp, key(), params, long), '60 seconds');
    });

    it('refuses an assertion for another audience, issuer or request', async () => {
      const aud = await makeAssertion(tp, key(), params, { aud: 'https://evil.example/v1/tokens' });
      await expectInvalidClient(await requestToken(tp, key(), params, aud), 'aud');
      const sub = await makeAssertion(tp, key(), params, { sub: 'pk_other' });
      await expectInvalidClient(await requestToken(tp, key(), params, sub), 'sub');
      // An assertion made for carol, replayed to ask for dave with write scope.
      const forCarol = await makeAssertion(tp, key(), params);
      const widened = { kind: 'user', user_id: 'dave', scope: 'read write' } as const;
      await expectInvalidClient(await requestToken(tp, key(), widened, forCarol), 'params_sha256');
    });

    it('refuses a revoked key, at once', async () => {
      const extra = await onboardHost(tp, { name: 'Revoked Shop' });
      const k = { id: extra.apiKey.id, secretKey: extra.apiKey.secretKey };
      expect((await requestToken(tp, k, params)).status).toBe(200);
      await revokeApiKey(tp.platform.services.db, extra.apiKey.id);
      await tp.platform.services.db.notify('planner_revocations', `api_key:${extra.apiKey.id}`);
      // The notification arrives asynchronously: poll for the refusal within a deadline.
      await expect
        .poll(async () => (await requestToken(tp, k, params)).status, { timeout: 10_000 })
        .toBe(401);
      await expectInvalidClient(await requestToken(tp, k, params), 'Unknown or revoked');
    });
  });

  it('never logs a secret, an assertion or a whole token', async () => {
    const res = await requestToken(tp, key(), { kind: 'user', user_id: 'erin', scope: 'read write' });
    const { access_token } = (await res.json()) as { access_token: string };
    const all = tp.logs.join('\n');
    expect(all).toContain('token.issued');
    expect(all).not.toContain(host.apiKey.secretKey);
    expect(all).not.toContain(access_token);
    expect(all).not.toContain(access_token.split('.')[2]);
  });
});
