import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PlatformError } from '../errors.ts';

const lockPath = (dataDir: string) => `${dataDir}.lock`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt
 * it. The holder writes its pid next to the folder; others refuse while that pid lives.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = lockPath(dataDir);
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(path, 'utf8'));
  } catch {}
  if (holder && holder !== process.pid && alive(holder)) {
    throw new PlatformError(
      'conflict',
      `The data folder ${dataDir} is in use by process ${holder}. Stop it first (an embedded database has one user at a time), or use DATABASE_URL.`,
    );
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}
