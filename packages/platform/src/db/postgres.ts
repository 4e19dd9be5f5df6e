import pg from 'pg';
import type { Database, Queryable } from './database.ts';

/** A PostgreSQL server through `pg`, for scale-out: several platform instances share it. */
export async function openPostgres(connectionString: string, schema?: string): Promise<Database> {
  const options: pg.PoolConfig = { connectionString, max: 10 };
  // Tests isolate themselves in a schema of their own on the shared `test` database.
  if (schema) options.options = `-c search_path=${schema}`;
  const pool = new pg.Pool(options);
  if (schema) {
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    await admin.query(`create schema if not exists "${schema}"`);
    await admin.end();
  }
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let listenClient: pg.PoolClient | undefined;

  const query = async <R extends object>(sql: string, params: readonly unknown[] = []): Promise<R[]> =>
    (await pool.query(sql, params as unknown[])).rows as R[];

  return {
    kind: 'postgres',
    query,
    exec: async (sql) => {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          query: async <R extends object>(sql: string, params: readonly unknown[] = []) =>
            (await client.query(sql, params as unknown[])).rows as R[],
          exec: async (sql: string) => {
            await client.query(sql);
          },
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      if (!listenClient) {
        listenClient = await pool.connect();
        listenClient.on('notification', (n) => {
          for (const cb of listeners.get(n.channel) ?? []) cb(n.payload ?? '');
        });
      }
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await listenClient.query(`listen "${channel}"`);
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
      };
    },
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      listenClient?.release();
      listenClient = undefined;
      await pool.end();
    },
  };
}
