import type { Database } from '../db/database.ts';

/** The notification channel every instance listens on. */
export const REVOCATION_CHANNEL = 'planner_revocations';

/**
 * What one instance (or the CLI) tells the others on the revocation channel, so that each
 * drops what it cached at once instead of after a TTL:
 * - `api_key`: an API key was revoked (its JWTs die with it);
 * - `opaque_token`: one static or OAuth access token (by its hash) was deactivated or revoked;
 * - `oauth_grant`: every token of one OAuth grant was revoked (e.g. refresh-token reuse);
 * - `oauth_consumer`: an OAuth consumer was revoked, with all its tokens;
 * - `subscription`: a legal entity's back-end services changed;
 * - `backend_profile`: a back-end profile was disabled, enabled, deleted or its key rotated;
 * - `embed_origins`: a legal entity's embed origins changed (the planner's `frame-ancestors`).
 *
 * An event's `kind:id` is also the tag under which caches file what it kills
 * (`../util/revocable-cache.ts`), so a notification is one `invalidate` call.
 */
export type RevocationKind =
  | 'api_key'
  | 'opaque_token'
  | 'oauth_grant'
  | 'oauth_consumer'
  | 'subscription'
  | 'backend_profile'
  | 'embed_origins';
export interface RevocationEvent {
  kind: RevocationKind;
  id: string;
}

const KINDS: readonly RevocationKind[] = [
  'api_key',
  'opaque_token',
  'oauth_grant',
  'oauth_consumer',
  'subscription',
  'backend_profile',
  'embed_origins',
];

/** The cache tag an event invalidates, and the payload that announces it. */
export const revocationTag = (kind: RevocationKind, id: string): string => `${kind}:${id}`;

export const announce = (db: Pick<Database, 'transaction'>, event: RevocationEvent): Promise<void> =>
  notifyRevocation(db, REVOCATION_CHANNEL, revocationTag(event.kind, event.id));

/**
 * Bumps the revocation epoch (migration 007) and sends `<epoch> <payload>` on `channel`, in
 * one transaction: an instance whose LISTEN connection died without a word still sees the
 * epoch move when it polls (`RevocationEpoch`), and the number in the payload tells one
 * that heard every announcement that it has nothing to drop. Called once the revocation
 * itself has committed, so the epoch never moves before the change it stands for.
 */
export async function notifyRevocation(
  db: Pick<Database, 'transaction'>,
  channel: string,
  payload: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ epoch: string | number }>(
      'update revocation_epoch set epoch = epoch + 1 returning epoch',
    );
    // NOTIFY in a transaction is delivered at its commit, with the epoch's new value.
    await tx.query('select pg_notify($1, $2)', [channel, `${row?.epoch ?? 0} ${payload}`]);
  });
}

/** A notification's epoch (absent when sent without one) and what it says. */
export function splitEpoch(payload: string): { epoch: number | undefined; body: string } {
  const match = /^(\d+) ([\s\S]*)$/.exec(payload);
  return match ? { epoch: Number(match[1]), body: match[2]! } : { epoch: undefined, body: payload };
}

export function parseRevocation(payload: string): RevocationEvent | undefined {
  const at = payload.indexOf(':');
  const kind = payload.slice(0, at) as RevocationKind;
  const id = payload.slice(at + 1);
  return at > 0 && id && KINDS.includes(kind) ? { kind, id } : undefined;
}
