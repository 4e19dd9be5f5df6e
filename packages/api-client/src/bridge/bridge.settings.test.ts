/** The theme and locale the host sends (`Settings`), and the basket and analytics the planner sends (issue 12). */
import { type AnalyticsMessage, type BasketMessage, isAnalytics, isBasket, message } from '@planner/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeToken, HOST_ORIGIN } from '../testing/fake-jwt.ts';
import { FakeWindow } from '../testing/fake-window.ts';
import { TokenStore } from '../token/token-store.ts';
import { Bridge, type BridgeEventMap } from './bridge.ts';

const EVIL = 'https://evil.example';
const msg = (type: string, body: Record<string, unknown> = {}) => ({ ns: 'planner', v: 1, type, ...body });
const theme = { accent: '#8a2be2', radius: 4 };

let win: FakeWindow;
let bridge: Bridge;
let settings: BridgeEventMap['settings'][];

beforeEach(() => {
  vi.useFakeTimers();
  win = new FakeWindow();
  bridge = new Bridge({
    tokens: new TokenStore(),
    verifyToken: async () => 'genuine',
    plannerVersion: '1',
    window: win,
  });
  settings = [];
  bridge.on('settings', ({ type: _type, ...s }) => settings.push(s));
});
afterEach(() => {
  bridge.destroy();
  vi.useRealTimers();
});

async function deliver(...args: Parameters<FakeWindow['deliver']>) {
  win.deliver(...args);
  await bridge.idle();
}

describe('Bridge: Settings', () => {
  it('keeps Settings that come before the first token, and applies them once its origin is pinned', async () => {
    await deliver(msg('Settings', { theme, locale: 'de' }));
    expect(settings).toEqual([]);
    await deliver(msg('Authentication', { token: fakeToken() }));
    expect(settings).toEqual([{ theme, locale: 'de' }]);
    await deliver(msg('Settings', { locale: 'fr' }));
    expect(settings).toEqual([{ theme, locale: 'de' }, { locale: 'fr' }]);
  });

  it('drops early Settings from an origin that a token did not pin', async () => {
    await deliver(msg('Settings', { theme }), { origin: EVIL });
    await deliver(msg('Authentication', { token: fakeToken() }));
    expect(settings).toEqual([]);
  });

  it('after pinning, hears Settings from the pinned origin only', async () => {
    await deliver(msg('Authentication', { token: fakeToken() }));
    await deliver(msg('Settings', { theme }), { origin: EVIL });
    expect(settings).toEqual([]);
  });

  it.each([
    [{ theme: { accent: 'red;}body{background:url(https://evil.example/x)' } }],
    [{ theme: { font: 'url(https://evil.example/font.woff)' } }],
    [{ theme: { accent: '#fff', 'background-image': 'url(x)' } }],
    [{ locale: 'de;x' }],
    [{ theme, css: '* { display: none }' }],
  ])('refuses hostile Settings %j whole, and says why only to diagnostics', async (body) => {
    await deliver(msg('Authentication', { token: fakeToken() }));
    const ignored = vi.fn();
    bridge.on('ignored', ignored);
    await deliver(msg('Settings', body));
    expect(settings).toEqual([]);
    expect(ignored).toHaveBeenCalledWith(expect.objectContaining({ reason: 'malformed' }));
  });
});

describe('Bridge: send', () => {
  const basket = message<BasketMessage>('Basket', {
    currency: 'EUR',
    lines: [{ sku: 'sofa', name: 'Sofa', quantity: 1, unit_cents: 100, subtotal_cents: 100 }],
    total_cents: 100,
  });

  it('posts Basket and Analytics to the pinned origin only, and nothing before pinning', async () => {
    expect(isBasket(basket)).toBe(true);
    const started = message<AnalyticsMessage>('Analytics', { event: 'design_started' });
    expect(isAnalytics(started)).toBe(true);
    expect(bridge.send(basket)).toBe(false);
    await deliver(msg('Authentication', { token: fakeToken() }));
    expect(bridge.send(basket)).toBe(true);
    expect(bridge.send(started)).toBe(true);
    const posted = win.parent.posted.filter((p) => p.targetOrigin !== '*');
    expect(posted).toEqual([
      { message: basket, targetOrigin: HOST_ORIGIN },
      { message: started, targetOrigin: HOST_ORIGIN },
    ]);
  });
});
