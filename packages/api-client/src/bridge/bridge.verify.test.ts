/**
 * The bridge with real signatures (issue 9): a page can post any JWT-shaped string naming
 * itself in `origins`; only a token the platform signed may pin an origin, open the RPC
 * channel or reach the token store.
 */
import type { PlannerApi } from '@planner/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClaims, fakeJwt, HOST_ORIGIN } from '../testing/fake-jwt.ts';
import { FakeWindow } from '../testing/fake-window.ts';
import { collect, fakePlannerApi } from '../testing/planner-api.ts';
import { keySet, PLATFORM, type SigningKey, signingKey, signToken } from '../testing/platform-keys.ts';
import { TokenStore } from '../token/token-store.ts';
import { createTokenVerifier, type Verification, type VerifyToken } from '../token/verify-token.ts';
import { Bridge, type BridgeEventMap } from './bridge.ts';

const EVIL = 'https://evil.example';
const msg = (type: string, body: Record<string, unknown> = {}) => ({ ns: 'planner', v: 1, type, ...body });
type BridgeEvent = { [K in keyof BridgeEventMap]: BridgeEventMap[K] & { type: K } }[keyof BridgeEventMap];

let platform: SigningKey;
let attacker: SigningKey;
let win: FakeWindow;
let tokens: TokenStore;
let bridge: Bridge;
let events: BridgeEvent[];
const channels: MessageChannel[] = [];

function start(
  verifyToken: VerifyToken = createTokenVerifier({ issuer: PLATFORM, keys: keySet(platform) }),
  readyRetryMs = 60_000,
) {
  win = new FakeWindow();
  tokens = new TokenStore();
  bridge = new Bridge({ tokens, verifyToken, plannerVersion: '1', window: win, readyRetryMs });
  events = [];
  bridge.onAny((event) => events.push(event));
}

beforeEach(async () => {
  platform = await signingKey('k1');
  // The attacker knows the platform's key id and claim shapes, not its private key.
  attacker = await signingKey('k1');
  start();
});

