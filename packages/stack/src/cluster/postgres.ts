import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../processes.ts';

const run = promisify(execFile);

/** The machine's PostgreSQL, as the developers' guide and `.ci/run` expect it. */
export const MACHINE_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** Whether a PostgreSQL answers at `url` within a short while. */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs SQL on `url` with a connection of its own. */
export async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export interface PostgresServer {
  url: string;
  /** True when this process started it (in a temporary folder, removed on close). */
  started: boolean;
  /** That temporary folder. */
  dir?: string;
  close(): Promise<void>;
}

/** The newest installed server's programs (Debian: /usr/lib/postgresql/<major>/bin), if any. */
export function installedPostgres(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  const newest = majors.at(-1);
  return newest && join(root, newest, 'bin');
}

/**
 * `url` when a PostgreSQL answers there; else the installed server, started in a temporary
 * folder on a free port as `.ci/run` does (initdb refuses root, so it runs as `postgres` then).
 */
export async function findOrStartPostgres(url: string = MACHINE_POSTGRES_URL): Promise<PostgresServer> {
  if (await postgresAnswers(url)) return { url, started: false, close: async () => {} };
  const bin = installedPostgres();
  if (!bin) {
    throw new Error(
      `No PostgreSQL answers at ${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')} and none is installed (apt-get install postgresql).`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'planner-cluster-pg-'));
  const asRoot = process.getuid?.() === 0;
  const as = async (program: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args])
      : run(join(bin, program), args);
  try {
    if (asRoot) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    const data = join(dir, 'data');
    await as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres']);
    const port = await freePort();
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`;
    await as('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      started: true,
      dir,
      async close() {
        await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => {});
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
