import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface BenchPlatform {
  url: string;
  /** A bare Hono app on @hono/node-server in the platform's process: `/bench/open`, no middleware. */
  bareUrl: string;
  apiKeyId: string;
  secretKey: string;
  legalEntityId: string;
  tokenUrl: string;
  /** An OAuth consumer of the same legal entity (client_credentials). */
  consumerKey: string;
  consumerSecret: string;
  pid: number;
  /** Tokens signed in the platform's process, for the guarded route's cache-miss case. */
  tokens(n: number, kind?: 'legal_entity' | 'user', user?: string): Promise<string[]>;
  memory(): Promise<{ rss: number; heapUsed: number }>;
  /** Profiles the platform process while `during` runs; writes the .cpuprofile to `file`. */
  profile(file: string, during: () => Promise<void>): Promise<void>;
  /** The platform process's CPU time so far, user + system, in microseconds. */
  cpu(): Promise<number>;
  close(): Promise<void>;
}

type PlatformOptions = { db?: 'pglite' | 'postgres'; staticDir?: string };

/** Platforms kept for the whole run while sharing is on (smoke runs), one per database. */
let shared: Map<string, Promise<BenchPlatform>> | undefined;

/**
 * From now on, `startPlatform` hands out one platform per database and
 * static folder, whose `close()` does nothing, until the returned function closes them all. The
 * smoke run uses it: starting a platform (a child process compiling the platform's
 * TypeScript) was most of its time, nine times over.
 */
export function sharePlatforms(): () => Promise<void> {
  shared ??= new Map();
  return async () => {
    const all = [...(shared?.values() ?? [])];
    shared = undefined;
    for (const p of await Promise.all(all)) await p.close();
  };
}

/**
 * Starts bench/harness/platform-server.ts in a child process (PGlite, or PostgreSQL in an
 * own schema dropped on close).
 */
export function startPlatform(options: PlatformOptions = {}): Promise<BenchPlatform> {
  if (!shared) return spawnPlatform(options);
  const key = `${options.db ?? 'pglite'} ${options.staticDir ?? ''}`;
  let p = shared.get(key);
  if (!p) {
    p = spawnPlatform(options);
    shared.set(key, p);
  }
  return p.then((platform) => ({ ...platform, close: async () => {} }));
}

async function spawnPlatform(options: PlatformOptions): Promise<BenchPlatform> {
  const harness = new URL('../harness/platform-server.ts', import.meta.url).pathname;
  const args = ['--import', 'tsx', harness];
  const child = spawn(process.execPath, args, {
    cwd: new URL('..', import.meta.url).pathname,
    env: {
      ...process.env,
      BENCH_DB: options.db ?? 'pglite',
      ...(options.staticDir ? { BENCH_STATIC_DIR: options.staticDir } : {}),
    },
    // stdin stays open while we live: the harness stops when it closes (a killed runner or a
    // timed-out test leaves no platform, nor its PostgreSQL schema, behind).
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const info = await new Promise<
    Omit<BenchPlatform, 'pid' | 'tokens' | 'memory' | 'cpu' | 'profile' | 'close'>
  >((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) resolve(JSON.parse(line.slice(6)));
    });
    child.once('exit', (code) =>
      reject(new Error(`the bench platform exited (${code}) before it was ready`)),
    );
  });
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${info.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    ...info,
    pid: child.pid!,
    tokens: async (n, kind = 'legal_entity', user = 'bench-user') =>
      (await post<{ tokens: string[] }>('/bench/tokens', { n, kind, user })).tokens,
    memory: async () =>
      (await fetch(`${info.url}/bench/memory`)).json() as Promise<{ rss: number; heapUsed: number }>,
    profile: async (file, during) => {
      await post('/bench/profile/start', {});
      try {
        await during();
      } finally {
        await post('/bench/profile/stop', { file });
      }
    },
    cpu: async () => {
      const { user, system } = (await (await fetch(`${info.url}/bench/cpu`)).json()) as {
        user: number;
        system: number;
      };
      return user + system;
    },
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
