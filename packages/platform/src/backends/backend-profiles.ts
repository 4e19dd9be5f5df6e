import { requireLegalEntity } from '../accounts/legal-entities.ts';
import type { MasterKey } from '../crypto/master-key.ts';
import { randomToken, sha256 } from '../crypto/random.ts';
import type { Database, Queryable } from '../db/database.ts';
import { PlatformError } from '../errors.ts';

export interface StaticTokenState {
  id: string;
  createdAt: string;
}

export type BackendProfileStatus = 'active' | 'disabled';

/** A back-end profile as lists show it: never its access key. */
export interface BackendProfile {
  id: string;
  legalEntityId: string;
  name: string;
  externalSystem: string;
  createdAt: string;
  /** `disabled`: its access key gets no token, and its tokens are refused, until enabled again. */
  status: BackendProfileStatus;
  disabledAt: string | null;
  /** The active static token (its id and age; the token itself is never stored), if any. */
  staticToken: StaticTokenState | null;
  /** When the access key was last rotated, if ever. */
  accessKeyRotatedAt: string | null;
  /** Until when the key before the last rotation is still accepted (a rotation's overlap), if it is. */
  previousAccessKeyExpiresAt: string | null;
}

/** The profile's details page: with the access key (seed 000 shows it there). */
export interface BackendProfileDetails extends BackendProfile {
  accessKey: string;
}

/**
 * What token checks need to know of a profile, deleted ones included: whether its tokens
 * still work, and which access-key versions may still hold tokens.
 */
export interface BackendProfileState {
  id: string;
  legalEntityId: string;
  status: BackendProfileStatus | 'deleted';
  keyVersion: number;
  /** Epoch ms until which tokens of key version `keyVersion - 1` still work; 0 when they do not. */
  previousKeyUntil: number;
}

interface Row {
  id: string;
  legal_entity_id: string;
  name: string;
  external_system: string;
  access_key_sealed: string;
  created_at: Date | string;
  disabled_at: Date | string | null;
  deleted_at: Date | string | null;
  key_version: number;
  access_key_rotated_at: Date | string | null;
  previous_access_key_expires_at: Date | string | null;
  static_token_id: string | null;
  static_token_created_at: Date | string | null;
}

const SELECT = `select p.*, s.id as static_token_id, s.created_at as static_token_created_at
  from backend_profiles p
  left join static_tokens s on s.profile_id = p.id and s.deactivated_at is null`;
/** A deleted profile is gone for every caller but the token checks (`getBackendProfileState`). */
const LIVE = 'p.deleted_at is null';

const sealContext = (id: string) => `backend_access_key:${id}`;
const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);
const PROFILE_ID = /^bp_[\w-]{1,64}$/;
const ACCESS_KEY = /^ak_[\w-]{16,128}$/;

const toProfile = (r: Row): BackendProfile => ({
  id: r.id,
  legalEntityId: r.legal_entity_id,
  name: r.name,
  externalSystem: r.external_system,
  createdAt: iso(r.created_at),
  status: r.disabled_at ? 'disabled' : 'active',
  disabledAt: isoOrNull(r.disabled_at),
  staticToken:
    r.static_token_id && r.static_token_created_at
      ? { id: r.static_token_id, createdAt: iso(r.static_token_created_at) }
      : null,
  accessKeyRotatedAt: isoOrNull(r.access_key_rotated_at),
  previousAccessKeyExpiresAt: isoOrNull(r.previous_access_key_expires_at),
});

const text = (value: string, what: string, max: number): string => {
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > max) {
    throw new PlatformError('invalid_argument', `The ${what} is 1 to ${max} characters.`);
  }
  return trimmed;
};

/**
 * Creates a back-end profile with a fresh access key. Seed 000: only a subscription that
 * includes back-end services allows one.
 */
