import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { PlatformOptions } from '../platform.ts';
import { tcpProxy, until } from '../testing/db-faults.ts';
import { startTestPlatform, TEST_ADMIN_TOKEN, type TestPlatform } from '../testing/test-platform.ts';

const REDIS_URL = process.env.PLANNER_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Whether a Redis answers at `url` within a short while (the test says so when not). */
async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0 });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
const redisUp = await redisAnswers(REDIS_URL);
if (!redisUp) console.warn(`[platform] Redis rate-limit test SKIPPED: nothing answered at ${REDIS_URL}`);

const LIMIT = 4;
/** Two platforms start per test: on PGlite, on a busy 2-core machine, that alone takes a while. */
const SLOW = 120_000;
const WRONG = `adm_${'x'.repeat(40)}`;
const list = (tp: TestPlatform, address: string, token = WRONG) =>
  fetch(`${tp.url}/admin/api/legal-entities`, {
    headers: { 'X-Forwarded-For': address, Authorization: `Bearer ${token}` },
  });

/** Two instances behind one trusted proxy, sharing what `shared` names (a schema, a Redis prefix). */
async function twoInstances(shared: (a?: TestPlatform) => Partial<PlatformOptions>) {
  const common: Partial<PlatformOptions> = {
    trustedProxies: 1,
    rateLimits: { operatorFailures: { limit: LIMIT, windowSeconds: 600 } },
  };
  const a = await startTestPlatform({ ...common, ...shared() });
  const b = await startTestPlatform({ ...common, ...shared(a) });
  return { a, b, close: async () => Promise.all([b.close(), a.close()]) };
}

/** What every store must do: attempts on A count on B, and a burst over both gets exactly the limit. */
async function expectOneLimit(a: TestPlatform, b: TestPlatform) {
  const guesser = '198.51.100.70';
  expect((await list(a, guesser)).status).toBe(401);
  expect((await list(b, guesser)).status).toBe(401);
  expect((await list(a, guesser)).status).toBe(401);
  expect((await list(b, guesser)).status).toBe(401);
  // Per instance this would be 2 of 4; shared, the limit is reached on both.
  expect((await list(a, guesser)).status).toBe(429);
  expect((await list(b, guesser)).status).toBe(429);
  expect((await list(b, guesser, TEST_ADMIN_TOKEN)).status).toBe(429);
  expect((await list(a, '203.0.113.70', TEST_ADMIN_TOKEN)).status).toBe(200);

  const burst = await Promise.all(
    Array.from({ length: 10 }, (_, i) => list(i % 2 ? a : b, '198.51.100.71').then((r) => r.status)),
  );
  expect(burst.filter((s) => s === 401)).toHaveLength(LIMIT);
  expect(burst.filter((s) => s === 429)).toHaveLength(10 - LIMIT);
}

describe('rate limits shared by several instances', () => {
  it.runIf(process.env.DATABASE_URL)(
    '[PostgreSQL only] two instances on one PostgreSQL count against one limit',
    async () => {
      const { a, b, close } = await twoInstances((a) =>
        a ? { schema: a.options.schema, master: a.options.master } : {},
      );
      try {
        await expectOneLimit(a, b);
        // The counts are in the shared table, under the limit's name.
        const rows = await a.platform.services.db.query<{ key: string; points: number }>(
          "select key, points from rate_limits where key like 'operatorFailures:%' order by key",
        );
        expect(rows.map((r) => r.key)).toEqual([
          'operatorFailures:198.51.100.70',
          'operatorFailures:198.51.100.71',
        ]);
      } finally {
        await close();
      }
    },
  );

  it.runIf(redisUp)(
    'two instances with REDIS_URL count against one limit in Redis',
    async () => {
      // Each instance has its own database (on PGlite: its own process memory); only Redis is shared.
      const prefix = `planner-test-${randomBytes(6).toString('hex')}:`;
      const { a, b, close } = await twoInstances(() => ({ redisUrl: REDIS_URL, redisKeyPrefix: prefix }));
      const redis = new Redis(REDIS_URL);
      try {
        await expectOneLimit(a, b);
        expect((await redis.keys(`${prefix}*`)).sort()).toEqual([
          `${prefix}operatorFailures:198.51.100.70`,
          `${prefix}operatorFailures:198.51.100.71`,
        ]);
        // Nothing went to the database's table.
        expect(await a.platform.services.db.query('select key from rate_limits')).toEqual([]);
      } finally {
        await close();
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
        redis.disconnect();
      }
    },
    SLOW,
  );

  it.runIf(redisUp)(
    'with Redis gone, limits fall back to each instance’s memory: never a 5xx',
    async () => {
      const url = new URL(REDIS_URL);
      const proxy = await tcpProxy(url.hostname, Number(url.port || 6379));
      const prefix = `planner-test-${randomBytes(6).toString('hex')}:`;
      const tp = await startTestPlatform({
        trustedProxies: 1,
        rateLimits: { operatorFailures: { limit: LIMIT, windowSeconds: 600 } },
        redisUrl: `redis://127.0.0.1:${proxy.port}`,
        redisKeyPrefix: prefix,
      });
      try {
        expect((await list(tp, '198.51.100.72')).status).toBe(401);
        await proxy.stop();
        await until(() => tp.logs.some((l) => l.includes('"event":"redis.lost"')), 'the platform to notice');
        const statuses = [];
        for (let i = 0; i < LIMIT + 1; i++) statuses.push((await list(tp, '198.51.100.73')).status);
        expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
        // Where it was is fine to log; the URL (which may hold a password) never is.
        expect(tp.logs.join('\n')).not.toContain('redis://');
      } finally {
        await proxy.stop();
        await tp.close();
      }
    },
    SLOW,
  );
});
