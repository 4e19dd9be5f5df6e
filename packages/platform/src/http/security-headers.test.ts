import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  onboardHost,
  postForm,
  requestToken,
  startTestPlatform,
  type TestPlatform,
} from '../testing/test-platform.ts';

let tp: TestPlatform;
let secure: TestPlatform;
let host: Awaited<ReturnType<typeof onboardHost>>;

beforeAll(async () => {
  [tp, secure] = await Promise.all([
    startTestPlatform(),
    startTestPlatform({ publicUrl: 'https://platform.example' }),
  ]);
  host = await onboardHost(tp);
});
afterAll(() => Promise.all([tp.close(), secure.close()]));

const postJson = (path: string, body: string, type = 'application/json') =>
  fetch(`${tp.url}${path}`, { method: 'POST', headers: { 'Content-Type': type }, body });

describe('HTTP hygiene', () => {
  it('answers every token endpoint with no-store, errors included', async () => {
    const answers = await Promise.all([
      requestToken(tp, { id: host.apiKey.id, secretKey: host.apiKey.secretKey }, { kind: 'legal_entity' }),
      postJson('/v1/tokens', '{"kind":"admin"}'),
      postJson('/v1/tokens', '{"kind":'),
      postJson('/v1/tokens', 'kind=user', 'application/x-www-form-urlencoded'),
      postJson('/v1/tokens', JSON.stringify({ kind: 'user', client_assertion: 'x'.repeat(40_000) })),
      requestToken(tp, { id: host.apiKey.id, secretKey: 'sk_wrong' }, { kind: 'legal_entity' }),
      postJson('/v1/backend/tokens', '{"access_key":"ak_unknown"}'),
      postJson('/v1/backend/tokens', '{}'),
      fetch(`${tp.url}/oauth/token`),
      postForm(tp, '/oauth/token', { grant_type: 'password', username: 'ck_x', password: 'cs_x' }),
      postForm(tp, '/oauth/introspect', { token: 'oat_x' }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 400, 400, 415, 413, 401, 401, 400, 405, 400, 401]);
    for (const res of answers) expect(res.headers.get('cache-control'), res.url).toBe('no-store');
  });

  it('sends X-Content-Type-Options: nosniff on every answer', async () => {
    const answers = await Promise.all([
      fetch(`${tp.url}/openapi.json`),
      fetch(`${tp.url}/.well-known/jwks.json`),
      fetch(`${tp.url}/no/such/route`),
      fetch(`${tp.url}/v1/me`),
      postJson('/v1/tokens', '{"kind":'),
      fetch(`${tp.url}/v1/projects`, { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:5999' } }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 404, 401, 400, 204]);
    for (const res of answers) expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
  });

  it('sends HSTS only when the public URL is https', async () => {
    const plain = await fetch(`${tp.url}/openapi.json`);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    for (const path of ['/openapi.json', '/no/such/route', '/v1/me']) {
      const res = await fetch(`${secure.url}${path}`);
      expect(res.headers.get('strict-transport-security'), path).toBe('max-age=31536000');
    }
  });
});
