import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { MasterKey } from '../crypto/master-key.ts';
import type { Database } from '../db/database.ts';

export const SIGNING_ALG = 'ES256';
type Key = CryptoKey | Uint8Array;

interface Row {
  kid: string;
  public_jwk: JWK;
  private_sealed: string;
  created_at: Date | string;
  retired_at: Date | string | null;
  publish_until: Date | string | null;
}

export interface SigningKey {
  kid: string;
  privateKey: Key;
}

const sealContext = (kid: string) => `signing_key:${kid}`;

/**
 * The platform's token-signing keys, persisted (sealed) so tokens survive restarts, and
 * shared by every instance on the same database. Rotation retires the current key but keeps
 * publishing it until the last token it could have signed has expired.
 */
export class SigningKeys {
  #current: SigningKey | undefined;
  readonly #publicKeys = new Map<string, Key>();
  #lastReload = 0;

  constructor(
    private readonly db: Database,
    private readonly master: MasterKey,
    /** The longest lifetime a token can have, in seconds: how long a retired key stays published. */
    private readonly maxTokenLifetime: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key that signs new tokens, created on first use. */
  async current(): Promise<SigningKey> {
    if (this.#current) return this.#current;
    const row = await this.db.transaction(async (tx) => {
      // Two instances starting together must not both create a key.
      await tx.query('select pg_advisory_xact_lock(7235002)');
      const [existing] = await tx.query<Row>(
        'select * from signing_keys where retired_at is null order by created_at desc limit 1',
      );
      return existing ?? (await insertKey(tx, this.master));
    });
    this.#current = { kid: row.kid, privateKey: await openPrivate(this.master, row) };
    return this.#current;
  }

  /** Makes a new key current; the previous one stays published for `maxTokenLifetime`. */
  async rotate(): Promise<{ kid: string; retired: string[] }> {
    const result = await this.db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(7235002)');
      const retired = await tx.query<{ kid: string }>(
        `update signing_keys set retired_at = now(), publish_until = now() + make_interval(secs => $1)
         where retired_at is null returning kid`,
        [this.maxTokenLifetime + 60],
      );
      const row = await insertKey(tx, this.master);
      return { kid: row.kid, retired: retired.map((r) => r.kid) };
    });
    this.invalidate();
    await this.db.notify('planner_signing_keys', result.kid);
    return result;
  }

  /** Forgets the cached current key (another instance rotated). */
  invalidate(): void {
    this.#current = undefined;
    this.#lastReload = 0;
  }

  /** The JWKS: every key still published. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const rows = await this.db.query<Row>(
      `select kid, public_jwk from signing_keys where publish_until is null or publish_until > now()
       order by created_at desc`,
    );
    return { keys: rows.map((r) => ({ ...r.public_jwk, kid: r.kid, alg: SIGNING_ALG, use: 'sig' })) };
  }

  /**
   * The public key for `kid`, or undefined. Unknown kids trigger at most one reload a
   * second, so a token signed by a key another instance just made is still accepted while
   * a flood of forged kids cannot hammer the database.
   */
  async publicKey(kid: string): Promise<Key | undefined> {
    const known = this.#publicKeys.get(kid);
    if (known) return known;
    if (this.now() - this.#lastReload < 1000) return undefined;
    this.#lastReload = this.now();
    const { keys } = await this.jwks();
    this.#publicKeys.clear();
    for (const jwk of keys) this.#publicKeys.set(jwk.kid!, await importJWK(jwk, SIGNING_ALG));
    return this.#publicKeys.get(kid);
  }
}

async function insertKey(tx: { query: Database['query'] }, master: MasterKey): Promise<Row> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = randomUUID();
  const [row] = await tx.query<Row>(
    'insert into signing_keys (kid, alg, public_jwk, private_sealed) values ($1, $2, $3, $4) returning *',
    [
      kid,
      SIGNING_ALG,
      JSON.stringify(await exportJWK(publicKey)),
      master.seal(JSON.stringify(await exportJWK(privateKey)), sealContext(kid)),
    ],
  );
  return row!;
}

async function openPrivate(master: MasterKey, row: Row): Promise<Key> {
  return importJWK(JSON.parse(master.open(row.private_sealed, sealContext(row.kid))) as JWK, SIGNING_ALG);
}
