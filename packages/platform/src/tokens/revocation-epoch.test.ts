import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { createLogger } from '../util/log.ts';
import { RevocationEpoch } from './revocation-epoch.ts';
import { notifyRevocation, splitEpoch } from './revocation-events.ts';

// On PGlite, or on the PostgreSQL of `DATABASE_URL`: the epoch table of migration 007.
const schema = process.env.DATABASE_URL ? `re_${randomBytes(8).toString('hex')}` : undefined;
let db: Database;
const log = createLogger({ write: () => {} });

beforeAll(async () => {
  db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, schema, log });
});
afterAll(async () => {
  if (schema) await db.exec(`drop schema if exists "${schema}" cascade`);
  await db?.close();
});

async function tracked() {
  const missed: [number, number][] = [];
  const epoch = new RevocationEpoch(db, (from, to) => missed.push([from, to]), log);
  await epoch.sync();
  const heard: string[] = [];
  const stop = await db.listen('epoch_test', (payload) => heard.push(payload));
  return { epoch, missed, heard, stop };
}

describe('RevocationEpoch', () => {
  it('numbers every announcement, and stays quiet while every one was heard', async () => {
    const t = await tracked();
    try {
      await notifyRevocation(db, 'epoch_test', 'api_key:one');
      await notifyRevocation(db, 'epoch_test', 'api_key:two');
      await expect.poll(() => t.heard.length).toBe(2);
      const [first, second] = t.heard.map(splitEpoch);
      expect(first!.body).toBe('api_key:one');
      expect(second!.epoch).toBe(first!.epoch! + 1);
      for (const p of [first, second]) t.epoch.heard(p!.epoch!);
      await t.epoch.poll();
      expect(t.missed).toEqual([]);
    } finally {
      await t.stop();
    }
  });

  it('reports the move past an announcement it did not hear, once', async () => {
    const t = await tracked();
    try {
      await notifyRevocation(db, 'epoch_test', 'api_key:heard');
      await notifyRevocation(db, 'epoch_test', 'api_key:lost');
      await expect.poll(() => t.heard.length).toBe(2);
      const [heard, lost] = t.heard.map(splitEpoch);
      t.epoch.heard(heard!.epoch!); // the second never arrives
      await t.epoch.poll();
      expect(t.missed).toEqual([[heard!.epoch! - 1, lost!.epoch!]]);
      await t.epoch.poll();
      expect(t.missed).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });

  it('takes a sync as accounted for', async () => {
    const t = await tracked();
    try {
      await notifyRevocation(db, 'epoch_test', 'api_key:during-a-gap');
      await t.epoch.sync(); // the caches were emptied anyway (a reconnect)
      await t.epoch.poll();
      expect(t.missed).toEqual([]);
    } finally {
      await t.stop();
    }
  });

  it('reads a payload without an epoch as it is', () => {
    expect(splitEpoch('revoked:kid-1')).toEqual({ epoch: undefined, body: 'revoked:kid-1' });
    expect(splitEpoch('42 api_key:x y')).toEqual({ epoch: 42, body: 'api_key:x y' });
  });
});
