import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUser } from '../accounts/users.ts';
import type { Database, Queryable } from '../db/database.ts';
import { Metrics } from '../metrics/metrics.ts';
import { sample } from '../testing/prometheus.ts';
import {
  admin,
  authed,
  onboardBackend,
  standardToken,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../testing/test-platform.ts';
import { silentLogger } from '../util/log.ts';
import { dayOf, UsageRecorder, usageReport } from './usage.ts';

let tp: TestPlatform;
let shop: Awaited<ReturnType<typeof onboardBackend>>;
beforeAll(async () => {
  // No timer flush during a test: only the flushes a test asks for, or a full buffer, write.
  tp = await startTestPlatform({ usage: { flushIntervalMs: 3_600_000 } });
  shop = await onboardBackend(tp, { name: 'Busy Shop' });
});
afterAll(() => tp.close());

/** The platform's real database, counting the statements and transactions that reach it. */
function counted(db: Database) {
  const seen = { transactions: 0, writes: 0 };
  const count = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      if (/^\s*(insert|update|delete)/i.test(sql)) seen.writes += 1;
      return q.query(sql, params);
    },
    exec: (sql) => q.exec(sql),
  });
  const wrapped: Database = {
    ...db,
    ...count(db),
    transaction: (fn) => {
      seen.transactions += 1;
      return db.transaction((tx) => fn(count(tx)));
    },
  };
  return { db: wrapped, seen };
}

const today = () => dayOf(tp.clock.now());
const reportOf = (le: string) => usageReport(tp.platform.services.db, le, today(), today());

describe('UsageRecorder batching', () => {
  it('writes many records in one transaction, on flush only, with the right totals', async () => {
    const { legalEntity } = await onboardBackend(tp, { name: 'Batch Shop' });
    const users = await Promise.all(
      ['u1', 'u2', 'u3'].map((u) => ensureUser(tp.platform.services.db, legalEntity.id, u)),
    );
    const { db, seen } = counted(tp.platform.services.db);
    const recorder = new UsageRecorder(db, silentLogger, tp.clock.now, undefined, {
      flushIntervalMs: 3_600_000,
    });
    try {
      for (let i = 0; i < 200; i++) {
        await recorder.count(legalEntity.id, i % 4 === 0 ? 'project:saved' : 'token:user');
        await recorder.activeUser(legalEntity.id, users[i % 3]!);
      }
      expect(seen).toEqual({ transactions: 0, writes: 0 });
      expect((await reportOf(legalEntity.id)).totals.tokens_issued.user).toBe(0);
      expect(recorder.buffered).toBe(2 + 3);

      await recorder.flush();
      expect(seen).toEqual({ transactions: 1, writes: 2 });
      const { totals } = await reportOf(legalEntity.id);
      expect(totals.tokens_issued.user).toBe(150);
      expect(totals.projects_saved).toBe(50);
      expect(totals.active_users).toBe(3);

      // A second round adds to the stored counts.
      for (let i = 0; i < 10; i++) await recorder.count(legalEntity.id, 'token:user');
      await recorder.flush();
      expect(seen).toEqual({ transactions: 2, writes: 3 });
      expect((await reportOf(legalEntity.id)).totals.tokens_issued.user).toBe(160);
      await recorder.flush(); // nothing buffered: no write at all
      expect(seen.transactions).toBe(2);
    } finally {
      await recorder.close();
    }
  });

  it('holds at most maxBuffered records: a full buffer starts a write, and records are dropped only while one is under way', async () => {
    const { legalEntity } = await onboardBackend(tp, { name: 'Bounded Shop' });
    const metrics = new Metrics();
    const { db, seen } = counted(tp.platform.services.db);
    const recorder = new UsageRecorder(db, silentLogger, tp.clock.now, metrics, {
      flushIntervalMs: 3_600_000,
      maxBuffered: 2,
    });
    try {
      await recorder.count(legalEntity.id, 'token:user');
      await recorder.count(legalEntity.id, 'token:oauth');
      expect(recorder.buffered).toBe(2);
      // Full: this record's arrival swaps the buffer out to a write, and it starts the next one.
      await recorder.count(legalEntity.id, 'project:created');
      expect(recorder.buffered).toBe(1);
      // The write is still under way: the buffer takes one more distinct record, then drops.
      await recorder.count(legalEntity.id, 'project:saved');
      await recorder.count(legalEntity.id, 'token:legal_entity');
      await recorder.count(legalEntity.id, 'project:saved'); // an existing record still counts
      expect(recorder.buffered).toBe(2);
      expect(sample(await metrics.registry.metrics(), 'planner_usage_dropped_total')).toBe(1);

      await recorder.flush();
      expect(recorder.buffered).toBe(0);
      expect(seen.transactions).toBe(2);
      const { totals } = await reportOf(legalEntity.id);
      expect(totals).toMatchObject({ projects_created: 1, projects_saved: 2 });
      expect(totals.tokens_issued).toMatchObject({ user: 1, oauth: 1, legal_entity: 0 });
    } finally {
      await recorder.close();
    }
  });

  it('keeps a batch the database refused and writes it with the next flush', async () => {
    const { legalEntity } = await onboardBackend(tp, { name: 'Outage Shop' });
    const metrics = new Metrics();
    const { db: real } = counted(tp.platform.services.db);
    const recorder = new UsageRecorder(real, silentLogger, tp.clock.now, metrics, {
      flushIntervalMs: 3_600_000,
    });
    try {
      for (let i = 0; i < 5; i++) await recorder.count(legalEntity.id, 'token:user');
      // A real failure of the write: the table is not there for a moment.
      await real.query('alter table usage_counters rename to usage_counters_away');
      try {
        await recorder.flush();
      } finally {
        await real.query('alter table usage_counters_away rename to usage_counters');
      }
      expect(
        sample(await metrics.registry.metrics(), 'planner_usage_flushes_total', { result: 'failed' }),
      ).toBe(1);
      expect(recorder.buffered).toBe(1);
      for (let i = 0; i < 2; i++) await recorder.count(legalEntity.id, 'token:user');
      await recorder.flush();
      expect((await reportOf(legalEntity.id)).totals.tokens_issued.user).toBe(7);
    } finally {
      await recorder.close();
    }
  });
});

