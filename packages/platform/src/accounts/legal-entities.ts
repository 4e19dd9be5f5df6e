import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.ts';
import { PlatformError } from '../errors.ts';
import { announce } from '../tokens/revocation-events.ts';
import { normaliseOrigin } from './origins.ts';

export interface LegalEntity {
  id: string;
  name: string;
  defaultTokenLifetime: number;
  /** Default lifetime of OAuth access tokens (seed 002: 8 hours), seconds. */
  oauthTokenLifetime: number;
  origins: string[];
  /** The back-end services its subscription includes (see subscriptions.ts). */
  services: string[];
  createdAt: string;
}

interface Row {
  id: string;
  name: string;
  default_token_lifetime: number;
  oauth_token_lifetime: number;
  created_at: Date | string;
  origins: string[] | null;
  services: string[] | null;
}

const SELECT = `select le.id, le.name, le.default_token_lifetime, le.oauth_token_lifetime, le.created_at,
  array(select origin from embed_origins o where o.legal_entity_id = le.id order by origin) as origins,
  (select s.services from subscriptions s where s.legal_entity_id = le.id) as services
  from legal_entities le`;

const toEntity = (r: Row): LegalEntity => ({
  id: r.id,
  name: r.name,
  defaultTokenLifetime: r.default_token_lifetime,
  oauthTokenLifetime: r.oauth_token_lifetime,
  origins: r.origins ?? [],
  services: r.services ?? [],
  createdAt: new Date(r.created_at).toISOString(),
});

export async function createLegalEntity(
  db: Queryable,
  input: { name: string; origins?: string[]; defaultTokenLifetime?: number },
): Promise<LegalEntity> {
  const name = input.name.trim();
  if (!name || name.length > 200)
    throw new PlatformError('invalid_argument', 'A name of 1 to 200 characters.');
  const lifetime = input.defaultTokenLifetime ?? 900;
  if (!Number.isInteger(lifetime) || lifetime < 60 || lifetime > 86_400) {
    throw new PlatformError('invalid_argument', 'The default token lifetime is 60 to 86400 seconds.');
  }
  const origins = (input.origins ?? []).map(normaliseOrigin);
  const id = randomUUID();
  await db.query('insert into legal_entities (id, name, default_token_lifetime) values ($1, $2, $3)', [
    id,
    name,
    lifetime,
  ]);
  for (const origin of new Set(origins)) {
    await db.query('insert into embed_origins (legal_entity_id, origin) values ($1, $2)', [id, origin]);
  }
  return (await getLegalEntity(db, id))!;
}

export async function getLegalEntity(db: Queryable, id: string): Promise<LegalEntity | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.query<Row>(`${SELECT} where le.id = $1`, [id]);
  return row && toEntity(row);
}

export async function requireLegalEntity(db: Queryable, id: string): Promise<LegalEntity> {
  const le = await getLegalEntity(db, id);
  if (!le) throw new PlatformError('not_found', `No legal entity ${id}.`);
  return le;
}

export async function listLegalEntities(db: Queryable): Promise<LegalEntity[]> {
  return (await db.query<Row>(`${SELECT} order by le.created_at, le.name`)).map(toEntity);
}

/**
 * Registers an embed origin, and announces the change, so that every instance answers the
 * new list (the planner's `frame-ancestors`) at once rather than after its cache's TTL.
 */
export async function addOrigin(db: Database, id: string, origin: string): Promise<LegalEntity> {
  id = (await requireLegalEntity(db, id)).id;
  await db.query(
    'insert into embed_origins (legal_entity_id, origin) values ($1, $2) on conflict do nothing',
    [id, normaliseOrigin(origin)],
  );
  await announce(db, { kind: 'embed_origins', id });
  return requireLegalEntity(db, id);
}

/** Removes an embed origin, announced as `addOrigin` is. */
export async function removeOrigin(db: Database, id: string, origin: string): Promise<LegalEntity> {
  id = (await requireLegalEntity(db, id)).id;
  const removed = await db.query(
    'delete from embed_origins where legal_entity_id = $1 and origin = $2 returning origin',
    [id, normaliseOrigin(origin)],
  );
  if (removed.length === 0)
    throw new PlatformError('not_found', `${origin} is not an embed origin of ${id}.`);
  await announce(db, { kind: 'embed_origins', id });
  return requireLegalEntity(db, id);
}

export async function setDefaultTokenLifetime(
  db: Queryable,
  id: string,
  seconds: number,
): Promise<LegalEntity> {
  if (!Number.isInteger(seconds) || seconds < 60 || seconds > 86_400) {
    throw new PlatformError('invalid_argument', 'The default token lifetime is 60 to 86400 seconds.');
  }
  await requireLegalEntity(db, id);
  await db.query('update legal_entities set default_token_lifetime = $2 where id = $1', [id, seconds]);
  return requireLegalEntity(db, id);
}

/** Sets how long an OAuth access token of this legal entity lives unless the request asks otherwise. */
export async function setOauthTokenLifetime(
  db: Queryable,
  id: string,
  seconds: number,
): Promise<LegalEntity> {
  if (!Number.isInteger(seconds) || seconds < 60 || seconds > 86_400) {
    throw new PlatformError('invalid_argument', 'The OAuth token lifetime is 60 to 86400 seconds.');
  }
  await requireLegalEntity(db, id);
  await db.query('update legal_entities set oauth_token_lifetime = $2 where id = $1', [id, seconds]);
  return requireLegalEntity(db, id);
}
