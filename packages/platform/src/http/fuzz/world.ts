import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  admin,
  authed,
  consumerFor,
  onboardBackend,
  postForm,
  standardToken,
  startTestPlatform,
  TEST_ADMIN_TOKEN,
  type TestPlatform,
  tokenFor,
} from '../../testing/test-platform.ts';

/** One genuine credential of each kind the platform issues, plus what they own. */
export interface FuzzWorld {
  tp: TestPlatform;
  legalEntityId: string;
  apiKey: { id: string; secretKey: string };
  consumer: { consumerKey: string; consumerSecret: string };
  profileId: string;
  tokens: {
    legalEntity: string;
    user: string;
    backend: string;
    static: string;
    oauth: string;
    admin: string;
  };
  projectId: string;
  messageId: string;
  close(): Promise<void>;
}

export type Backend = 'pglite' | 'postgres';

/** Generous limits: the suites probe inputs, not the rate limiter (it has tests of its own). */
const RATE_LIMITS = {
  tokenRequests: { limit: 1_000_000, windowSeconds: 60 },
  authFailures: { limit: 1_000_000, windowSeconds: 60 },
  consumerFailures: { limit: 1_000_000, windowSeconds: 60 },
  operatorFailures: { limit: 1_000_000, windowSeconds: 60 },
};

async function json<T>(res: Response, status: number): Promise<T> {
  if (res.status !== status) throw new Error(`fixture: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * A real platform on 127.0.0.1 with one legal entity that has every kind of credential.
 * `pglite` runs on an embedded database in a temp folder of its own (removed at close);
 * `postgres` on its own schema of `databaseUrl` (dropped at close).
 */
export async function startFuzzWorld(backend: Backend, databaseUrl?: string): Promise<FuzzWorld> {
  const dataDir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'planner-fuzz-')) : undefined;
  const saved = process.env.DATABASE_URL;
  // startTestPlatform takes its PostgreSQL from the environment (and drops the schema at close).
  if (backend === 'postgres') process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  let tp: TestPlatform;
  try {
    tp = await startTestPlatform({
      rateLimits: RATE_LIMITS,
      ...(dataDir ? { dataDir: join(dataDir, 'db') } : {}),
    });
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
  const { legalEntity, apiKey, profile } = await onboardBackend(tp, { name: 'Fuzz Shop' });
  const consumer = await consumerFor(tp, legalEntity.id, 'fuzz-user', 'read write');
  const user = await tokenFor(tp, apiKey, { kind: 'user', user_id: 'fuzz-user', scope: 'read write' });
  const legalEntityToken = await tokenFor(tp, apiKey, { kind: 'legal_entity' });
  const backendToken = await standardToken(tp, profile.accessKey);
  const staticToken = (
    await json<{ static_token: string }>(
      await admin(tp, 'POST', `/backend-profiles/${profile.id}/static-token`),
      201,
    )
  ).static_token;
  const oauth = (
    await json<{ access_token: string }>(
      await postForm(tp, '/oauth/token', {
        grant_type: 'password',
        username: consumer.consumerKey,
        password: consumer.consumerSecret,
        scope: 'read write',
      }),
      200,
    )
  ).access_token;
  const project = await json<{ id: string }>(
    await fetch(
      `${tp.url}/v1/projects`,
      authed(user, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          name: 'Fuzz kitchen',
          room: { width_cm: 300, depth_cm: 300, unit: 'cm' },
          items: [],
        }),
      }),
    ),
    201,
  );
  const message = await json<{ id: string }>(
    await fetch(
      `${tp.url}/v1/messagebox/messages`,
      authed(backendToken, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ to: 'all', subject: 'Hello', body: 'Hello everyone.' }),
      }),
    ),
    201,
  );
  return {
    tp,
    legalEntityId: legalEntity.id,
    apiKey,
    consumer,
    profileId: profile.id,
    tokens: {
      legalEntity: legalEntityToken,
      user,
      backend: backendToken,
      static: staticToken,
      oauth,
      admin: TEST_ADMIN_TOKEN,
    },
    projectId: project.id,
    messageId: message.id,
    async close() {
      await tp.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
