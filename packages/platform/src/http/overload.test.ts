import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdmissionLimits } from '../db/admission.ts';
import {
  authed,
  onboardHost,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../testing/test-platform.ts';

let tp: TestPlatform | undefined;
afterEach(async () => {
  await tp?.close();
  tp = undefined;
});

/**
 * A platform whose every database connection is held by a transaction of the test's own
 * (the platform's background work waits without bound), so that requests have to queue.
 */
async function busyPlatform(limits: Partial<AdmissionLimits>) {
  tp = await startTestPlatform({ dbAdmission: limits });
  const { apiKey } = await onboardHost(tp);
  const key = { id: apiKey.id, secretKey: apiKey.secretKey };
  const token = await tokenFor(tp, key, { kind: 'user', user_id: 'shopper-1', scope: 'read write' });
  // Once answered, the token is in the verified-token cache: only the route's own query (one:
  // the list of projects) waits.
  expect((await fetch(`${tp.url}/v1/projects`, authed(token))).status).toBe(200);
  const { db, metrics } = tp.platform.services;
  let free: () => void = () => {};
  const freed = new Promise<void>((resolve) => {
    free = resolve;
  });
  const holders = Array.from({ length: db.poolStats?.().max ?? 1 }, () =>
    db.transaction(async () => {
      await freed;
    }),
  );
  const metric = async (name: string, labels: string) => {
    const text = await metrics.registry.getSingleMetricAsString(name);
    const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
    return Number(line?.split(' ')[1] ?? 0);
  };
  /** Polls (bounded) until the metric reaches `value`. */
  const until = async (name: string, labels: string, value: number) => {
    for (let i = 0; i < 500 && (await metric(name, labels)) !== value; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await metric(name, labels)).toBe(value);
  };
  await until('planner_db_admission_queue', 'state="in_use"', holders.length);
  const release = async () => {
    free();
    await Promise.all(holders);
  };
  return { tp, token, release, metric, until };
}

describe('the database admission queue over HTTP', () => {
  it('answers 503 overloaded with a Retry-After at once when the queue is full, and serves again once it drains', async () => {
    const busy = await busyPlatform({ maxQueue: 0, maxWaitMs: 2_000 });
    const refused = await fetch(`${busy.tp.url}/v1/projects`, authed(busy.token));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await refused.json()).toMatchObject({ error: 'overloaded' });
    expect(await busy.metric('planner_db_admissions_total', 'outcome="queue_full"')).toBe(1);
    expect(busy.tp.logs.some((l) => l.includes('"db.overloaded"') && l.includes('queue_full'))).toBe(true);
    await busy.release();
    expect((await fetch(`${busy.tp.url}/v1/projects`, authed(busy.token))).status).toBe(200);
  });

  it('answers 503 overloaded to a request that waited PLANNER_DB_MAX_WAIT_MS; a save so refused applied nothing', async () => {
    const busy = await busyPlatform({ maxQueue: 10, maxWaitMs: 300 });
    const key = randomUUID();
    const save = () =>
      fetch(
        `${busy.tp.url}/v1/projects`,
        authed(busy.token, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify({
            name: 'Kitchen',
            room: { width_cm: 300, depth_cm: 300, unit: 'cm' },
            items: [],
          }),
        }),
      );
    const refused = await save();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ error: 'overloaded' });
    expect(await busy.metric('planner_db_admissions_total', 'outcome="wait_timeout"')).toBe(1);
    await busy.release();
    // The key was never claimed: the retry the Retry-After asks for applies the save, once.
    const retried = await save();
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('drops a queued request whose client disconnected: never run, logged and counted as client_gone', async () => {
    const busy = await busyPlatform({ maxQueue: 10, maxWaitMs: 30_000 });
    const client = new AbortController();
    const key = randomUUID();
    const gone = fetch(
      `${busy.tp.url}/v1/projects`,
      authed(busy.token, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({ name: 'Gone', room: { width_cm: 300, depth_cm: 300, unit: 'cm' }, items: [] }),
        signal: client.signal,
      }),
    ).catch((error: unknown) => error);
    await busy.until('planner_db_admission_queue', 'state="waiting"', 1);
    client.abort();
    expect(await gone).toMatchObject({ name: 'AbortError' });
    await busy.until('planner_db_admissions_total', 'outcome="client_gone"', 1);
    await busy.release();
    const { db } = busy.tp.platform.services;
    expect(await db.query("select id from projects where name = 'Gone'")).toEqual([]);
    expect(await db.query('select key from idempotency_keys where key = $1', [key])).toEqual([]);
    await busy.until('planner_db_admission_queue', 'state="waiting"', 0);
    expect(busy.tp.logs.some((l) => l.includes('"status":499') && l.includes('/v1/projects'))).toBe(true);
  });
});
