import pg from 'pg';
import { createLogger, type Logger } from '../util/log.ts';
import type { Database, Queryable } from './database.ts';
import { type BackoffOptions, DEFAULT_BACKOFF, describePgError, PgListener } from './pg-listener.ts';

export interface PostgresOptions {
  /** PostgreSQL schema to use (tests isolate themselves in one). */
  schema?: string | undefined;
  log?: Logger | undefined;
  /** Shown in `pg_stat_activity` (default `planner`, or `planner:<schema>`). */
  applicationName?: string | undefined;
  /** How the LISTEN connection retries after losing the server. */
  backoff?: BackoffOptions | undefined;
}

/**
 * A PostgreSQL server through `pg`, for scale-out: several platform instances share it.
 * A lost connection (server restart, failover, `pg_terminate_backend`) is logged and
 * replaced, never a crash: queries under way fail, later ones get a new connection, and
 * the LISTEN connection reconnects by itself (`PgListener`).
 */
export async function openPostgres(
  connectionString: string,
  options: PostgresOptions = {},
): Promise<Database> {
  const { schema } = options;
  const log = options.log ?? createLogger();
  const config: pg.ClientConfig = {
    connectionString,
    application_name: options.applicationName ?? (schema ? `planner:${schema}` : 'planner'),
  };
  // Tests isolate themselves in a schema of their own on the shared `test` database.
  if (schema) config.options = `-c search_path=${schema}`;
  const pool = new pg.Pool({ ...config, max: 10 });
  // An idle connection that dies emits here; unheard, it would be an uncaught exception.
  pool.on('error', (error) => log.error('db.connection_lost', { error: describePgError(error) }));
  if (schema) {
    const admin = new pg.Client({ connectionString });
    admin.on('error', () => {});
    await admin.connect();
    try {
      // `if not exists` is no guard against a concurrent create (a unique violation in the
      // catalog): instances starting together on a new schema take turns.
      await admin.query('begin');
      await admin.query('select pg_advisory_xact_lock(7235000)');
      await admin.query(`create schema if not exists "${schema}"`);
      await admin.query('commit');
    } finally {
      await admin.end();
    }
  }
  const listener = new PgListener(config, log, options.backoff ?? DEFAULT_BACKOFF);

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
      // The pool stops listening while a client is checked out: a connection dying between
      // two statements of the transaction must not go unheard either.
      let broken: unknown;
      const onError = (error: unknown) => {
        broken = error;
        log.error('db.connection_lost', { error: describePgError(error) });
      };
      client.on('error', onError);
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
        await client.query('rollback').catch((rollbackError: unknown) => {
          broken ??= rollbackError;
        });
        throw error;
      } finally {
        client.removeListener('error', onError);
        // A broken connection is destroyed, not handed to the next caller.
        client.release(broken !== undefined);
      }
    },
    listen: (channel, onPayload) => listener.listen(channel, onPayload),
    watchListen: (onChange) => listener.watch(onChange),
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: pool.options.max ?? 10,
    }),
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}
