import { randomUUID } from 'node:crypto';
import { randomToken, sha256 } from '../crypto/random.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { OAuthConsumer } from './consumers.ts';

/**
 * OAuth grants: one token request and every refresh after it. Access tokens (`oat_…`) and
 * refresh tokens (`rt_…`) are opaque, 256 random bits, stored only as SHA-256 hashes.
 * Refresh tokens rotate: each works once, and a second use (an attacker or a confused
 * client replaying an old one) revokes the whole grant (RFC 9700 §4.14.2). A grant has an
 * absolute lifetime from its first token: no token of it, refreshed or not, outlives it.
 */

export type GrantType = 'password' | 'client_credentials';

export interface IssuedTokens {
  grantId: string;
  accessToken: string;
  /** Absent for client credentials (RFC 6749 §4.4.3: no refresh token). */
  refreshToken?: string;
  expiresIn: number;
  scope: string;
}

/** What a token's hash leads to, with everything that decides whether it still works. */
export interface OAuthTokenRecord {
  use: 'access_token' | 'refresh_token';
  tokenHash: string;
  grantId: string;
  consumerKey: string;
  legalEntityId: string;
  userId: string;
  externalUserId: string;
  scope: string;
  /** Epoch ms. */
  issuedAt: number;
  /** When the token's grant started (its first token), epoch ms. */
  grantCreatedAt: number;
  expiresAt: number;
  /** Revoked itself, by its grant or by its consumer. */
  revoked: boolean;
  /** Refresh tokens: already exchanged. */
  used: boolean;
}

