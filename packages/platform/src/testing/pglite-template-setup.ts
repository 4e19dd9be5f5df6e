import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePgliteTemplate, PGLITE_TEMPLATE_ENV } from '../db/pglite-template.ts';

/**
 * Vitest global set-up: one fresh PGlite database for the whole run, which every test file
 * (and every process it starts, through the environment) copies instead of running initdb.
 * Each database is still its own copy: no test sees another's data.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  // Another project of the same run (or the caller) made one already.
  if (process.env[PGLITE_TEMPLATE_ENV]) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'planner-pglite-template-'));
  try {
    await makePgliteTemplate(dir);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  process.env[PGLITE_TEMPLATE_ENV] = dir;
  return async () => {
    delete process.env[PGLITE_TEMPLATE_ENV];
    await rm(dir, { recursive: true, force: true });
  };
}
