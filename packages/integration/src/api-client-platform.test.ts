import { createTokenVerifier, createWebServices, RequestQueue, TokenStore } from '@planner/api-client';
import { onboardHost, startTestPlatform, type TestPlatform, tokenFor } from '@planner/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The queue against the real platform over HTTP: what the unit tests assume of the
// platform (401 invalid_token, Idempotency-Key honoured) is checked here, for real.
const HOST = 'http://127.0.0.1:5173';
let tp: TestPlatform;
let key: { id: string; secretKey: string };

beforeAll(async () => {
  tp = await startTestPlatform();
  const { apiKey } = await onboardHost(tp, { origins: [HOST] });
  key = { id: apiKey.id, secretKey: apiKey.secretKey };
}, 60_000);
afterAll(() => tp.close());

const room = { width_cm: 400, depth_cm: 300, unit: 'cm' as const };

describe('the request queue against the platform', { timeout: 30_000 }, () => {
  it('replays a write refused with 401 under the same Idempotency-Key, and it is applied once', async () => {
    const user = `replay-${crypto.randomUUID()}`;
    const params = { kind: 'user', user_id: user, scope: 'read write', lifetime: 60 } as const;
    const tokens = new TokenStore();
    const sent: { key: string | null; status: number }[] = [];
    const queue = new RequestQueue({
      tokens,
      visibility: null,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        sent.push({ key: new Headers(init?.headers).get('Idempotency-Key'), status: res.status });
        return res;
      },
      // The host answers TokenExpired with a fresh token from the platform.
      requestToken: () => {
        void tokenFor(tp, key, params).then((t) => tokens.install(t, { origin: HOST }));
      },
    });
    const services = createWebServices({ baseUrl: tp.url, queue });

    expect(tokens.install(await tokenFor(tp, key, params), { origin: HOST }).ok).toBe(true);
    // The platform's clock moves past T1's expiry; the planner's does not, so T1 goes out and is refused.
    tp.clock.advance(120);

    const { project } = await services.createProject({ name: 'Once only', room, items: [] });
    expect(sent.map((s) => s.status)).toEqual([401, 201]);
    expect(sent[0]!.key).toMatch(/.+/);
    expect(sent[1]!.key).toBe(sent[0]!.key);

    const { projects } = await services.listProjects();
    expect(projects.filter((p) => p.name === 'Once only').map((p) => p.id)).toEqual([project.id]);
    queue.destroy();
  });

  it('a retried save whose first answer was lost is applied once', async () => {
    const params = { kind: 'user', user_id: `lost-${crypto.randomUUID()}`, scope: 'read write' } as const;
    const tokens = new TokenStore();
    tokens.install(await tokenFor(tp, key, params), { origin: HOST });
    let dropNext = true;
    const queue = new RequestQueue({
      tokens,
      visibility: null,
      requestToken: () => {},
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (dropNext && init?.method === 'POST') {
          dropNext = false;
          throw new TypeError('network connection lost'); // applied, but the answer never came
        }
        return res;
      },
    });
    const retried: number[] = [];
    queue.on('callRetried', (e) => retried.push(e.id));
    const services = createWebServices({ baseUrl: tp.url, queue });
    // The queue retries the write itself, with the same Idempotency-Key: the platform answers
    // the retry from its record of the first, applied, request.
    const created = await services.createProject({ name: 'Lost answer', room, items: [] });
    expect(retried).toHaveLength(1);
    const { projects } = await services.listProjects();
    expect(projects.filter((p) => p.name === 'Lost answer').map((p) => p.id)).toEqual([created.project.id]);
    queue.destroy();
  });
});

describe('the token verifier against the platform', { timeout: 30_000 }, () => {
  it("proves the platform's own tokens genuine from its JWKS, as the planner does in the browser", async () => {
    const verify = createTokenVerifier({ issuer: tp.url, now: () => tp.clock.now() });
    for (const params of [
      { kind: 'legal_entity', lifetime: 60 },
      { kind: 'user', user_id: 'ada', scope: 'read write', lifetime: 60 },
    ] as const) {
      expect(await verify(await tokenFor(tp, key, params))).toBe('genuine');
    }
    // The same verifier refuses a token of another platform (another issuer, other keys).
    const other = await startTestPlatform();
    try {
      const { apiKey } = await onboardHost(other, { origins: [HOST] });
      const foreign = await tokenFor(
        other,
        { id: apiKey.id, secretKey: apiKey.secretKey },
        { kind: 'legal_entity' },
      );
      expect(await verify(foreign)).toBe('forged');
    } finally {
      await other.close();
    }
  });
});
