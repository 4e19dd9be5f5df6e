import {
  type AnalyticsMessage,
  type BasketMessage,
  type ErrorMessage,
  HOST_LISTENS_FRAGMENT,
  type LoginRequiredMessage,
  message,
  type PlannerApi,
  type PlannerEvent,
  type ProtocolErrorCode,
  parseHostMessage,
  type ReadyMessage,
  type RejectReason,
  type SettingsMessage,
  type TokenExpiredMessage,
  type TokenExpiredReason,
  type TokenKind,
} from '@planner/protocol';
import { Emitter, type Observable } from '../emitter.ts';
import type { TokenRefusal, TokenStore } from '../token/token-store.ts';
import type { Verification, VerifyToken } from '../token/verify-token.ts';
import { exposeMethods } from './expose-methods.ts';

/**
 * The planner's side of the iframe protocol.
 *
 * 1. Until the first token arrives, post `Ready` to `window.parent` with target `*` (it
 *    carries nothing secret), at once and again with back-off, so a host whose script loads
 *    late still connects. While a token is being verified the `Ready`s due are skipped (a
 *    host answers each with a new token); they go on if it is refused.
 * 2. Accept `Authentication` / `Login` only when `event.source` is `window.parent`, the
 *    message passes `parseHostMessage`, the token is proven genuine (`verifyToken`: the
 *    platform's signature, issuer, audience, type and expiry; see `verify-token.ts`), and the
 *    token store installs it: well formed, not already expired, of the announced kind, and
 *    `event.origin` is one of the embed origins the platform put in the token. The first
 *    accepted token pins that origin: from then on the bridge posts only to it and hears
 *    only it. Nothing is pinned, no port is used and nothing is exposed on a claim alone:
 *    any page can write a JWT that names itself in `origins` (issue 9).
 *    Verification is asynchronous; tokens are taken in the order they came, and a `Logout`
 *    drops any token still being verified that came before it.
 * 3. A refused token is never answered before pinning (its sender is unverified; telling it
 *    why would help a hostile page probe): it is reported locally, as a `tokenRefused`
 *    event, so the planner can show "this page may not embed the planner". After pinning,
 *    the pinned host is told with `Error { code: 'token_rejected' }`.
 * 4. From the pinned host: `Logout` drops the token (held calls fail, new ones wait for the
 *    next token); `Error { code: 'token_unavailable' }` becomes a `tokenUnavailable` event;
 *    `Connect` brings two ports, `[rpc, events]`: the planner's `PlannerApi` is exposed in
 *    comlink's wire format on the first (methods only, see `expose-methods.ts`); `PlannerEvent`s go out on
 *    the second, starting with `ready` once the API is exposed.
 * 5. `Settings` (theme, locale) from `window.parent` become a `settings` event once its origin
 *    is pinned; ones that came before are kept (the last one) until a token from the same
 *    origin pins it, else dropped. The UI applies them; they were validated by the protocol.
 *
 * Everything else is ignored, never thrown on, and reported as an `ignored` event.
 */

/** The part of `window.parent` the bridge posts to. */
export interface MessageTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** The part of a `MessageEvent` the bridge reads. */
export interface InboundMessage {
  readonly data: unknown;
  readonly origin: string;
  readonly source: unknown;
  readonly ports: ReadonlyArray<MessagePort>;
}

/** The part of `window` the bridge uses; the real `window` fits. */
export interface BridgeWindow {
  readonly parent: MessageTarget;
  /** The page's address: its fragment may say the host listens from the start. */
  readonly location?: { readonly hash: string };
  addEventListener(type: 'message', listener: (event: InboundMessage) => void): void;
  removeEventListener(type: 'message', listener: (event: InboundMessage) => void): void;
}

export interface BridgeOptions {
  tokens: TokenStore;
  /** Proves a token was issued by the platform; see `createTokenVerifier`. */
  verifyToken: VerifyToken;
  /** Sent in `Ready`, for the host's diagnostics. */
  plannerVersion: string;
  /** Defaults to the global `window`. */
  window?: BridgeWindow;
  /** First re-send of `Ready` after this long, then doubling. Default 250 ms. */
  readyRetryMs?: number;
  /** Longest pause between two `Ready`s. Default 5 s. */
  readyMaxIntervalMs?: number;
  /**
   * The host listened before this page loaded, so it heard the first `Ready`: the next waits
   * `readyMaxIntervalMs`, not the back-off. Default: whether the URL fragment says so
   * (`HOST_LISTENS_FRAGMENT`, which the SDK adds when it sets the frame's address).
   */
  hostListens?: boolean;
}

/** Why an incoming message was ignored. */
export type IgnoreReason = RejectReason | 'wrong_source' | 'wrong_origin' | 'not_pinned';

