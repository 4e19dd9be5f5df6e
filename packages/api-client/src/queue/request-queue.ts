import type { TokenExpiredReason, TokenKind } from '@planner/protocol';
import { Emitter, type Observable } from '../emitter.ts';
import { ApiClientError, type ApiClientErrorCode, isApiClientError } from '../errors.ts';
import type { TokenChange, TokenRecord, TokenStore } from '../token/token-store.ts';
import { newIdempotencyKey, WRITE_METHODS } from './idempotency-key.ts';
import { type NetworkSource, pageNetwork } from './network-status.ts';
import { RefreshBreaker } from './refresh-breaker.ts';
import { prepareBody, type ReplayableBody } from './replayable-body.ts';
import { isKeyInProgress, type RetryOptions, RetryPolicy } from './retry-policy.ts';
import { isInvalidTokenResponse } from './www-authenticate.ts';

/**
 * The request queue: every web-service call of the planner goes through it.
 *
 * 1. No token yet: the call waits (the bridge is still saying `Ready` to the host).
 * 2. Token usable: the call goes at once, with `Authorization: Bearer`, and remembers the
 *    token record it was sent with.
 * 3. Token due for refresh (near the end of its life): the call still goes, and the queue
 *    asks the host for a new token once, in the background.
 * 4. Token expired (locally, with a leeway) or refused by the platform (401
 *    `invalid_token` for a call sent with the *current* token): exactly one refresh starts
 *    (`requestToken`, i.e. a `TokenExpired` message), and every call, new ones included, is
 *    held. Nothing goes out with the old token from then on.
 * 5. A new token arrives: held calls are sent in the order they were issued.
 *
 * A 401 for a call sent with an *older* token (a late answer) replays it at once with the
 * current one; no new refresh. A call is replayed after a 401 at most once: refused again,
 * it fails with `TOKEN_REJECTED`. Refresh starts are capped by a breaker. If the host does
 * not answer, `TokenExpired` is re-sent with back-off, then every held call fails with
 * `REFRESH_TIMEOUT` and the queue starts afresh with the next call.
 *
 * A network error, 408, 429 or 502/503/504 is retried after a back-off (or the `Retry-After`
 * asked for), reads always and writes only with their `Idempotency-Key`; see
 * `retry-policy.ts`. A retry goes through the same token rules as a first send.
 *
 * While the browser says it is offline (`navigator.onLine` false), calls wait instead of
 * failing, new ones and those whose `fetch` failed meanwhile (if they may be retried), and
 * go out in issue order on the `online` event; `networkChange` tells the UI.
 *
 * Each call has one deadline covering waiting, back-off and sending, honours its
 * `AbortSignal` while held, backing off and in flight, and the number of pending calls
 * (calls, not attempts) is bounded. Bodies are snapshotted
 * at the call so a replay is byte-identical, and every write carries one `Idempotency-Key`
 * for all its attempts, so the platform applies a replayed write once.
 *
 * HTTP error statuses are not failures here: the queue resolves with the `Response`, as
 * `fetch` does, and `web-services.ts` maps them to coded errors. Each answer's `Date` header
 * goes to the token store, which judges expiry on the platform's clock from then on.
 */

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The part of `Document` the queue watches to check its token when the tab wakes up. */
export interface VisibilitySource {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export interface RequestQueueOptions {
  tokens: TokenStore;
  /** Asks the host for a new token (the bridge posts `TokenExpired`). Called again on each re-send. */
  requestToken: (reason: TokenExpiredReason, kind: TokenKind | undefined) => void;
  fetch?: FetchLike;
  /** Wall clock in ms; use the token store's clock. Defaults to `Date.now`. */
  now?: () => number;
  /**
   * Most calls pending at once (held, backing off or in flight); more fail with `QUEUE_FULL`.
   * A held call costs a few hundred bytes, so the default, 10 000, is far above what a planner
   * issues: it stops a runaway loop, never a refresh storm (issue 13).
   */
  maxPending?: number;
  /** Retries of network errors and of 408/429/502/503/504; see `RetryOptions`. */
  retry?: RetryOptions;
  /** Jitter source, in [0, 1). Defaults to `Math.random`. */
  random?: () => number;
  /** Default deadline of a call, waiting and sending together, ms. Default 60 s. */
  timeoutMs?: number;
  /** How long to wait for the host's new token before failing held calls. Default 30 s. */
  refreshTimeoutMs?: number;
  /** First re-send of `TokenExpired` after this long, then doubling. Default 4 s. */
  refreshRetryMs?: number;
  /** At most this many refresh starts per `refreshWindowMs`. Default 3. */
  maxRefreshes?: number;
  /** Default 60 s. */
  refreshWindowMs?: number;
  /** Watched for `visibilitychange`; defaults to `document` where there is one; `null` for none. */
  visibility?: VisibilitySource | null;
  /** `navigator.onLine` and the `online`/`offline` events; defaults to the page's; `null` for none. */
  network?: NetworkSource | null;
}

export interface RequestOptions extends Omit<RequestInit, 'body' | 'signal' | 'window'> {
  body?: BodyInit | null;
  /** A value sent as JSON (`Content-Type: application/json`); instead of `body`. */
  json?: unknown;
  signal?: AbortSignal;
  /** This call's deadline (waiting and sending), ms. `Infinity` for none. */
  timeoutMs?: number;
  /**
   * Reuse a key across logical retries of the same write; generated once per call otherwise.
   * `false` sends a write without one (and so never retries it).
   */
  idempotencyKey?: string | false;
}

/** Why a call waits. */
export type HoldReason = 'no_token' | 'expired' | 'refreshing' | 'rejected' | 'offline';

/** How a refresh ended without a new token, other than by time-out. */
export type RefreshFailureCode = 'REFRESH_LIMITED' | 'TOKEN_UNAVAILABLE' | 'LOGGED_OUT' | 'DESTROYED';

export interface QueueEventMap {
  /** A refresh began: `TokenExpired` was sent. `early` when calls keep flowing meanwhile. */
  refreshStart: { reason: TokenExpiredReason; kind: TokenKind | undefined; early: boolean; held: number };
  /** A new token arrived; `requests` counts the `TokenExpired` messages sent for it. */
  refreshSuccess: { durationMs: number; requests: number; released: number };
  /** A refresh could not start or was abandoned; `rejected` held calls failed with it. */
  refreshFailure: { code: RefreshFailureCode; durationMs: number; rejected: number };
  /** The host never answered; `rejected` held calls failed with `REFRESH_TIMEOUT`. */
  refreshTimeout: { durationMs: number; requests: number; rejected: number };
  /** The browser went offline or came back; `waiting` calls wait for the network. */
  networkChange: { online: boolean; waiting: number };
  /**
   * A call is held; `held` is the number of calls waiting for the same thing (a token, or the
   * network for `offline`), including it.
   */
  callQueued: { id: number; method: string; url: string; reason: HoldReason; held: number };
  /**
   * A call will be sent again after `delayMs`: `cause` is the status that asked for it, or
   * `network` when `fetch` failed. `retry` counts them, 1 for the first.
   */
  callRetried: {
    id: number;
    method: string;
    url: string;
    retry: number;
    delayMs: number;
    cause: number | 'network';
  };
  /** A held call was sent; `attempt` is 1 for a first send, 2 for a replay after a 401. */
  callReplayed: { id: number; method: string; url: string; attempt: number; heldMs: number };
  /** A call failed in the queue (HTTP statuses are not failures here). */
  callRejected: {
    id: number;
    method: string;
    url: string;
    code: ApiClientErrorCode | 'ABORTED';
    heldMs: number;
  };
}

interface Call {
  readonly id: number;
  readonly url: string;
  readonly method: string;
  readonly init: Omit<RequestInit, 'body' | 'signal' | 'headers' | 'method' | 'window'>;
  readonly headers: Headers;
  readonly body: ReplayableBody | undefined;
  readonly deadlineAt: number;
  readonly resolve: (response: Response) => void;
  readonly reject: (error: unknown) => void;
  settled: boolean;
  /** When the call started waiting, while it is held. */
  heldAt: number | undefined;
  sends: number;
  /** The call was already replayed after a 401; another one fails it. */
  refusedOnce: boolean;
  /** Retries used (network errors and retryable statuses; not 401 replays). */
  retries: number;
  /** The back-off before the next retry, while it runs. */
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The attempt in flight, aborted when the call is settled from outside (abort, deadline). */
  attempt: AbortController | undefined;
  deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  detachSignal: (() => void) | undefined;
  /** The caller's signal, also given to every attempt's `fetch`, so it can still cancel a body. */
  readonly signal: AbortSignal | undefined;
}

interface Refresh {
  readonly startedAt: number;
  readonly reason: TokenExpiredReason;
  readonly kind: TokenKind | undefined;
  /** Calls are held until it ends; an early refresh becomes blocking when the token expires. */
  blocking: boolean;
  /** When held calls give up; counted from when calls started waiting. */
  timeoutAt: number;
  requests: number;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  timeoutTimer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The signal of one attempt's `fetch`: after the response arrived, aborting the caller's signal
 * still cancels its body, as with a plain fetch. `AbortSignal.any` holds its sources weakly,
 * so a long-lived caller's signal keeps nothing alive; browsers before it (Safari < 17.4)
 * only lose that body cancellation.
 */
function attemptSignal(attempt: AbortSignal, caller: AbortSignal | undefined): AbortSignal {
  if (!caller || typeof AbortSignal.any !== 'function') return attempt;
  return AbortSignal.any([attempt, caller]);
}

// setTimeout stores its delay in 32 bits; longer deadlines mean none.
const MAX_TIMER_MS = 2 ** 31 - 1;

export class RequestQueue implements Observable<QueueEventMap> {
  private readonly tokens: TokenStore;
  private readonly requestToken: RequestQueueOptions['requestToken'];
  private readonly fetchFn: FetchLike;
  private readonly now: () => number;
  private readonly maxPending: number;
  private readonly timeoutMs: number;
  private readonly refreshTimeoutMs: number;
  private readonly refreshRetryMs: number;
  private readonly breaker: RefreshBreaker;
  /** Tokens a refresh brought that the platform has not accepted yet: that refresh's start. */
  private readonly unproven = new WeakMap<TokenRecord, number>();
  private readonly retryPolicy: RetryPolicy;
  private readonly events = new Emitter<QueueEventMap>();
  private readonly cleanups: Array<() => void> = [];

