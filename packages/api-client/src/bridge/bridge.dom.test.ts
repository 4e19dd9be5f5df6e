// @vitest-environment happy-dom
/**
 * The bridge on a DOM `window` with real `MessageEvent`s (happy-dom), without the fakes:
 * checks it finds the global window and reads `source`, `origin` and `ports` as browsers
 * set them. happy-dom does not load iframes, so this window is its own parent (top level).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeToken, HOST_ORIGIN } from '../testing/fake-jwt.ts';
import { TokenStore } from '../token/token-store.ts';
import { Bridge } from './bridge.ts';

const post = (data: unknown, init: MessageEventInit = {}) =>
  window.dispatchEvent(new MessageEvent('message', { data, origin: HOST_ORIGIN, source: window, ...init }));

let bridge: Bridge | undefined;
afterEach(() => bridge?.destroy());

describe('Bridge on a DOM window', () => {
  it('uses the global window and accepts a token only with the right source and origin', async () => {
    const tokens = new TokenStore();
    // Signatures are bridge.verify.test.ts's subject; this test is about the DOM's events.
    bridge = new Bridge({ tokens, verifyToken: async () => 'genuine', plannerVersion: '1' });
    const token = fakeToken();
    const message = { ns: 'planner', v: 1, type: 'Authentication', token };

    post(message, { source: null });
    post(message, { origin: 'https://evil.example' });
    await bridge.idle();
    expect(tokens.current).toBeUndefined();

    post(message);
    await bridge.idle();
    expect(tokens.current?.token).toBe(token);
    expect(bridge.origin).toBe(HOST_ORIGIN);
  });
});
