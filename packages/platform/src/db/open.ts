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
}

/** Opens the configured store and brings its schema up to date. */
export async function openDatabase(options: StorageOptions): Promise<Database> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.schema)
    : await openPglite(options.dataDir);
  await migrate(db);
  return db;
}