export async function createBackendProfile(
  db: Queryable,
  master: MasterKey,
  legalEntityId: string,
  input: { name: string; externalSystem: string },
): Promise<BackendProfileDetails> {
  const le = await requireLegalEntity(db, legalEntityId);
  if (le.services.length === 0) {
    throw new PlatformError(
      'subscription_required',
      `The subscription of ${le.name} includes no back-end services: add one (e.g. reporting) first.`,
    );
  }
  const name = text(input.name, 'name', 200);
  const externalSystem = text(input.externalSystem, 'external system', 200);
  const id = randomToken('bp', 12);
  const accessKey = randomToken('ak', 32);
  await db.query(
    `insert into backend_profiles (id, legal_entity_id, name, external_system, access_key_sealed, access_key_hash)
     values ($1, $2, $3, $4, $5, $6)`,
    [id, legalEntityId, name, externalSystem, master.seal(accessKey, sealContext(id)), sha256(accessKey)],
  );
  return (await getBackendProfileDetails(db, master, id))!;
}

export async function listBackendProfiles(db: Queryable, legalEntityId: string): Promise<BackendProfile[]> {
  await requireLegalEntity(db, legalEntityId);
  return (
    await db.query<Row>(`${SELECT} where p.legal_entity_id = $1 and ${LIVE} order by p.created_at, p.id`, [
      legalEntityId,
    ])
  ).map(toProfile);
}

export async function getBackendProfile(db: Queryable, id: string): Promise<BackendProfile | undefined> {
  if (!PROFILE_ID.test(id)) return undefined;
  const [row] = await db.query<Row>(`${SELECT} where p.id = $1 and ${LIVE}`, [id]);
  return row && toProfile(row);
}

export async function requireBackendProfile(db: Queryable, id: string): Promise<BackendProfile> {
  const profile = await getBackendProfile(db, id);
  if (!profile) throw new PlatformError('not_found', `No back-end profile ${id}.`);
  return profile;
}

export async function getBackendProfileDetails(
  db: Queryable,
  master: MasterKey,
  id: string,
): Promise<BackendProfileDetails | undefined> {
  if (!PROFILE_ID.test(id)) return undefined;
  const [row] = await db.query<Row>(`${SELECT} where p.id = $1 and ${LIVE}`, [id]);
  return row && { ...toProfile(row), accessKey: master.open(row.access_key_sealed, sealContext(row.id)) };
}

/**
 * The profile an access key belongs to (a standard-token request), found by the key's hash:
 * its current key, or the previous one while a rotation's overlap lasts. `keyVersion` is the
 * version of the key presented, which the standard token carries.
 */
export async function findProfileByAccessKey(
  db: Queryable,
  accessKey: string,
  nowMs: number,
): Promise<{ profile: BackendProfile; keyVersion: number } | undefined> {
  if (!ACCESS_KEY.test(accessKey)) return undefined;
  const hash = sha256(accessKey);
  const [row] = await db.query<Row & { previous: boolean }>(
    `${SELECT.replace('select p.*', 'select p.*, p.access_key_hash <> $1 as previous')}
     where ${LIVE} and (p.access_key_hash = $1
       or (p.previous_access_key_hash = $1 and p.previous_access_key_expires_at > $2))`,
    [hash, new Date(nowMs).toISOString()],
  );
  return row && { profile: toProfile(row), keyVersion: row.key_version - (row.previous ? 1 : 0) };
}

/** The state token checks need, deleted profiles included; undefined for an unknown id. */
export async function getBackendProfileState(
  db: Queryable,
  id: string,
): Promise<BackendProfileState | undefined> {
  if (!PROFILE_ID.test(id)) return undefined;
  const [row] = await db.query<{
    id: string;
    legal_entity_id: string;
    disabled_at: Date | string | null;
    deleted_at: Date | string | null;
    key_version: number;
    previous_access_key_expires_at: Date | string | null;
  }>(
    `select id, legal_entity_id, disabled_at, deleted_at, key_version, previous_access_key_expires_at
     from backend_profiles where id = $1`,
    [id],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    legalEntityId: row.legal_entity_id,
    status: row.deleted_at ? 'deleted' : row.disabled_at ? 'disabled' : 'active',
    keyVersion: row.key_version,
    previousKeyUntil: row.previous_access_key_expires_at
      ? new Date(row.previous_access_key_expires_at).getTime()
      : 0,
  };
}

