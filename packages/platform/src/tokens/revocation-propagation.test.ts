import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ApiKeyOperations } from '../accounts/api-key-operations.ts';
import { tcpProxy } from '../testing/db-faults.ts';
import {
  admin,
  authed,
  basic,
  consumerFor,
  onboardBackend,
  postForm,
  standardToken,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../testing/test-platform.ts';

// Issue 10: every revocation made on one instance is refused on every other within a second
// (NOTIFY), and still within the poll bound when the other's LISTEN connection is gone.

const databaseUrl = process.env.DATABASE_URL;
const PROPAGATION_BOUND_MS = 1_000;
/** 54 revocations with their set-up, on a busy machine. */
const SLOW = 180_000;

type Kind =
  | 'api_key'
  | 'static_token'
  | 'backend_profile_disabled'
  | 'oauth_chain'
  | 'consumer_removed'
  | 'subscription_changed';
const KINDS: Kind[] = [
  'api_key',
  'static_token',
  'backend_profile_disabled',
  'oauth_chain',
  'consumer_removed',
  'subscription_changed',
];

/** A credential that works on `b` (and is cached there), and how `a` revokes it. */
interface Case {
  probe: () => Promise<number>;
  revoke: () => Promise<void>;
}

const ok = async (res: Response | Promise<Response>, status = 200) => {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return r;
};

/** Two instances of one platform (one issuer, one schema), as behind a load balancer. */
async function pair(options: { pollMs: number; bDatabaseUrl?: string }) {
  const a = await startTestPlatform({ revocationPollMs: options.pollMs });
  const b = await startTestPlatform({
    schema: a.options.schema,
    master: a.options.master,
    publicUrl: a.url,
    now: a.clock.now,
    revocationPollMs: options.pollMs,
    ...(options.bDatabaseUrl ? { databaseUrl: options.bDatabaseUrl } : {}),
  });
  return {
    a,
    b,
    async close() {
      await b.server.close();
      await b.platform.close();
      await a.close();
    },
  };
}

async function prepare(a: TestPlatform, b: TestPlatform, kind: Kind, n: number): Promise<Case> {
  const shop = await onboardBackend(a, { name: `Shop ${kind} ${n}` });
  const me = (token: string) => fetch(`${b.url}/v1/me`, authed(token)).then((r) => r.status);
  const usage = (token: string) => fetch(`${b.url}/v1/reporting/usage`, authed(token)).then((r) => r.status);
  const oauth = async () => {
    const consumer = await consumerFor(a, shop.legalEntity.id, `user-${n}`);
    const res = await ok(
      postForm(a, '/oauth/token', {
        grant_type: 'password',
        username: consumer.consumerKey,
        password: consumer.consumerSecret,
      }),
    );
    return { consumer, tokens: (await res.json()) as { access_token: string; refresh_token: string } };
  };
  switch (kind) {
    case 'api_key': {
      const jwt = await tokenFor(a, shop.apiKey, { kind: 'user', user_id: `user-${n}` });
      const ops = new ApiKeyOperations({ ...a.platform.services, actor: 'admin_api' });
      return { probe: () => me(jwt), revoke: async () => void (await ops.revoke(shop.apiKey.id)) };
    }
    case 'static_token': {
      const res = await ok(admin(a, 'POST', `/backend-profiles/${shop.profile.id}/static-token`), 201);
      const { static_token } = (await res.json()) as { static_token: string };
      return {
        probe: () => usage(static_token),
        revoke: async () =>
          void (await ok(admin(a, 'DELETE', `/backend-profiles/${shop.profile.id}/static-token`))),
      };
    }
    case 'backend_profile_disabled': {
      const token = await standardToken(a, shop.profile.accessKey);
      return {
        probe: () => usage(token),
        revoke: async () => void (await ok(admin(a, 'POST', `/backend-profiles/${shop.profile.id}/disable`))),
      };
    }
    case 'oauth_chain': {
      const { consumer, tokens } = await oauth();
      return {
        probe: () => me(tokens.access_token),
        // RFC 7009: revoking the refresh token ends its grant's access tokens.
        revoke: async () =>
          void (await ok(
            postForm(
              a,
              '/oauth/revoke',
              { token: tokens.refresh_token },
              { Authorization: basic(consumer.consumerKey, consumer.consumerSecret) },
            ),
          )),
      };
    }
    case 'consumer_removed': {
      const { consumer, tokens } = await oauth();
      return {
        probe: () => me(tokens.access_token),
        revoke: async () => void (await ok(admin(a, 'DELETE', `/oauth-consumers/${consumer.consumerKey}`))),
      };
    }
    case 'subscription_changed': {
      const token = await standardToken(a, shop.profile.accessKey);
      return {
        probe: () => usage(token),
        revoke: async () =>
          void (await ok(
            admin(a, 'PUT', `/legal-entities/${shop.legalEntity.id}/subscription`, {
              services: ['messagebox'],
            }),
          )),
      };
    }
  }
}

/** Revokes on A; ms from the start of the revocation until B refuses (fails past `boundMs`). */
async function propagation(c: Case, boundMs: number): Promise<number> {
  // Cached as working on B first: only an invalidation can make B refuse it in time.
  expect(await c.probe()).toBe(200);
  expect(await c.probe()).toBe(200);
  const start = performance.now();
  await c.revoke();
  for (;;) {
    const status = await c.probe();
    const elapsed = performance.now() - start;
    if (status !== 200) {
      expect([401, 403]).toContain(status);
      return elapsed;
    }
    if (elapsed > boundMs)
      throw new Error(`still accepted on the other instance after ${Math.round(elapsed)} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

describe.runIf(databaseUrl)('[PostgreSQL only] revocations across instances', () => {
  it(
    'refuses each of the six kinds on the other instance within 1 s; p50/p99 over 54 revocations',
    async () => {
      // The poll is far off: only the notifications can make this pass.
      const { a, b, close } = await pair({ pollMs: 600_000 });
      try {
        const times: Record<Kind, number[]> = Object.fromEntries(KINDS.map((k) => [k, []])) as never;
        for (let round = 0; round < 9; round++) {
          for (const kind of KINDS) {
            times[kind].push(await propagation(await prepare(a, b, kind, round), PROPAGATION_BOUND_MS));
          }
        }
        const all = Object.values(times)
          .flat()
          .sort((x, y) => x - y);
        expect(all.length).toBeGreaterThanOrEqual(50);
        const p50 = percentile(all, 50);
        const p99 = percentile(all, 99);
        const perKind = KINDS.map((k) => `${k} max ${Math.max(...times[k]).toFixed(1)}`).join(', ');
        console.log(
          `[revocation propagation] ${all.length} revocations, A → B by NOTIFY: p50 ${p50.toFixed(1)} ms, ` +
            `p99 ${p99.toFixed(1)} ms, max ${all.at(-1)!.toFixed(1)} ms (${perKind})`,
        );
        expect(p99).toBeLessThan(PROPAGATION_BOUND_MS);
        expect(b.logs.some((l) => l.includes('"event":"revocations.missed"'))).toBe(false);
      } finally {
        await close();
      }
    },
    SLOW,
  );

  // A killed backend is noticed at once (the socket closes): the listener bypasses the caches
  // until it is back, so this holds even before the poll. The deaf connection below is the
  // case only the poll catches.
  it('still refuses a revocation within the poll bound after the LISTEN backends are killed', async () => {
    const pollMs = 1_000;
    const { a, b, close } = await pair({ pollMs });
    try {
      const cases = await Promise.all(KINDS.map((kind, n) => prepare(a, b, kind, n)));
      for (const c of cases) expect(await c.probe()).toBe(200);
      const killed = await terminateListeners(a.options.schema!);
      expect(killed).toBeGreaterThanOrEqual(2); // A's and B's
      for (const c of cases) await propagation(c, pollMs + PROPAGATION_BOUND_MS);
    } finally {
      await close();
    }
  });

  it('refuses within the poll bound when the LISTEN connection goes deaf without a word', async () => {
    const pollMs = 1_000;
    const target = new URL(databaseUrl!);
    const proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(databaseUrl!);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const { a, b, close } = await pair({ pollMs, bDatabaseUrl: viaProxy.toString() });
    try {
      const cases = await Promise.all(KINDS.map((kind, n) => prepare(a, b, kind, n)));
      // B's LISTEN connection stays open and says nothing: no notification reaches B again.
      expect(proxy.silence(/listen "planner_revocations"/i)).toBe(1);
      for (const c of cases) {
        const ms = await propagation(c, 2 * pollMs + PROPAGATION_BOUND_MS);
        console.log(
          `[revocation propagation] deaf LISTEN, by the epoch poll (${pollMs} ms): ${ms.toFixed(0)} ms`,
        );
      }
      expect(b.logs.some((l) => l.includes('"event":"revocations.missed"'))).toBe(true);
      // B never noticed the connection was gone: the poll alone did it.
      expect(b.logs.some((l) => l.includes('"event":"db.listen_lost"'))).toBe(false);
    } finally {
      await close();
      await proxy.stop();
    }
  });
});

/** Terminates every LISTEN backend of the test schema's instances; how many. */
async function terminateListeners(schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ done: boolean }>(
      `select pg_terminate_backend(pid) as done from pg_stat_activity
       where query ilike 'listen%' and application_name = $1`,
      [`planner:${schema}`],
    );
    return rows.filter((r) => r.done).length;
  } finally {
    await client.end();
  }
}
