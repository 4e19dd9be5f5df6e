import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrigin, removeOrigin } from '../../accounts/legal-entities.ts';
import { admin, onboardHost, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

let tp: TestPlatform;
let host: Awaited<ReturnType<typeof onboardHost>>;

beforeAll(async () => {
  tp = await startTestPlatform();
  host = await onboardHost(tp, {
    name: 'Embed Shop',
    origins: ['https://shop.example', 'http://127.0.0.1:5173'],
  });
});
afterAll(() => tp.close());

const embed = (id: string) => fetch(`${tp.url}/v1/embeds/${id}`);
const originsOf = async (id: string) => ((await (await embed(id)).json()) as { origins: string[] }).origins;

/** Polls until `check` holds: notifications arrive asynchronously. */
async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('GET /v1/embeds/{id}', () => {
  it("answers a legal entity's embed origins, briefly cacheable, to anyone", async () => {
    const res = await embed(host.legalEntity.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=5');
    expect(await res.json()).toEqual({
      legal_entity_id: host.legalEntity.id,
      origins: ['http://127.0.0.1:5173', 'https://shop.example'],
    });
  });

  it('is a 404 for an unknown or malformed legal entity', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope', `${host.legalEntity.id}x`, '%00']) {
      const res = await embed(id);
      expect(res.status, id).toBe(404);
      expect(((await res.json()) as { error: string }).error).toBe('not_found');
    }
  });

  it('answers an empty list for a legal entity without origins (frame it nowhere)', async () => {
    const { legalEntity } = await onboardHost(tp, { name: 'Nowhere Shop', origins: [] });
    expect(await originsOf(legalEntity.id)).toEqual([]);
  });

  it('follows a change made with the database functions (as the CLI does), without waiting for its TTL', async () => {
    const { legalEntity } = await onboardHost(tp, { name: 'CLI Shop', origins: ['https://a.example'] });
    expect(await originsOf(legalEntity.id)).toEqual(['https://a.example']);
    // The test clock stands still, so the cached answer never expires: only the announcement
    // (NOTIFY, as another instance or the CLI sends it) can make it fresh.
    await addOrigin(tp.platform.services.db, legalEntity.id, 'https://b.example');
    await eventually(async () => (await originsOf(legalEntity.id)).includes('https://b.example'));
    await removeOrigin(tp.platform.services.db, legalEntity.id, 'https://a.example');
    await eventually(async () => !(await originsOf(legalEntity.id)).includes('https://a.example'));
    expect(await originsOf(legalEntity.id)).toEqual(['https://b.example']);
  });
});

describe('several instances', () => {
  it.runIf(process.env.DATABASE_URL)(
    'another instance answers the new list as soon as the change is announced, not after its TTL',
    async () => {
      const other = await startTestPlatform({ schema: tp.options.schema, master: tp.options.master });
      try {
        const { legalEntity } = await onboardHost(tp, { name: 'Two Instance Shop', origins: [] });
        const there = async () =>
          ((await (await fetch(`${other.url}/v1/embeds/${legalEntity.id}`)).json()) as { origins: string[] })
            .origins;
        expect(await there()).toEqual([]); // cached on the other instance; its clock stands still
        await admin(tp, 'POST', `/legal-entities/${legalEntity.id}/origins`, { origin: 'https://b.example' });
        await eventually(async () => (await there()).includes('https://b.example'));
      } finally {
        await other.server.close();
        await other.platform.close();
      }
    },
  );
});

describe('admin API: embed origins', () => {
  it('adds an origin (normalised, idempotent) and the public answer has it at once', async () => {
    const { legalEntity } = await onboardHost(tp, { name: 'Admin Embed Shop', origins: [] });
    expect(await originsOf(legalEntity.id)).toEqual([]); // cached now
    const added = await admin(tp, 'POST', `/legal-entities/${legalEntity.id}/origins`, {
      origin: 'https://Shop.Example:443',
    });
    expect(added.status).toBe(200);
    expect(added.headers.get('cache-control')).toBe('no-store');
    expect(await added.json()).toEqual({
      legal_entity_id: legalEntity.id,
      origins: ['https://shop.example'],
    });
    const again = await admin(tp, 'POST', `/legal-entities/${legalEntity.id}/origins`, {
      origin: 'https://shop.example',
    });
    expect(((await again.json()) as { origins: string[] }).origins).toEqual(['https://shop.example']);
    expect(await originsOf(legalEntity.id)).toEqual(['https://shop.example']);
  });

  it('removes an origin named percent-encoded in the path', async () => {
    const { legalEntity } = await onboardHost(tp, {
      name: 'Removing Shop',
      origins: ['https://keep.example', 'http://127.0.0.1:8080'],
    });
    expect(await originsOf(legalEntity.id)).toHaveLength(2);
    const res = await admin(
      tp,
      'DELETE',
      `/legal-entities/${legalEntity.id}/origins/${encodeURIComponent('http://127.0.0.1:8080')}`,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ legal_entity_id: legalEntity.id, origins: ['https://keep.example'] });
    expect(await originsOf(legalEntity.id)).toEqual(['https://keep.example']);
    const gone = await admin(
      tp,
      'DELETE',
      `/legal-entities/${legalEntity.id}/origins/${encodeURIComponent('http://127.0.0.1:8080')}`,
    );
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: string }).error).toBe('not_found');
  });

  it('refuses a bad origin, an unknown legal entity and a missing operator token, changing nothing', async () => {
    const id = host.legalEntity.id;
    const before = await originsOf(id);
    for (const origin of [
      'https://shop.example/path',
      'javascript:alert(1)',
      'not a url',
      "https://a.example 'unsafe-inline'",
    ]) {
      const res = await admin(tp, 'POST', `/legal-entities/${id}/origins`, { origin });
      expect(res.status, origin).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
    }
    const extra = await admin(tp, 'POST', `/legal-entities/${id}/origins`, {
      origin: 'https://a.example',
      x: 1,
    });
    expect(extra.status).toBe(400);
    const unknown = await admin(tp, 'POST', '/legal-entities/00000000-0000-4000-8000-000000000000/origins', {
      origin: 'https://a.example',
    });
    expect(unknown.status).toBe(404);
    const anonymous = await fetch(`${tp.url}/admin/api/legal-entities/${id}/origins`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ origin: 'https://evil.example' }),
    });
    expect(anonymous.status).toBe(401);
    const badDelete = await admin(tp, 'DELETE', `/legal-entities/${id}/origins/not%20an%20origin`);
    expect(badDelete.status).toBe(400);
    expect(await originsOf(id)).toEqual(before);
  });

  it('is documented in /openapi.json', async () => {
    const doc = (await (await fetch(`${tp.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/embeds/{id}',
        '/admin/api/legal-entities/{id}/origins',
        '/admin/api/legal-entities/{id}/origins/{origin}',
      ]),
    );
  });
});
