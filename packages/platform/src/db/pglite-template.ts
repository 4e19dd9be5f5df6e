import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * A new PGlite database runs initdb first: seconds of WebAssembly on a busy 2-core machine,
 * paid by every test file and every process a test starts. A test run makes one fresh
 * (initdb'd, unmigrated) database once and names its folder here; each new database then
 * starts as a copy of it, which is what initdb would have written. Unset in production:
 * every new database runs initdb itself.
 */
export const PGLITE_TEMPLATE_ENV = 'PLANNER_PGLITE_TEMPLATE';

const DATA = 'data';
const DUMP = 'data.tar';

/** Writes a fresh database into `dir`: as a data folder, and as the dump an in-memory one loads. */
export async function makePgliteTemplate(dir: string): Promise<void> {
  const db = new PGlite(join(dir, DATA));
  try {
    await db.waitReady;
    const dump = await db.dumpDataDir('none');
    await writeFile(join(dir, DUMP), Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
}

let dump: { dir: string; blob: Promise<Blob> } | undefined;

/** The template's dump for an in-memory database, read once per process; none without a template. */
export function templateDump(): Promise<Blob> | undefined {
  const dir = process.env[PGLITE_TEMPLATE_ENV];
  if (!dir) return undefined;
  if (dump?.dir !== dir) dump = { dir, blob: readFile(join(dir, DUMP)).then((bytes) => new Blob([bytes])) };
  return dump.blob;
}

/**
 * Fills a data folder that does not exist yet, or is empty, from the template. A folder that
 * holds anything is left as it is, so PGlite opens it (or reports it damaged) as without one.
 */
export async function seedDataDir(dataDir: string): Promise<void> {
  const dir = process.env[PGLITE_TEMPLATE_ENV];
  if (!dir) return;
  const entries = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0) return;
  await mkdir(dataDir, { recursive: true });
  try {
    await cp(join(dir, DATA), dataDir, { recursive: true, errorOnExist: true, force: false });
  } catch (error) {
    // Half a copy is no database: leave the folder as empty as it was found.
    for (const entry of await readdir(dataDir).catch(() => [])) {
      await rm(join(dataDir, entry), { recursive: true, force: true });
    }
    throw error;
  }
}
