import type { Database } from '../db/database.ts';
import { REVOCATION_CHANNEL } from './api-key-directory.ts';

/**
 * What one instance (or the CLI) tells the others on the revocation channel, so that each
 * drops what it cached at once instead of after a TTL:
 * - `api_key`: an API key was revoked (its JWTs die with it);
 * - `opaque_token`: one static or OAuth access token (by its hash) was deactivated or revoked;
 * - `oauth_grant`: every token of one OAuth grant was revoked (e.g. refresh-token reuse);
 * - `oauth_consumer`: an OAuth consumer was revoked, with all its tokens;
 * - `subscription`: a legal entity's back-end services changed;
 * - `backend_profile`: a back-end profile was disabled, enabled, deleted or its key rotated.
 */
export type RevocationKind =
  | 'api_key'
  | 'opaque_token'
  | 'oauth_grant'
  | 'oauth_consumer'
  | 'subscription'
  | 'backend_profile';
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
];

export const announce = (db: Pick<Database, 'notify'>, event: RevocationEvent): Promise<void> =>
  db.notify(REVOCATION_CHANNEL, `${event.kind}:${event.id}`);

export function parseRevocation(payload: string): RevocationEvent | undefined {
  const at = payload.indexOf(':');
  const kind = payload.slice(0, at) as RevocationKind;
  const id = payload.slice(at + 1);
  return at > 0 && id && KINDS.includes(kind) ? { kind, id } : undefined;
}
