import { requireLegalEntity } from '../accounts/legal-entities.ts';
import type { MasterKey } from '../crypto/master-key.ts';
import { randomToken, sha256 } from '../crypto/random.ts';
import type { Queryable } from '../db/database.ts';
import { PlatformError } from '../errors.ts';

export interface StaticTokenState {
  id: string;
  createdAt: string;
}

/** A back-end profile as lists show it: never its access key. */
export interface BackendProfile {
  id: string;
  legalEntityId: string;
  name: string;
  externalSystem: string;
  createdAt: string;
  /** The active static token (its id and age; the token itself is never stored), if any. */
  staticToken: StaticTokenState | null;
}

/** The profile's details page: with the access key (seed 000 shows it there). */
export interface BackendProfileDetails extends BackendProfile {
  accessKey: string;
}

interface Row {
  id: string;
  legal_entity_id: string;
  name: string;
  external_system: string;
  access_key_sealed: string;
  created_at: Date | string;
  static_token_id: string | null;
  static_token_created_at: Date | string | null;
}

const SELECT = `select p.*, s.id as static_token_id, s.created_at as static_token_created_at
  from backend_profiles p
  left join static_tokens s on s.profile_id = p.id and s.deactivated_at is null`;

const sealContext = (id: string) => `backend_access_key:${id}`;
const iso = (d: Date | string) => new Date(d).toISOString();

const toProfile = (r: Row): BackendProfile => ({
  id: r.id,
  legalEntityId: r.legal_entity_id,
  name: r.name,
  externalSystem: r.external_system,
  createdAt: iso(r.created_at),
  staticToken:
    r.static_token_id && r.static_token_created_at
      ? { id: r.static_token_id, createdAt: iso(r.static_token_created_at) }
      : null,
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
    await db.query<Row>(`${SELECT} where p.legal_entity_id = $1 order by p.created_at, p.id`, [legalEntityId])
  ).map(toProfile);
}

export async function getBackendProfile(db: Queryable, id: string): Promise<BackendProfile | undefined> {
  if (!/^bp_[\w-]{1,64}$/.test(id)) return undefined;
  const [row] = await db.query<Row>(`${SELECT} where p.id = $1`, [id]);
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
  if (!/^bp_[\w-]{1,64}$/.test(id)) return undefined;
  const [row] = await db.query<Row>(`${SELECT} where p.id = $1`, [id]);
  return row && { ...toProfile(row), accessKey: master.open(row.access_key_sealed, sealContext(row.id)) };
}

/** The profile an access key belongs to (a standard-token request), found by the key's hash. */
export async function findProfileByAccessKey(
  db: Queryable,
  accessKey: string,
): Promise<BackendProfile | undefined> {
  if (!/^ak_[\w-]{16,128}$/.test(accessKey)) return undefined;
  const [row] = await db.query<Row>(`${SELECT} where p.access_key_hash = $1`, [sha256(accessKey)]);
  return row && toProfile(row);
}
