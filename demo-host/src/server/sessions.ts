import { randomBytes } from 'node:crypto';
import type { BasketContents } from './basket.ts';

/**
 * The shop's in-memory sessions, keyed by a random id in an HttpOnly cookie.
 *
 * What happens when:
 * 1. A session is read: it is gone once idle for `idleMs` or older than `absoluteMs`
 *    (whichever comes first); otherwise its idle clock restarts. A stolen cookie is worth
 *    at most `absoluteMs`, an abandoned one at most `idleMs`.
 * 2. Any call finds the last sweep older than `sweepEveryMs`: every expired session is
 *    dropped. The sweep is lazy (no timer to unref or stop): a store nobody calls does not
 *    grow either.
 * 3. A session is created in a full store: the least recently used one is dropped. A flood of
 *    new sessions can log idle shoppers out, but can never grow memory past `maxSessions`.
 */
export interface Session {
  shopperId?: string;
  /** Seconds: the next planner token is this short-lived (the developer panel's button). */
  nextTokenLifetime?: number;
  /** The shopper's basket (basket.ts); a visitor's goes with them when they log in. */
  basket?: BasketContents;
}

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
  maxSessions: number;
  sweepEveryMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleMs: 30 * 60 * 1000,
  absoluteMs: 8 * 60 * 60 * 1000,
  maxSessions: 10_000,
  sweepEveryMs: 60 * 1000,
};

interface Entry {
  session: Session;
  createdAt: number;
  lastSeenAt: number;
}

export class Sessions {
  // A Map iterates in insertion order; re-inserting on every read keeps it least recently used first.
  readonly #entries = new Map<string, Entry>();
  readonly #limits: SessionLimits;
  readonly #now: () => number;
  #lastSweep: number;

  constructor(options: Partial<SessionLimits> & { now?: () => number } = {}) {
    const { now = Date.now, ...limits } = options;
    this.#limits = { ...DEFAULT_SESSION_LIMITS, ...limits };
    this.#now = now;
    this.#lastSweep = now();
  }

  get size(): number {
    return this.#entries.size;
  }

  get(id: string | undefined): Session | undefined {
    const now = this.#sweepIfDue();
    if (!id) return undefined;
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    this.#entries.delete(id);
    if (this.#expired(entry, now)) return undefined;
    entry.lastSeenAt = now;
    this.#entries.set(id, entry);
    return entry.session;
  }

  create(): { id: string; session: Session } {
    const now = this.#sweepIfDue();
    while (this.#entries.size >= this.#limits.maxSessions) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    const id = randomBytes(24).toString('base64url');
    const session: Session = {};
    this.#entries.set(id, { session, createdAt: now, lastSeenAt: now });
    return { id, session };
  }

  destroy(id: string | undefined): void {
    if (id) this.#entries.delete(id);
  }

  #expired(entry: Entry, now: number): boolean {
    return now - entry.lastSeenAt >= this.#limits.idleMs || now - entry.createdAt >= this.#limits.absoluteMs;
  }

  #sweepIfDue(): number {
    const now = this.#now();
    if (now - this.#lastSweep >= this.#limits.sweepEveryMs) {
      this.#lastSweep = now;
      for (const [id, entry] of this.#entries) if (this.#expired(entry, now)) this.#entries.delete(id);
    }
    return now;
  }
}
