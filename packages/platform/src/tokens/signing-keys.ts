import { importJWK, type JWK } from 'jose';
import type { MasterKey } from '../crypto/master-key.ts';
import type { Database } from '../db/database.ts';
import { PlatformError } from '../errors.ts';
import { type Logger, silentLogger } from '../util/log.ts';
import { notifyRevocation } from './revocation-events.ts';
import { keyState, SigningKeySet } from './signing-key-set.ts';
import {
  ensureSigner,
  type Key,
  listKeys,
  loadKeys,
  openPrivateKey,
  publishedKeys,
  type RevocationResult,
  type RotationResult,
  revokeKey,
  rotateKeys,
  SIGNING_ALG,
  type SigningKeyInfo,
  type StoredKey,
} from './signing-key-store.ts';

export type { RevocationResult, RotationResult, SigningKeyInfo };
export { SIGNING_ALG };
/** Rotations and revocations, so every instance reloads its key set at once. */
export const SIGNING_KEYS_CHANNEL = 'planner_signing_keys';
// Our kids are UUIDs: anything else is refused without a look at the database.
const KID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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

interface LiveKey extends StoredKey {
  publicKey: Key;
}

export interface SigningKey {
  kid: string;
  privateKey: Key;
}

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
    this.#timer ??= setInterval(() => this.invalidate(), this.timings.refreshInterval * 1000);
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
      await ensureSigner(this.db, this.master, this.#now);
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
    const result = await rotateKeys(this.db, this.master, this.timings, this.#now);
    await notifyRevocation(this.db, SIGNING_KEYS_CHANNEL, `rotated:${result.kid}`);
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
    const result = await revokeKey(this.db, this.master, kid, this.#now);
    this.#forget(kid);
    await notifyRevocation(this.db, SIGNING_KEYS_CHANNEL, `revoked:${kid}`);
    await this.refresh();
    return result;
  }

  /** Every key the database has, newest first, with its state now. */
  list(): Promise<SigningKeyInfo[]> {
    return listKeys(this.db, this.#now());
  }

  /** The JWKS: pending, active and retired keys (read from the database, so every instance serves the same). */
  jwks(): Promise<{ keys: JWK[] }> {
    return publishedKeys(this.db, this.#now());
  }

  async #load(): Promise<SigningKeySet<LiveKey>> {
    const now = this.#now();
    const live: LiveKey[] = [];
    const gone = new Set<string>();
    for (const key of await loadKeys(this.db)) {
      if (keyState(key, now) === 'gone' || this.#revoked.has(key.kid)) gone.add(key.kid);
      else live.push({ ...key, publicKey: await importJWK(key.publicJwk, SIGNING_ALG) });
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

  #open(key: LiveKey): Promise<Key> {
    let opened = this.#private.get(key.kid);
    if (!opened) {
      opened = openPrivateKey(this.master, key);
      this.#private.set(key.kid, opened);
      opened.catch(() => this.#private.delete(key.kid));
    }
    return opened;
  }
}
