/**
 * Just enough of a browser page for the SDK's unit tests in Node: the window's `message`
 * listeners, `document.createElement('iframe')`, and iframes whose window records what is
 * posted to it. MessageChannel, EventTarget and CustomEvent are Node's own.
 */
import { type Mock, vi } from 'vitest';

export interface FakeIframe {
  src: string;
  title: string;
  allow?: string;
  style: { cssText: string; height: string };
  contentWindow: { postMessage: Mock } | null;
  remove: Mock;
}

export const fakeIframe = (src = ''): FakeIframe => ({
  src,
  title: '',
  style: { cssText: '', height: '' },
  contentWindow: { postMessage: vi.fn() },
  remove: vi.fn(),
});

/** A JWT-shaped token whose payload has the given `kind` (unsigned: the host never verifies). */
export const jwt = (kind: string, extra: Record<string, unknown> = {}) =>
  [
    Buffer.from('{"alg":"ES256"}').toString('base64url'),
    Buffer.from(JSON.stringify({ kind, ...extra })).toString('base64url'),
    'c2lnbmF0dXJl',
  ].join('.');

/** The fake page's `location.href`. */
export const HOST_PAGE = 'https://shop.example/planner?room=1#top';

/** Installs the fake window and document (undone by `vi.unstubAllGlobals()`). */
export function installFakeDom() {
  const listeners = new Set<(event: MessageEvent) => void>();
  const created: FakeIframe[] = [];
  vi.stubGlobal('addEventListener', (type: string, listener: (event: MessageEvent) => void) => {
    if (type === 'message') listeners.add(listener);
  });
  vi.stubGlobal('removeEventListener', (_type: string, listener: (event: MessageEvent) => void) => {
    listeners.delete(listener);
  });
  // The host page's address: the share link `embedPlanner` sends by default.
  vi.stubGlobal('location', { href: HOST_PAGE });
  vi.stubGlobal('document', {
    createElement: (tag: string) => {
      if (tag !== 'iframe') throw new Error(`unexpected element ${tag}`);
      const iframe = fakeIframe();
      created.push(iframe);
      return iframe;
    },
  });
  return {
    listeners,
    created,
    /** Delivers a window `message` event as the browser would. */
    deliver(source: unknown, origin: string, data: unknown) {
      for (const listener of [...listeners]) listener({ source, origin, data } as MessageEvent);
    },
  };
}

/** Lets pending promises and MessagePort deliveries run (setImmediate is never faked here). */
export const settle = () => new Promise((resolve) => setImmediate(resolve));