  /** Every unsettled call, held or in flight. */
  private readonly pending = new Set<Call>();
  /** Calls waiting for a token. Kept in issue order when released. */
  private held: Call[] = [];
  /** Calls waiting for the network to come back. */
  private offline: Call[] = [];
  private readonly network: NetworkSource | null;
  private refresh: Refresh | undefined;
  private nextId = 1;
  private destroyed = false;

  constructor(options: RequestQueueOptions) {
    this.tokens = options.tokens;
    this.requestToken = options.requestToken;
    this.fetchFn = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.now = options.now ?? Date.now;
    this.maxPending = options.maxPending ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.refreshTimeoutMs = options.refreshTimeoutMs ?? 30_000;
    this.refreshRetryMs = options.refreshRetryMs ?? 4_000;
    this.breaker = new RefreshBreaker(options.maxRefreshes ?? 3, options.refreshWindowMs ?? 60_000);
    const random = options.random ?? (() => Math.random());
    this.retryPolicy = new RetryPolicy(options.retry, random);

    this.cleanups.push(this.tokens.subscribe((change) => this.onTokenChange(change)));
    const visibility =
      options.visibility === undefined
        ? (globalThis as { document?: VisibilitySource }).document
        : options.visibility;
    if (visibility) {
      // A sleeping tab's timers are frozen; when it is shown again, look at the token once
      // rather than waiting for the user's next click to find it expired.
      const onVisibility = () => {
        if (visibility.visibilityState === 'visible') this.check();
      };
      visibility.addEventListener('visibilitychange', onVisibility);
      this.cleanups.push(() => visibility.removeEventListener('visibilitychange', onVisibility));
    }
    this.network = options.network === undefined ? pageNetwork() : options.network;
    const network = this.network;
    if (network) {
      const onOnline = () => this.onNetworkChange(true);
      const onOffline = () => this.onNetworkChange(false);
      network.addEventListener('online', onOnline);
      network.addEventListener('offline', onOffline);
      this.cleanups.push(() => {
        network.removeEventListener('online', onOnline);
        network.removeEventListener('offline', onOffline);
      });
    }
  }

