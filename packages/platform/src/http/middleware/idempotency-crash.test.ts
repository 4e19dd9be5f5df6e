import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openPostgres } from '../../db/postgres.ts';
import type { Services } from '../../services.ts';
import { until } from '../../testing/db-faults.ts';
import type { Principal } from '../../tokens/principal.ts';
import type { AppEnv } from '../env.ts';
import { idempotency } from './idempotency.ts';

// What a process killed in the middle of a keyed write leaves behind, seen from PostgreSQL:
// its connection dies with the transaction open. Terminating that backend is the same event.
const databaseUrl = process.env.DATABASE_URL;
const schema = `idem_${randomBytes(6).toString('hex')}`;
const applicationName = `planner-idem-${schema}`;
let db: Database;
let admin: pg.Client;

beforeAll(async () => {
  if (!databaseUrl) return;
  db = await openPostgres(databaseUrl, { schema, applicationName });
  await migrate(db);
  await db.exec('create table widgets (name text not null)');
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
});
afterAll(async () => {
  if (!databaseUrl) return;
  await db.close();
  await admin.query(`drop schema if exists "${schema}" cascade`);
  await admin.end();
});

describe('Idempotency-Key when the instance dies mid-write', () => {
  it.runIf(databaseUrl)(
    '[PostgreSQL only] leaves neither the write nor a claimed key, so the retry applies once',
    async () => {
      let entered = false;
      let hang = true;
      const hono = new Hono<AppEnv>();
      hono.onError((_error, c) => c.json({ error: 'internal' }, 500));
      hono.use(async (c, next) => {
        c.set('services', { db } as unknown as Services); // only `db` is read on this path
        c.set('principal', { le: 'le-1', sub: 'user-1' } as Principal);
        await next();
      });
      hono.post('/widgets', idempotency(), async (c) => {
        await c.var.services.db.query("insert into widgets (name) values ('w')");
        entered = true;
        // The "crash" happens here: after the write, before the answer is stored.
        if (hang) await c.var.services.db.query('select pg_sleep(30)');
        return c.json({ ok: true }, 201);
      });
      const post = () =>
        hono.request('/widgets', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'crash-1' },
          body: '{}',
        });

      const first = post();
      await until(() => entered, 'the handler to write');
      const table = (name: string) => `"${schema}".${name}`;
      // Nothing of the half-done request is visible to other instances...
      expect(
        (await admin.query(`select count(*)::int as n from ${table('idempotency_keys')}`)).rows[0].n,
      ).toBe(0);
      expect((await admin.query(`select count(*)::int as n from ${table('widgets')}`)).rows[0].n).toBe(0);
      // ...and its death takes everything with it.
      await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and query like '%pg_sleep%'",
        [applicationName],
      );
      expect((await first).status).toBe(500);
      expect(
        (await admin.query(`select count(*)::int as n from ${table('idempotency_keys')}`)).rows[0].n,
      ).toBe(0);

      hang = false;
      const retry = await post();
      expect(retry.status).toBe(201);
      expect((await admin.query(`select count(*)::int as n from ${table('widgets')}`)).rows[0].n).toBe(1);
      const replay = await post();
      expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
      expect((await admin.query(`select count(*)::int as n from ${table('widgets')}`)).rows[0].n).toBe(1);
    },
  );
});
