/**
 * One snapshot of the signing keys as the database had them, immutable once built: a reload
 * builds a whole new set and swaps one reference, so a verification never sees a half-loaded
 * set (issue 9). Every decision here is a function of the stored times and the clock, so
 * instances that read the same rows agree without talking to each other.
 */

export type KeyState = 'pending' | 'active' | 'retired' | 'gone';

export interface KeyTimes {
  kid: string;
  /** When it starts signing (epoch ms). Published from its creation on. */
  activatesAt: number;
  /** When its successor takes over (epoch ms); null while no successor is scheduled. */
  retiredAt: number | null;
  /** When it stops being published and accepted (epoch ms); null: not before it retires. */
  publishUntil: number | null;
  /** Emergency revoke (epoch ms): gone at once. */
  revokedAt: number | null;
}

export function keyState(key: KeyTimes, now: number): KeyState {
  if (key.revokedAt !== null || (key.publishUntil !== null && key.publishUntil <= now)) return 'gone';
  if (now < key.activatesAt) return 'pending';
  if (key.retiredAt !== null && key.retiredAt <= now) return 'retired';
  return 'active';
}

/**
 * The signer at `now`: the live key that started signing last. Choosing by time (not by a
 * stored "current" flag) is what lets every instance switch at the activation time without a
 * restart or a notification.
 */
export function signerAt<K extends KeyTimes>(keys: Iterable<K>, now: number): K | undefined {
  let best: K | undefined;
  for (const key of keys) {
    const state = keyState(key, now);
    if (state !== 'active' && state !== 'retired') continue;
    if (!best || key.activatesAt > best.activatesAt) best = key;
  }
  return best;
}

export class SigningKeySet<K extends KeyTimes> {
  readonly #live: ReadonlyMap<string, K>;

  constructor(
    live: Iterable<K>,
    /** Kids the database knows as gone: refused without a reload. */
    readonly gone: ReadonlySet<string>,
  ) {
    this.#live = new Map([...live].map((k) => [k.kid, k]));
  }

  /** Whether the database knew `kid` when this set was read (live or gone). */
  knows(kid: string): boolean {
    return this.#live.has(kid) || this.gone.has(kid);
  }

  /** The key if it may verify a token at `now`: pending (another instance's clock may be ahead), active or retired in its window. */
  accepted(kid: string, now: number): K | undefined {
    const key = this.#live.get(kid);
    return key && keyState(key, now) !== 'gone' ? key : undefined;
  }

  signer(now: number): K | undefined {
    return signerAt(this.#live.values(), now);
  }

  /** Kids accepted at `now`. */
  acceptedKids(now: number): string[] {
    return [...this.#live.values()].filter((k) => keyState(k, now) !== 'gone').map((k) => k.kid);
  }

  /** The earliest time after `now` at which an accepted key's window ends (Infinity: none). */
  nextEnd(now: number): number {
    let end = Number.POSITIVE_INFINITY;
    for (const k of this.#live.values()) {
      if (k.publishUntil !== null && k.publishUntil > now && k.publishUntil < end) end = k.publishUntil;
    }
    return end;
  }

  /** The same set without `kid`: an emergency revoke takes effect before the reload that confirms it. */
  without(kid: string): SigningKeySet<K> {
    return new SigningKeySet(
      [...this.#live.values()].filter((k) => k.kid !== kid),
      new Set([...this.gone, kid]),
    );
  }
}
