import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { openPostgres } from './postgres.ts';

const databaseUrl = process.env.DATABASE_URL;

describe.runIf(databaseUrl)('[PostgreSQL only] migrate', () => {
  it('applies every migration exactly once when three instances start at once on a fresh schema', async () => {
    const schema = `mig_${randomBytes(8).toString('hex')}`;
    const files = (await readdir(new URL('../../migrations/', import.meta.url)))
      .filter((f) => f.endsWith('.sql'))
      .sort();
    // Opened together too: creating the (test) schema races as well as the migrations.
    const dbs = await Promise.all([1, 2, 3].map(() => openPostgres(databaseUrl!, { schema })));
    try {
      const applied = await Promise.all(dbs.map((db) => migrate(db)));
      // One of them did all the work; the others waited for its lock and found nothing to do.
      expect(applied.flat().sort()).toEqual(files);
      expect(applied.filter((list) => list.length > 0)).toHaveLength(1);
      const rows = await dbs[0]!.query<{ name: string; n: number }>(
        'select name, count(*)::int as n from schema_migrations group by name order by name',
      );
      expect(rows).toEqual(files.map((name) => ({ name, n: 1 })));
      // A later start finds nothing to do.
      expect(await migrate(dbs[1]!)).toEqual([]);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    }
  });
});
