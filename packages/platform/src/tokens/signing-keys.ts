import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { MasterKey } from '../crypto/master-key.ts';
import type { Database, Queryable } from '../db/database.ts';
import { PlatformError } from '../errors.ts';
import { type Logger, silentLogger } from '../util/log.ts';
import { type KeyState, type KeyTimes, keyState, SigningKeySet, signerAt } from './signing-key-set.ts';

export const SIGNING_ALG = 'ES256';
/** Rotations and revocations, so every instance reloads its key set at once. */
export const SIGNING_KEYS_CHANNEL = 'planner_signing_keys';
type Key = CryptoKey | Uint8Array;

/** Every duration in seconds. */
export interface KeyTimings {
  /** The JWKS's `Cache-Control: max-age`: how long outside verifiers may cache it. */
  jwksMaxAge: number;
  /** How long a new key is published before it signs: at least `jwksMaxAge`, plus a margin. */
  activationDelay: number;
  /** How long a retired key stays published and accepted after its successor took over. */
  retiredWindow: number;
  /** How often an instance re-reads the keys anyway, in case it missed a notification. */
  refreshInterval: number;
  /** The least time between reloads caused by tokens naming an unknown `kid`. */
  unknownKidReloadInterval: number;
}

/**
 * The defaults: the next key signs a minute after every cache of the JWKS has expired, and
 * a retired key lives as long as the longest token it can have signed, plus a minute.
 */
export function keyTimings(maxTokenLifetime: number, overrides: Partial<KeyTimings> = {}): KeyTimings {
  const jwksMaxAge = overrides.jwksMaxAge ?? 300;
  const timings: KeyTimings = {
    jwksMaxAge,
    activationDelay: overrides.activationDelay ?? jwksMaxAge + 60,
    retiredWindow: overrides.retiredWindow ?? maxTokenLifetime + 60,
    refreshInterval: overrides.refreshInterval ?? 30,
    unknownKidReloadInterval: overrides.unknownKidReloadInterval ?? 1,
  };
  for (const [name, value] of Object.entries(timings)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new PlatformError(
        'invalid_argument',
        `The signing-key setting ${name} must be a non-negative number.`,
      );
    }
  }
  if (timings.activationDelay < timings.jwksMaxAge) {
    throw new PlatformError(
      'invalid_argument',
      'The key activation delay must be at least the JWKS max-age, or verifiers caching the JWKS refuse new tokens.',
    );
  }
  if (timings.refreshInterval <= 0) {
    throw new PlatformError('invalid_argument', 'The signing-key refresh interval must be positive.');
  }
  return timings;
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

interface LiveKey extends KeyTimes {
  publicKey: Key;
  sealed: string;
}

export interface SigningKey {
  kid: string;
  privateKey: Key;
}

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

const LOCK = 'select pg_advisory_xact_lock(7235002)';
const COLUMNS = 'kid, public_jwk, private_sealed, activates_at, retired_at, publish_until, revoked_at';
// Our kids are UUIDs: anything else is refused without a look at the database.
const KID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sealContext = (kid: string) => `signing_key:${kid}`;
const ms = (value: Date | string | null): number | null =>
  value === null ? null : new Date(value).getTime();
const iso = (value: number | null): string | null => (value === null ? null : new Date(value).toISOString());
const timesOf = (row: Row): KeyTimes => ({
  kid: row.kid,
  activatesAt: ms(row.activates_at)!,
  retiredAt: ms(row.retired_at),
  publishUntil: ms(row.publish_until),
  revokedAt: ms(row.revoked_at),
});

/**
 * The platform's token-signing keys, persisted (sealed) and shared by every instance on the
 * same database. Lifecycle (issue 9), each time stored so that all instances agree:
 * 1. `rotate()` adds a pending key: published in the JWKS at once, signing nothing yet.
 * 2. After `activationDelay` (the JWKS max-age plus a margin) it is the signer: every cache of
 *    the JWKS fetched since the rotation holds it. Each instance switches by the clock.
 * 3. The key it replaced is retired: still published and accepted for `retiredWindow`.
 * 4. Then it is gone: neither published nor accepted. `revoke()` makes a key gone at once.
 * Each instance holds an immutable snapshot of the keys and swaps it whole on reload
 * (notifications, a timer, an unknown kid at most once per interval).
 */