interface Row {
  token_hash: string;
  grant_id: string;
  consumer_key: string;
  legal_entity_id: string;
  user_id: string;
  external_id: string;
  scope: string;
  created_at: Date | string;
  expires_at: Date | string;
  grant_created_at: Date | string;
  token_revoked_at?: Date | string | null;
  used_at?: Date | string | null;
  grant_revoked_at: Date | string | null;
  consumer_revoked_at: Date | string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

const JOINS = `join oauth_grants g on g.id = t.grant_id
  join oauth_consumers c on c.consumer_key = g.consumer_key
  join users u on u.id = c.user_id`;
const COLUMNS = `t.token_hash, t.grant_id, g.consumer_key, c.legal_entity_id, c.user_id, u.external_id, t.scope,
  t.created_at, t.expires_at, g.created_at as grant_created_at, g.revoked_at as grant_revoked_at, c.revoked_at as consumer_revoked_at`;

const toRecord = (use: OAuthTokenRecord['use'], r: Row): OAuthTokenRecord => ({
  use,
  tokenHash: r.token_hash,
  grantId: r.grant_id,
  consumerKey: r.consumer_key,
  legalEntityId: r.legal_entity_id,
  userId: r.user_id,
  externalUserId: r.external_id,
  scope: r.scope,
  issuedAt: new Date(r.created_at).getTime(),
  expiresAt: new Date(r.expires_at).getTime(),
  grantCreatedAt: new Date(r.grant_created_at).getTime(),
  revoked: Boolean(r.token_revoked_at || r.grant_revoked_at || r.consumer_revoked_at),
  used: Boolean(r.used_at),
});

export async function findAccessToken(
  db: Queryable,
  tokenHash: string,
): Promise<OAuthTokenRecord | undefined> {
  const [row] = await db.query<Row>(
    `select ${COLUMNS}, t.revoked_at as token_revoked_at from oauth_access_tokens t ${JOINS} where t.token_hash = $1`,
    [tokenHash],
  );
  return row && toRecord('access_token', row);
}

export async function findRefreshToken(
  db: Queryable,
  tokenHash: string,
): Promise<OAuthTokenRecord | undefined> {
  const [row] = await db.query<Row>(
    `select ${COLUMNS}, t.used_at from oauth_refresh_tokens t ${JOINS} where t.token_hash = $1`,
    [tokenHash],
  );
  return row && toRecord('refresh_token', row);
}

interface TokenInput {
  scope: string;
  refreshScope?: string;
  /** Seconds. */
  lifetime: number;
  refreshLifetime?: number;
  nowMs: number;
  /** The end of the grant's absolute lifetime, epoch ms: no token lives past it. */
  grantEndsAt: number;
}

/** An access token's lifetime in seconds: as asked, but never past its grant's end. */
const tokenLifetime = (input: { lifetime: number; nowMs: number; grantEndsAt: number }): number =>
  Math.max(0, Math.min(input.lifetime, Math.floor((input.grantEndsAt - input.nowMs) / 1000)));

async function insertTokens(
  tx: Queryable,
  grantId: string,
  input: TokenInput,
): Promise<Omit<IssuedTokens, 'grantId'>> {
  const accessToken = randomToken('oat', 32);
  const lifetime = tokenLifetime(input);
  await tx.query(
    `insert into oauth_access_tokens (token_hash, grant_id, scope, created_at, expires_at)
     values ($1, $2, $3, $4, $5)`,
    [sha256(accessToken), grantId, input.scope, iso(input.nowMs), iso(input.nowMs + lifetime * 1000)],
  );
  if (input.refreshLifetime === undefined) {
    return { accessToken, expiresIn: lifetime, scope: input.scope };
  }
  const refreshToken = randomToken('rt', 32);
  await tx.query(
    `insert into oauth_refresh_tokens (token_hash, grant_id, scope, created_at, expires_at)
     values ($1, $2, $3, $4, $5)`,
    [
      sha256(refreshToken),
      grantId,
      input.refreshScope ?? input.scope,
      iso(input.nowMs),
      iso(Math.min(input.nowMs + input.refreshLifetime * 1000, input.grantEndsAt)),
    ],
  );
  return { accessToken, refreshToken, expiresIn: lifetime, scope: input.scope };
}

/**
 * Starts a grant: an access token, and a refresh token when `refreshLifetime` is given.
 * `grantLifetime` (seconds) is its absolute lifetime.
 */
export async function issueGrant(
  db: Database,
  input: {
    consumer: OAuthConsumer;
    grantType: GrantType;
    scope: string;
    lifetime: number;
    refreshLifetime?: number;
    grantLifetime: number;
    nowMs: number;
  },
): Promise<IssuedTokens> {
  const grantId = randomUUID();
  const grantEndsAt = input.nowMs + input.grantLifetime * 1000;
  const lifetime = tokenLifetime({ ...input, grantEndsAt });
  const accessToken = randomToken('oat', 32);
  const refreshToken = input.refreshLifetime === undefined ? undefined : randomToken('rt', 32);
  const now = iso(input.nowMs);
  // One statement, so one round trip and atomic without BEGIN/COMMIT (issue 13: a grant took
  // four): the tokens' foreign keys are checked at its end, when the grant row is there.
  const values: unknown[] = [
    grantId,
    input.consumer.consumerKey,
    input.grantType,
    now,
    sha256(accessToken),
    input.scope,
    iso(input.nowMs + lifetime * 1000),
  ];
  let refresh = '';
  if (refreshToken !== undefined && input.refreshLifetime !== undefined) {
    values.push(sha256(refreshToken), iso(Math.min(input.nowMs + input.refreshLifetime * 1000, grantEndsAt)));
    refresh = `, refresh_row as (
       insert into oauth_refresh_tokens (token_hash, grant_id, scope, created_at, expires_at)
       values ($8, $1, $6, $4, $9))`;
  }
  await db.query(
    `with grant_row as (
       insert into oauth_grants (id, consumer_key, grant_type, created_at) values ($1, $2, $3, $4))${refresh}
     insert into oauth_access_tokens (token_hash, grant_id, scope, created_at, expires_at)
     values ($5, $1, $6, $4, $7)`,
    values,
  );
  return {
    grantId,
    accessToken,
    ...(refreshToken !== undefined ? { refreshToken } : {}),
    expiresIn: lifetime,
    scope: input.scope,
  };
}

export type RefreshOutcome = { ok: true; tokens: IssuedTokens } | { ok: false; reused: boolean };

/**
 * Exchanges a refresh token that the caller has already checked (found, live, the right
 * client, a scope within the original, its grant not past `grantEndsAt`): marks it used and
 * issues its successors, atomically, none of them living past the grant's end.
 * When it was used already, this is a reuse: the grant is revoked and `reused` says so.
 */
export async function rotateRefreshToken(
  db: Database,
  record: OAuthTokenRecord,
  input: { scope: string; lifetime: number; refreshLifetime: number; nowMs: number; grantEndsAt: number },
): Promise<RefreshOutcome> {
  const outcome = await db.transaction(async (tx): Promise<RefreshOutcome> => {
    const claimed = await tx.query(
      'update oauth_refresh_tokens set used_at = $2 where token_hash = $1 and used_at is null returning token_hash',
      [record.tokenHash, iso(input.nowMs)],
    );
    if (claimed.length === 0) return { ok: false, reused: true };
    const tokens = await insertTokens(tx, record.grantId, {
      ...input,
      // RFC 6749 §6: a new refresh token keeps the scope originally granted, even when this
      // access token asks for less.
      refreshScope: record.scope,
    });
    return { ok: true, tokens: { grantId: record.grantId, ...tokens } };
  });
  if (!outcome.ok) await revokeGrant(db, record.grantId, 'refresh_token_reuse', input.nowMs);
  return outcome;
}

/** Revokes every token of a grant. */
export async function revokeGrant(
  db: Queryable,
  grantId: string,
  reason: string,
  nowMs: number,
): Promise<void> {
  await db.query(
    'update oauth_grants set revoked_at = coalesce(revoked_at, $2), revocation_reason = coalesce(revocation_reason, $3) where id = $1',
    [grantId, iso(nowMs), reason],
  );
}

/** Revokes one access token (RFC 7009: the grant's refresh token keeps working). */
export async function revokeAccessToken(db: Queryable, tokenHash: string, nowMs: number): Promise<void> {
  await db.query(
    'update oauth_access_tokens set revoked_at = coalesce(revoked_at, $2) where token_hash = $1',
    [tokenHash, iso(nowMs)],
  );
}
