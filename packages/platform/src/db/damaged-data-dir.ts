import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlatformError } from '../errors.ts';

/** The platform README's section on it (linked from the error, so the operator finds it). */
const HOW_TO_RECOVER = 'packages/platform/README.md#a-damaged-data-folder';

/**
 * PGlite reports a data folder it cannot open as WebAssembly's `Aborted()` or "PGlite failed
 * to initialize properly", which says nothing of the folder or what to do. A folder that
 * already held files when opening failed is named as damaged, with the way back.
 */
export function damagedDataDir(dataDir: string, cause: unknown): PlatformError | undefined {
  let entries: string[];
  try {
    entries = existsSync(dataDir) ? readdirSync(dataDir) : [];
  } catch {
    return undefined;
  }
  if (entries.length === 0) return undefined;
  let version = '';
  try {
    version = readFileSync(join(dataDir, 'PG_VERSION'), 'utf8').trim();
  } catch {}
  const what = version
    ? `The embedded database in ${dataDir} (PostgreSQL ${version} data) could not be opened`
    : `The folder ${dataDir} holds files but no embedded database that could be opened`;
  return new PlatformError(
    'data_dir_damaged',
    `${what} (${String(cause).slice(0, 200)}): it is damaged, or not a database of this platform. ` +
      'None of its data was changed. To recover: stop every process using the folder, then put back the copy ' +
      `of it you took while the platform was stopped (see ${HOW_TO_RECOVER}); without one, move it aside ` +
      `(mv ${dataDir} ${dataDir}.damaged) and start again on an empty database (projects and accounts are then lost).`,
    { cause },
  );
}
