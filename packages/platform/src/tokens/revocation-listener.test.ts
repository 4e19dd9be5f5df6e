import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, ListenState } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { until } from '../testing/db-faults.ts';
import { TestClock } from '../testing/test-platform.ts';
import { createLogger } from '../util/log.ts';
import { Invalidations, MAX_CACHE_AGE_MS, RevocableCache } from '../util/revocable-cache.ts';
import { announce, REVOCATION_CHANNEL, revocationTag } from './revocation-events.ts';
import { listenForRevocations } from './revocation-listener.ts';
import { SIGNING_KEYS_CHANNEL } from './signing-keys.ts';

// Runs on PGlite, or on the PostgreSQL of `DATABASE_URL` (the real connection loss is in
// src/db/connection-loss.test.ts); the loss itself is simulated here, through `watchListen`.
const schema = process.env.DATABASE_URL ? `rl_${randomBytes(8).toString('hex')}` : undefined;
let db: Database;
const log = createLogger({ write: () => {} });

beforeAll(async () => {
  db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, schema, log });
});

afterAll(async () => {
  if (schema) await db.exec(`drop schema if exists "${schema}" cascade`);
  await db?.close();
});

async function wired() {
  const invalidations = new Invalidations(MAX_CACHE_AGE_MS, new TestClock().now);
  const cache = new RevocableCache<string>(invalidations, 100);
  let keyReloads = 0;
  const keyNotifications: string[] = [];
  let watcher: ((state: ListenState) => void) | undefined;
  const watched: Database = {
    ...db,
    watchListen: (onChange) => {
      watcher = onChange;
      return () => {
        watcher = undefined;
      };
    },
  };
  const stop = await listenForRevocations(watched, {
    invalidations,
    keys: {
      invalidate: () => {
        keyReloads += 1;
      },
      notified: (payload) => {
        keyNotifications.push(payload);
      },
    },
    log,
  });
  return {
    invalidations,
    cache,
    stop,
    keyReloads: () => keyReloads,
    keyNotifications,
    connection: (state: ListenState) => watcher?.(state),
  };
}

describe('listenForRevocations', () => {
  it('kills the cached entries an announced revocation names, and only those', async () => {
    const w = await wired();
    try {
      const id = `pk_${randomBytes(6).toString('hex')}`;
      w.cache.set(w.cache.ticket(), 'revoked', 'v', { tags: [revocationTag('api_key', id)] });
      w.cache.set(w.cache.ticket(), 'other', 'v', { tags: [revocationTag('api_key', `${id}x`)] });
      await db.notify(REVOCATION_CHANNEL, 'nonsense'); // ignored
      await announce(db, { kind: 'api_key', id });
      await until(() => w.cache.get('revoked') === undefined, 'the notification');
      expect(w.cache.get('other')).toBe('v');
    } finally {
      await w.stop();
    }
  });

  it('hands the signing keys what another instance announces about them', async () => {
    const w = await wired();
    try {
      await db.notify(SIGNING_KEYS_CHANNEL, 'revoked:kid-1');
      await until(() => w.keyNotifications.length > 0, 'the signing-key notification');
      expect(w.keyNotifications).toEqual(['revoked:kid-1']);
    } finally {
      await w.stop();
    }
  });

  it('bypasses every cache while notifications may be missed, and forgets everything once back', async () => {
    const w = await wired();
    try {
      w.cache.set(w.cache.ticket(), 'before', 'v');
      const readStartedBefore = w.cache.ticket();
      w.connection('lost');
      expect(w.cache.get('before')).toBeUndefined();
      expect(w.cache.set(w.cache.ticket(), 'during', 'v')).toBe(false);
      expect(w.cache.get('during')).toBeUndefined();

      w.connection('listening');
      expect(w.keyReloads()).toBe(1);
      expect(w.cache.get('before')).toBeUndefined();
      // A read from before the gap may hold what a missed notification revoked.
      expect(w.cache.set(readStartedBefore, 'before', 'v')).toBe(false);
      expect(w.cache.set(w.cache.ticket(), 'after', 'v')).toBe(true);
      expect(w.cache.get('after')).toBe('v');
    } finally {
      await w.stop();
    }
  });
});
