import type { PlannerApi } from '@planner/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeToken, HOST_ORIGIN } from '../testing/fake-jwt.ts';
import { FakeWindow } from '../testing/fake-window.ts';
import { collect, fakePlannerApi } from '../testing/planner-api.ts';
import { TokenStore } from '../token/token-store.ts';
import { Bridge, type BridgeEventMap } from './bridge.ts';

const EVIL = 'https://evil.example';
const msg = (type: string, body: Record<string, unknown> = {}) => ({ ns: 'planner', v: 1, type, ...body });

const genuine = async () => 'genuine' as const;

/** Delivers a message and waits until the bridge verified any token in it. */
async function deliver(...args: Parameters<FakeWindow['deliver']>): Promise<void> {
  win.deliver(...args);
  await bridge.idle();
}

type BridgeEvent = { [K in keyof BridgeEventMap]: BridgeEventMap[K] & { type: K } }[keyof BridgeEventMap];

let win: FakeWindow;
let tokens: TokenStore;
let bridge: Bridge;
let events: BridgeEvent[];
const channels: MessageChannel[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  win = new FakeWindow();
  tokens = new TokenStore();
  // Trusts every signature: these tests are about sources, origins and the store's checks.
  // bridge.verify.test.ts proves tokens genuine with real keys.
  bridge = new Bridge({ tokens, verifyToken: genuine, plannerVersion: '1.2.3', window: win });
  events = [];
  bridge.onAny((event) => events.push(event));
});

afterEach(() => {
  bridge.destroy();
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
  vi.useRealTimers();
});

const ofType = <K extends BridgeEvent['type']>(type: K) =>
  events.filter((e): e is Extract<BridgeEvent, { type: K }> => e.type === type);
/** Everything posted with a target other than `*`. */
const targeted = () => win.parent.posted.filter((p) => p.targetOrigin !== '*');

describe('Bridge: Ready', () => {
  it('says Ready to the parent with target * at once, then with back-off until the first token', async () => {
    expect(win.parent.posted).toEqual([
      { message: msg('Ready', { planner: '1.2.3', instance: expect.any(String) }), targetOrigin: '*' },
    ]);
    vi.advanceTimersByTime(250 + 500 + 1000 + 2000 + 4000 + 5000 + 5000);
    expect(win.parent.sent('Ready')).toHaveLength(8);
    // One page load, one id: the host tells a repeat from a reload by it.
    expect(new Set(win.parent.sent('Ready').map((m) => m.message.instance)).size).toBe(1);
    expect(win.parent.sent('Ready')[0]!.message.instance).toMatch(/^[a-z0-9]{6,}$/);

    await deliver(msg('Authentication', { token: fakeToken() }));
    vi.advanceTimersByTime(60_000);
    expect(win.parent.sent('Ready')).toHaveLength(8);
    expect(win.parent.posted.every((p) => p.message.type === 'Ready')).toBe(true);
  });

  it('says Ready once to a host that listens from the start, again soon only after it had no token or a refused one', async () => {
    bridge.destroy();
    const listening = new FakeWindow();
    // As the SDK's frame address says it (embedPlanner puts it after any fragment of the host's).
    Object.assign(listening, { location: { hash: '#room-7&planner-host-listens' } });
    let verdict: 'genuine' | 'forged' = 'forged';
    bridge = new Bridge({
      tokens,
      verifyToken: async () => verdict,
      plannerVersion: '1.2.3',
      window: listening,
    });
    const readys = () => listening.parent.sent('Ready').length;
    expect(readys()).toBe(1);
    // The shop's back-end takes its time for the token: no repeat meanwhile (there were 4 before).
    vi.advanceTimersByTime(4_900);
    expect(readys()).toBe(1);
    // A host that hears nothing for long still gets one now and then.
    vi.advanceTimersByTime(100);
    expect(readys()).toBe(2);

    // It had no token for us: its next try is the answer to a Ready, soon.
    listening.deliver(msg('Error', { code: 'token_unavailable', message: 'No token.' }));
    vi.advanceTimersByTime(250);
    expect(readys()).toBe(3);
    // A refused token: the same, on the back-off (a host whose tokens are always refused is
    // not asked ever faster).
    listening.deliver(msg('Authentication', { token: fakeToken() }));
    await bridge.idle();
    vi.advanceTimersByTime(499);
    expect(readys()).toBe(3);
    vi.advanceTimersByTime(1);
    expect(readys()).toBe(4);
    listening.deliver(msg('Authentication', { token: fakeToken() }));
    await bridge.idle();
    vi.advanceTimersByTime(1_000);
    expect(readys()).toBe(5);
    vi.advanceTimersByTime(4_000);
    expect(readys()).toBe(5);

    verdict = 'genuine';
    listening.deliver(msg('Authentication', { token: fakeToken() }));
    await bridge.idle();
    expect(bridge.origin).toBe(HOST_ORIGIN);
    vi.advanceTimersByTime(60_000);
    expect(readys()).toBe(5);
  });

  it('keeps the back-off for a host that did not say it listens (a fragment of its own is not that)', () => {
    bridge.destroy();
    const other = new FakeWindow();
    Object.assign(other, { location: { hash: '#planner-host-listens-not' } });
    bridge = new Bridge({ tokens, verifyToken: genuine, plannerVersion: '1.2.3', window: other });
    vi.advanceTimersByTime(250 + 500);
    expect(other.parent.sent('Ready')).toHaveLength(3);
  });

  it('says nothing when it is not in a frame', async () => {
    // A top-level window is its own parent.
    const top = { postMessage: vi.fn(), addEventListener: vi.fn(), removeEventListener: vi.fn() };
    const alone = new Bridge({
      tokens: new TokenStore(),
      verifyToken: genuine,
      plannerVersion: '1',
      window: Object.assign(top, { parent: top }),
    });
    vi.advanceTimersByTime(10_000);
    alone.destroy();
    expect(top.postMessage).not.toHaveBeenCalled();
    expect(top.removeEventListener).toHaveBeenCalledOnce();
  });
});

