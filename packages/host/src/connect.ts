import {
  type DebugHook,
  type HostToPlannerMessage,
  isLocale,
  isTheme,
  type Message,
  message,
  type PlannerApi,
  type PlannerEvent,
  type SettingsMessage,
  type Theme,
} from '@planner/protocol';
import { type Channel, openChannel } from './channel.ts';
import { EmbedError, noop, stopper } from './errors.ts';
import { createEmitter, type EmbedEventName, type EmbedListener, parseEvent } from './events.ts';
import type { Messenger } from './messenger.ts';
import { retry } from './retry.ts';
import { renewAfter, type TokenMessage, tokenMessage } from './token.ts';

/** Returns a JWT from the host's back-end: a user token when someone is logged in, else a legal-entity one. */
export type TokenProvider = () => Promise<string>;

export interface ConnectOptions {
  token: TokenProvider;
  /** Milliseconds to wait for the planner's first `Ready`. Default 10 000. */
  readyTimeout?: number | undefined;
  /** Milliseconds one token-provider attempt may take. Default 10 000. */
  tokenTimeout?: number | undefined;
  /** Called with every message that was ignored, and why. For diagnostics. */
  debug?: DebugHook | undefined;
  /**
   * Where events are dispatched, as `CustomEvent`s named `planner-<name in lower case>`
   * (`planner-projectsaved`), besides reaching `on()` listeners. Default: a private target.
   */
  events?: EventTarget | undefined;
  /** Called with every message and event exchanged with the planner. For developer tools. */
  trace?: TraceHook | undefined;
  /**
   * Renew the session before its token expires, and when the tab is shown again past that
   * point, so the planner never has to wait on `TokenExpired` (which still works). Default false.
   */
  autoRenewSession?: boolean | undefined;
  /** Your brand, as the protocol's allow-listed design tokens; sent in the handshake. */
  theme?: Theme | undefined;
  /** A BCP 47 tag (`de-CH`): the planner's language (en, de or fr, else English) and its number formats. */
  locale?: string | undefined;
  /**
   * The page a shared project link opens (absolute `http(s)`, ≤ 2 000 characters): the
   * planner's "Copy link" sets `planner-project=<id>` on it; open that project there with
   * `openProject`. `embedPlanner` defaults it to this page's address.
   */
  link?: string | undefined;
  /**
   * The signed-in shopper's name (≤ 100 characters; `''` clears it): the planner's session
   * badge shows it instead of the user id. It forgets it on logout: give it again after each
   * login (`configure({ shopper })`).
   */
  shopper?: string | undefined;
}

/** What `configure()` changes: the theme, the locale, the share link, the shopper's name, or several. */
export type PlannerSettings = Pick<ConnectOptions, 'theme' | 'locale' | 'link' | 'shopper'>;

