import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(() => tp.close());

const get = async (path: string) => {
  const res = await fetch(`${tp.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
};

describe('GET /healthz and /readyz', () => {
  it('are both up on a started platform, never cached', async () => {
    const live = await get('/healthz');
    expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(live.headers.get('cache-control')).toBe('no-store');
    const ready = await get('/readyz');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });

  it('is not ready while a migration of this build is not applied (another instance still migrating)', async () => {
    const { db } = tp.platform.services;
    const [last] = await db.query<{ name: string }>(
      'select name from schema_migrations order by name desc limit 1',
    );
    await db.query('delete from schema_migrations where name = $1', [last!.name]);
    try {
      expect(await get('/readyz')).toMatchObject({
        status: 503,
        body: { status: 'not_ready', reason: 'migrations_pending' },
      });
      expect((await get('/healthz')).status).toBe(200);
    } finally {
      await db.query('insert into schema_migrations (name) values ($1)', [last!.name]);
    }
    expect((await get('/readyz')).status).toBe(200);
  });

  it('turns 503 "draining" once a shutdown starts, while the process stays alive', async () => {
    const other = await startTestPlatform();
    try {
      other.platform.services.readiness.startDraining();
      const res = await fetch(`${other.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'not_ready', reason: 'draining' });
      expect((await fetch(`${other.url}/healthz`)).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it.runIf(!process.env.DATABASE_URL)(
    'is not ready when the database does not answer; still alive',
    async () => {
      const other = await startTestPlatform();
      await other.platform.services.db.close();
      try {
        const res = await fetch(`${other.url}/readyz`);
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ status: 'not_ready', reason: 'database_unreachable' });
        expect((await fetch(`${other.url}/healthz`)).status).toBe(200);
      } finally {
        await other.server.close();
        await other.platform.close().catch(() => {});
      }
    },
  );
});
