import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

/**
 * Where a CLI test keeps its store: its own schema on the PostgreSQL named by `DATABASE_URL`,
 * else an embedded database under `dir`.
 */
export function cliStorageEnv(dir: string): NodeJS.ProcessEnv {
  return process.env.DATABASE_URL
    ? { DATABASE_URL: process.env.DATABASE_URL, PLANNER_DB_SCHEMA: `cli_${randomUUID().slice(0, 8)}` }
    : { PLANNER_DATA_DIR: join(dir, 'data') };
}

/** Drops the schema `cliStorageEnv` chose, if it chose one. */
export async function dropCliSchema(env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.PLANNER_DB_SCHEMA) return;
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(`drop schema if exists "${env.PLANNER_DB_SCHEMA}" cascade`);
  await client.end();
}
