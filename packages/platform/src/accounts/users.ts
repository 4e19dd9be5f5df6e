import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.ts';

/**
 * The platform's record of a host's user, created the first time the host's back-end asks
 * a token for them: the host asserts who its user is, we keep a stable internal id.
 */
export async function ensureUser(db: Queryable, legalEntityId: string, externalId: string): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into users (id, legal_entity_id, external_id) values ($1, $2, $3)
     on conflict (legal_entity_id, external_id) do update set external_id = excluded.external_id
     returning id`,
    [randomUUID(), legalEntityId, externalId],
  );
  return row!.id;
}
