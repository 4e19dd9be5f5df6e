import { PGlite } from '@electric-sql/pglite';
import { createLogger, type Logger } from '../util/log.ts';
import { damagedDataDir } from './damaged-data-dir.ts';
import type { Database, Queryable } from './database.ts';
import { seedDataDir, templateDump } from './pglite-template.ts';

/** Embedded PostgreSQL (PGlite) in a data folder, or in memory when `dataDir` is undefined. */
export async function openPglite(
  dataDir: string | undefined,
  log: Logger = createLogger(),
): Promise<Database> {
  let db: PGlite;
  try {
    // In a test run, a new database is a copy of the run's fresh one rather than its own initdb.
    if (dataDir) {
      await seedDataDir(dataDir);
      db = new PGlite(dataDir);
    } else {
      const dump = await templateDump();
      db = new PGlite(dump ? { loadDataDir: dump } : {});
    }
    await db.waitReady;
  } catch (error) {
    throw (dataDir && damagedDataDir(dataDir, error)) || error;
  }
  const query = async <R extends object>(sql: string, params: readonly unknown[] = []): Promise<R[]> =>
    (await db.query<R>(sql, params as unknown[])).rows;
  return {
    kind: 'pglite',
    query,
    exec: async (sql) => {
      await db.exec(sql);
    },
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      db.transaction(async (tx) =>
        fn({
          query: async <R extends object>(sql: string, params: readonly unknown[] = []) =>
            (await tx.query<R>(sql, params as unknown[])).rows,
          exec: async (sql: string) => {
            await tx.exec(sql);
          },
        }),
      ),
    listen: async (channel, onPayload) => {
      const unsubscribe = await db.listen(channel, (payload) => {
        // As on PostgreSQL: a subscriber that throws is logged, never fatal.
        try {
          onPayload(payload);
        } catch (error) {
          log.error('db.notification_handler_failed', { channel, error });
        }
      });
      return async () => unsubscribe();
    },
    // In-process: no connection to lose, no notification to miss.
    watchListen: () => () => {},
    notify: async (channel, payload) => {
      await db.query('select pg_notify($1, $2)', [channel, payload]);
    },
    close: () => db.close(),
  };
}
