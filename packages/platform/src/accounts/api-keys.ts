import type { MasterKey } from '../crypto/master-key.ts';
import { randomToken } from '../crypto/random.ts';
import type { Queryable } from '../db/database.ts';
import { PlatformError } from '../errors.ts';
import { requireLegalEntity } from './legal-entities.ts';

export interface ApiKey {
  id: string;
  legalEntityId: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** An API key with its secret: returned once, at creation, and never again. */
export interface NewApiKey extends ApiKey {
  secretKey: string;
}

interface Row {
  id: string;
  legal_entity_id: string;
  label: string;
  secret_sealed: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
}

const toKey = (r: Row): ApiKey => ({
  id: r.id,
  legalEntityId: r.legal_entity_id,
  label: r.label,
  createdAt: new Date(r.created_at).toISOString(),
  revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
});

const sealContext = (id: string) => `api_key:${id}`;

export async function createApiKey(
  db: Queryable,
  master: MasterKey,
  legalEntityId: string,
  label = '',
): Promise<NewApiKey> {
  await requireLegalEntity(db, legalEntityId);
  const id = randomToken('pk', 12);
  const secretKey = randomToken('sk', 32);
  const [row] = await db.query<Row>(
    `insert into api_keys (id, legal_entity_id, label, secret_sealed) values ($1, $2, $3, $4)
     returning id, legal_entity_id, label, secret_sealed, created_at, revoked_at`,
    [id, legalEntityId, label.slice(0, 200), master.seal(secretKey, sealContext(id))],
  );
  return { ...toKey(row!), secretKey };
}

export async function listApiKeys(db: Queryable, legalEntityId: string): Promise<ApiKey[]> {
  await requireLegalEntity(db, legalEntityId);
  return (
    await db.query<Row>('select * from api_keys where legal_entity_id = $1 order by created_at, id', [
      legalEntityId,
    ])
  ).map(toKey);
}

export async function revokeApiKey(db: Queryable, id: string): Promise<ApiKey> {
  const [row] = await db.query<Row>(
    'update api_keys set revoked_at = coalesce(revoked_at, now()) where id = $1 returning *',
    [id],
  );
  if (!row) throw new PlatformError('not_found', `No API key ${id}.`);
  return toKey(row);
}

/** The record the token endpoint needs to check a client assertion. */
export interface ApiKeyCredential extends ApiKey {
  secretKey: string;
}

export async function findApiKeyCredential(
  db: Queryable,
  master: MasterKey,
  id: string,
): Promise<ApiKeyCredential | undefined> {
  const [row] = await db.query<Row>('select * from api_keys where id = $1', [id]);
  if (!row) return undefined;
  return { ...toKey(row), secretKey: master.open(row.secret_sealed, sealContext(row.id)) };
}