describe('usage through the running platform', () => {
  it('makes N token requests cost at most a write or two, and reports them all', async () => {
    const key = { id: shop.apiKey.id, secretKey: shop.apiKey.secretKey };
    const scrape = async () =>
      sample(await tp.platform.services.metrics.registry.metrics(), 'planner_usage_flushes_total');
    const before = await scrape();
    const N = 30;
    for (let i = 0; i < N; i++) {
      const token = await tokenFor(tp, key, { kind: 'user', user_id: `shopper-${i % 5}` });
      expect((await fetch(`${tp.url}/v1/me`, authed(token))).status).toBe(200);
    }
    expect(await scrape()).toBe(before); // nothing written yet: all of it is in memory
    const backend = await standardToken(tp, shop.profile.accessKey);
    const res = await fetch(`${tp.url}/v1/reporting/usage?from=${today()}&to=${today()}`, authed(backend));
    expect(res.status).toBe(200);
    const { totals } = (await res.json()) as {
      totals: { tokens_issued: Record<string, number>; active_users: number };
    };
    expect(totals.tokens_issued.user).toBe(N);
    expect(totals.tokens_issued.backend_standard).toBe(1);
    expect(totals.active_users).toBe(5);
    expect((await scrape()) - before).toBe(1); // the report's own flush: one transaction
  });

  it('writes what is buffered when the platform closes (SIGTERM closes it the same way)', async () => {
    // A stored database (a folder for PGlite), so that a restarted platform reads what was written.
    const dataDir = process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'planner-usage-'));
    const stored = await startTestPlatform({ usage: { flushIntervalMs: 3_600_000 }, dataDir });
    try {
      const { legalEntity, profile } = await onboardBackend(stored, { name: 'Closing Shop' });
      const res = await admin(stored, 'POST', `/backend-profiles/${profile.id}/static-token`);
      expect(res.status).toBe(201);
      expect(stored.platform.services.usage.buffered).toBe(1);
      await stored.restart();
      const { db } = stored.platform.services;
      const { totals } = await usageReport(db, legalEntity.id, today(), today());
      expect(totals.tokens_issued.backend_static).toBe(1);
    } finally {
      await stored.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
  });
});