export class SigningKeys {
  readonly timings: KeyTimings;
  readonly #now: () => number;
  readonly #log: Logger;
  #set: SigningKeySet<LiveKey> | undefined;
  #acceptedAtSwap = new Set<string>();
  #nextEnd = Number.POSITIVE_INFINITY;
  /** Revoked here or announced: never accepted again, even from a reload that began before. */
  readonly #revoked = new Set<string>();
  readonly #private = new Map<string, Promise<Key>>();
  readonly #dropListeners = new Set<(kids: string[]) => void>();
  // A reload asked for after another began must not be satisfied by it (it may predate a
  // revoke): generations tell them apart.
  #requested = 0;
  #loaded = 0;
  #inflight: Promise<void> | undefined;
  #lastUnknownReload = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly db: Database,
    private readonly master: MasterKey,
    options: { timings: KeyTimings; now?: () => number; log?: Logger },
  ) {
    this.timings = options.timings;
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? silentLogger;
  }

  /** Loads the keys (creating the first one) and re-reads them every `refreshInterval`. */
  async start(): Promise<void> {
    await this.current();
    this.#timer ??= setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.#log.warn('signing_keys.refresh_failed', { error: String(error) }),
      );
    }, this.timings.refreshInterval * 1000);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Called with the kids that stopped being accepted (revoked, window ended), to drop cached verifications. */
  onDropped(listener: (kids: string[]) => void): void {
    this.#dropListeners.add(listener);
  }

  /**
   * Tells the drop listeners about keys whose window has ended since the last look. Cheap
   * (one comparison until a window ends), so verification calls it even on a cache hit.
   */
  checkWindows(): void {
    if (this.#set && this.#now() >= this.#nextEnd) this.#swap(this.#set);
  }

  /** The key that signs new tokens now; creates the very first key. */
  async current(): Promise<SigningKey> {
    let signer = (this.#set ?? (await this.refresh())).signer(this.#now());
    // A retired signer means its successor left this set (a revoke announced, the reload not
    // yet here): wait for the reload rather than sign with a key on its way out.
    if (signer && keyState(signer, this.#now()) === 'retired' && (await this.#limitedReload())) {
      signer = this.#set?.signer(this.#now());
    }
    if (!signer) {
      await this.db.transaction((tx) => this.#ensureSigner(tx, this.#now()));
      signer = (await this.refresh()).signer(this.#now());
    }
    if (!signer) throw new PlatformError('conflict', 'No signing key is active.');
    return { kid: signer.kid, privateKey: await this.#open(signer) };
  }

  /**
   * The public key that verifies a token naming `kid`, or undefined. An unknown kid may be a
   * key another instance just made, so it reloads the set, but at most once per
   * `unknownKidReloadInterval` for all unknown kids together: junk kids cannot cause a
   * database read per request, and good tokens keep verifying against the old set meanwhile.
   */
  async publicKey(kid: string): Promise<Key | undefined> {
    const set = this.#set ?? (await this.refresh());
    const hit = set.accepted(kid, this.#now());
    if (hit || set.knows(kid) || !KID_SHAPE.test(kid)) return hit?.publicKey;
    if (!(await this.#limitedReload())) return undefined;
    return this.#set?.accepted(kid, this.#now())?.publicKey;
  }

  /** Joins the reload under way or starts one if the interval allows; true once one completed. */
  async #limitedReload(): Promise<boolean> {
    // Monotonic time, not the injectable clock: this limits database load.
    const clock = performance.now();
    let reload: Promise<unknown> | undefined = this.#inflight;
    if (!reload && clock - this.#lastUnknownReload >= this.timings.unknownKidReloadInterval * 1000) {
      this.#lastUnknownReload = clock;
      reload = this.refresh();
    }
    if (!reload) return false;
    try {
      await reload;
      return true;
    } catch (error) {
      this.#log.warn('signing_keys.refresh_failed', { error: String(error) });
      return false;
    }
  }

  /** A notification on SIGNING_KEYS_CHANNEL: `revoked:<kid>` takes effect before the reload. */
  notified(payload: string): void {
    const revoked = /^revoked:(.+)$/.exec(payload)?.[1];
    if (revoked) this.#forget(revoked);
    this.refresh().catch((error: unknown) =>
      this.#log.warn('signing_keys.refresh_failed', { error: String(error) }),
    );
  }

  /** Re-reads the keys in the background, e.g. after a reconnect that may have lost notifications. */
  invalidate(): void {
    this.refresh().catch((error: unknown) =>
      this.#log.warn('signing_keys.refresh_failed', { error: String(error) }),
    );
  }

  /** Re-reads every key and swaps the new set in whole. */
  async refresh(): Promise<SigningKeySet<LiveKey>> {
    const wanted = ++this.#requested;
    while (this.#loaded < wanted) {
      if (!this.#inflight) {
        const generation = this.#requested;
        this.#inflight = this.#load()
          .then((set) => {
            if (generation <= this.#loaded) return;
            this.#loaded = generation;
            this.#swap(set);
          })
          .finally(() => {
            this.#inflight = undefined;
          });
      }
      await this.#inflight;
    }
    return this.#set!;
  }

  /**
   * Schedules a new signer: published now, signing after `activationDelay`; the current key
   * signs until then and stays accepted for `retiredWindow` more. One pending key at a time.
   */
  async rotate(): Promise<RotationResult> {
    const result = await this.db.transaction(async (tx): Promise<RotationResult> => {
      await tx.query(LOCK);
      const now = this.#now();
      const keys = (await tx.query<Row>(`select ${COLUMNS} from signing_keys`)).map(timesOf);
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
      // The very first key has no verifiers to wait for.
      const activatesAt = current ? now + this.timings.activationDelay * 1000 : now;
      const kid = await insertKey(tx, this.master, activatesAt);
      if (!current) return { kid, activatesAt: iso(activatesAt)!, replaces: null };
      const acceptedUntil = activatesAt + this.timings.retiredWindow * 1000;
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
    await this.db.notify(SIGNING_KEYS_CHANNEL, `rotated:${result.kid}`);
    await this.refresh();
    return result;
  }

  /**
   * Emergency: `kid` leaves the JWKS and verification on every instance at once. If it was
   * the signer, the pending key (or a new one) signs from now on, before outside verifiers
   * caching the JWKS can know it: they refuse new tokens until they refetch. That gap is
   * the price of an emergency; a planned change is `rotate()`.
   */
  async revoke(kid: string): Promise<RevocationResult> {
    const result = await this.db.transaction(async (tx): Promise<RevocationResult> => {
      await tx.query(LOCK);
      const now = this.#now();
      const keys = (await tx.query<Row>(`select ${COLUMNS} from signing_keys`)).map(timesOf);
      const target = keys.find((k) => k.kid === kid);
      if (!target) throw new PlatformError('not_found', `There is no signing key ${kid}.`);
      const was = keyState(target, now);
      await tx.query(
        `update signing_keys set revoked_at = coalesce(revoked_at, $2), publish_until = least(coalesce(publish_until, $2), $2),
           private_sealed = '' where kid = $1`,
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
        return { kid, was, signer: await insertKey(tx, this.master, now), promoted: true };
      }
      const signer = signerAt(others, now);
      if (!signer) return { kid, was, signer: await insertKey(tx, this.master, now), promoted: true };
      // A withdrawn successor: the current key signs on, with no retirement scheduled.
      if (was === 'pending' && signer.retiredAt === target.activatesAt) {
        await tx.query('update signing_keys set retired_at = null, publish_until = null where kid = $1', [
          signer.kid,
        ]);
      }
      return { kid, was, signer: signer.kid, promoted: false };
    });
    this.#forget(kid);
    await this.db.notify(SIGNING_KEYS_CHANNEL, `revoked:${kid}`);
    await this.refresh();
    return result;
  }

  /** Every key the database has, newest first, with its state now. */
  async list(): Promise<SigningKeyInfo[]> {
    const now = this.#now();
    const rows = await this.db.query<Row>(`select ${COLUMNS} from signing_keys order by activates_at desc`);
    return rows.map((row) => {
      const t = timesOf(row);
      return {
        kid: t.kid,
        state: keyState(t, now),
        activatesAt: iso(t.activatesAt)!,
        retiredAt: iso(t.retiredAt),
        acceptedUntil: iso(t.publishUntil),
        revokedAt: iso(t.revokedAt),
      };
    });
  }

  /** The JWKS: pending, active and retired keys (read from the database, so every instance serves the same). */
  async jwks(): Promise<{ keys: JWK[] }> {
    const rows = await this.db.query<Row>(
      `select kid, public_jwk from signing_keys
       where revoked_at is null and (publish_until is null or publish_until > $1) order by activates_at desc`,
      [new Date(this.#now())],
    );
    return { keys: rows.map((r) => ({ ...r.public_jwk, kid: r.kid, alg: SIGNING_ALG, use: 'sig' })) };
  }

  async #load(): Promise<SigningKeySet<LiveKey>> {
    const now = this.#now();
    const rows = await this.db.query<Row>(`select ${COLUMNS} from signing_keys`);
    const live: LiveKey[] = [];
    const gone = new Set<string>();
    for (const row of rows) {
      const times = timesOf(row);
      if (keyState(times, now) === 'gone' || this.#revoked.has(row.kid)) {
        gone.add(row.kid);
        continue;
      }
      live.push({
        ...times,
        publicKey: await importJWK(row.public_jwk, SIGNING_ALG),
        sealed: row.private_sealed,
      });
    }
    return new SigningKeySet(live, gone);
  }

  /** The only place the set changes: one assignment, after the new set is complete. */
  #swap(next: SigningKeySet<LiveKey>): void {
    let set = next;
    for (const kid of this.#revoked) if (set.accepted(kid, this.#now())) set = set.without(kid);
    this.#set = set;
    const now = this.#now();
    const accepted = new Set(set.acceptedKids(now));
    this.#nextEnd = set.nextEnd(now);
    const dropped = [...this.#acceptedAtSwap].filter((kid) => !accepted.has(kid));
    this.#acceptedAtSwap = accepted;
    for (const kid of this.#private.keys()) if (!accepted.has(kid)) this.#private.delete(kid);
    if (dropped.length) for (const listener of this.#dropListeners) listener(dropped);
  }

  #forget(kid: string): void {
    this.#revoked.add(kid);
    if (this.#set) this.#swap(this.#set.without(kid));
  }

  /** Called under the lock: makes sure some key signs at `now` (first start). */
  async #ensureSigner(tx: Queryable, now: number): Promise<void> {
    await tx.query(LOCK);
    const keys = (await tx.query<Row>(`select ${COLUMNS} from signing_keys`)).map(timesOf);
    if (signerAt(keys, now)) return;
    const pending = keys.find((k) => keyState(k, now) === 'pending');
    if (pending) {
      await tx.query('update signing_keys set activates_at = $2 where kid = $1', [
        pending.kid,
        new Date(now),
      ]);
    } else {
      await insertKey(tx, this.master, now);
    }
  }

  #open(key: LiveKey): Promise<Key> {
    let opened = this.#private.get(key.kid);
    if (!opened) {
      opened = importJWK(JSON.parse(this.master.open(key.sealed, sealContext(key.kid))) as JWK, SIGNING_ALG);
      this.#private.set(key.kid, opened);
      opened.catch(() => this.#private.delete(key.kid));
    }
    return opened;
  }
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
