import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import pg from 'pg';
import { createApiKey } from '../accounts/api-keys.ts';
import { createLegalEntity } from '../accounts/legal-entities.ts';
import { CatalogOperations } from '../catalog/catalog-operations.ts';
import { masterKeyFrom } from '../crypto/master-key.ts';
import { openDatabase, type StorageOptions } from '../db/open.ts';
import { CLIENT_ASSERTION_TYPE } from '../schemas/tokens.ts';
import { paramsHash } from '../tokens/client-assertion.ts';
import { createLogger } from '../util/log.ts';
import { type SpawnedPlatform, spawnPlatform } from './spawned-platform.ts';
import { freePort } from './test-platform.ts';

/** Storage that outlives the platform processes started on it: a PGlite folder or a schema. */
export interface DurableStorage {
  kind: 'pglite' | 'postgres';
  /** What `main.ts` reads to find it. */
  env: Record<string, string>;
  options: StorageOptions;
  /** Removes the folder or drops the schema. */
  dispose(): Promise<void>;
}

export async function pgliteStorage(): Promise<DurableStorage> {
  const parent = await mkdtemp(join(tmpdir(), 'planner-durable-'));
  const dataDir = join(parent, 'platform');
  return {
    kind: 'pglite',
    // An empty DATABASE_URL: PGlite even when the test run itself is on PostgreSQL.
    env: { PLANNER_DATA_DIR: dataDir, DATABASE_URL: '' },
    options: { dataDir },
    dispose: () => rm(parent, { recursive: true, force: true }),
  };
}

export function postgresStorage(databaseUrl: string): DurableStorage {
  const schema = `durable_${randomUUID().replace(/-/g, '')}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: databaseUrl, PLANNER_DB_SCHEMA: schema },
    options: { databaseUrl, schema },
    async dispose() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}

export interface HostKey {
  id: string;
  secretKey: string;
}

/**
 * A platform as its own process (`main.ts`) on `storage`, always on the same port and
 * master key, so that it can be killed and started again as an operator's supervisor would.
 */
export interface PlatformProcess {
  url: string;
  key: HostKey;
  storage: DurableStorage;
  /** The running process; undefined between a kill and the next start. */
  current: SpawnedPlatform | undefined;
  start(): Promise<SpawnedPlatform>;
  /** SIGKILL: no drain, no shutdown hook, the database left as the kernel found it. */
  kill(): Promise<void>;
  /** SIGTERM, as an operator stops it: resolves with the exit code. */
  stop(): Promise<number | NodeJS.Signals | null>;
  /** A user token from `POST /v1/tokens`, as a host back-end gets one. */
  userToken(userId: string, lifetime?: number): Promise<string>;
  close(): Promise<void>;
}

/** Provisions a legal entity and API key on `storage` (before any process holds it). */
export async function platformProcess(
  storage: DurableStorage,
  {
    env = {},
    seedCatalog = false,
    nodeArgs = [],
  }: { env?: Record<string, string>; seedCatalog?: boolean; nodeArgs?: readonly string[] } = {},
): Promise<PlatformProcess> {
  const masterBytes = randomBytes(32);
  const db = await openDatabase(storage.options);
  let key: HostKey;
  try {
    const le = await createLegalEntity(db, { name: 'Durable Shop', origins: ['http://127.0.0.1:5999'] });
    const master = masterKeyFrom(masterBytes);
    if (seedCatalog) {
      const log = createLogger({ level: 'warn' });
      await new CatalogOperations({ db, master, log, now: Date.now, actor: 'cli' }).adoptSeed(le.id);
    }
    key = await createApiKey(db, master, le.id, 'durability');
  } finally {
    await db.close();
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const processEnv = {
    PORT: String(port),
    PLANNER_PUBLIC_URL: url,
    PLANNER_MASTER_KEY: masterBytes.toString('base64url'),
    ...storage.env,
    ...env,
  };
  const p: PlatformProcess = {
    url,
    key,
    storage,
    current: undefined,
    async start() {
      p.current = await spawnPlatform(processEnv, nodeArgs);
      return p.current;
    },
    async kill() {
      const running = p.current;
      if (!running) return;
      running.child.kill('SIGKILL');
      await running.exited;
      // Removes only the process's own unused temporary folder: the storage is ours.
      await running.cleanup();
      p.current = undefined;
    },
    async stop() {
      const running = p.current;
      if (!running) return null;
      running.child.kill('SIGTERM');
      const code = await running.exited;
      await running.cleanup();
      p.current = undefined;
      return code;
    },
    userToken: (userId, lifetime = 900) => issueUserToken(url, key, userId, lifetime),
    async close() {
      await p.kill();
    },
  };
  return p;
}

/** `POST /v1/tokens` for a user token, with the client assertion the README describes. */
export async function issueUserToken(
  url: string,
  key: HostKey,
  userId: string,
  lifetime: number,
): Promise<string> {
  const params = { kind: 'user' as const, user_id: userId, scope: 'read write', lifetime };
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ params_sha256: paramsHash(params) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(key.id)
    .setSubject(key.id)
    .setAudience(`${url}/v1/tokens`)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + 30)
    .sign(new TextEncoder().encode(key.secretKey));
  const response = await fetch(`${url}/v1/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      ...params,
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: assertion,
    }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`token refused: ${response.status} ${text}`);
  return (JSON.parse(text) as { access_token: string }).access_token;
}
