import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { TEST_ADMIN_TOKEN } from './test-platform.ts';

const PACKAGE_DIR = new URL('../../', import.meta.url).pathname;
const MAIN = new URL('../main.ts', import.meta.url).pathname;

export interface SpawnedPlatform {
  child: ChildProcess;
  /** The main listener, as the process logged it. */
  url: string;
  /** Its stdout, one JSON log line each. */
  lines: string[];
  stderr: () => string;
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<number | NodeJS.Signals | null>;
  /** Waits for a log line with this `event`, failing after `ms`. */
  logged(event: string, ms?: number): Promise<Record<string, unknown>>;
  /** Kills it if still running, removes its data folder or test schema. */
  cleanup(): Promise<void>;
}

/**
 * `src/main.ts` as its own process (the production entry point, signals and all), on a fresh
 * PGlite folder, or a fresh schema of `DATABASE_URL`'s server when that is set.
 */
export async function spawnPlatform(
  env: Record<string, string> = {},
  /** Node's own flags, before the entry point (e.g. `--expose-gc`). */
  nodeArgs: readonly string[] = [],
): Promise<SpawnedPlatform> {
  const databaseUrl = process.env.DATABASE_URL;
  const schema = databaseUrl ? `t_${randomUUID().replace(/-/g, '')}` : undefined;
  const dataDir = databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'planner-spawned-'));
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', MAIN], {
    cwd: PACKAGE_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      PLANNER_MASTER_KEY: randomBytes(32).toString('base64url'),
      PLANNER_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      ...(databaseUrl && schema ? { DATABASE_URL: databaseUrl, PLANNER_DB_SCHEMA: schema } : {}),
      ...(dataDir ? { PLANNER_DATA_DIR: dataDir } : {}),
      ...env,
    },
  });
  const lines: string[] = [];
  let stderr = '';
  let partial = '';
  const waiters = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter(Boolean));
    for (const wake of waiters) wake();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const wake of waiters) wake();
      resolve(code ?? signal);
    }),
  );
  const find = (event: string) =>
    lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === event);
  const logged = (event: string, ms = 150_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${event} log line within ${ms} ms; stderr: ${stderr}`));
      }, ms);
      const check = () => {
        const line = find(event);
        if (line || child.exitCode !== null) {
          clearTimeout(timer);
          waiters.delete(check);
          if (line) resolve(line);
          else reject(new Error(`exited (${child.exitCode}) before logging ${event}; stderr: ${stderr}`));
        }
      };
      waiters.add(check);
      check();
    });
  const cleanup = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (databaseUrl && schema) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  };
  try {
    const listening = await logged('platform.listening');
    return { child, url: String(listening.url), lines, stderr: () => stderr, exited, logged, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
