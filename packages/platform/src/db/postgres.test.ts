import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { terminateBackends, until } from '../testing/db-faults.ts';
import { createLogger } from '../util/log.ts';
import type { Database } from './database.ts';
import { openPostgres } from './postgres.ts';

const databaseUrl = process.env.DATABASE_URL;

let opened: { db: Database; schema: string } | undefined;

async function open() {
  const schema = `dbt_${randomBytes(8).toString('hex')}`;
  const applicationName = `planner-pgtest-${schema}`;
  const lines: string[] = [];
  const db = await openPostgres(databaseUrl!, {
    schema,
    applicationName,
    log: createLogger({ write: (line) => lines.push(line) }),
  });
  opened = { db, schema };
  const lost = () => lines.filter((l) => l.includes('"event":"db.connection_lost"')).length;
  return { db, applicationName, lines, lost };
}

afterEach(async () => {
  if (!opened) return;
  await opened.db.close();
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`drop schema if exists "${opened.schema}" cascade`);
  await admin.end();
  opened = undefined;
});

describe('openPostgres when the server drops its connections', () => {
  it.runIf(databaseUrl)(
    '[PostgreSQL only] logs the loss of idle connections and answers the next query',
    async () => {
      const { db, applicationName, lines, lost } = await open();
      await Promise.all([db.query('select 1'), db.query('select 2'), db.query('select 3')]);
      const terminated = await terminateBackends(databaseUrl!, applicationName);
      expect(terminated).toBeGreaterThan(0);
      // Each connection hears of its end on its own; a query sent before that would fail.
      await until(() => lost() >= terminated, 'the pool to notice every loss');
      expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
      expect(lines.join('\n')).not.toContain(databaseUrl!);
    },
  );

  it.runIf(databaseUrl)(
    '[PostgreSQL only] fails a transaction whose connection died mid-way, and serves the next',
    async () => {
      const { db, applicationName, lost } = await open();
      await db.exec('create table t (n int)');
      const failed = db.transaction(async (tx) => {
        await tx.query('insert into t values (1)');
        await terminateBackends(databaseUrl!, applicationName);
        // The connection dies between two statements, while the pool is not listening to it.
        await until(() => lost() > 0, 'the checked-out connection to notice');
        await tx.query('insert into t values (2)');
      });
      await expect(failed).rejects.toThrow(/terminat|Connection/i);
      expect(await db.query('select count(*)::int as n from t')).toEqual([{ n: 0 }]);
      await db.transaction(async (tx) => {
        await tx.query('insert into t values (3)');
      });
      expect(await db.query('select n from t')).toEqual([{ n: 3 }]);
    },
  );
});
