import type { Logger } from '../util/log.ts';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export interface StorageOptions {
  /** PostgreSQL server URL; when absent, the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; in memory when absent. */
  dataDir?: string | undefined;
  /** PostgreSQL schema to use (tests isolate themselves in one). */
  schema?: string | undefined;
  /** Where connection losses are reported (never with credentials). */
  log?: Logger | undefined;
}

/** Opens the configured store and brings its schema up to date. */
export async function openDatabase(options: StorageOptions): Promise<Database> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl, { schema: options.schema, log: options.log })
    : await openPglite(options.dataDir, options.log);
  await migrate(db);
  return db;
}