describe('Bridge: accepting tokens', () => {
  it('accepts a token from window.parent at one of its origins, and pins that origin', async () => {
    const token = fakeToken({ origins: ['https://other.example', HOST_ORIGIN] });
    await deliver(msg('Authentication', { token }));
    expect(tokens.current?.token).toBe(token);
    expect(bridge.origin).toBe(HOST_ORIGIN);
    expect(ofType('tokenAccepted')).toEqual([
      { type: 'tokenAccepted', kind: 'legal_entity', origin: HOST_ORIGIN, first: true },
    ]);

    bridge.requestToken('expired', 'legal_entity');
    expect(targeted()).toEqual([
      {
        message: msg('TokenExpired', { reason: 'expired', kind: 'legal_entity' }),
        targetOrigin: HOST_ORIGIN,
      },
    ]);
  });

  it('6. never installs a token from the wrong origin, and tells that sender nothing', async () => {
    await deliver(msg('Authentication', { token: fakeToken() }), { origin: EVIL });
    expect(tokens.current).toBeUndefined();
    expect(bridge.origin).toBeUndefined();
    expect(ofType('tokenRefused')).toEqual([
      { type: 'tokenRefused', reason: 'origin_not_allowed', origin: EVIL, pinned: false },
    ]);
    expect(targeted()).toEqual([]);
    // Still looking for its host.
    vi.advanceTimersByTime(250);
    expect(win.parent.sent('Ready')).toHaveLength(2);
  });

  it('6. never installs a token from another source, even from an allowed origin', async () => {
    const otherFrame = { postMessage: vi.fn() };
    await deliver(msg('Login', { token: fakeToken({ kind: 'user' }) }), { source: otherFrame });
    await deliver(msg('Login', { token: fakeToken({ kind: 'user' }) }), { source: null });
    expect(tokens.current).toBeUndefined();
    expect(ofType('ignored').map((e) => e.reason)).toEqual(['wrong_source', 'wrong_source']);
    expect(otherFrame.postMessage).not.toHaveBeenCalled();
  });

  it('6. never installs an already expired token, a malformed one or the wrong kind', async () => {
    await deliver(msg('Authentication', { token: fakeToken({}, { now: Date.now() - 3_600_000 }) }));
    await deliver(msg('Authentication', { token: 'a.b.c' }));
    await deliver(msg('Login', { token: fakeToken({ kind: 'legal_entity' }) }));
    await deliver(msg('Authentication', { token: 42 }));
    await deliver('Authentication');
    expect(tokens.current).toBeUndefined();
    expect(ofType('tokenRefused').map((e) => e.reason)).toEqual(['expired', 'malformed', 'kind_mismatch']);
    expect(ofType('ignored').map((e) => e.reason)).toEqual(['malformed', 'not_object']);
    expect(targeted()).toEqual([]);
  });

  it('6. after pinning, hears only the pinned origin and tells it when its token is refused', async () => {
    await deliver(msg('Authentication', { token: fakeToken() }));
    const first = tokens.current;
    // A token that would be valid from evil.example, delivered through the same parent.
    await deliver(msg('Authentication', { token: fakeToken({ origins: [EVIL] }) }), { origin: EVIL });
    expect(tokens.current).toBe(first);
    expect(ofType('ignored')).toEqual([{ type: 'ignored', reason: 'wrong_origin', origin: EVIL }]);

    await deliver(msg('Authentication', { token: fakeToken({}, { now: Date.now() - 3_600_000 }) }));
    expect(tokens.current).toBe(first);
    expect(targeted()).toEqual([
      {
        message: msg('Error', { code: 'token_rejected', message: expect.stringContaining('expired') }),
        targetOrigin: HOST_ORIGIN,
      },
    ]);
  });
});