afterEach(() => {
  bridge.destroy();
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

const ofType = <K extends BridgeEvent['type']>(type: K) =>
  events.filter((e): e is Extract<BridgeEvent, { type: K }> => e.type === type);
const targeted = () => win.parent.posted.filter((p) => p.targetOrigin !== '*');

function ports() {
  const rpc = new MessageChannel();
  const ev = new MessageChannel();
  channels.push(rpc, ev);
  return { rpc, ev };
}

describe('Bridge: only a token the platform signed pins an origin', () => {
  it('a forged token naming its sender gets nothing; a genuine host then connects to the same planner', async () => {
    bridge.expose(fakePlannerApi('Ben lounge'));
    const evil = ports();
    const forged = await signToken(attacker, { kind: 'user', uid: 'ada', origins: [EVIL] });
    const unsigned = fakeJwt(fakeClaims({ origins: [EVIL] }));
    win.deliver(msg('Connect'), { origin: EVIL, ports: [evil.rpc.port2, evil.ev.port2] });
    win.deliver(msg('Login', { token: forged }), { origin: EVIL });
    win.deliver(msg('Authentication', { token: unsigned }), { origin: EVIL });
    await bridge.idle();

    expect(tokens.current).toBeUndefined();
    expect(bridge.origin).toBeUndefined();
    expect(bridge.connected).toBe(false);
    expect(ofType('tokenRefused')).toEqual([
      { type: 'tokenRefused', reason: 'forged', origin: EVIL, pinned: false },
      { type: 'tokenRefused', reason: 'forged', origin: EVIL, pinned: false },
    ]);
    // Nothing was posted to anyone but the untargeted Ready.
    expect(targeted()).toEqual([]);
    expect(ofType('tokenAccepted')).toEqual([]);

    // The genuine host, in the same planner.
    const host = ports();
    const received = collect(host.ev.port1);
    const genuine = await signToken(platform, { kind: 'user', uid: 'ben' });
    win.deliver(msg('Connect'), { ports: [host.rpc.port2, host.ev.port2] });
    win.deliver(msg('Login', { token: genuine }));
    await bridge.idle();
    expect(tokens.current?.token).toBe(genuine);
    expect(bridge.origin).toBe(HOST_ORIGIN);
    expect(bridge.connected).toBe(true);
    const Comlink = await import('comlink');
    expect(await Comlink.wrap<PlannerApi>(host.rpc.port1).getProject()).toMatchObject({ name: 'Ben lounge' });
    expect(received).toContainEqual({ type: 'ready' });
  });

  it('a forged token from the pinned host is refused and the host is told; the genuine one stays', async () => {
    const genuine = await signToken(platform);
    win.deliver(msg('Authentication', { token: genuine }));
    await bridge.idle();
    win.deliver(msg('Authentication', { token: await signToken(attacker) }));
    await bridge.idle();
    expect(tokens.current?.token).toBe(genuine);
    expect(ofType('tokenRefused')).toEqual([
      { type: 'tokenRefused', reason: 'forged', origin: HOST_ORIGIN, pinned: true },
    ]);
    expect(targeted()).toEqual([
      {
        message: msg('Error', { code: 'token_rejected', message: expect.stringContaining('not signed') }),
        targetOrigin: HOST_ORIGIN,
      },
    ]);
  });

  it('a genuine token from a page it does not name is still refused (origin_not_allowed)', async () => {
    win.deliver(msg('Authentication', { token: await signToken(platform) }), { origin: EVIL });
    await bridge.idle();
    expect(bridge.origin).toBeUndefined();
    expect(ofType('tokenRefused').map((e) => e.reason)).toEqual(['origin_not_allowed']);
  });
});

describe('Bridge: verification takes time', () => {
  /** A verifier whose answers the test releases one by one. */
  function heldVerifier() {
    const held: Array<{ token: string; release: (v: Verification) => void }> = [];
    const verify: VerifyToken = (token) => new Promise((release) => held.push({ token, release }));
    return { held, verify };
  }

  it('takes tokens in the order they came, whichever verification ends first', async () => {
    const { held, verify } = heldVerifier();
    bridge.destroy();
    start(verify);
    const first = await signToken(platform);
    const second = await signToken(platform);
    win.deliver(msg('Authentication', { token: first }));
    win.deliver(msg('Authentication', { token: second }));
    await until(() => held.length === 1);
    held[0]!.release('genuine');
    await until(() => held.length === 2);
    held[1]!.release('genuine');
    await bridge.idle();
    expect(ofType('tokenAccepted').map((e) => e.first)).toEqual([true, false]);
    expect(tokens.current?.token).toBe(second);
  });

  it('drops a token still being verified when the host logs out after sending it', async () => {
    const { held, verify } = heldVerifier();
    bridge.destroy();
    start(verify);
    win.deliver(msg('Authentication', { token: await signToken(platform) }));
    await until(() => held.length === 1);
    held[0]!.release('genuine');
    await bridge.idle();
    const ada = await signToken(platform, { kind: 'user', uid: 'ada' });
    win.deliver(msg('Login', { token: ada }));
    await until(() => held.length === 2);
    win.deliver(msg('Logout'));
    held[1]!.release('genuine');
    await bridge.idle();
    expect(tokens.current).toBeUndefined();
    expect(ofType('tokenAccepted')).toHaveLength(1);
  });
});

describe('Bridge: Ready while a token is verified', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('skips Ready while verifying (each would fetch another token), goes on after a refusal, stops at the pin', async () => {
    const genuine = await signToken(platform);
    const forged = await signToken(attacker);
    vi.useFakeTimers();
    const held: Array<(v: Verification) => void> = [];
    bridge.destroy();
    start(() => new Promise((release) => held.push(release)), 250);
    const readys = () => win.parent.sent('Ready').length;
    expect(readys()).toBe(1);

    win.deliver(msg('Authentication', { token: forged }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(held).toHaveLength(1);
    expect(readys()).toBe(1);
    held[0]!('forged');
    await bridge.idle();
    // The back-off went on meanwhile (5 s at most): the next Ready is due within that.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(readys()).toBe(2);

    win.deliver(msg('Authentication', { token: genuine }));
    await vi.advanceTimersByTimeAsync(0);
    held[1]!('genuine');
    await bridge.idle();
    expect(bridge.origin).toBe(HOST_ORIGIN);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(readys()).toBe(2);
  });
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 1));
  }
}
