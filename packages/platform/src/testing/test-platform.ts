import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { SignJWT } from 'jose';
import pg from 'pg';
import { createApiKey } from '../accounts/api-keys.ts';
import { createLegalEntity } from '../accounts/legal-entities.ts';
import { setSubscription } from '../accounts/subscriptions.ts';
import { createBackendProfile } from '../backends/backend-profiles.ts';
import { masterKeyFrom } from '../crypto/master-key.ts';
import { createConsumer } from '../oauth/consumers.ts';
import { createPlatform, type Platform, type PlatformOptions } from '../platform.ts';
import { CLIENT_ASSERTION_TYPE, type TokenRequest } from '../schemas/tokens.ts';
import { listen, type RunningServer } from '../server.ts';
import { paramsHash } from '../tokens/client-assertion.ts';
import { createLogger } from '../util/log.ts';

/** The operator token of test platforms (the admin API). */
/** A TCP proxy to PostgreSQL that can make a connection deaf (the cluster tests' lost NOTIFY). */
export { tcpProxy } from './db-faults.ts';

export const TEST_ADMIN_TOKEN = 'adm_test-operator-token-0123456789abcdef';

/** A controllable clock: tests move time instead of waiting. */
export class TestClock {
  constructor(public ms = Date.now()) {}
  now = () => this.ms;
  advance(seconds: number) {
    this.ms += seconds * 1000;
  }
}

export interface TestPlatform {
  platform: Platform;
  server: RunningServer;
  url: string;
  clock: TestClock;
  logs: string[];
  options: PlatformOptions;
  /** Stops and starts the platform again on the same storage and port, as a deploy would. */
  restart(): Promise<void>;
  /** Stops the server and closes storage; drops the test schema on PostgreSQL. */
  close(): Promise<void>;
}

/**
 * A real platform on 127.0.0.1: in-memory PGlite by default, or an isolated schema on the
 * PostgreSQL server named by `DATABASE_URL`, so the same tests run on both.
 */
export async function startTestPlatform(overrides: Partial<PlatformOptions> = {}): Promise<TestPlatform> {
  const clock = new TestClock();
  const logs: string[] = [];
  const databaseUrl = process.env.DATABASE_URL;
  const schema = databaseUrl ? `t_${randomUUID().replace(/-/g, '')}` : undefined;
  // The issuer URL names the port, so the port is chosen before the platform is built.
  const port = await freePort();
  const options: PlatformOptions = {
    master: masterKeyFrom(randomBytes(32)),
    publicUrl: `http://127.0.0.1:${port}`,
    databaseUrl,
    schema,
    now: clock.now,
    log: createLogger({ write: (line) => logs.push(line), level: 'debug' }),
    corsOrigins: ['http://127.0.0.1:5999'],
    adminToken: TEST_ADMIN_TOKEN,
    ...overrides,
  };
  const tp: TestPlatform = {
    platform: await createPlatform(options),
    server: undefined as unknown as RunningServer,
    url: `http://127.0.0.1:${port}`,
    clock,
    logs,
    options,
    async restart() {
      await tp.server.close();
      await tp.platform.close();
      tp.platform = await createPlatform(options);
      tp.server = await listen(tp.platform, port);
    },
    async close() {
      await tp.server.close();
      await tp.platform.close();
      if (databaseUrl && schema) {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      }
    },
  };
  tp.server = await listen(tp.platform, port);
  return tp;
}

/** A legal entity with an API key, as a host would have after onboarding. */
export async function onboardHost(
  tp: TestPlatform,
  input: { name?: string; origins?: string[]; defaultTokenLifetime?: number } = {},
) {
  const { db, master } = tp.platform.services;
  const legalEntity = await createLegalEntity(db, {
    name: input.name ?? 'Test Shop',
    origins: input.origins ?? ['http://127.0.0.1:5173'],
    ...(input.defaultTokenLifetime ? { defaultTokenLifetime: input.defaultTokenLifetime } : {}),
  });
  const apiKey = await createApiKey(db, master, legalEntity.id, 'test');
  return { legalEntity, apiKey };
}

export type TokenParams = Omit<TokenRequest, 'client_assertion' | 'client_assertion_type'>;

/** Makes a client assertion the way the README tells host back-ends to. */
export async function makeAssertion(
  tp: TestPlatform,
  key: { id: string; secretKey: string },
  params: TokenParams,
  overrides: { iss?: string; sub?: string; aud?: string; jti?: string; expIn?: number; hash?: string } = {},
): Promise<string> {
  const nowS = Math.floor(tp.clock.now() / 1000);
  return new SignJWT({ params_sha256: overrides.hash ?? paramsHash(params) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(overrides.iss ?? key.id)
    .setSubject(overrides.sub ?? key.id)
    .setAudience(overrides.aud ?? `${tp.url}/v1/tokens`)
    .setJti(overrides.jti ?? randomUUID())
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + (overrides.expIn ?? 30))
    .sign(new TextEncoder().encode(key.secretKey));
}

export async function requestToken(
  tp: TestPlatform,
  key: { id: string; secretKey: string },
  params: TokenParams,
  assertion?: string,
): Promise<Response> {
  return fetch(`${tp.url}/v1/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      ...params,
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: assertion ?? (await makeAssertion(tp, key, params)),
    }),
  });
}

/** Issues a token and returns it, failing the test when the platform refuses. */
export async function tokenFor(
  tp: TestPlatform,
  key: { id: string; secretKey: string },
  params: TokenParams,
): Promise<string> {
  const res = await requestToken(tp, key, params);
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export const authed = (token: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
});

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A legal entity whose subscription includes `services`, with a back-end profile. */
export async function onboardBackend(tp: TestPlatform, input: { name?: string; services?: string[] } = {}) {
  const { db, master } = tp.platform.services;
  const { legalEntity, apiKey } = await onboardHost(tp, { name: input.name ?? 'Backend Shop' });
  await setSubscription(db, legalEntity.id, input.services ?? ['reporting', 'messagebox']);
  const profile = await createBackendProfile(db, master, legalEntity.id, {
    name: 'ERP',
    externalSystem: 'SAP S/4HANA',
  });
  return { legalEntity, apiKey, profile };
}

/** A standard token for an access key, failing the test when refused. */
export async function standardToken(tp: TestPlatform, accessKey: string): Promise<string> {
  const res = await fetch(`${tp.url}/v1/backend/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ access_key: accessKey }),
  });
  if (res.status !== 200) throw new Error(`standard token refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** An OAuth consumer for the host's user `userId`. */
export function consumerFor(tp: TestPlatform, legalEntityId: string, userId: string, scope = 'read') {
  return createConsumer(tp.platform.services.db, legalEntityId, { externalUserId: userId, scope });
}

/** `Authorization: Basic` for a client id and secret (RFC 6749 §2.3.1: each form-urlencoded first). */
export const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** POSTs a form to an OAuth endpoint. */
export function postForm(
  tp: TestPlatform,
  path: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${tp.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
}

/** Calls the admin API with the operator token. */
export function admin(tp: TestPlatform, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${tp.url}/admin/api${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