describe('Bridge: before the first token', () => {
  it("shows the parent's token_unavailable, without pinning its origin", async () => {
    await deliver(msg('Error', { code: 'token_unavailable', message: 'The shop is down.' }), {
      origin: EVIL,
    });
    expect(ofType('tokenUnavailable')).toEqual([{ type: 'tokenUnavailable', message: 'The shop is down.' }]);
    expect(bridge.origin).toBeUndefined();
    expect(targeted()).toEqual([]);
  });
});

describe('Bridge: after the handshake', () => {
  beforeEach(async () => {
    await deliver(msg('Login', { token: fakeToken({ kind: 'user', uid: 'shopper-42' }) }));
  });

  it('drops the token on Logout and reports token_unavailable, from the pinned host only', async () => {
    await deliver(msg('Logout'), { origin: EVIL });
    expect(tokens.current).toBeDefined();
    await deliver(msg('Logout'));
    expect(tokens.current).toBeUndefined();
    await deliver(msg('Error', { code: 'token_unavailable', message: 'Could not reach the shop.' }));
    expect(ofType('loggedOut')).toHaveLength(1);
    expect(ofType('tokenUnavailable')).toEqual([
      { type: 'tokenUnavailable', message: 'Could not reach the shop.' },
    ]);
    // A new token from the same host is accepted again (still pinned).
    await deliver(msg('Authentication', { token: fakeToken() }));
    expect(tokens.current?.kind).toBe('legal_entity');
  });

  it('posts LoginRequired and refresh_failed to the pinned origin only', async () => {
    bridge.loginRequired('save');
    bridge.reportRefreshFailed();
    expect(targeted().map((p) => [p.message.type, p.targetOrigin])).toEqual([
      ['LoginRequired', HOST_ORIGIN],
      ['Error', HOST_ORIGIN],
    ]);
    expect(targeted()[1]!.message).toMatchObject({ code: 'refresh_failed' });
  });

  it('on Connect, exposes the planner API on the rpc port, says ready, then posts events', async () => {
    const { Comlink, rpc, events: hostEvents } = await connect();
    const received = collect(hostEvents);
    bridge.expose(fakePlannerApi('Untitled', { name: 'Kitchen', version: 2 }));
    const remote = Comlink.wrap<PlannerApi>(rpc);
    expect(await remote.saveProject()).toEqual({ id: 'p1', name: 'Kitchen', version: 2 });

    expect(bridge.emit({ type: 'projectSaved', id: 'p1', name: 'Kitchen', version: 2 })).toBe(true);
    bridge.emit({ type: 'resize', height: 640 });
    bridge.requestToken('rejected', 'user');
    bridge.loginRequired('save');
    bridge.reportRefreshFailed('The session could not be renewed.');
    await deliver(msg('Authentication', { token: fakeToken({}, { now: Date.now() - 3_600_000 }) }));
    await vi.waitFor(() => expect(received).toHaveLength(7));
    expect(received).toEqual([
      { type: 'ready' },
      { type: 'projectSaved', id: 'p1', name: 'Kitchen', version: 2 },
      { type: 'resize', height: 640 },
      { type: 'tokenExpired', reason: 'rejected', kind: 'user' },
      { type: 'loginRequired', reason: 'save' },
      { type: 'error', code: 'refresh_failed', message: 'The session could not be renewed.' },
      { type: 'error', code: 'token_rejected', message: expect.stringContaining('expired') },
    ]);
    // Hosts without the SDK get the window messages all the same.
    expect(targeted().map((p) => p.message.type)).toEqual([
      'TokenExpired',
      'LoginRequired',
      'Error',
      'Error',
    ]);
    expect(() => bridge.expose(fakePlannerApi('Untitled', { name: 'Kitchen', version: 2 }))).toThrow(
      TypeError,
    );
  });

  it('says ready on Connect when the API was exposed before', async () => {
    bridge.expose(fakePlannerApi('Untitled', { name: 'Kitchen', version: 2 }));
    const { events: hostEvents } = await connect();
    const received = collect(hostEvents);
    await vi.waitFor(() => expect(received).toEqual([{ type: 'ready' }]));
  });

  it('ignores Connect from another origin or with the wrong number of ports', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    await deliver(msg('Connect'), { origin: EVIL, ports: [channel.port1, channel.port2] });
    await deliver(msg('Connect'), { ports: [channel.port1] });
    expect(bridge.connected).toBe(false);
    expect(ofType('ignored').map((e) => e.reason)).toEqual(['wrong_origin', 'malformed']);
  });

  it('closes the ports of every message it ignores (a stranger may send thousands)', async () => {
    const stranger = new MessageChannel();
    const malformed = new MessageChannel();
    channels.push(stranger, malformed);
    const closed = (port: MessagePort) =>
      new Promise<void>((resolve) =>
        (port as unknown as { once(e: 'close', f: () => void): void }).once('close', resolve),
      );
    const both = Promise.all([closed(stranger.port1), closed(malformed.port1)]);
    await deliver(msg('Connect'), { source: { postMessage: vi.fn() }, ports: [stranger.port2] });
    await deliver(msg('Logout', { v: 2 }), { ports: [malformed.port2] });
    vi.useRealTimers();
    await both;
    expect(ofType('ignored').map((e) => e.reason)).toEqual(['wrong_source', 'unknown_version']);
  });

  /** Connects like the SDK: two channels, one end of each handed over in Connect. */
  async function connect() {
    const Comlink = await import('comlink');
    const rpc = new MessageChannel();
    const ev = new MessageChannel();
    channels.push(rpc, ev);
    await deliver(msg('Connect'), { ports: [rpc.port2, ev.port2] });
    expect(ofType('connected')).toHaveLength(1);
    return { Comlink, rpc: rpc.port1, events: ev.port1 };
  }
});

describe('Bridge: Connect before the first token', () => {
  it('keeps the ports until a token from that origin pins it', async () => {
    const rpc = new MessageChannel();
    const events = new MessageChannel();
    channels.push(rpc, events);
    await deliver(msg('Connect'), { ports: [rpc.port2, events.port2] });
    expect(bridge.connected).toBe(false);
    await deliver(msg('Authentication', { token: fakeToken() }));
    expect(bridge.connected).toBe(true);
    const received = collect(events.port1);
    bridge.emit({ type: 'resize', height: 1 });
    await vi.waitFor(() => expect(received).toEqual([{ type: 'resize', height: 1 }]));
  });
});

describe('Bridge: destroy', () => {
  it('stops Ready, stops listening and is idempotent', async () => {
    bridge.destroy();
    bridge.destroy();
    expect(win.listenerCount).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(win.parent.posted).toHaveLength(1);
  });
});