/** Whether `s` holds only a valid theme, locale, link and shopper name (each may be absent). */
export const validSettings = ({ theme, locale, link, shopper }: PlannerSettings): boolean =>
  (theme === undefined || isTheme(theme)) &&
  (locale === undefined || isLocale(locale)) &&
  (link === undefined || (link.length <= 2000 && /^https?:\/\//.test(link))) &&
  (shopper === undefined || (typeof shopper === 'string' && shopper.length <= 100));

/**
 * Sees the traffic with the planner, for developer tools: each message posted to it (`'out'`,
 * `Connect` included, without its ports), each valid message from it (`'in'`), and each valid
 * event from the events port (`'in'`, the event object: `{ type: 'resize', height }`; protocol
 * messages have `ns: 'planner'`, events do not). Errors it throws are swallowed.
 */
export type TraceHook = (direction: 'in' | 'out', message: Message | PlannerEvent) => void;

/** The lifecycle of one embedded planner. */
export interface PlannerConnection {
  /**
   * Resolves with the planner's API once the first handshake is done (token delivered, ports
   * handed over). Rejects with `READY_TIMEOUT` or `DESTROYED`. While the token provider fails,
   * it stays pending: each failure is an `error` event, and the planner's next `Ready` retries.
   * The API object stays valid across planner reloads.
   */
  readonly ready: Promise<PlannerApi>;
  /**
   * Sends the given token, or a fresh one from the provider, as `Login` — or as
   * `Authentication` if it is a legal-entity token: the message always matches the token.
   * Waits for `ready`.
   */
  login(token?: string): Promise<void>;
  /** Sends `Logout`, then a fresh token from the provider. Waits for `ready`. */
  logout(): Promise<void>;
  /**
   * Changes the theme, locale, link and/or shopper name (fields left out stay as they are) and sends them as
   * `Settings`; a reloaded planner gets them again in its handshake. Rejects with
   * `INVALID_OPTIONS` (and sends nothing) when a value is not allow-listed. Waits for `ready`.
   */
  configure(settings: PlannerSettings): Promise<void>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends EmbedEventName>(name: K, listener: EmbedListener<K>): () => void;
  off<K extends EmbedEventName>(name: K, listener: EmbedListener<K>): void;
  /** Idempotent. Stops listening, closes the ports, rejects whatever is pending with `DESTROYED`. */
  destroy(): void;
}

/**
 * The handshake, token refresh and RPC over a `Messenger`:
 *
 * 1. Wait for the planner's `Ready` (it repeats it until it has a token), at most `readyTimeout`.
 * 2. Get a token from the provider and post it as `Authentication` or `Login`, by its `kind`.
 * 3. Post `Connect` with the `[rpc, events]` ports: `ready` resolves.
 * 4. Answer every `TokenExpired` with a fresh token. A `Ready` after step 3 means the planner
 *    reloaded: its calls in flight fail with `DISCONNECTED` and steps 2–3 run again.
 *
 * Token requests are single-flight: a `Ready` or `TokenExpired` while one is under way shares
 * it. `login()` and `logout()` start a new one that supersedes it (the session changed, so an
 * older answer would be stale); a superseded answer is dropped, never posted.
 *
 * With `autoRenewSession`, each token delivered is renewed a quarter of its life (at most 5
 * minutes) before it ends, and at once when the tab is shown again past that point (a hidden
 * tab's timers are frozen). Such a renewal is a token request like the others; if it fails
 * and nobody else asked meanwhile, the planner is not told `token_unavailable` (its token is
 * still good): it asks itself when it needs one.
 */
export function connect(messenger: Messenger, options: ConnectOptions): PlannerConnection {
  const { on, off, emit } = createEmitter(options.events);
  let destroyed: EmbedError | undefined;
  // Settles with the first of `work` and `destroy()`.
  const [unlessDestroyed, kill] = stopper();

  let resolveReady!: (api: PlannerApi) => void;
  let readyTimer!: ReturnType<typeof setTimeout>;
  const ready = unlessDestroyed(
    new Promise<PlannerApi>((resolve, reject) => {
      resolveReady = resolve;
      readyTimer = setTimeout(() => {
        const error = new EmbedError('READY_TIMEOUT');
        reject(error);
        emit('error', error);
      }, options.readyTimeout ?? 10_000);
    }),
  );
  // Marked as handled here, so a host that never awaits `ready` gets no unhandled rejection;
  // whoever awaits it still sees the error.
  ready.catch(noop);

  // A developer tool must never break the SDK: what the hook throws is dropped.
  const trace = (direction: 'in' | 'out', data: Message | PlannerEvent) => {
    try {
      options.trace?.(direction, data);
    } catch {}
  };
  const send = (sent: HostToPlannerMessage, ports?: Transferable[]) => {
    messenger.send(sent, ports);
    trace('out', sent);
  };

  const onEvent = ({ data }: MessageEvent) => {
    const event = parseEvent(data);
    if (!event) return options.debug?.('malformed', data);
    trace('in', event);
    channel.heard = true;
    const { type, ...detail } = event;
    emit(type, detail as never);
  };
  let channel: Channel = openChannel(onEvent);
  const call =
    <K extends keyof PlannerApi>(name: K) =>
    (...args: Parameters<PlannerApi[K]>) =>
      channel.call(name, args);
  // Stable across reloads: each call goes to the planner instance loaded at the time.
  const api: PlannerApi = {
    openProject: call('openProject'),
    newProject: call('newProject'),
    getProject: call('getProject'),
    saveProject: call('saveProject'),
    addItem: call('addItem'),
  };

  // Wall-clock time when the token delivered last is due for renewal (`autoRenewSession`).
  let renewAt = Number.POSITIVE_INFINITY;
  let renewTimer: ReturnType<typeof setTimeout> | undefined;
  // Only the fields given: an absent one must not reset the planner's.
  const settings: PlannerSettings = {};
  const sendSettings = () => {
    // Only the fields set (configure() copies no undefined one), and not at all when none is.
    if (Object.keys(settings).length) send(message<SettingsMessage>('Settings', settings as never));
  };
  const configure = (next: PlannerSettings) => {
    for (const key of ['theme', 'locale', 'link', 'shopper'] as const)
      if (next[key] !== undefined) settings[key] = next[key] as never;
  };
  configure(options);

  const deliver = (sent: TokenMessage) => {
    send(sent);
    const wait = options.autoRenewSession && renewAfter(sent.token);
    if (wait) {
      clearTimeout(renewTimer);
      renewAt = Date.now() + wait;
      renewTimer = setTimeout(renewIfDue, wait);
    }
    // The planner trusts our origin only once a token's `origins` claim vouches for it, so
    // the ports (and the settings, which it keeps aside until then) go after the first token
    // to each planner instance.
    if (!channel.sent) {
      channel.sent = true;
      sendSettings();
      send(message('Connect', {}), channel.ports);
      resolveReady(api);
    }
  };

  // The newest token request, while it runs: only it may post its answer (or report its
  // failure). Replacing or clearing it supersedes the one before, whose answer is dropped.
  let pending: Promise<void> | undefined;
  // The pending request is a renewal nobody waits for: its failure is not the planner's news.
  let quiet = false;
  const requestToken = (): Promise<void> => {
    quiet = false;
    const isNewest = () => {
      if (pending !== request) return false;
      pending = undefined;
      return true;
    };
    const request = retry(async () => {
      if (destroyed) throw destroyed; // no provider calls after destroy()
      return tokenMessage(await options.token());
    }, options.tokenTimeout ?? 10_000).then(
      (sent) => {
        if (isNewest()) deliver(sent);
      },
      (error: EmbedError) => {
        if (isNewest()) {
          if (!quiet) send(message('Error', { code: 'token_unavailable', message: 'No token.' }));
          emit('error', error);
        }
        throw error;
      },
    );
    pending = request;
    return request;
  };
  const refresh = (renewal?: boolean) => {
    if (pending) quiet &&= !!renewal;
    else {
      requestToken();
      quiet = !!renewal;
    }
    pending!.catch(noop);
  };
  const renewIfDue = () => {
    if (!destroyed && channel.sent && Date.now() >= renewAt) refresh(true);
  };
  const page = globalThis.document;
  const onVisible = () => page.visibilityState === 'visible' && renewIfDue();
  if (options.autoRenewSession) page?.addEventListener?.('visibilitychange', onVisible);

  const unlisten = messenger.listen((received) => {
    trace('in', received);
    const { ns, v, type, ...detail } = received;
    if (type === 'Ready') {
      clearTimeout(readyTimer);
      const instance = (received as { instance?: string }).instance;
      // A `Ready` from the page load we already connected crossed our token on the wire:
      // answer it with a token, keep the channel. Another load (or a planner that sends no
      // id) reloaded: its calls in flight are lost, reconnect.
      if (channel.sent && !(instance && instance === channel.instance)) {
        channel.close(new EmbedError('DISCONNECTED'));
        channel = openChannel(onEvent);
      }
      channel.instance = instance;
      return refresh();
    }
    if (type === 'TokenExpired') refresh();
    // A planner running the SDK bridge mirrors these on the events port; surface them from
    // postMessage only for planners that do not (raw ones), so each is reported once. Event
    // names are case-blind (see `eventType`), so `TokenExpired` is the `tokenExpired` event.
    // `Basket` and `Analytics` are messages only, never mirrored: always reported from here.
    if (!channel.heard || type === 'Basket' || type === 'Analytics') emit(type as 'error', detail as never);
  });

  return {
    ready,
    on,
    off,
    login: (token) =>
      unlessDestroyed(
        ready.then(() => {
          if (token === undefined) return requestToken();
          const sent = tokenMessage(token);
          pending = undefined;
          deliver(sent);
        }),
      ),
    logout: () =>
      unlessDestroyed(
        ready.then(() => {
          send(message('Logout', {}));
          return requestToken();
        }),
      ),
    configure: (next) =>
      validSettings(next)
        ? unlessDestroyed(
            ready.then(() => {
              configure(next);
              sendSettings();
            }),
          )
        : Promise.reject(new EmbedError('INVALID_OPTIONS')),
    destroy() {
      if (destroyed) return;
      destroyed = new EmbedError('DESTROYED');
      kill(destroyed);
      pending = undefined; // answers still on their way are dropped
      clearTimeout(readyTimer);
      clearTimeout(renewTimer);
      page?.removeEventListener?.('visibilitychange', onVisible);
      unlisten();
      channel.close(destroyed);
    },
  };
}