/** Why a token was not taken: the token store's reasons, or its signature did not prove it genuine. */
export type BridgeRefusal = TokenRefusal | Exclude<Verification, 'genuine'>;

export interface BridgeEventMap {
  /** A token was installed; `first` when it pinned the host's origin. */
  tokenAccepted: { kind: TokenKind; origin: string; first: boolean };
  /** A token was not installed. Before pinning, this is the only trace: nothing is posted. */
  tokenRefused: { reason: BridgeRefusal; origin: string; pinned: boolean };
  /** The host logged the user out. */
  loggedOut: Record<string, never>;
  /** The host could not get a token; the UI may show "the session could not be renewed". */
  tokenUnavailable: { message: string };
  /** An SDK host connected its ports. */
  connected: Record<string, never>;
  /** The pinned host's theme, locale, share link and/or shopper name (validated by the protocol). */
  settings: Pick<SettingsMessage, 'theme' | 'locale' | 'link' | 'shopper'>;
  /** A message was ignored (diagnostics only; the data is not included, it may hold a token). */
  ignored: { reason: IgnoreReason; origin: string };
}

export class Bridge implements Observable<BridgeEventMap> {
  private readonly tokens: TokenStore;
  private readonly verifyToken: VerifyToken;
  private readonly version: string;
  private readonly win: BridgeWindow;
  private readonly readyMaxIntervalMs: number;
  private readonly hostListens: boolean;
  private readonly events = new Emitter<BridgeEventMap>();
  private pinned: string | undefined;
  private readyDelay: number;
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  private api: PlannerApi | undefined;
  private rpcPort: MessagePort | undefined;
  private eventsPort: MessagePort | undefined;
  /** A `Connect` from `window.parent` that came before the first token: used once its origin is pinned. */
  private early: { origin: string; ports: ReadonlyArray<MessagePort> } | undefined;
  /** The last `Settings` from `window.parent` before the first token: applied once its origin is pinned. */
  private earlySettings: { origin: string; settings: BridgeEventMap['settings'] } | undefined;
  private destroyed = false;
  /** Tokens are verified one after the other, so they are taken in the order they came. */
  private verifying: Promise<void> = Promise.resolve();
  /** Counts `Logout`s: a token verified after a later `Logout` is dropped. */
  private logouts = 0;
  /** Tokens received and not yet verified. */
  private unverified = 0;
  /** This page load's id, sent in every `Ready` (see the protocol's `ReadyMessage`). */
  private readonly instance = Math.random().toString(36).slice(2, 12);

  constructor(options: BridgeOptions) {
    this.tokens = options.tokens;
    this.verifyToken = options.verifyToken;
    this.version = options.plannerVersion;
    this.win = options.window ?? globalWindow();
    this.readyDelay = options.readyRetryMs ?? 250;
    this.readyMaxIntervalMs = options.readyMaxIntervalMs ?? 5_000;
    this.hostListens =
      options.hostListens ??
      this.win.location?.hash.slice(1).split('&').includes(HOST_LISTENS_FRAGMENT) === true;
    this.win.addEventListener('message', this.onMessage);
    this.sendReady();
  }

  on<K extends keyof BridgeEventMap>(
    type: K,
    listener: (event: BridgeEventMap[K] & { type: K }) => void,
  ): () => void {
    return this.events.on(type, listener);
  }

  onAny(listener: Parameters<Emitter<BridgeEventMap>['onAny']>[0]): () => void {
    return this.events.onAny(listener);
  }

  /** The host's origin, once its first token was accepted. */
  get origin(): string | undefined {
    return this.pinned;
  }

  /** Settles once every token received so far was verified and taken or refused (tests, diagnostics). */
  idle(): Promise<void> {
    return this.verifying;
  }

  /** Whether an SDK host connected its ports. */
  get connected(): boolean {
    return this.eventsPort !== undefined;
  }

  /**
   * Asks the host for a new token: `TokenExpired` to the pinned origin (the message every
   * host answers), mirrored as `{ type: 'tokenExpired' }` on the events port. Hand this to
   * the request queue as its `requestToken`.
   */
  readonly requestToken = (reason: TokenExpiredReason, kind: TokenKind | undefined): void => {
    const body = kind ? { reason, kind } : { reason };
    const sent = this.post(message<TokenExpiredMessage>('TokenExpired', body));
    if (sent) this.emit({ type: 'tokenExpired', ...body });
  };

  /** A visitor tried something that needs a user: `LoginRequired`, and `loginRequired` on the events port. */
  loginRequired(reason: string): boolean {
    const sent = this.post(message<LoginRequiredMessage>('LoginRequired', { reason }));
    this.emit({ type: 'loginRequired', reason });
    return sent;
  }

