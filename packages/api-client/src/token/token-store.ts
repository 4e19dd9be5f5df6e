import type { AccessTokenClaims, TokenKind } from '@planner/contract';
import { decodeClaims } from './decode-claims.ts';
import { PlatformClock } from './platform-clock.ts';

/**
 * Holds the planner's current access token with its decoded claims and when it arrived.
 *
 * ## Judging time without trusting the client's clock
 *
 * The platform's clock signs `iat` and `exp`; the visitor's clock may be minutes (or hours)
 * off. Comparing `exp` with `Date.now()` would make a clock running 5 minutes fast see every
 * 5-minute token as expired on arrival (a refresh loop), and one running slow use tokens the
 * platform already refuses. So a token's local expiry is its receipt time plus its lifetime,
 * `exp - iat`; elapsed time on one clock is exact whatever that clock's offset.
 *
 * What receipt time cannot see is the token's age on arrival (a host that caches tokens, a
 * slow back-end). The offset we observe, `receivedAt - iat`, is the clock's skew plus that
 * age, and one observation cannot tell them apart. We attribute to skew as much of it as a
 * plausible clock explains, `maxClockSkewMs` (default 5 minutes, the bound Kerberos uses),
 * because the platform mints tokens on demand and a fresh token is the norm. Whatever the
 * bound cannot explain is age. Hence:
 *
 * - **already expired** (never installed): `now >= exp + maxClockSkew`, i.e. the token is
 *   past its `exp` even if this clock runs the maximum plausible amount fast;
 * - **local expiry**: `min(receivedAt + lifetime, exp + maxClockSkew)`, the latest moment the
 *   token can still be valid under that bound.
 *
 * The estimate errs on the side of using a token (a too-old one costs one 401 and one
 * refresh, which the request queue handles), never on the side of refusing a good one.
 *
 * Once the platform's answers have told us its clock (`observePlatformDate`, fed by the
 * request queue with each answer's `Date` header; see `platform-clock.ts`), skew is no longer
 * guessed: the local expiry is `exp` on the platform's clock, `exp − offset`, which also sees
 * a token's age on arrival. The current record is re-estimated in place when the offset
 * changes (its identity, which the queue compares, stays), so a token handed over before the
 * first answer is judged by the platform's clock too (issue 13).
 *
 * Elapsed time uses the wall clock because it keeps counting while the computer sleeps; a
 * monotonic clock may not, and would make a token look fresh after a night in a laptop bag.
 * A wall-clock jump during a token's life is the residual risk, again caught by the 401 path.
 *
 * ## Leeway and early refresh
 *
 * A token is *usable* until `expiresAt - leeway` (the request must reach the platform before
 * the token expires there), and *due for refresh* from `expiresAt - earlyRefresh`, so a new
 * one can arrive while calls still flow. Both are capped by a share of the token's remaining
 * life (a quarter and a half), so a short-lived token is never born unusable, which would
 * loop.
 */
export interface TokenStoreOptions {
  /** The wall clock, in ms. Injectable for tests; defaults to `Date.now`. */
  now?: () => number;
  /** Stop using a token this long before its local expiry. Default 30 s. */
  leewayMs?: number;
  /** Ask for a new token this long before its local expiry, while it is still used. Default 60 s; 0 turns it off. */
  earlyRefreshMs?: number;
  /** The largest client clock error we assume. Default 5 minutes. */
  maxClockSkewMs?: number;
}

/** Why a token was not installed. */
export type TokenRefusal = 'malformed' | 'expired' | 'origin_not_allowed' | 'kind_mismatch';

/** Where a token came from: the sender's origin, and the kind its message announced. */
export interface TokenSender {
  /** `MessageEvent.origin` of the message that carried the token. */
  origin: string;
  /** `legal_entity` for `Authentication`, `user` for `Login`; checked against the claims. */
  kind?: TokenKind;
}

/**
 * An installed token. A new token is a new record, so a call can keep the one it was sent
 * with; only its timing is re-estimated when the platform's clock is learned.
 */
export interface TokenRecord {
  readonly token: string;
  readonly claims: AccessTokenClaims;
  readonly kind: TokenKind;
  /** Local wall-clock time of arrival, ms. */
  readonly receivedAt: number;
  /** Local time the token is estimated to expire at the platform. */
  readonly expiresAt: number;
  /** Local time from which a refresh is due while the token is still used. */
  readonly refreshFrom: number;
  /** Local time after which the token is no longer sent. */
  readonly usableUntil: number;
  /** The part of `receivedAt - iat` attributed to clock skew, ms (diagnostics). */
  readonly skewMs: number;
}

/**
 * `fresh`: send. `refresh_due`: send, and ask for a new token. `expired`: hold calls until a
 * new token (past `usableUntil`, or refused by the platform).
 */
export type TokenState = 'fresh' | 'refresh_due' | 'expired';

export type InstallResult =
  | { ok: true; record: TokenRecord /** false when the same token was handed over again */; changed: boolean }
  | { ok: false; reason: TokenRefusal };

type Timing = Pick<TokenRecord, 'expiresAt' | 'usableUntil' | 'refreshFrom' | 'skewMs'>;