/** The longest overlap a rotation may give the old access key: a day to roll the new one out. */
export const MAX_ROTATION_OVERLAP = 86_400;

/**
 * Replaces the access key. Without `overlapSeconds` the old key, and every standard token it
 * obtained, stops working at once; with it, both keep working until the overlap ends, so the
 * external system can switch without a gap. A rotation during an overlap ends the older key.
 */
export async function rotateAccessKey(
  db: Database,
  master: MasterKey,
  id: string,
  input: { overlapSeconds?: number; nowMs: number },
): Promise<BackendProfileDetails> {
  const overlap = input.overlapSeconds ?? 0;
  if (!Number.isInteger(overlap) || overlap < 0 || overlap > MAX_ROTATION_OVERLAP) {
    throw new PlatformError(
      'invalid_argument',
      `The overlap is a whole number of seconds from 0 to ${MAX_ROTATION_OVERLAP}.`,
    );
  }
  await requireBackendProfile(db, id);
  const accessKey = randomToken('ak', 32);
  const now = new Date(input.nowMs).toISOString();
  const until = overlap ? new Date(input.nowMs + overlap * 1000).toISOString() : null;
  const [row] = await db.query<{ id: string }>(
    `update backend_profiles set
       previous_access_key_hash = case when $5::timestamptz is null then null else access_key_hash end,
       previous_access_key_expires_at = $5::timestamptz,
       access_key_hash = $3, access_key_sealed = $2, key_version = key_version + 1, access_key_rotated_at = $4
     where id = $1 and ${LIVE.replace('p.', '')} returning id`,
    [id, master.seal(accessKey, sealContext(id)), sha256(accessKey), now, until],
  );
  if (!row) throw new PlatformError('not_found', `No back-end profile ${id}.`);
  return (await getBackendProfileDetails(db, master, id))!;
}

/** Disables (`true`) or enables a profile; doing it twice is no error. */
export async function setBackendProfileDisabled(
  db: Queryable,
  id: string,
  disabled: boolean,
  nowMs: number,
): Promise<BackendProfile> {
  if (!PROFILE_ID.test(id)) throw new PlatformError('not_found', `No back-end profile ${id}.`);
  const [row] = await db.query<{ id: string }>(
    `update backend_profiles set disabled_at = ${disabled ? 'coalesce(disabled_at, $2::timestamptz)' : 'null'}
     where id = $1 and deleted_at is null returning id`,
    disabled ? [id, new Date(nowMs).toISOString()] : [id],
  );
  if (!row) throw new PlatformError('not_found', `No back-end profile ${id}.`);
  return requireBackendProfile(db, id);
}

/**
 * Deletes a profile for good: its access keys are destroyed (the hash replaced by one that
 * no key has, the sealed copy emptied) and its static tokens deactivated. Answers the
 * deactivated static tokens' hashes, so callers can drop them from caches.
 */
export async function deleteBackendProfile(
  db: Database,
  id: string,
  nowMs: number,
): Promise<{ profile: BackendProfile; staticTokenHashes: string[] }> {
  const profile = await requireBackendProfile(db, id);
  const now = new Date(nowMs).toISOString();
  const hashes = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `update backend_profiles set deleted_at = $2, access_key_sealed = '',
         access_key_hash = 'deleted:' || id, previous_access_key_hash = null, previous_access_key_expires_at = null
       where id = $1 and deleted_at is null returning id`,
      [id, now],
    );
    if (!row) throw new PlatformError('not_found', `No back-end profile ${id}.`);
    const tokens = await tx.query<{ token_hash: string }>(
      `update static_tokens set deactivated_at = $2, deactivation_reason = 'profile_deleted'
       where profile_id = $1 and deactivated_at is null returning token_hash`,
      [id, now],
    );
    return tokens.map((t) => t.token_hash);
  });
  return { profile, staticTokenHashes: hashes };
}