  /**
   * Posts a `Basket` or `Analytics` message to the pinned host; false when no host is pinned.
   * The caller checks it first with the protocol's `isBasket` / `isAnalytics` (the host checks
   * again): they are left out of here, so the planner's first load does not carry them.
   */
  send(sent: BasketMessage | AnalyticsMessage): boolean {
    return this.post(sent);
  }

  /** Tells the host the planner could not renew its session (`Error { code: 'refresh_failed' }`). */
  reportRefreshFailed(text = 'The planner could not renew its session.'): void {
    this.postError('refresh_failed', text);
  }

  /** Posts an event on the SDK's events port; false when no SDK host is connected. */
  emit(event: PlannerEvent): boolean {
    if (!this.eventsPort) return false;
    try {
      this.eventsPort.postMessage(event);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Sets the planner API the host may call over the rpc port, now or once it connects; the
   * host hears `ready` on the events port when it can call. Set it once.
   */
  expose(api: PlannerApi): void {
    if (this.api) throw new TypeError('The planner API is already exposed.');
    this.api = api;
    this.exposeOnPort();
  }

  /** Stops `Ready`, removes the listener and closes the ports. Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.readyTimer);
    this.win.removeEventListener('message', this.onMessage);
    this.closePorts();
    for (const port of this.early?.ports ?? []) port.close();
    this.early = undefined;
    this.events.clear();
  }

  private readonly onMessage = (event: InboundMessage): void => {
    if (this.destroyed) return;
    const origin = event.origin;
    const ignore = (reason: IgnoreReason) => {
      // Ports a stranger (or a malformed message) handed us are closed at once: kept, each
      // would hold an entangled pair open, and a hostile frame can send them by the thousand.
      for (const port of event.ports ?? []) port.close();
      this.events.emit('ignored', { reason, origin });
    };
    // Only our embedder may talk to us, and after pinning only from the pinned origin:
    // other frames, popups, extensions and a navigated-away parent are all someone else.
    if (event.source === null || event.source !== this.win.parent) {
      ignore('wrong_source');
      return;
    }
    if (this.pinned !== undefined && origin !== this.pinned) {
      ignore('wrong_origin');
      return;
    }
    const parsed = parseHostMessage(event.data, (reason) => ignore(reason));
    if (!parsed) return;

    switch (parsed.type) {
      case 'Authentication':
      case 'Login':
        this.onToken(parsed.token, parsed.type === 'Login' ? 'user' : 'legal_entity', origin);
        return;
      case 'Connect':
        if (event.ports.length !== 2) {
          ignore('malformed');
          return;
        }
        if (this.pinned === undefined) {
          // Not verified yet; keep the ports untouched until a token from this origin is accepted.
          for (const port of this.early?.ports ?? []) port.close();
          this.early = { origin, ports: event.ports };
          return;
        }
        this.connect(event.ports);
        return;
      case 'Logout':
        if (this.pinned === undefined) {
          ignore('not_pinned');
          return;
        }
        this.logouts++;
        this.tokens.clear();
        this.events.emit('loggedOut', {});
        return;
      case 'Settings': {
        const { ns: _ns, v: _v, type: _type, ...settings } = parsed;
        if (this.pinned === undefined) this.earlySettings = { origin, settings };
        else this.events.emit('settings', settings);
        return;
      }
      case 'Error':
        // Before the first token our embedder is not verified, but it is still our parent:
        // its word that it has no token for us only changes what we show (nothing is
        // pinned, nothing is sent), and without it the shopper would wait forever.
        if (parsed.code === 'token_unavailable') {
          this.events.emit('tokenUnavailable', { message: parsed.message });
          this.readySoon();
        }
        return;
    }
  };

  private onToken(token: string, kind: TokenKind, origin: string): void {
    const logouts = this.logouts;
    this.unverified++;
    this.verifying = this.verifying.then(async () => {
      // The token we hold, handed over again, was verified when it came.
      const verdict = this.tokens.current?.token === token ? 'genuine' : await this.verifyToken(token);
      this.unverified--;
      if (this.destroyed || logouts !== this.logouts) return;
      // Another token pinned a different origin while this one was being verified.
      if (this.pinned !== undefined && origin !== this.pinned) {
        this.events.emit('ignored', { reason: 'wrong_origin', origin });
        return;
      }
      this.take(token, kind, origin, verdict);
    });
  }

  private take(token: string, kind: TokenKind, origin: string, verdict: Verification): void {
    const result =
      verdict === 'genuine'
        ? this.tokens.install(token, { origin, kind })
        : { ok: false as const, reason: verdict };
    if (!result.ok) {
      const pinned = this.pinned !== undefined;
      this.events.emit('tokenRefused', { reason: result.reason, origin, pinned });
      // Only a verified host hears why; see the numbered comment at the top.
      if (pinned) this.postError('token_rejected', refusalText[result.reason]);
      else this.readySoon();
      return;
    }
    const first = this.pinned === undefined;
    if (first) {
      this.pinned = origin;
      clearTimeout(this.readyTimer);
      const early = this.early;
      this.early = undefined;
      if (early?.origin === origin) this.connect(early.ports);
      else for (const port of early?.ports ?? []) port.close();
    }
    this.events.emit('tokenAccepted', { kind: result.record.kind, origin, first });
    const settings = this.earlySettings;
    this.earlySettings = undefined;
    if (settings?.origin === origin) this.events.emit('settings', settings.settings);
  }

  private connect(ports: ReadonlyArray<MessagePort>): void {
    this.closePorts();
    [this.rpcPort, this.eventsPort] = ports;
    this.events.emit('connected', {});
    this.exposeOnPort();
  }

  private exposeOnPort(): void {
    if (!this.api || !this.rpcPort) return;
    exposeMethods(this.api, this.rpcPort);
    this.emit({ type: 'ready' });
  }

  private closePorts(): void {
    this.rpcPort?.close();
    this.eventsPort?.close();
    this.rpcPort = undefined;
    this.eventsPort = undefined;
  }

  private readonly sendReady = (): void => {
    if (this.destroyed || this.pinned !== undefined) return;
    // Not in a frame: there is no host to greet (and we would only talk to ourselves).
    if ((this.win.parent as unknown) === this.win) return;
    // A token is being verified: skip this one (the host would answer it with another token).
    if (this.unverified === 0) {
      try {
        this.win.parent.postMessage(
          message<ReadyMessage>('Ready', { planner: this.version, instance: this.instance }),
          '*',
        );
      } catch {
        // A parent that went away; the next attempt or destroy() follows.
      }
    }
    // A host listening from the start heard this one: it is fetching a token, and a repeat
    // would only be logged (or answered with another token, had ours crossed it on the wire).
    if (this.hostListens) {
      this.readyTimer = setTimeout(this.sendReady, this.readyMaxIntervalMs);
      return;
    }
    this.readyTimer = setTimeout(this.sendReady, this.readyDelay);
    this.readyDelay = Math.min(this.readyDelay * 2, this.readyMaxIntervalMs);
  };

  /**
   * Before the first token, a host listening from the start that had no token for us, or
   * whose token we refused, answers our next `Ready` with another: say it soon, on the
   * back-off, so a host whose tokens are always refused is not asked ever faster.
   */
  private readySoon(): void {
    if (!this.hostListens || this.pinned !== undefined || this.destroyed) return;
    clearTimeout(this.readyTimer);
    this.readyTimer = setTimeout(this.sendReady, this.readyDelay);
    this.readyDelay = Math.min(this.readyDelay * 2, this.readyMaxIntervalMs);
  }

  /** Posts a protocol message to the pinned host; never to anyone else. */
  private post(
    data: TokenExpiredMessage | LoginRequiredMessage | ErrorMessage | BasketMessage | AnalyticsMessage,
  ): boolean {
    if (this.destroyed || this.pinned === undefined) return false;
    try {
      this.win.parent.postMessage(data, this.pinned);
      return true;
    } catch {
      return false;
    }
  }

  /** `Error` to the pinned host, mirrored as an `error` event on the events port. */
  private postError(code: ProtocolErrorCode, text: string): void {
    if (this.post(message<ErrorMessage>('Error', { code, message: text }))) {
      this.emit({ type: 'error', code, message: text });
    }
  }
}

const refusalText: Record<BridgeRefusal, string> = {
  forged: 'The token is not signed by the platform, or its issuer, audience or type is wrong.',
  keys_unavailable: "The planner could not fetch the platform's keys to check the token.",
  malformed: 'The token is not a planner access token.',
  expired: 'The token had already expired when it arrived.',
  origin_not_allowed: 'This page is not a registered embed origin for the token.',
  kind_mismatch: 'Authentication carries a legal-entity token and Login a user token.',
};

function globalWindow(): BridgeWindow {
  // Typed as BridgeWindow on purpose: this line is where tsc checks that a real window fits.
  const win: BridgeWindow | undefined = typeof window === 'undefined' ? undefined : window;
  if (!win) throw new TypeError('No window here; pass `window` to the bridge.');
  return win;
}

/** Starts the planner's side of the iframe protocol. */
export function connectBridge(options: BridgeOptions): Bridge {
  return new Bridge(options);
}
