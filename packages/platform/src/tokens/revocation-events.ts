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

export const announce = (db: Pick<Database, 'notify'>, event: RevocationEvent): Promise<void> =>
  db.notify(REVOCATION_CHANNEL, revocationTag(event.kind, event.id));

export function parseRevocation(payload: string): RevocationEvent | undefined {
  const at = payload.indexOf(':');
  const kind = payload.slice(0, at) as RevocationKind;
  const id = payload.slice(at + 1);
  return at > 0 && id && KINDS.includes(kind) ? { kind, id } : undefined;
}
