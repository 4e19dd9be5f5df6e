import { createLegalEntity } from '@planner/platform';
import { startTestPlatform, TEST_ADMIN_TOKEN } from '@planner/platform/testing';
import { describe, expect, it } from 'vitest';
import { EmbedLookupError, isSerialisedOrigin, platformEmbedOrigins } from './embed-origins.ts';

const ID = '11111111-1111-4111-8111-111111111111';

/** A platform stand-in: answers what the test says and counts the requests. */
function fakePlatform() {
  const calls: string[] = [];
  let next: () => Response = () => Response.json({ legal_entity_id: ID, origins: ['https://a.example'] });
  let now = 1_000_000;
  const fetch = (async (input: string | URL | Request) => {
    calls.push(String(input));
    return next();
  }) as typeof globalThis.fetch;
  return {
    calls,
    fetch,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    answer: (fn: () => Response) => {
      next = fn;
    },
  };
}

const withMaxAge = (body: unknown, status = 200, maxAge = 5) =>
  Response.json(body, { status, headers: { 'Cache-Control': `public, max-age=${maxAge}` } });

describe('platformEmbedOrigins', () => {
  it('asks the platform once per legal entity and keeps the answer for its max-age', async () => {
    const p = fakePlatform();
    p.answer(() => withMaxAge({ legal_entity_id: ID, origins: ['https://a.example'] }));
    const embeds = platformEmbedOrigins({ platformUrl: 'http://platform.test/', fetch: p.fetch, now: p.now });
    const [a, b] = await Promise.all([embeds.origins(ID), embeds.origins(ID.toUpperCase())]);
    expect(a).toEqual(['https://a.example']);
    expect(b).toEqual(['https://a.example']);
    expect(p.calls).toEqual([`http://platform.test/v1/embeds/${ID}`]);
    p.advance(4_999);
    p.answer(() => withMaxAge({ legal_entity_id: ID, origins: ['https://b.example'] }));
    expect(await embeds.origins(ID)).toEqual(['https://a.example']);
    p.advance(1);
    expect(await embeds.origins(ID)).toEqual(['https://b.example']);
    expect(p.calls).toHaveLength(2);
  });

  it('keeps an answer no longer than its own limit, however long the platform allows', async () => {
    const p = fakePlatform();
    p.answer(() => withMaxAge({ origins: ['https://a.example'] }, 200, 3600));
    const embeds = platformEmbedOrigins({
      platformUrl: 'http://platform.test',
      fetch: p.fetch,
      now: p.now,
      maxAgeSeconds: 2,
    });
    await embeds.origins(ID);
    p.advance(2_000);
    await embeds.origins(ID);
    expect(p.calls).toHaveLength(2);
  });

  it('keeps "no such legal entity" briefly too, and never asks about a malformed id', async () => {
    const p = fakePlatform();
    p.answer(() => withMaxAge({ error: 'not_found' }, 404));
    const embeds = platformEmbedOrigins({ platformUrl: 'http://platform.test', fetch: p.fetch, now: p.now });
    expect(await embeds.origins(ID)).toBeUndefined();
    expect(await embeds.origins(ID)).toBeUndefined();
    expect(p.calls).toHaveLength(1);
    for (const bad of ['', 'x', '../admin', `${ID}/x`, `${ID}?a=b`])
      expect(await embeds.origins(bad)).toBeUndefined();
    expect(p.calls).toHaveLength(1);
  });

  it('fails closed, and caches nothing, when the platform is down or answers nonsense', async () => {
    const p = fakePlatform();
    const embeds = platformEmbedOrigins({ platformUrl: 'http://platform.test', fetch: p.fetch, now: p.now });
    const answers: (() => Response)[] = [
      () => {
        throw new TypeError('fetch failed');
      },
      () => withMaxAge({ error: 'server_error' }, 500),
      () => new Response('<html>', { headers: { 'Content-Type': 'text/html' } }),
      () => withMaxAge({ origins: 'https://a.example' }),
      // Each would change the policy if it went into the header verbatim.
      () => withMaxAge({ origins: ["https://a.example; script-src 'unsafe-inline'"] }),
      () => withMaxAge({ origins: ['https://a.example *'] }),
      () => withMaxAge({ origins: ['*'] }),
      () => withMaxAge({ origins: ['https://a.example/'] }),
    ];
    for (const answer of answers) {
      p.answer(answer);
      const error = await embeds.origins(ID).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbedLookupError);
      expect((error as EmbedLookupError).code).toBe('EMBED_LOOKUP_FAILED');
    }
    expect(p.calls).toHaveLength(answers.length);
    p.answer(() => withMaxAge({ origins: ['https://a.example'] }));
    expect(await embeds.origins(ID)).toEqual(['https://a.example']);
  });
});

describe('isSerialisedOrigin', () => {
  it('accepts exactly what a browser puts in an origin', () => {
    for (const ok of ['https://a.example', 'http://127.0.0.1:5173', 'https://xn--bcher-kva.example'])
      expect(isSerialisedOrigin(ok), ok).toBe(true);
    for (const bad of ['https://A.example', 'https://a.example:443', 'ftp://a.example', "'self'", 'null', 42])
      expect(isSerialisedOrigin(bad), String(bad)).toBe(false);
  });
});

describe('against the platform', () => {
  it("answers a legal entity's origins, and an operator's change once the answer's max-age has passed", async () => {
    const tp = await startTestPlatform({ now: Date.now });
    try {
      const { db } = tp.platform.services;
      const le = await createLegalEntity(db, { name: 'Site Shop', origins: ['https://shop.example'] });
      let now = Date.now();
      const embeds = platformEmbedOrigins({ platformUrl: tp.url, now: () => now });
      expect(await embeds.origins(le.id)).toEqual(['https://shop.example']);
      expect(await embeds.origins('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      const res = await fetch(`${tp.url}/admin/api/legal-entities/${le.id}/origins`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ origin: 'https://other.example' }),
      });
      expect(res.status).toBe(200);
      expect(await embeds.origins(le.id)).toEqual(['https://shop.example']);
      now += 5_000;
      expect(await embeds.origins(le.id)).toEqual(['https://other.example', 'https://shop.example']);
    } finally {
      await tp.close();
    }
    // A fresh embedded database with its migrations takes seconds on a loaded machine.
  }, 60_000);
});
