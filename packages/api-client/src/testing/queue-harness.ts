/**
 * Test support: a request queue on fake timers, a token store on the same clock, a fake
 * fetch and a recording `requestToken`. `skewMs` sets how far the client's clock is off the
 * platform's, which signs the tokens. Not part of the package's API.
 */
import type { AccessTokenClaims } from '@planner/contract';
import type { TokenExpiredReason, TokenKind } from '@planner/protocol';
import { vi } from 'vitest';
import { type QueueEventMap, RequestQueue, type RequestQueueOptions } from '../queue/request-queue.ts';
import { TokenStore } from '../token/token-store.ts';
import { fakeFetch, type Responder } from './fake-fetch.ts';
import { fakeToken, HOST_ORIGIN } from './fake-jwt.ts';

export const PLATFORM_NOW = Date.UTC(2030, 0, 1, 12);

export interface HarnessOptions
  extends Partial<Omit<RequestQueueOptions, 'tokens' | 'fetch' | 'requestToken'>> {
  skewMs?: number;
  responder?: Responder;
  /** Called for each `TokenExpired`, after it is recorded. */
  onTokenRequest?: (reason: TokenExpiredReason, kind: TokenKind | undefined) => void;
}

export type QueueEvent = { [K in keyof QueueEventMap]: QueueEventMap[K] & { type: K } }[keyof QueueEventMap];

export function queueHarness({ skewMs = 0, responder, onTokenRequest, ...options }: HarnessOptions = {}) {
  vi.useFakeTimers();
  vi.setSystemTime(PLATFORM_NOW + skewMs);
  const tokens = new TokenStore();
  const asks: Array<{ reason: TokenExpiredReason; kind: TokenKind | undefined; at: number }> = [];
  const net = fakeFetch(responder);
  const queue = new RequestQueue({
    tokens,
    fetch: net.fetch,
    requestToken: (reason, kind) => {
      asks.push({ reason, kind, at: Date.now() });
      onTokenRequest?.(reason, kind);
    },
    visibility: null,
    network: null,
    ...options,
  });
  const events: QueueEvent[] = [];
  queue.onAny((event) => events.push(event));

  /** Hands over a token issued now by the platform (as the bridge would), returns it. */
  const give = (lifetimeSeconds = 300, claims: Partial<AccessTokenClaims> = {}): string => {
    const token = fakeToken(claims, { now: Date.now() - skewMs, lifetimeSeconds });
    const result = tokens.install(token, { origin: HOST_ORIGIN });
    if (!result.ok) throw new Error(`token refused: ${result.reason}`);
    return token;
  };

  const eventsOf = <K extends QueueEvent['type']>(type: K) =>
    events.filter((e): e is Extract<QueueEvent, { type: K }> => e.type === type);

  return { tokens, queue, asks, events, eventsOf, give, ...net };
}

/** A browser's network status the test switches: `set(false)` fires `offline`, `set(true)` `online`. */
export function fakeNetwork(onLine = true) {
  const listeners = { online: new Set<() => void>(), offline: new Set<() => void>() };
  return {
    get onLine() {
      return onLine;
    },
    addEventListener: (type: 'online' | 'offline', listener: () => void) => listeners[type].add(listener),
    removeEventListener: (type: 'online' | 'offline', listener: () => void) =>
      listeners[type].delete(listener),
    set(next: boolean) {
      onLine = next;
      for (const listener of [...listeners[next ? 'online' : 'offline']]) listener();
    },
    listeners: () => listeners.online.size + listeners.offline.size,
  };
}

/** Lets pending promise jobs (fetch answers, 401 handling) run, without moving the clock. */
export const flush = () => vi.advanceTimersByTimeAsync(0);

/** Records how a promise settled, to assert on calls that are still pending. */
export function track<T>(promise: Promise<T>) {
  const state = { settled: 0, value: undefined as T | undefined, error: undefined as unknown };
  promise.then(
    (value) => {
      state.settled += 1;
      state.value = value;
    },
    (error: unknown) => {
      state.settled += 1;
      state.error = error;
    },
  );
  return state;
}
