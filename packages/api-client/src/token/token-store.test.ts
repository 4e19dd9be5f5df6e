import { describe, expect, it, vi } from 'vitest';
import { fakeToken, HOST_ORIGIN } from '../testing/fake-jwt.ts';
import { TokenStore } from './token-store.ts';

const MIN = 60_000;
const PLATFORM_NOW = Date.UTC(2030, 0, 1, 12);

/** A store whose clock reads the platform's time plus `skewMs`, advanced by `clock.tick`. */
function setup(skewMs = 0) {
  const clock = { now: PLATFORM_NOW + skewMs, tick: (ms: number) => (clock.now += ms) };
  const store = new TokenStore({ now: () => clock.now });
  return { clock, store };
}

const from = { origin: HOST_ORIGIN };
/** A token issued at the platform's now. */
const issued = (overrides: Parameters<typeof fakeToken>[0] = {}) =>
  fakeToken(overrides, { now: PLATFORM_NOW });

describe('TokenStore', () => {
  it('installs a fresh token: usable until the leeway, refresh due a minute before expiry', () => {
    const { clock, store } = setup();
    const result = store.install(fakeToken({}, { now: PLATFORM_NOW, lifetimeSeconds: 300 }), from);
    expect(result).toMatchObject({ ok: true, changed: true });
    expect(store.current?.expiresAt).toBe(clock.now + 300_000);
    expect(store.stateOf()).toBe('fresh');
    clock.tick(239_999);
    expect(store.stateOf()).toBe('fresh');
    clock.tick(1);
    expect(store.stateOf()).toBe('refresh_due');
    clock.tick(30_000);
    expect(store.stateOf()).toBe('expired');
  });

  it.each([
    ['5 minutes ahead', 5 * MIN],
    ['5 minutes behind', -5 * MIN],
    ['4 hours behind', -4 * 60 * MIN],
  ])('judges expiry from receipt time and lifetime when the clock is %s', (_, skew) => {
    const { clock, store } = setup(skew);
    expect(store.install(fakeToken({}, { now: PLATFORM_NOW, lifetimeSeconds: 300 }), from).ok).toBe(true);
    expect(store.current?.expiresAt).toBe(clock.now + 300_000);
    clock.tick(239_000);
    expect(store.stateOf()).toBe('fresh');
  });

  it('counts the age of an old token that the skew bound cannot explain', () => {
    // An accurate clock and a token minted 8 minutes ago with 10 to live: 2 minutes left at
    // the platform. The estimate grants the clock 5 minutes of error: 7 minutes, not 10.
    const { clock, store } = setup();
    store.install(fakeToken({}, { now: PLATFORM_NOW - 8 * MIN, lifetimeSeconds: 600 }), from);
    expect(store.current?.expiresAt).toBe(clock.now + 7 * MIN);
  });

  it.each([
    ['an hour past exp on an accurate clock', 0, -65 * MIN],
    ['past exp even granting the clock 5 minutes of error', 0, -10 * MIN - 1000],
  ])('refuses a token %s', (_, skew, issuedAgo) => {
    const { store } = setup(skew);
    const result = store.install(
      fakeToken({}, { now: PLATFORM_NOW + issuedAgo, lifetimeSeconds: 300 }),
      from,
    );
    expect(result).toEqual({ ok: false, reason: 'expired' });
    expect(store.current).toBeUndefined();
  });

  it('refuses a token from an origin not in its claims, and opaque origins', () => {
    const { store } = setup();
    const token = issued({ origins: ['https://Shop.Example:443/', 'null'] });
    expect(store.install(token, { origin: 'https://evil.example' })).toEqual({
      ok: false,
      reason: 'origin_not_allowed',
    });
    expect(store.install(token, { origin: 'null' })).toEqual({ ok: false, reason: 'origin_not_allowed' });
    // The claim's entries are normalized: case and default port.
    expect(store.install(token, { origin: 'https://shop.example' }).ok).toBe(true);
  });

  it('refuses a malformed token and a kind other than the message announced', () => {
    const { store } = setup();
    expect(store.install('a.b.c', from)).toEqual({ ok: false, reason: 'malformed' });
    expect(store.install(issued({ kind: 'legal_entity' }), { ...from, kind: 'user' })).toEqual({
      ok: false,
      reason: 'kind_mismatch',
    });
    expect(store.current).toBeUndefined();
  });

  it('keeps the record (and its receipt time) when the same token is handed over again', () => {
    const { clock, store } = setup();
    const listener = vi.fn();
    store.subscribe(listener);
    const token = fakeToken({}, { now: PLATFORM_NOW });
    const first = store.install(token, from);
    clock.tick(200_000);
    const again = store.install(token, from);
    expect(again).toEqual({ ok: true, record: first.ok && first.record, changed: false });
    expect(listener).toHaveBeenCalledOnce();
  });

  it('keeps a short-lived token usable: leeway and early refresh are capped by its life', () => {
    const { clock, store } = setup();
    store.install(fakeToken({}, { now: PLATFORM_NOW, lifetimeSeconds: 20 }), from);
    expect(store.stateOf()).toBe('fresh');
    clock.tick(10_000);
    expect(store.stateOf()).toBe('refresh_due');
    clock.tick(5_000);
    expect(store.stateOf()).toBe('expired');
  });

  it('treats a token the platform rejected as expired, and notifies installs and clears', () => {
    const { store } = setup();
    const changes: string[] = [];
    store.subscribe((change) => changes.push(change.type));
    const result = store.install(issued(), from);
    if (!result.ok) throw new Error('not installed');
    store.markRejected(result.record);
    expect(store.stateOf()).toBe('expired');
    store.clear();
    expect(store.current).toBeUndefined();
    expect(store.stateOf()).toBeUndefined();
    expect(changes).toEqual(['installed', 'cleared']);
  });

  it("judges an aged token by the platform's clock once an answer's Date told it, and re-times the current one in place", () => {
    // The clock runs 2 minutes slow; the token was minted 3 minutes before it arrived.
    const { clock, store } = setup(-2 * MIN);
    const aged = fakeToken({}, { now: PLATFORM_NOW - 3 * MIN, lifetimeSeconds: 300 });
    store.install(aged, from);
    const record = store.current!;
    // Alone, +1 minute looks like skew: 5 minutes of life.
    expect(record.expiresAt - clock.now).toBe(5 * MIN);
    store.observePlatformDate(new Date(PLATFORM_NOW).toUTCString(), clock.now, clock.now + 50);
    expect(store.platformOffsetMs).toBeGreaterThanOrEqual(2 * MIN - 1000);
    expect(store.current).toBe(record);
    expect(Math.abs(record.expiresAt - clock.now - 2 * MIN)).toBeLessThanOrEqual(1000);
    expect(record.skewMs).toBe(-store.platformOffsetMs!);
    clock.tick(95_000);
    expect(store.stateOf()).toBe('expired');

    // The next token, aged the same way, is timed on the platform's clock from the start.
    store.install(fakeToken({}, { now: PLATFORM_NOW + 95_000 - 3 * MIN, lifetimeSeconds: 300 }), from);
    expect(Math.abs(store.current!.expiresAt - clock.now - 2 * MIN)).toBeLessThanOrEqual(1000);
  });
});
