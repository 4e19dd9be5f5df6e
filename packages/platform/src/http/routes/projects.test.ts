import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  onboardHost,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../../testing/test-platform.ts';

let tp: TestPlatform;
let alice: string;
let bob: string;

beforeAll(async () => {
  tp = await startTestPlatform();
  const { apiKey } = await onboardHost(tp);
  const key = { id: apiKey.id, secretKey: apiKey.secretKey };
  alice = await tokenFor(tp, key, { kind: 'user', user_id: 'alice', scope: 'read write' });
  bob = await tokenFor(tp, key, { kind: 'user', user_id: 'bob', scope: 'read write' });
});
afterAll(() => tp.close());

const room = { width_cm: 420, depth_cm: 360, unit: 'cm' as const };
const input = (name: string, items: unknown[] = []) => ({ name, room, items });
const item = { id: 'i1', catalog_id: 'sofa', x: 100, y: 80, rotation: 90 };

const call = (
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  fetch(
    `${tp.url}${path}`,
    authed(token, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );

async function create(token: string, name: string, key?: string) {
  const res = await call(
    token,
    'POST',
    '/v1/projects',
    input(name, [item]),
    key ? { 'Idempotency-Key': key } : {},
  );
  expect(res.status).toBe(201);
  return { project: (await res.json()) as { id: string; version: number }, etag: res.headers.get('etag')! };
}

describe('projects', () => {
  it('creates, lists, reads, updates and deletes your own project', async () => {
    const { project, etag } = await create(alice, 'Living room');
    expect(etag).toBe('"v1"');
    const list = (await (await call(alice, 'GET', '/v1/projects')).json()) as { projects: { id: string }[] };
    expect(list.projects.map((p) => p.id)).toContain(project.id);

    const read = await call(alice, 'GET', `/v1/projects/${project.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ name: 'Living room', room, items: [item], version: 1 });

    const updated = await call(alice, 'PUT', `/v1/projects/${project.id}`, input('Lounge'), {
      'If-Match': etag,
    });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"v2"');
    expect(await updated.json()).toMatchObject({ name: 'Lounge', items: [], version: 2 });

    expect(
      (await call(alice, 'DELETE', `/v1/projects/${project.id}`, undefined, { 'If-Match': '"v2"' })).status,
    ).toBe(204);
    expect((await call(alice, 'GET', `/v1/projects/${project.id}`)).status).toBe(404);
  });

  it("makes another user's project indistinguishable from a missing one", async () => {
    const { project } = await create(alice, 'Private');
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const id of [project.id, missing]) {
      const read = await call(bob, 'GET', `/v1/projects/${id}`);
      const write = await call(bob, 'PUT', `/v1/projects/${id}`, input('Mine now'), { 'If-Match': '"v1"' });
      const del = await call(bob, 'DELETE', `/v1/projects/${id}`);
      for (const res of [read, write, del]) {
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ error: 'not_found', error_description: 'No such project.' });
      }
    }
    const list = (await (await call(bob, 'GET', '/v1/projects')).json()) as { projects: { id: string }[] };
    expect(list.projects.map((p) => p.id)).not.toContain(project.id);
    expect(
      ((await (await call(alice, 'GET', `/v1/projects/${project.id}`)).json()) as { name: string }).name,
    ).toBe('Private');
  });

  it('refuses a concurrent update with 412 and requires If-Match', async () => {
    const { project, etag } = await create(alice, 'Kitchen');
    const [first, second] = await Promise.all([
      call(alice, 'PUT', `/v1/projects/${project.id}`, input('Kitchen A'), { 'If-Match': etag }),
      call(alice, 'PUT', `/v1/projects/${project.id}`, input('Kitchen B'), { 'If-Match': etag }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 412]);
    const loser = first.status === 412 ? first : second;
    expect(loser.headers.get('etag')).toBe('"v2"');
    expect(await loser.json()).toMatchObject({ error: 'precondition_failed' });

    const noIfMatch = await call(alice, 'PUT', `/v1/projects/${project.id}`, input('Blind'));
    expect(noIfMatch.status).toBe(428);
    const stale = await call(alice, 'DELETE', `/v1/projects/${project.id}`, undefined, {
      'If-Match': '"v1"',
    });
    expect(stale.status).toBe(412);
  });

  it('replays a write with the same Idempotency-Key without applying it twice', async () => {
    const key = crypto.randomUUID();
    const first = await create(alice, 'Once', key);
    const again = await call(alice, 'POST', '/v1/projects', input('Once', [item]), {
      'Idempotency-Key': key,
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('etag')).toBe(first.etag);
    expect(((await again.json()) as { id: string }).id).toBe(first.project.id);
    const list = (await (await call(alice, 'GET', '/v1/projects')).json()) as {
      projects: { name: string }[];
    };
    expect(list.projects.filter((p) => p.name === 'Once')).toHaveLength(1);

    // An update replayed: applied once, so the version moves once.
    const updateKey = crypto.randomUUID();
    const path = `/v1/projects/${first.project.id}`;
    const u1 = await call(alice, 'PUT', path, input('Twice?'), {
      'If-Match': '"v1"',
      'Idempotency-Key': updateKey,
    });
    const u2 = await call(alice, 'PUT', path, input('Twice?'), {
      'If-Match': '"v1"',
      'Idempotency-Key': updateKey,
    });
    expect([u1.status, u2.status]).toEqual([200, 200]);
    expect(((await u2.json()) as { version: number }).version).toBe(2);
  });

  it('refuses the same Idempotency-Key with another body, and scopes keys to the caller', async () => {
    const key = crypto.randomUUID();
    await create(alice, 'First body', key);
    const conflicting = await call(alice, 'POST', '/v1/projects', input('Second body'), {
      'Idempotency-Key': key,
    });
    expect(conflicting.status).toBe(422);
    expect(await conflicting.json()).toMatchObject({ error: 'idempotency_key_reused' });
    // Bob's key space is his own: the same key creates his project.
    const bobs = await call(bob, 'POST', '/v1/projects', input('Second body'), { 'Idempotency-Key': key });
    expect(bobs.status).toBe(201);
    expect(bobs.headers.get('idempotent-replayed')).toBeNull();
  });

  it('validates bodies: schema, malformed JSON, size, content type', async () => {
    const bad = await call(alice, 'POST', '/v1/projects', { name: '', room, items: [] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_request' });
    const extra = await call(alice, 'POST', '/v1/projects', { ...input('x'), owner: 'bob' });
    expect(extra.status).toBe(400);
    const malformed = await fetch(
      `${tp.url}/v1/projects`,
      authed(alice, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":' }),
    );
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'invalid_request' });
    const huge = await call(alice, 'POST', '/v1/projects', input('x'.repeat(300_000)));
    expect(huge.status).toBe(413);
    const text = await fetch(
      `${tp.url}/v1/projects`,
      authed(alice, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hi' }),
    );
    expect(text.status).toBe(415);
    const list = (await (await call(alice, 'GET', '/v1/projects')).json()) as {
      projects: { name: string }[];
    };
    expect(list.projects.some((p) => p.name === '' || p.name.startsWith('xxx'))).toBe(false);
  });
});

describe('conditional requests (RFC 9110 §13)', () => {
  const put = (id: string, name: string, ifMatch: string) =>
    call(alice, 'PUT', `/v1/projects/${id}`, input(name), { 'If-Match': ifMatch });

  it('If-Match compares strongly: a weak tag never matches, on PUT and DELETE', async () => {
    const { project } = await create(alice, 'Weak');
    const weak = await put(project.id, 'Weak 2', 'W/"v1"');
    expect(weak.status).toBe(412);
    expect(weak.headers.get('etag')).toBe('"v1"');
    const del = await call(alice, 'DELETE', `/v1/projects/${project.id}`, undefined, {
      'If-Match': 'W/"v1"',
    });
    expect(del.status).toBe(412);
    expect((await call(alice, 'GET', `/v1/projects/${project.id}`)).status).toBe(200);
  });

  it('If-Match: * matches any existing project, and a missing one stays 404', async () => {
    const { project } = await create(alice, 'Star');
    expect((await put(project.id, 'Star 2', '"v1"')).status).toBe(200);
    const star = await put(project.id, 'Star 3', '*');
    expect(star.status).toBe(200);
    expect(star.headers.get('etag')).toBe('"v3"');
    expect((await put('00000000-0000-4000-8000-000000000000', 'None', '*')).status).toBe(404);
    const del = await call(alice, 'DELETE', `/v1/projects/${project.id}`, undefined, { 'If-Match': '*' });
    expect(del.status).toBe(204);
  });

  it('an If-Match list matches when any entry does', async () => {
    const { project } = await create(alice, 'List');
    const listed = await put(project.id, 'List 2', '"v7", W/"v1", "v1"');
    expect(listed.status).toBe(200);
    expect(listed.headers.get('etag')).toBe('"v2"');
    expect((await put(project.id, 'List 3', '"v1", W/"v2", "v9"')).status).toBe(412);
    expect((await put(project.id, 'List 3', 'v2')).status).toBe(412);
    const del = await call(alice, 'DELETE', `/v1/projects/${project.id}`, undefined, {
      'If-Match': '"v1", "v2"',
    });
    expect(del.status).toBe(204);
  });

  it('If-None-Match on GET answers 304 with the ETag while the project is unchanged (weak comparison)', async () => {
    const { project, etag } = await create(alice, 'Cached');
    const path = `/v1/projects/${project.id}`;
    for (const held of [etag, `W/${etag}`, `"v9", ${etag}`, '*']) {
      const res = await call(alice, 'GET', path, undefined, { 'If-None-Match': held });
      expect(res.status, held).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('private, no-cache');
      expect(await res.text()).toBe('');
    }
    expect((await put(project.id, 'Cached 2', etag)).status).toBe(200);
    const changed = await call(alice, 'GET', path, undefined, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"v2"');
    expect(await changed.json()).toMatchObject({ name: 'Cached 2', version: 2 });
    // The planner revalidates from another origin: a 304 keeps what CORS needs to read it.
    const planner = 'http://127.0.0.1:5999';
    const fromPlanner = await call(alice, 'GET', path, undefined, {
      'If-None-Match': '"v2"',
      Origin: planner,
    });
    expect(fromPlanner.status).toBe(304);
    expect(fromPlanner.headers.get('access-control-allow-origin')).toBe(planner);
    expect(fromPlanner.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(fromPlanner.headers.get('vary')).toContain('Origin');
    // Someone else's project is not found, conditional or not.
    expect((await call(bob, 'GET', path, undefined, { 'If-None-Match': '*' })).status).toBe(404);
  });
});

describe('Idempotency-Key and validation (as Stripe documents)', () => {
  it('a write refused by validation does not spend its key: the corrected body may use it', async () => {
    const key = crypto.randomUUID();
    const bad = await call(
      alice,
      'POST',
      '/v1/projects',
      { name: '', room, items: [] },
      { 'Idempotency-Key': key },
    );
    expect(bad.status).toBe(400);
    const malformed = await fetch(
      `${tp.url}/v1/projects`,
      authed(alice, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: '{"name":',
      }),
    );
    expect(malformed.status).toBe(400);
    const good = await call(alice, 'POST', '/v1/projects', input('Corrected', [item]), {
      'Idempotency-Key': key,
    });
    expect(good.status).toBe(201);
    expect(good.headers.get('idempotent-replayed')).toBeNull();
    // From here on the key is spent as usual: the same body replays, another is refused.
    const replay = await call(alice, 'POST', '/v1/projects', input('Corrected', [item]), {
      'Idempotency-Key': key,
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const other = await call(
      alice,
      'POST',
      '/v1/projects',
      { name: '', room, items: [] },
      { 'Idempotency-Key': key },
    );
    expect(other.status).toBe(422);
  });

  it('an update without If-Match (428) does not spend its key; an executed 412 does', async () => {
    const { project } = await create(alice, 'Keyed');
    const path = `/v1/projects/${project.id}`;
    const key = crypto.randomUUID();
    expect((await call(alice, 'PUT', path, input('Keyed 2'), { 'Idempotency-Key': key })).status).toBe(428);
    const fixed = await call(alice, 'PUT', path, input('Keyed 2'), {
      'Idempotency-Key': key,
      'If-Match': '"v1"',
    });
    expect(fixed.status).toBe(200);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();

    const stale = crypto.randomUUID();
    expect(
      (await call(alice, 'PUT', path, input('Keyed 3'), { 'Idempotency-Key': stale, 'If-Match': '"v1"' }))
        .status,
    ).toBe(412);
    const again = await call(alice, 'PUT', path, input('Keyed 3'), {
      'Idempotency-Key': stale,
      'If-Match': '"v1"',
    });
    expect(again.status).toBe(412);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});
