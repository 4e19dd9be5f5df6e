import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { MasterKey } from '../crypto/master-key.ts';
import type { Database, Queryable } from '../db/database.ts';
import { PlatformError } from '../errors.ts';
import { type KeyState, type KeyTimes, keyState, signerAt } from './signing-key-set.ts';

/**
 * The signing keys' rows and every change to them. Each change runs under one advisory
 * lock, so two instances (or the CLI) rotating or revoking at once cannot both act on the
 * same state; times come from the caller's clock and are stored, so all instances agree.
 */

export const SIGNING_ALG = 'ES256';
export type Key = CryptoKey | Uint8Array;

/** What the CLI shows of a key: its state and times, never key material. */
export interface SigningKeyInfo {
  kid: string;
  state: KeyState;
  activatesAt: string;
  retiredAt: string | null;
  /** Published and accepted until then (null: until it retires). */
  acceptedUntil: string | null;
  revokedAt: string | null;
}

export interface RotationResult {
  /** The new key: published now, signs from `activatesAt`. */
  kid: string;
  activatesAt: string;
  /** The key it replaces, signing until `activatesAt` and accepted until `acceptedUntil`. */
  replaces: { kid: string; acceptedUntil: string } | null;
}

export interface RevocationResult {
  kid: string;
  /** Its state when revoked. */
  was: KeyState;
  /** The signer afterwards. */
  signer: string;
  /** True when the revoked key was the signer, so `signer` took over at once. */
  promoted: boolean;
}

/** A stored key: its times, its public half, and its private half sealed with the master key. */
export interface StoredKey extends KeyTimes {
  publicJwk: JWK;
  sealed: string;
}

interface Row {
  kid: string;
  public_jwk: JWK;
  private_sealed: string;
  activates_at: Date | string;
  retired_at: Date | string | null;
  publish_until: Date | string | null;
  revoked_at: Date | string | null;
}

const LOCK = 'select pg_advisory_xact_lock(7235002)';
const SELECT = `select kid, public_jwk, private_sealed, activates_at, retired_at, publish_until, revoked_at
  from signing_keys`;
const sealContext = (kid: string) => `signing_key:${kid}`;
const ms = (value: Date | string | null): number | null =>
  value === null ? null : new Date(value).getTime();
const iso = (value: number | null): string | null => (value === null ? null : new Date(value).toISOString());
const stored = (row: Row): StoredKey => ({
  kid: row.kid,
  activatesAt: ms(row.activates_at)!,
  retiredAt: ms(row.retired_at),
  publishUntil: ms(row.publish_until),
  revokedAt: ms(row.revoked_at),
  publicJwk: row.public_jwk,
  sealed: row.private_sealed,
});

export async function loadKeys(db: Queryable): Promise<StoredKey[]> {
  return (await db.query<Row>(SELECT)).map(stored);
}

export async function openPrivateKey(master: MasterKey, key: StoredKey): Promise<Key> {
  return importJWK(JSON.parse(master.open(key.sealed, sealContext(key.kid))) as JWK, SIGNING_ALG);
}

/**
 * Schedules a new signer: published now, signing after `activationDelay` seconds; the
 * current key signs until then and stays accepted for `retiredWindow` seconds more. One
 * pending key at a time. The very first key signs at once: no verifier can be waiting.
 */
export function rotateKeys(
  db: Database,
  master: MasterKey,
  timings: { activationDelay: number; retiredWindow: number },
  clock: () => number,
): Promise<RotationResult> {
  return db.transaction(async (tx) => {
    await tx.query(LOCK);
    const now = clock();
    const keys = await loadKeys(tx);
    const pending = keys.find((k) => keyState(k, now) === 'pending');
    if (pending) {
      throw new PlatformError(
        'conflict',
        `Signing key ${pending.kid} is already pending; it signs from ${iso(pending.activatesAt)}. Rotate after that, or revoke it.`,
      );
    }
    // Gone keys' private halves are of no use to anyone but a thief.
    await tx.query(
      `update signing_keys set private_sealed = '' where private_sealed <> ''
         and (revoked_at is not null or publish_until <= $1)`,
      [new Date(now)],
    );
    const current = signerAt(keys, now);
    const activatesAt = current ? now + timings.activationDelay * 1000 : now;
    const kid = await insertKey(tx, master, activatesAt);
    if (!current) return { kid, activatesAt: iso(activatesAt)!, replaces: null };
    const acceptedUntil = activatesAt + timings.retiredWindow * 1000;
    await tx.query('update signing_keys set retired_at = $2, publish_until = $3 where kid = $1', [
      current.kid,
      new Date(activatesAt),
      new Date(acceptedUntil),
    ]);
    return {
      kid,
      activatesAt: iso(activatesAt)!,
      replaces: { kid: current.kid, acceptedUntil: iso(acceptedUntil)! },
    };
  });
}

