import { randomUUID } from 'node:crypto';
import { randomToken, sha256 } from '../crypto/random.ts';
import type { Database, Queryable } from '../db/database.ts';
import { PlatformError } from '../errors.ts';
import { announce } from '../tokens/revocation-events.ts';
import { requireBackendProfile } from './backend-profiles.ts';

/** A static token as the verifier sees it: found by the token's hash. */
export interface StaticTokenRecord {
  id: string;
  profileId: string;
  legalEntityId: string;
  tokenHash: string;
  createdAt: string;
  deactivatedAt: string | null;
}

/** A new static token: the token itself is returned this once and stored only as a hash. */
export interface NewStaticToken {
  token: string;
  id: string;
  profileId: string;
  legalEntityId: string;
  createdAt: string;
  /** The token it replaced (now deactivated), so callers can announce it. */
  replaced: { id: string; tokenHash: string } | null;
}

export interface DeactivatedStaticToken {
  id: string;
  profileId: string;
  tokenHash: string;
  deactivatedAt: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Generates the profile's static token; one per profile, so an active one is deactivated
 * (reason `replaced`) in the same transaction, and announced so that every instance drops
 * it at once. Seed 000: a static token never expires.
 */
export async function generateStaticToken(
  db: Database,
  profileId: string,
  nowMs: number,
): Promise<NewStaticToken> {
  const profile = await requireBackendProfile(db, profileId);
  const token = randomToken('st', 32);
  const id = randomUUID();
  const createdAt = iso(nowMs);
  const replaced = await db.transaction(async (tx) => {
    // Serialises two generations for one profile: the partial unique index would refuse the
    // second insert anyway, this makes it wait and replace instead of failing.
    await tx.query('select id from backend_profiles where id = $1 for update', [profileId]);
    const [old] = await tx.query<{ id: string; token_hash: string }>(
      `update static_tokens set deactivated_at = $2, deactivation_reason = 'replaced'
       where profile_id = $1 and deactivated_at is null returning id, token_hash`,
      [profileId, createdAt],
    );
    await tx.query(
      'insert into static_tokens (id, profile_id, token_hash, created_at) values ($1, $2, $3, $4)',
      [id, profileId, sha256(token), createdAt],
    );
    return old ? { id: old.id, tokenHash: old.token_hash } : null;
  });
  if (replaced) await announce(db, { kind: 'opaque_token', id: replaced.tokenHash });
  return { token, id, profileId, legalEntityId: profile.legalEntityId, createdAt, replaced };
}

/**
 * Deactivates the profile's active static token, and announces it: it stops working at once
 * on every instance. `not_found` when the profile has none.
 */
export async function deactivateStaticToken(
  db: Database,
  profileId: string,
  nowMs: number,
): Promise<DeactivatedStaticToken> {
  await requireBackendProfile(db, profileId);
  const [row] = await db.query<{ id: string; token_hash: string }>(
    `update static_tokens set deactivated_at = $2, deactivation_reason = 'deactivated'
     where profile_id = $1 and deactivated_at is null returning id, token_hash`,
    [profileId, iso(nowMs)],
  );
  if (!row) throw new PlatformError('not_found', `Back-end profile ${profileId} has no active static token.`);
  await announce(db, { kind: 'opaque_token', id: row.token_hash });
  return { id: row.id, profileId, tokenHash: row.token_hash, deactivatedAt: iso(nowMs) };
}

/** Deactivates a static token by its hash (RFC 7009 revocation); false when it was not active. */
export async function deactivateStaticTokenByHash(
  db: Queryable,
  tokenHash: string,
  nowMs: number,
): Promise<boolean> {
  const rows = await db.query(
    `update static_tokens set deactivated_at = $2, deactivation_reason = 'revoked'
     where token_hash = $1 and deactivated_at is null returning id`,
    [tokenHash, iso(nowMs)],
  );
  return rows.length > 0;
}

export async function findStaticToken(
  db: Queryable,
  tokenHash: string,
): Promise<StaticTokenRecord | undefined> {
  const [row] = await db.query<{
    id: string;
    profile_id: string;
    legal_entity_id: string;
    created_at: Date | string;
    deactivated_at: Date | string | null;
  }>(
    `select s.id, s.profile_id, p.legal_entity_id, s.created_at, s.deactivated_at
     from static_tokens s join backend_profiles p on p.id = s.profile_id where s.token_hash = $1`,
    [tokenHash],
  );
  return (
    row && {
      id: row.id,
      profileId: row.profile_id,
      legalEntityId: row.legal_entity_id,
      tokenHash,
      createdAt: new Date(row.created_at).toISOString(),
      deactivatedAt: row.deactivated_at ? new Date(row.deactivated_at).toISOString() : null,
    }
  );
}
