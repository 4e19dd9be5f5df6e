import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { BackendProfileDirectory } from './backend-profile-directory.ts';

const row = (disabled: boolean) => ({
  id: 'bp_x',
  legal_entity_id: '11111111-1111-4111-8111-111111111111',
  disabled_at: disabled ? '2026-01-01T00:00:00Z' : null,
  deleted_at: null,
  key_version: 1,
  previous_access_key_expires_at: null,
});

/** A database whose answers the test releases one by one, so it can order reads and writes. */
function gatedDb() {
  const pending: ((rows: object[]) => void)[] = [];
  let reads = 0;
  const db: Queryable = {
    query: <R extends object>() => {
      reads++;
      return new Promise<R[]>((resolve) => pending.push(resolve as (rows: object[]) => void));
    },
    exec: async () => {},
  };
  return { db, pending, reads: () => reads };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof ApiError ? error.code : 'other'),
  );

describe('BackendProfileDirectory', () => {
  it('does not cache a read that started before an invalidation', async () => {
    const { db, pending, reads } = gatedDb();
    const directory = new BackendProfileDirectory(db);
    // A request reads the profile while it is active...
    const slow = directory.state('bp_x');
    // ...the operator disables it and the announcement arrives before that read answers.
    directory.forget('bp_x');
    pending.shift()!([row(false)]);
    expect((await slow)?.status).toBe('active');
    // The stale answer was not kept: the next check reads again and sees the change.
    const next = refusal(directory.assertUsable('bp_x', {}));
    await Promise.resolve();
    expect(reads()).toBe(2);
    pending.shift()!([row(true)]);
    expect(await next).toBe('invalid_token');
  });

  it('caches an answer nobody invalidated, until forgotten', async () => {
    const { db, pending, reads } = gatedDb();
    const directory = new BackendProfileDirectory(db);
    const first = directory.state('bp_x');
    pending.shift()!([row(false)]);
    await first;
    expect((await directory.assertUsable('bp_x', {})).status).toBe('active');
    expect(reads()).toBe(1);
    directory.forget('bp_x');
    const again = refusal(directory.assertUsable('bp_x', {}));
    await Promise.resolve();
    pending.shift()!([row(true)]);
    expect(await again).toBe('invalid_token');
    expect(reads()).toBe(2);
  });

  it("refuses a standard token of a rotated-out key version, and an unknown profile's tokens", async () => {
    const { db, pending } = gatedDb();
    const directory = new BackendProfileDirectory(db);
    const load = directory.state('bp_x');
    pending.shift()!([{ ...row(false), key_version: 3 }]);
    await load;
    expect(await refusal(directory.assertUsable('bp_x', { keyVersion: 2 }))).toBe('invalid_token');
    expect(await refusal(directory.assertUsable('bp_x', { keyVersion: 3 }))).toBeUndefined();
    const unknown = refusal(directory.assertUsable('bp_gone', {}));
    await Promise.resolve();
    pending.shift()!([]);
    expect(await unknown).toBe('invalid_token');
  });
});
