import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyCredential } from '../accounts/api-keys.ts';
import { createLegalEntity } from '../accounts/legal-entities.ts';
import { setSubscription } from '../accounts/subscriptions.ts';
import { createBackendProfile } from '../backends/backend-profiles.ts';
import { deactivateStaticToken, generateStaticToken } from '../backends/static-tokens.ts';
import { masterKeyFrom } from '../crypto/master-key.ts';
import type { Database, Queryable } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { until } from '../testing/db-faults.ts';
import { TestClock } from '../testing/test-platform.ts';
import { createLogger } from '../util/log.ts';
import { Invalidations, MAX_CACHE_AGE_MS } from '../util/revocable-cache.ts';
import { AccessTokens } from './access-tokens.ts';
import { ApiKeyDirectory } from './api-key-directory.ts';
import { OpaqueTokenDirectory } from './opaque-tokens.ts';
import { announce, revocationTag } from './revocation-events.ts';
import { listenForRevocations } from './revocation-listener.ts';
import { keyTimings, SigningKeys } from './signing-keys.ts';

/**
 * Issue 9: a verification whose read started before a revocation committed must not cache
 * what it read once the revocation's notification has been handled, and a lost
 * notification must cost at most 60 s. Reads are held open on promises the test controls,
 * so the race happens the same way on every run.
 */

interface Gate {
  /** Resolves once the held read has taken its snapshot. */
  started: Promise<void>;
  release: () => void;
}

function gate(): Gate & { arrived: () => void; opened: Promise<void> } {
  let arrived!: () => void;
  let release!: () => void;
  const started = new Promise<void>((r) => {
    arrived = r;
  });
  const opened = new Promise<void>((r) => {
    release = r;
  });
  return { started, release, arrived, opened };
}

let db: Database;
const master = masterKeyFrom(randomBytes(32));
const log = createLogger({ write: () => {} });

// PGlite in memory, or a schema of its own on the PostgreSQL of `DATABASE_URL`.
const schema = process.env.DATABASE_URL ? `race_${randomBytes(8).toString('hex')}` : undefined;

beforeAll(async () => {
  db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, schema, log });
});

afterAll(async () => {
  if (schema) await db.exec(`drop schema if exists "${schema}" cascade`);
  await db?.close();
});

/** A platform's token verifier whose API-key read the test can hold open. */
async function verifier() {
  const clock = new TestClock();
  const invalidations = new Invalidations(MAX_CACHE_AGE_MS, clock.now);
  let record: ApiKeyCredential = {
    id: 'pk_racekey',
    legalEntityId: 'le_race',
    label: '',
    createdAt: new Date(clock.ms).toISOString(),
    revokedAt: null,
    secretKey: 'sk_unused',
  };
  let held: ReturnType<typeof gate> | undefined;
  let reads = 0;
  const apiKeys = new ApiKeyDirectory(db, master, invalidations, async () => {
    reads += 1;
    // What the database answers as of the read's start: a revoke committing later is unseen.
    const snapshot = { ...record };
    const hold = held;
    held = undefined;
    if (hold) {
      hold.arrived();
      await hold.opened;
    }
    return snapshot;
  });
  const keys = new SigningKeys(db, master, { timings: keyTimings(86_400), now: clock.now });
  const tokens = new AccessTokens(
    keys,
    apiKeys,
    'http://platform.test',
    'http://platform.test/v1',
    invalidations,
  );
  const stop = await listenForRevocations(db, { invalidations, keys, log });
  const issue = async () =>
    (
      await tokens.issue({
        kind: 'legal_entity',
        legalEntityId: 'le_race',
        apiKeyId: record.id,
        scope: 'read',
        lifetime: 86_400,
        origins: [],
      })
    ).token;
  return {
    clock,
    invalidations,
    tokens,
    issue,
    stop,
    reads: () => reads,
    holdNextRead(): Gate {
      held = gate();
      return held;
    },
    /** The revoke commits in the database (no notification yet). */
    revokeInDatabase() {
      record = { ...record, revokedAt: new Date(clock.ms).toISOString() };
    },
    /** The revoke is announced and this instance has handled the notification. */
    async announceAndWait() {
      const before = invalidations.ticket();
      await announce(db, { kind: 'api_key', id: record.id });
      await until(
        () => !invalidations.isCurrent(before, [revocationTag('api_key', record.id)]),
        'the revocation notification',
      );
    },
  };
}

const refused = { name: 'ApiError', code: 'invalid_token' };