export type TokenChange = { type: 'installed'; record: TokenRecord } | { type: 'cleared' };

export class TokenStore {
  private readonly now: () => number;
  private readonly leewayMs: number;
  private readonly earlyRefreshMs: number;
  private readonly maxClockSkewMs: number;
  private record: TokenRecord | undefined;
  private readonly rejected = new WeakSet<TokenRecord>();
  private readonly listeners = new Set<(change: TokenChange) => void>();
  private readonly platformClock = new PlatformClock();

  constructor(options: TokenStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.leewayMs = options.leewayMs ?? 30_000;
    this.earlyRefreshMs = options.earlyRefreshMs ?? 60_000;
    this.maxClockSkewMs = options.maxClockSkewMs ?? 5 * 60_000;
  }

  /** The installed token, if any. */
  get current(): TokenRecord | undefined {
    return this.record;
  }

  /**
   * Installs a token if it is well formed, was sent from one of its `origins`, matches the
   * announced kind and is not already expired. A refused token leaves the current one alone.
   */
  install(token: string, sender: TokenSender): InstallResult {
    if (this.record?.token === token) return { ok: true, record: this.record, changed: false };
    const claims = decodeClaims(token);
    if (!claims) return { ok: false, reason: 'malformed' };
    if (!isAllowedOrigin(sender.origin, claims.origins)) return { ok: false, reason: 'origin_not_allowed' };
    if (sender.kind !== undefined && sender.kind !== claims.kind)
      return { ok: false, reason: 'kind_mismatch' };

    const now = this.now();
    if (now >= claims.exp * 1000 + this.maxClockSkewMs) return { ok: false, reason: 'expired' };
    const record: TokenRecord = {
      token,
      claims,
      kind: claims.kind,
      receivedAt: now,
      ...this.timing(claims, now),
    };
    this.record = record;
    this.notify({ type: 'installed', record });
    return { ok: true, record, changed: true };
  }

  /** Platform time − local time, ms, once an answer's `Date` told it; see `platform-clock.ts`. */
  get platformOffsetMs(): number | undefined {
    return this.platformClock.offsetMs;
  }

  /**
   * Learns the platform's clock from an answer's `Date` header (`sentAt`, `receivedAt`: local
   * times the request left and the answer arrived) and re-times the current token with it.
   */
  observePlatformDate(date: string | null, sentAt: number, receivedAt: number): void {
    if (!this.platformClock.observe(date, sentAt, receivedAt) || !this.record) return;
    Object.assign(this.record, this.timing(this.record.claims, this.record.receivedAt));
  }

  /** When a token received at `receivedAt` expires, stops being used and is due for refresh. */
  private timing(claims: AccessTokenClaims, receivedAt: number): Timing {
    const iat = claims.iat * 1000;
    const exp = claims.exp * 1000;
    const offset = this.platformClock.offsetMs;
    const lifetime = exp - iat;
    const skewMs =
      offset === undefined ? clamp(receivedAt - iat, -this.maxClockSkewMs, this.maxClockSkewMs) : -offset;
    const expiresAt = Math.min(
      receivedAt + lifetime,
      offset === undefined ? exp + this.maxClockSkewMs : exp - offset,
    );
    const remaining = Math.max(0, expiresAt - receivedAt);
    const leeway = Math.min(this.leewayMs, remaining / 4);
    const early = Math.max(leeway, Math.min(this.earlyRefreshMs, remaining / 2));
    return { expiresAt, usableUntil: expiresAt - leeway, refreshFrom: expiresAt - early, skewMs };
  }

  /** Drops the token (the host logged the user out). Calls wait for the next one. */
  clear(): void {
    this.record = undefined;
    this.notify({ type: 'cleared' });
  }

  /** Where a token stands now; `undefined` when there is none. */
  stateOf(record: TokenRecord | undefined = this.record): TokenState | undefined {
    if (!record) return undefined;
    const now = this.now();
    if (this.rejected.has(record) || now >= record.usableUntil) return 'expired';
    return now >= record.refreshFrom ? 'refresh_due' : 'fresh';
  }

  /** The platform refused this token (401 `invalid_token`): treat it as expired from now on. */
  markRejected(record: TokenRecord): void {
    this.rejected.add(record);
  }

  /** Whether the platform refused this token. */
  isRejected(record: TokenRecord): boolean {
    return this.rejected.has(record);
  }

  /** Listens to installs and clears; returns a function that stops listening. */
  subscribe(listener: (change: TokenChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(change: TokenChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        // One faulty listener must not keep the others (the queue, the bridge) from hearing it.
        (globalThis as { reportError?: (error: unknown) => void }).reportError?.(error);
      }
    }
  }
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/**
 * Exact comparison of serialized origins. The claim's entries are normalized through `URL`
 * (lower-case host, default port dropped); an opaque origin (`'null'`, sandboxed frames,
 * `file:`) never matches.
 */
function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  if (origin === 'null' || origin === '') return false;
  return allowed.some((entry) => normalizeOrigin(entry) === origin);
}

function normalizeOrigin(entry: string): string | undefined {
  try {
    const origin = new URL(entry).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