/**
 * Emergency: `kid` is gone from now on. If it was the signer, the pending key (or a new one)
 * signs at once; a withdrawn pending key leaves the current signer with no retirement.
 */
export function revokeKey(
  db: Database,
  master: MasterKey,
  kid: string,
  clock: () => number,
): Promise<RevocationResult> {
  return db.transaction(async (tx) => {
    await tx.query(LOCK);
    const now = clock();
    const keys = await loadKeys(tx);
    const target = keys.find((k) => k.kid === kid);
    if (!target) throw new PlatformError('not_found', `There is no signing key ${kid}.`);
    const was = keyState(target, now);
    await tx.query(
      `update signing_keys set revoked_at = coalesce(revoked_at, $2),
         publish_until = least(coalesce(publish_until, $2), $2), private_sealed = '' where kid = $1`,
      [kid, new Date(now)],
    );
    const others = keys.filter((k) => k.kid !== kid);
    const pending = others.find((k) => keyState(k, now) === 'pending');
    if (was === 'active') {
      if (pending) {
        await tx.query('update signing_keys set activates_at = $2 where kid = $1', [
          pending.kid,
          new Date(now),
        ]);
        return { kid, was, signer: pending.kid, promoted: true };
      }
      return { kid, was, signer: await insertKey(tx, master, now), promoted: true };
    }
    const signer = signerAt(others, now);
    if (!signer) return { kid, was, signer: await insertKey(tx, master, now), promoted: true };
    if (was === 'pending' && signer.retiredAt === target.activatesAt) {
      await tx.query('update signing_keys set retired_at = null, publish_until = null where kid = $1', [
        signer.kid,
      ]);
    }
    return { kid, was, signer: signer.kid, promoted: false };
  });
}

/** Makes sure some key signs at the clock's now (first start): promotes a pending key or makes one. */
export function ensureSigner(db: Database, master: MasterKey, clock: () => number): Promise<void> {
  return db.transaction(async (tx) => {
    await tx.query(LOCK);
    const now = clock();
    const keys = await loadKeys(tx);
    if (signerAt(keys, now)) return;
    const pending = keys.find((k) => keyState(k, now) === 'pending');
    if (pending) {
      await tx.query('update signing_keys set activates_at = $2 where kid = $1', [
        pending.kid,
        new Date(now),
      ]);
    } else {
      await insertKey(tx, master, now);
    }
  });
}

/** Every key, newest first, with its state at `now`. */
export async function listKeys(db: Queryable, now: number): Promise<SigningKeyInfo[]> {
  const keys = (await loadKeys(db)).sort((a, b) => b.activatesAt - a.activatesAt);
  return keys.map((k) => ({
    kid: k.kid,
    state: keyState(k, now),
    activatesAt: iso(k.activatesAt)!,
    retiredAt: iso(k.retiredAt),
    acceptedUntil: iso(k.publishUntil),
    revokedAt: iso(k.revokedAt),
  }));
}

/** The JWKS at `now`: pending, active and retired keys, read from the database so every instance serves the same. */
export async function publishedKeys(db: Queryable, now: number): Promise<{ keys: JWK[] }> {
  const rows = await db.query<Row>(
    `select kid, public_jwk from signing_keys
     where revoked_at is null and (publish_until is null or publish_until > $1) order by activates_at desc`,
    [new Date(now)],
  );
  return { keys: rows.map((r) => ({ ...r.public_jwk, kid: r.kid, alg: SIGNING_ALG, use: 'sig' })) };
}

async function insertKey(tx: Queryable, master: MasterKey, activatesAt: number): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = randomUUID();
  await tx.query(
    `insert into signing_keys (kid, alg, public_jwk, private_sealed, activates_at)
     values ($1, $2, $3, $4, $5)`,
    [
      kid,
      SIGNING_ALG,
      JSON.stringify(await exportJWK(publicKey)),
      master.seal(JSON.stringify(await exportJWK(privateKey)), sealContext(kid)),
      new Date(activatesAt),
    ],
  );
  return kid;
}
