import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openPglite } from '../../db/pglite.ts';
import type { Services } from '../../services.ts';
import type { Principal } from '../../tokens/principal.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { idempotency } from './idempotency.ts';

// The middleware on its own, over a real (embedded) database: what a handler wrote and the
// stored answer commit together or not at all.
let db: Database;
beforeAll(async () => {
  db = await openPglite(undefined);
  await migrate(db);
  await db.exec('create table widgets (name text not null)');
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.exec('delete from widgets; delete from idempotency_keys');
});

const principal = { le: 'le-1', sub: 'user-1' } as Principal;

/** A write route whose handler inserts a widget, then behaves as `after` says. */
function app(after: (name: string) => Response | Promise<Response> | never) {
  const hono = new Hono<AppEnv>();
  hono.onError((error, c) =>
    error instanceof ApiError
      ? Response.json({ error: error.code }, { status: error.status })
      : c.json({ error: 'internal' }, 500),
  );
  hono.use(async (c, next) => {
    c.set('services', { db } as unknown as Services); // only `db` is read on this path
    c.set('principal', principal);
    await next();
  });
  hono.post('/widgets', idempotency(), async (c) => {
    const { name } = await c.req.json<{ name: string }>();
    await c.var.services.db.query('insert into widgets (name) values ($1)', [name]);
    return after(name);
  });
  return (name: string, key: string) =>
    hono.request('/widgets', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ name }),
    });
}

const widgets = async () =>
  (await db.query<{ name: string }>('select name from widgets order by name')).map((r) => r.name);
const keys = async () =>
  await db.query<{ key: string; status: number }>('select key, status from idempotency_keys');

describe('Idempotency-Key: the write and its answer are one transaction', () => {
  it('stores the answer with the write and replays it without writing again', async () => {
    const post = app((name) => Response.json({ name }, { status: 201 }));
    const first = await post('a', 'k1');
    const again = await post('a', 'k1');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual({ name: 'a' });
    expect(await widgets()).toEqual(['a']);
    expect(await keys()).toEqual([{ key: 'k1', status: 201 }]);
  });

  it('rolls back what the handler wrote when it fails with a 5xx, and frees the key', async () => {
    let fail = true;
    const post = app((name) => {
      if (fail) throw new Error('the handler broke after its write');
      return Response.json({ name }, { status: 201 });
    });
    expect((await post('b', 'k2')).status).toBe(500);
    expect(await widgets()).toEqual([]);
    expect(await keys()).toEqual([]);
    fail = false;
    expect((await post('b', 'k2')).status).toBe(201);
    expect(await widgets()).toEqual(['b']);
  });

  it('lets concurrent requests with one key apply once: the second waits and replays the first answer', async () => {
    const post = app((name) => Response.json({ name }, { status: 201 }));
    const answers = await Promise.all([post('d', 'k4'), post('d', 'k4'), post('d', 'k4')]);
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(answers.filter((r) => r.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(2);
    expect(await widgets()).toEqual(['d']);
  });

  it('keeps a 4xx answer of the handler (it was an answer) and replays it', async () => {
    const post = app(() => {
      throw new ApiError(409, 'conflict', 'Someone else saved first.');
    });
    expect((await post('e', 'k5')).status).toBe(409);
    const again = await post('e', 'k5');
    expect(again.status).toBe(409);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
  });
});