describe('the verified-token cache and a revocation', () => {
  it('does not re-cache a token whose API-key read started before the revoke', async () => {
    const v = await verifier();
    try {
      const token = await v.issue();
      const held = v.holdNextRead();
      const first = v.tokens.verify(token);
      await held.started;
      v.revokeInDatabase();
      await v.announceAndWait();
      held.release();
      // The read predates the revoke, so this one answer may still say yes...
      await expect(first).resolves.toMatchObject({ client_id: 'pk_racekey' });
      // ...but nothing it read may outlive the notification: not the verified token,
      await expect(v.tokens.verify(token)).rejects.toMatchObject({ ...refused, description: /revoked/ });
      // nor the API key's record (a token not verified before is refused too).
      await expect(v.tokens.verify(await v.issue())).rejects.toMatchObject({
        ...refused,
        description: /revoked/,
      });
    } finally {
      await v.stop();
    }
  });

  it('serves a cached verification for at most 60 s when the notification is lost', async () => {
    const v = await verifier();
    try {
      const token = await v.issue(); // valid for 24 h
      await v.tokens.verify(token);
      const reads = v.reads();
      v.revokeInDatabase(); // and nobody is told
      v.clock.advance(59);
      await expect(v.tokens.verify(token)).resolves.toMatchObject({ client_id: 'pk_racekey' });
      expect(v.reads()).toBe(reads); // served from memory
      v.clock.advance(1);
      await expect(v.tokens.verify(token)).rejects.toMatchObject({ ...refused, description: /revoked/ });
    } finally {
      await v.stop();
    }
  });

  it('never serves a cached verification past the token’s exp', async () => {
    const v = await verifier();
    try {
      const { token } = await v.tokens.issue({
        kind: 'legal_entity',
        legalEntityId: 'le_race',
        apiKeyId: 'pk_racekey',
        scope: 'read',
        lifetime: 20,
        origins: [],
      });
      await v.tokens.verify(token);
      v.clock.advance(19);
      await expect(v.tokens.verify(token)).resolves.toMatchObject({ client_id: 'pk_racekey' });
      v.clock.advance(1);
      await expect(v.tokens.verify(token)).rejects.toMatchObject({ ...refused, description: /expired/ });
    } finally {
      await v.stop();
    }
  });

  it('refuses a cached token on the next call once the revocation is heard', async () => {
    const v = await verifier();
    try {
      const token = await v.issue();
      await v.tokens.verify(token);
      v.revokeInDatabase();
      await v.announceAndWait();
      await expect(v.tokens.verify(token)).rejects.toMatchObject({ ...refused, description: /revoked/ });
    } finally {
      await v.stop();
    }
  });
});

/** A database whose next static-token read is held open by the test. */
function holdingStaticTokenReads(inner: Queryable) {
  let held: ReturnType<typeof gate> | undefined;
  const db: Queryable = {
    exec: (sql) => inner.exec(sql),
    async query<R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]> {
      const hold = /from static_tokens/.test(sql) ? held : undefined;
      if (hold) held = undefined;
      const rows = await inner.query<R>(sql, params);
      if (hold) {
        hold.arrived();
        await hold.opened;
      }
      return rows;
    },
  };
  return {
    db,
    holdNextRead(): Gate {
      held = gate();
      return held;
    },
  };
}

describe('the static-token cache and a deactivation', () => {
  it('does not re-cache a static token whose read started before the deactivation', async () => {
    const clock = new TestClock();
    const invalidations = new Invalidations(MAX_CACHE_AGE_MS, clock.now);
    const keys = new SigningKeys(db, master, { timings: keyTimings(86_400), now: clock.now });
    const stop = await listenForRevocations(db, { invalidations, keys, log });
    try {
      const le = await createLegalEntity(db, { name: 'Race Shop', origins: ['https://race.test'] });
      await setSubscription(db, le.id, ['reporting']);
      const profile = await createBackendProfile(db, master, le.id, { name: 'ERP', externalSystem: 'X' });
      const { token } = await generateStaticToken(db, profile.id, clock.ms);
      const holding = holdingStaticTokenReads(db);
      const directory = new OpaqueTokenDirectory(holding.db, invalidations);

      const held = holding.holdNextRead();
      const first = directory.find(token);
      await held.started;
      const before = invalidations.ticket();
      const done = await deactivateStaticToken(db, profile.id, clock.ms);
      await until(
        () => !invalidations.isCurrent(before, [revocationTag('opaque_token', done.tokenHash)]),
        'the deactivation notification',
      );
      held.release();
      await expect(first).resolves.toMatchObject({ record: { deactivatedAt: null } });
      await expect(directory.find(token)).resolves.toMatchObject({
        record: { deactivatedAt: expect.any(String) },
      });
    } finally {
      await stop();
    }
  });
});