  on<K extends keyof QueueEventMap>(
    type: K,
    listener: (event: QueueEventMap[K] & { type: K }) => void,
  ): () => void {
    return this.events.on(type, listener);
  }

  onAny(listener: Parameters<Emitter<QueueEventMap>['onAny']>[0]): () => void {
    return this.events.onAny(listener);
  }

  /** Calls held or in flight. */
  get size(): number {
    return this.pending.size;
  }

  /** Calls waiting for a token. */
  get heldCount(): number {
    return this.held.length;
  }

  /** Calls waiting for the network. */
  get offlineCount(): number {
    return this.offline.length;
  }

  /** False while the browser says it is offline (calls wait); true without a network source. */
  get online(): boolean {
    return this.network?.onLine !== false;
  }

  /** Whether a refresh is under way. */
  get refreshing(): boolean {
    return this.refresh !== undefined;
  }

  /**
   * `fetch` through the queue. Resolves with the platform's `Response` (any status but a
   * refused token); rejects with an `ApiClientError`, or the signal's reason when aborted.
   * Without `method`, a call with a body is a `POST`, one without a `GET`.
   */
  request(url: string | URL, options: RequestOptions = {}): Promise<Response> {
    const { body, json, signal, timeoutMs, idempotencyKey, headers, method, ...init } = options;
    const id = this.nextId++;
    const target = String(url);
    const verb = (method ?? (body != null || json !== undefined ? 'POST' : 'GET')).toUpperCase();
    const refuse = (error: unknown) => {
      const code = codeOf(error);
      if (code) this.events.emit('callRejected', { id, method: verb, url: target, code, heldMs: 0 });
      return Promise.reject(error);
    };

    if (this.destroyed) return refuse(new ApiClientError('DESTROYED', 'The api-client was destroyed.'));
    if (signal?.aborted) return refuse(abortReason(signal));
    if (this.pending.size >= this.maxPending) {
      return refuse(new ApiClientError('QUEUE_FULL', `Too many calls pending (${this.maxPending}).`));
    }
    let prepared: ReturnType<typeof prepareBody>;
    try {
      prepared = prepareBody(body, json);
    } catch (error) {
      return refuse(error);
    }

    const snapshot = new Headers(headers);
    // The queue owns authentication: a caller's own Authorization would outlive its token.
    snapshot.delete('Authorization');
    // A multipart body's boundary lives in its Content-Type, so ours wins there; otherwise
    // the caller's type wins, as with fetch.
    const multipart = prepared.contentType?.startsWith('multipart/form-data') ?? false;
    if (prepared.contentType && (multipart || !snapshot.has('Content-Type'))) {
      snapshot.set('Content-Type', prepared.contentType);
    }
    if (WRITE_METHODS.has(verb) && !snapshot.has('Idempotency-Key') && idempotencyKey !== false) {
      snapshot.set('Idempotency-Key', idempotencyKey ?? newIdempotencyKey());
    }

    const now = this.now();
    const budget = timeoutMs ?? this.timeoutMs;
    return new Promise<Response>((resolve, reject) => {
      const call: Call = {
        id,
        url: target,
        method: verb,
        init,
        headers: snapshot,
        body: prepared.body,
        deadlineAt: now + budget,
        resolve,
        reject,
        settled: false,
        heldAt: undefined,
        sends: 0,
        refusedOnce: false,
        retries: 0,
        retryTimer: undefined,
        attempt: undefined,
        deadlineTimer: undefined,
        detachSignal: undefined,
        signal,
      };
      this.pending.add(call);
      if (budget <= MAX_TIMER_MS) {
        call.deadlineTimer = setTimeout(() => this.settle(call, deadlineError()), Math.max(0, budget));
      }
      if (signal) {
        const onAbort = () => this.settle(call, abortReason(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        call.detachSignal = () => signal.removeEventListener('abort', onAbort);
      }
      this.dispatch(call);
    });
  }

  /**
   * Looks at the token now: fails calls past their deadline, times out an overdue refresh,
   * and starts one refresh if the token is expired or due. Runs when the tab becomes
   * visible; idempotent, so it may be called at any time.
   */
  check(): void {
    if (this.destroyed) return;
    const now = this.now();
    for (const call of [...this.pending]) {
      if (now >= call.deadlineAt) this.settle(call, deadlineError());
    }
    if (this.refresh) {
      if (now >= this.refresh.timeoutAt) this.timeOutRefresh();
      return;
    }
    const record = this.tokens.current;
    const state = this.tokens.stateOf(record);
    if (record && state === 'expired') this.startRefresh(this.reasonFor(record), true);
    else if (state === 'refresh_due') this.startRefresh('expired', false);
  }

  /**
   * The host reported it cannot get a token (`Error { code: 'token_unavailable' }`): end the
   * refresh and fail every held call with `TOKEN_UNAVAILABLE` rather than let them wait for
   * the time-out. Calls made afterwards start afresh.
   */
  tokenUnavailable(): void {
    if (this.destroyed) return;
    const refresh = this.endRefresh();
    const rejected = this.failHeld('TOKEN_UNAVAILABLE', 'The host could not provide a new token.');
    this.events.emit('refreshFailure', {
      code: 'TOKEN_UNAVAILABLE',
      durationMs: refresh ? this.now() - refresh.startedAt : 0,
      rejected,
    });
  }

  /** Fails every pending call with `DESTROYED`, stops all timers and listeners. Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    const refresh = this.endRefresh();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    const rejected = this.failAll('DESTROYED', 'The api-client was destroyed.');
    if (refresh) {
      this.events.emit('refreshFailure', {
        code: 'DESTROYED',
        durationMs: this.now() - refresh.startedAt,
        rejected,
      });
    }
    this.events.clear();
  }

  /** Sends the call, or holds it, depending on the token; starts a refresh when needed. */
  private dispatch(call: Call): void {
    if (call.settled) return;
    if (!this.online) {
      this.waitForNetwork(call);
      return;
    }
    const record = this.tokens.current;
    const state = this.tokens.stateOf(record);
    if (!record || state === undefined) {
      this.hold(call, 'no_token');
      return;
    }
    if (state === 'expired') {
      // Hold first: if the breaker refuses the refresh, the held call fails with it.
      this.hold(call, this.refresh ? 'refreshing' : 'expired');
      this.startRefresh(this.reasonFor(record), true);
      return;
    }
    if (this.refresh?.blocking) {
      this.hold(call, 'refreshing');
      return;
    }
    if (state === 'refresh_due') this.startRefresh('expired', false);
    void this.send(call, record);
  }

  private waitForNetwork(call: Call): void {
    call.heldAt ??= this.now();
    this.offline.push(call);
    this.events.emit('callQueued', {
      id: call.id,
      method: call.method,
      url: call.url,
      reason: 'offline',
      held: this.offline.length,
    });
  }

  private onNetworkChange(online: boolean): void {
    if (this.destroyed) return;
    const waiting = this.offline.sort((a, b) => a.id - b.id);
    this.events.emit('networkChange', { online, waiting: waiting.length });
    if (!online) return;
    this.offline = [];
    for (const call of waiting) this.dispatch(call);
  }

  private hold(call: Call, reason: HoldReason): void {
    call.heldAt ??= this.now();
    this.held.push(call);
    this.events.emit('callQueued', {
      id: call.id,
      method: call.method,
      url: call.url,
      reason,
      held: this.held.length,
    });
  }

  private async send(call: Call, record: TokenRecord): Promise<void> {
    if (call.heldAt !== undefined) {
      this.events.emit('callReplayed', {
        id: call.id,
        method: call.method,
        url: call.url,
        attempt: call.sends + 1,
        heldMs: this.now() - call.heldAt,
      });
      call.heldAt = undefined;
    }
    call.sends += 1;
    const attempt = new AbortController();
    call.attempt = attempt;
    const headers = new Headers(call.headers);
    headers.set('Authorization', `Bearer ${record.token}`);

    let response: Response;
    const sentAt = this.now();
    try {
      response = await this.fetchFn(call.url, {
        ...call.init,
        method: call.method,
        headers,
        body: call.body ?? null,
        signal: attemptSignal(attempt.signal, call.signal),
      });
    } catch (error) {
      // The call was already aborted or timed out: nothing to do.
      if (call.settled) return;
      const failure = new ApiClientError('NETWORK_ERROR', 'The request did not reach the platform.', {
        cause: error,
      });
      // Known to be offline: wait for the network rather than spend retries against it.
      if (!this.online && this.retryPolicy.mayRetry(call.method, call.headers)) this.waitForNetwork(call);
      else if (!this.retryLater(call, undefined)) this.settle(call, failure);
      return;
    }
    // Every answer tells the platform's time, so the token's expiry is judged on its clock.
    this.tokens.observePlatformDate(response.headers.get('Date'), sentAt, this.now());
    if (call.settled) {
      discard(response);
      return;
    }
    if (await isInvalidTokenResponse(response)) {
      discard(response);
      if (!call.settled) this.onTokenRefused(call, record);
      return;
    }
    this.proven(record);
    const inProgress = call.headers.has('Idempotency-Key') && (await isKeyInProgress(response));
    if (!call.settled && this.retryLater(call, response, inProgress)) {
      discard(response);
      return;
    }
    this.settle(call, response);
  }

  /**
   * Schedules the call's next send if the policy allows one (`response` undefined: `fetch`
   * failed) and it can start before the deadline; false when this outcome is final.
   */
  private retryLater(call: Call, response: Response | undefined, inProgress = false): boolean {
    const policy = this.retryPolicy;
    if (call.retries >= policy.retries || !policy.mayRetry(call.method, call.headers)) return false;
    const delayMs = policy.delay(
      call.retries + 1,
      response,
      this.now() + (this.tokens.platformOffsetMs ?? 0),
      inProgress,
    );
    if (delayMs === undefined || this.now() + delayMs >= call.deadlineAt) return false;
    call.retries += 1;
    this.events.emit('callRetried', {
      id: call.id,
      method: call.method,
      url: call.url,
      retry: call.retries,
      delayMs,
      cause: response ? response.status : 'network',
    });
    call.retryTimer = setTimeout(() => {
      call.retryTimer = undefined;
      this.dispatch(call);
    }, delayMs);
    return true;
  }

  /** The platform answered a call sent with `record` other than "invalid token". */
  private proven(record: TokenRecord): void {
    const startedAt = this.unproven.get(record);
    if (startedAt === undefined) return;
    this.unproven.delete(record);
    this.breaker.forgive(startedAt);
  }

  /** A 401 `invalid_token` for a call sent with `record`. */
  private onTokenRefused(call: Call, record: TokenRecord): void {
    if (call.refusedOnce) {
      // Already replayed with a fresh token and refused again: no loop, fail clearly.
      this.settle(
        call,
        new ApiClientError('TOKEN_REJECTED', 'The platform refused the call even with a new token.'),
      );
      return;
    }
    call.refusedOnce = true;
    if (record === this.tokens.current) {
      // The current token is bad: stop using it, hold everything, ask for a new one.
      this.tokens.markRejected(record);
      this.hold(call, this.refresh?.blocking ? 'refreshing' : 'rejected');
      this.startRefresh('rejected', true);
      return;
    }
    // A late answer for an older token: a newer one is already here (or being fetched).
    this.dispatch(call);
  }

  private startRefresh(reason: TokenExpiredReason, blocking: boolean): void {
    const now = this.now();
    if (this.refresh) {
      if (blocking && !this.refresh.blocking) {
        // An early refresh the host has not answered yet, and now calls must wait: they get
        // the full time-out from now, unless the one armed at the start is sooner.
        this.refresh.blocking = true;
        if (now + this.refreshTimeoutMs < this.refresh.timeoutAt) this.armTimeout(this.refresh, now);
      }
      return;
    }
    if (!this.breaker.tryStart(now)) {
      // Early refreshes are a convenience: skip them. Held calls cannot be served.
      const rejected = blocking
        ? this.failHeld('REFRESH_LIMITED', 'Too many token refreshes in a short time.')
        : 0;
      this.events.emit('refreshFailure', { code: 'REFRESH_LIMITED', durationMs: 0, rejected });
      return;
    }
    const refresh: Refresh = {
      startedAt: now,
      reason,
      kind: this.tokens.current?.kind,
      blocking,
      timeoutAt: now,
      requests: 0,
      retryTimer: undefined,
      timeoutTimer: undefined,
    };
    this.refresh = refresh;
    // The time-out protects held calls, so it counts from when calls start waiting: now for
    // a blocking refresh, when the token stops being usable for an early one.
    const waitFrom = blocking ? now : Math.max(now, this.tokens.current?.usableUntil ?? now);
    this.armTimeout(refresh, waitFrom);
    this.events.emit('refreshStart', {
      reason,
      kind: refresh.kind,
      early: !blocking,
      held: this.held.length,
    });
    this.askForToken(refresh);
  }

  /** Sends `TokenExpired`, and again with doubling delays until the token or the time-out. */
  private askForToken(refresh: Refresh): void {
    if (this.refresh !== refresh) return;
    refresh.requests += 1;
    // Scheduled first: the host may answer synchronously, and its token ends this refresh.
    const delay = this.refreshRetryMs * 2 ** (refresh.requests - 1);
    refresh.retryTimer = setTimeout(() => this.askForToken(refresh), delay);
    try {
      this.requestToken(refresh.reason, refresh.kind);
    } catch (error) {
      // A failing messenger must not wedge the queue; the re-send or the time-out follow.
      (globalThis as { reportError?: (error: unknown) => void }).reportError?.(error);
    }
  }

  private armTimeout(refresh: Refresh, waitFrom: number): void {
    clearTimeout(refresh.timeoutTimer);
    refresh.timeoutAt = waitFrom + this.refreshTimeoutMs;
    refresh.timeoutTimer = setTimeout(() => this.timeOutRefresh(), refresh.timeoutAt - this.now());
  }

  private timeOutRefresh(): void {
    const refresh = this.endRefresh();
    if (!refresh) return;
    const rejected = this.failHeld('REFRESH_TIMEOUT', 'The host did not provide a new token in time.');
    this.events.emit('refreshTimeout', {
      durationMs: this.now() - refresh.startedAt,
      requests: refresh.requests,
      rejected,
    });
  }

  private endRefresh(): Refresh | undefined {
    const refresh = this.refresh;
    if (refresh) {
      clearTimeout(refresh.retryTimer);
      clearTimeout(refresh.timeoutTimer);
      this.refresh = undefined;
    }
    return refresh;
  }

  private onTokenChange(change: TokenChange): void {
    if (change.type === 'cleared') {
      // Logout: whatever was pending belonged to the user who left.
      const refresh = this.endRefresh();
      const rejected = this.failAll('LOGGED_OUT', 'The user logged out.');
      if (refresh) {
        this.events.emit('refreshFailure', {
          code: 'LOGGED_OUT',
          durationMs: this.now() - refresh.startedAt,
          rejected,
        });
      }
      return;
    }
    const refresh = this.endRefresh();
    if (refresh) this.unproven.set(change.record, refresh.startedAt);
    const released = this.held.sort((a, b) => a.id - b.id);
    this.held = [];
    if (refresh) {
      this.events.emit('refreshSuccess', {
        durationMs: this.now() - refresh.startedAt,
        requests: refresh.requests,
        released: released.length,
      });
    }
    for (const call of released) this.dispatch(call);
  }

  private reasonFor(record: TokenRecord): TokenExpiredReason {
    return this.tokens.isRejected(record) ? 'rejected' : 'expired';
  }

  private failHeld(code: ApiClientErrorCode, message: string): number {
    const calls = this.held;
    this.held = [];
    for (const call of calls) this.settle(call, new ApiClientError(code, message));
    return calls.length;
  }

  private failAll(code: ApiClientErrorCode, message: string): number {
    const calls = [...this.pending];
    for (const call of calls) this.settle(call, new ApiClientError(code, message));
    return calls.length;
  }

  /** Settles a call exactly once, with a response or an error, and forgets it. */
  private settle(call: Call, outcome: Response | unknown): void {
    if (call.settled) return;
    call.settled = true;
    clearTimeout(call.deadlineTimer);
    clearTimeout(call.retryTimer);
    // Also after a response: a long-lived signal shared by many calls must not collect a
    // listener (and the call it holds, body included) per call.
    call.detachSignal?.();
    this.pending.delete(call);
    const index = this.held.indexOf(call);
    if (index >= 0) this.held.splice(index, 1);
    const waiting = this.offline.indexOf(call);
    if (waiting >= 0) this.offline.splice(waiting, 1);
    if (outcome instanceof Response) {
      call.resolve(outcome);
      return;
    }
    call.attempt?.abort();
    const code = codeOf(outcome);
    if (code) {
      const heldMs = call.heldAt === undefined ? 0 : this.now() - call.heldAt;
      this.events.emit('callRejected', { id: call.id, method: call.method, url: call.url, code, heldMs });
    }
    call.reject(outcome);
  }
}

/** The code a rejection is reported with in events; none for a caller's programming error. */
function codeOf(error: unknown): ApiClientErrorCode | 'ABORTED' | undefined {
  if (isApiClientError(error)) return error.code;
  if (error instanceof TypeError) return undefined;
  return 'ABORTED';
}

const deadlineError = () =>
  new ApiClientError('DEADLINE_EXCEEDED', 'The call did not complete before its deadline.');

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');

function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}
