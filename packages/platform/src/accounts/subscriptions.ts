import type { Database, Queryable } from '../db/database.ts';
import { PlatformError } from '../errors.ts';
import { BACKEND_SERVICES, type BackendService } from '../schemas/backends.ts';
import { announce } from '../tokens/revocation-events.ts';
import { requireLegalEntity } from './legal-entities.ts';

export { BACKEND_SERVICES, type BackendService };

export const isBackendService = (name: string): name is BackendService =>
  (BACKEND_SERVICES as readonly string[]).includes(name);

export interface Subscription {
  legalEntityId: string;
  services: BackendService[];
}

/** The legal entity's back-end services; none when it has no subscription row. */
export async function getSubscription(db: Queryable, legalEntityId: string): Promise<Subscription> {
  const [row] = await db.query<{ services: string[] }>(
    'select services from subscriptions where legal_entity_id = $1',
    [legalEntityId],
  );
  return { legalEntityId, services: (row?.services ?? []).filter(isBackendService) };
}

/**
 * Replaces the services of a legal entity's subscription, and announces the change, so
 * that every instance checks back-end tokens against the new list at once.
 */
export async function setSubscription(
  db: Database,
  legalEntityId: string,
  services: readonly string[],
): Promise<Subscription> {
  await requireLegalEntity(db, legalEntityId);
  const unknown = services.filter((s) => !isBackendService(s));
  if (unknown.length) {
    throw new PlatformError(
      'invalid_argument',
      `Unknown back-end service ${unknown.map((s) => JSON.stringify(s)).join(', ')}: the services are ${BACKEND_SERVICES.join(', ')}.`,
    );
  }
  // Stored in the canonical order, once each, so lists compare and display alike.
  const list = BACKEND_SERVICES.filter((s) => services.includes(s));
  await db.query(
    `insert into subscriptions (legal_entity_id, services, updated_at) values ($1, $2, now())
     on conflict (legal_entity_id) do update set services = excluded.services, updated_at = now()`,
    [legalEntityId, list],
  );
  await announce(db, { kind: 'subscription', id: legalEntityId });
  return { legalEntityId, services: list };
}
