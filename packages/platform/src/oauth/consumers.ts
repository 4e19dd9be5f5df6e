import { requireLegalEntity } from '../accounts/legal-entities.ts';
import { ensureUser } from '../accounts/users.ts';
import { randomToken, safeEqual, sha256 } from '../crypto/random.ts';
import type { Database, Queryable } from '../db/database.ts';
import { PlatformError } from '../errors.ts';
import { announce } from '../tokens/revocation-events.ts';

/**
 * An OAuth consumer (seed 002): a user's consumer key and secret. The consumer key is
 * public and doubles as the OAuth `client_id`; the token acts as that user.
 */
export interface OAuthConsumer {
  consumerKey: string;
  legalEntityId: string;
  /** Internal user id. */
  userId: string;
  /** The host's id for the user. */
  externalUserId: string;
  label: string;
  /** The most a token of this consumer may carry: `read` or `read write`. */
  scope: 'read' | 'read write';
  createdAt: string;
  revokedAt: string | null;
}

/** Returned once, at creation: the secret is stored only as its hash. */
export interface NewOAuthConsumer extends OAuthConsumer {
  consumerSecret: string;
}

export interface OAuthConsumerCredential extends OAuthConsumer {
  secretHash: string;
}

interface Row {
  consumer_key: string;
  legal_entity_id: string;
  user_id: string;
  external_id: string;
  label: string;
  scope: string;
  secret_hash: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
}

const SELECT = `select c.*, u.external_id from oauth_consumers c join users u on u.id = c.user_id`;

const toConsumer = (r: Row): OAuthConsumer => ({
  consumerKey: r.consumer_key,
  legalEntityId: r.legal_entity_id,
  userId: r.user_id,
  externalUserId: r.external_id,
  label: r.label,
  scope: r.scope === 'read write' ? 'read write' : 'read',
  createdAt: new Date(r.created_at).toISOString(),
  revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
});

/** `read`, `write`, `read write`: the scope words a consumer can hold (write implies read). */
export function parseConsumerScope(scope: string | undefined): 'read' | 'read write' {
  const words = new Set((scope ?? 'read').split(' ').filter(Boolean));
  if (words.size === 0 || [...words].some((w) => w !== 'read' && w !== 'write')) {
    throw new PlatformError('invalid_argument', 'A consumer scope is "read" or "read write".');
  }
  return words.has('write') ? 'read write' : 'read';
}

/**
 * Creates a consumer for the host's user `externalUserId` (created on first sight, as a
 * token request would). The secret is 256 random bits: a fast hash is then as safe as a
 * slow KDF (those exist for guessable human passwords), and costs an attacker nothing to
 * make us compute.
 */
export async function createConsumer(
  db: Queryable,
  legalEntityId: string,
  input: { externalUserId: string; label?: string; scope?: string },
): Promise<NewOAuthConsumer> {
  await requireLegalEntity(db, legalEntityId);
  if (!/^[A-Za-z0-9._@:+-]{1,128}$/.test(input.externalUserId)) {
    throw new PlatformError('invalid_argument', 'A user id is 1 to 128 letters, digits or . _ @ : + -');
  }
  const scope = parseConsumerScope(input.scope);
  const userId = await ensureUser(db, legalEntityId, input.externalUserId);
  const consumerKey = randomToken('ck', 12);
  const consumerSecret = randomToken('cs', 32);
  await db.query(
    `insert into oauth_consumers (consumer_key, legal_entity_id, user_id, label, secret_hash, scope)
     values ($1, $2, $3, $4, $5, $6)`,
    [consumerKey, legalEntityId, userId, (input.label ?? '').slice(0, 200), sha256(consumerSecret), scope],
  );
  // Never with its hash: this answer is printed (`consumer create --json`) and sent.
  return { ...publicConsumer((await findConsumer(db, consumerKey))!), consumerSecret };
}

export async function listConsumers(db: Queryable, legalEntityId: string): Promise<OAuthConsumer[]> {
  await requireLegalEntity(db, legalEntityId);
  return (
    await db.query<Row>(`${SELECT} where c.legal_entity_id = $1 order by c.created_at, c.consumer_key`, [
      legalEntityId,
    ])
  ).map(toConsumer);
}

/**
 * Revokes a consumer: it gets no more tokens, and every token it has stops working, on every
 * instance at once (announced).
 */
export async function revokeConsumer(db: Database, consumerKey: string): Promise<OAuthConsumer> {
  const [row] = await db.query<{ consumer_key: string }>(
    'update oauth_consumers set revoked_at = coalesce(revoked_at, now()) where consumer_key = $1 returning consumer_key',
    [consumerKey],
  );
  if (!row) throw new PlatformError('not_found', `No OAuth consumer ${consumerKey}.`);
  await announce(db, { kind: 'oauth_consumer', id: consumerKey });
  return publicConsumer((await findConsumer(db, consumerKey))!);
}

export async function findConsumer(
  db: Queryable,
  consumerKey: string,
): Promise<OAuthConsumerCredential | undefined> {
  if (!/^ck_[\w-]{1,64}$/.test(consumerKey)) return undefined;
  const [row] = await db.query<Row>(`${SELECT} where c.consumer_key = $1`, [consumerKey]);
  return row && { ...toConsumer(row), secretHash: row.secret_hash };
}

/** Compares the secret's hash in constant time. */
export const secretMatches = (consumer: OAuthConsumerCredential, secret: string): boolean =>
  safeEqual(sha256(secret), consumer.secretHash);

/** A consumer without its secret hash, for answers and logs. */
export const publicConsumer = ({ secretHash: _, ...consumer }: OAuthConsumerCredential): OAuthConsumer =>
  consumer;
