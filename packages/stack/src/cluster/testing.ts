import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenClient } from '@planner/host/server';
import { createApiKey, createLegalEntity, createLogger } from '@planner/platform';
import { type Cluster, startCluster } from './cluster.ts';
import { findHaproxy } from './haproxy.ts';
import { MACHINE_POSTGRES_URL, postgresAnswers } from './postgres.ts';

/**
 * The cluster tests need a PostgreSQL (PLANNER_TEST_DATABASE_URL, default the machine's
 * 127.0.0.1:5432/test; `off` skips) and HAProxy. Without either they are skipped, and say so.
 */
export async function clusterTestSetting(file: string): Promise<{ run: boolean; databaseUrl: string }> {
  const databaseUrl = process.env.PLANNER_TEST_DATABASE_URL || MACHINE_POSTGRES_URL;
  const missing = [
    ...(databaseUrl === 'off'
      ? ['PLANNER_TEST_DATABASE_URL=off']
      : (await postgresAnswers(databaseUrl))
        ? []
        : [`no PostgreSQL answered at ${databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`]),
    ...(findHaproxy() ? [] : ['no haproxy installed (apt-get install haproxy)']),
  ];
  if (missing.length > 0) {
    console.warn(`\n[stack] cluster tests in ${file} SKIPPED: ${missing.join('; ')}.\n`);
  }
  return { run: missing.length === 0, databaseUrl };
}

export interface TestCluster {
  cluster: Cluster;
  /** The onboarded host's legal entity. */
  legalEntityId: string;
  /**
   * A user token for `user`, issued by the instance at `via` (an instance's URL or the
   * balancer's), signed for with the onboarded host's API key or with `key`.
   */
  userToken(via: string, user: string, key?: { id: string; secretKey: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * Three instances behind HAProxy on a fresh schema (dropped on close) and a temporary data
 * folder, with a host onboarded. No build: the tests talk to the platform only.
 */
export async function startTestCluster(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<TestCluster> {
  const dataDir = await mkdtemp(join(tmpdir(), 'planner-cluster-test-'));
  let cluster: Cluster;
  try {
    cluster = await startCluster({
      dataDir,
      databaseUrl,
      schema: `cluster_${randomUUID().replace(/-/g, '')}`,
      dropSchema: true,
      build: false,
      log: createLogger({ level: 'warn' }),
      env,
    });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { db, master } = cluster.admin.services;
  const legalEntity = await createLegalEntity(db, {
    name: 'Cluster Shop',
    origins: ['http://127.0.0.1:5999'],
  });
  const key = await createApiKey(db, master, legalEntity.id, 'cluster tests');
  const balancer = cluster.urls.balancer;
  return {
    cluster,
    legalEntityId: legalEntity.id,
    async userToken(via, user, signer = key) {
      // The assertion's audience is the public (balancer's) token URL whichever instance is asked.
      const client = createTokenClient({
        platformUrl: balancer,
        keyId: signer.id,
        secretKey: signer.secretKey,
        fetch: (input, init) =>
          fetch(String(input instanceof Request ? input.url : input).replace(balancer, via), init),
      });
      return (await client.userToken(user, { scope: 'read write', lifetime: 900 })).access_token;
    },
    async close() {
      try {
        await cluster.close();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** The `kid` a JWT names in its header. */
export const kidOf = (token: string): string =>
  (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid: string }).kid;

export const bearer = (token: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) },
});

/** Polls `probe` (every 100 ms) until it returns a value, or fails after `ms`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A small valid project body. */
export const projectBody = (name: string) => ({
  name,
  room: { width_cm: 420, depth_cm: 360, unit: 'cm' as const },
  items: [],
});
