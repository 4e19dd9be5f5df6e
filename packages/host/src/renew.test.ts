import {
  type HostToPlannerMessage,
  message,
  type PlannerToHostMessage,
  type ReadyMessage,
  type TokenExpiredMessage,
} from '@planner/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ConnectOptions, connect, type PlannerConnection, type TokenProvider } from './connect.ts';
import type { Messenger } from './messenger.ts';
import { jwt, settle } from './testing/fakeDom.ts';
import { renewAfter } from './token.ts';

const T0 = Date.UTC(2030, 0, 1, 12);
const ready = message<ReadyMessage>('Ready', { planner: '0.1.0', instance: 'load-1' });
const tokenExpired = message<TokenExpiredMessage>('TokenExpired', { reason: 'expired' });

/** A legal-entity token minted now (page clock) that lives `seconds`. */
const token = (seconds = 300) => {
  const iat = Math.floor(Date.now() / 1000);
  return jwt('legal_entity', { iat, exp: iat + seconds, n: Math.random() });
};

/** The page's document, as far as `visibilitychange` goes. */
function fakeDocument() {
  const listeners = new Set<() => void>();
  const page = {
    visibilityState: 'visible' as DocumentVisibilityState,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    show(state: DocumentVisibilityState) {
      page.visibilityState = state;
      for (const listener of [...listeners]) listener();
    },
    listeners,
  };
  vi.stubGlobal('document', page);
  return page;
}

let connections: PlannerConnection[] = [];
async function start(provider: TokenProvider, options: Partial<ConnectOptions> = {}) {
  const sent: HostToPlannerMessage[] = [];
  let handler: ((m: PlannerToHostMessage) => void) | undefined;
  const messenger: Messenger = {
    send: (m) => {
      sent.push(m);
    },
    listen: (listener) => {
      handler = listener;
      return () => {
        handler = undefined;
      };
    },
  };
  const connection = connect(messenger, { token: provider, ...options });
  connections.push(connection);
  const receive = (m: PlannerToHostMessage) => handler?.(m);
  receive(ready);
  await connection.ready;
  return {
    connection,
    receive,
    types: () => sent.map((m) => m.type),
    tokens: () => sent.flatMap((m) => ('token' in m ? [m.token] : [])),
  };
}

let page: ReturnType<typeof fakeDocument>;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
  page = fakeDocument();
});

afterEach(() => {
  for (const connection of connections) connection.destroy();
  connections = [];
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('autoRenewSession', () => {
  it('renews a quarter of the life before the end, at most 5 minutes before', () => {
    vi.setSystemTime(T0);
    expect(renewAfter(token(300))).toBe(225_000);
    expect(renewAfter(token(3600))).toBe(3_300_000);
    expect(renewAfter(token(60))).toBe(45_000);
    expect(renewAfter(jwt('user'))).toBeUndefined();
  });

  it('is off by default: an idle session is renewed only when the planner asks (TokenExpired)', async () => {
    const provider = vi.fn(async () => token());
    const planner = await start(provider);
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(page.listeners.size).toBe(0);
    planner.receive(tokenExpired);
    await settle();
    expect(provider).toHaveBeenCalledTimes(2);
    expect(planner.types()).toEqual(['Authentication', 'Connect', 'Authentication']);
  });

  it('renews an idle session before its token expires, then the next one likewise', async () => {
    const provider = vi.fn(async () => token(300));
    const planner = await start(provider, { autoRenewSession: true });
    await vi.advanceTimersByTimeAsync(224_999);
    expect(provider).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(provider).toHaveBeenCalledTimes(2);
    await settle();
    expect(planner.types()).toEqual(['Authentication', 'Connect', 'Authentication']);
    // The renewed token is renewed in turn, 225 s after it arrived.
    await vi.advanceTimersByTimeAsync(225_000);
    expect(provider).toHaveBeenCalledTimes(3);
    const [first, second, third] = planner.tokens();
    expect(new Set([first, second, third]).size).toBe(3);
  });

  it('renews at once when the tab is shown again past the renewal point (its timers were frozen)', async () => {
    const provider = vi.fn(async () => token(300));
    await start(provider, { autoRenewSession: true });
    page.show('hidden');
    // Shown again early: nothing to do.
    vi.setSystemTime(T0 + 100_000);
    page.show('visible');
    await settle();
    expect(provider).toHaveBeenCalledTimes(1);
    page.show('hidden');
    // An hour in a background tab whose timers never ran.
    vi.setSystemTime(T0 + 3_600_000);
    page.show('visible');
    await settle();
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('a failed renewal does not tell the planner token_unavailable (its token is still good); TokenExpired still works', async () => {
    let fail = false;
    const provider = vi.fn(async () => {
      if (fail) throw new Error('back-end down');
      return token(300);
    });
    const planner = await start(provider, { autoRenewSession: true });
    const errors: unknown[] = [];
    planner.connection.on('error', (e) => errors.push(e.detail));
    fail = true;
    await vi.advanceTimersByTimeAsync(225_000 + 2_000);
    expect(provider).toHaveBeenCalledTimes(4);
    expect(errors).toMatchObject([{ code: 'TOKEN_PROVIDER_FAILED' }]);
    expect(planner.types()).toEqual(['Authentication', 'Connect']);

    fail = false;
    planner.receive(tokenExpired);
    await settle();
    expect(planner.types()).toEqual(['Authentication', 'Connect', 'Authentication']);
  });

  it('a TokenExpired that joins a renewal shares it; if it fails, the planner is told', async () => {
    let fail = false;
    const provider = vi.fn(async () => {
      if (fail) throw new Error('back-end down');
      return token(300);
    });
    const planner = await start(provider, { autoRenewSession: true });
    fail = true;
    await vi.advanceTimersByTimeAsync(225_000);
    planner.receive(tokenExpired);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(provider).toHaveBeenCalledTimes(4);
    expect(planner.types()).toEqual(['Authentication', 'Connect', 'Error']);
  });

  it('destroy() stops the renewal timer and the visibility listener', async () => {
    const provider = vi.fn(async () => token(300));
    const planner = await start(provider, { autoRenewSession: true });
    expect(page.listeners.size).toBe(1);
    planner.connection.destroy();
    expect(page.listeners.size).toBe(0);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
